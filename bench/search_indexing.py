"""Indexing cost with embeddings (prints, never asserts): re-indexing one changed profile, and the
throughput of indexing many changed profiles, from which the time for 100,000 is extrapolated.

Seeds the demo company into a throwaway database (SQLite unless DATABASE_URL is set), indexes it, then
  1. changes one profile's headline and re-indexes it (its passages are embedded again), --single times;
  2. changes the headline of --batch profiles and indexes them the way the sweep does (batches of 200).
The load average is printed with each figure: the machine may be shared.
Run: .venv/bin/python bench/search_indexing.py [--batch 200] [--single 10] [--threads 1]
"""

import argparse
import os
import statistics
import time

from search_common import seed_demo, setup_django, throwaway_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--single", type=int, default=10)
    parser.add_argument("--threads", type=int, default=1, help="SEARCH_EMBEDDING_THREADS")
    args = parser.parse_args()
    os.environ["SEARCH_SEMANTIC"] = "true"
    os.environ["SEARCH_EMBEDDING_THREADS"] = str(args.threads)
    setup_django()
    from django.db import connection

    with throwaway_database(suffix="_indexing"):
        from sichtbar.profiles.models import Profile
        from sichtbar.search.services import search_index_dirty, search_index_profiles

        seed_demo()
        search_index_dirty()
        ids = list(Profile.objects.order_by("id").values_list("id", flat=True))
        print(f"{len(ids)} demo profiles, {connection.vendor}, embedding threads {args.threads}")

        single = []
        for run in range(args.single):
            Profile.objects.filter(id=ids[run]).update(headline_de=f"Beraterin für Thema {run}")
            started = time.perf_counter()
            search_index_profiles(profile_ids=[ids[run]])
            single.append(time.perf_counter() - started)
        print(
            f"re-index one changed profile: median {statistics.median(single) * 1000:.0f} ms,"
            f" max {max(single) * 1000:.0f} ms over {len(single)}"
            f"  (load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores)"
        )

        batch = ids[: args.batch]
        for n, pid in enumerate(batch):
            Profile.objects.filter(id=pid).update(headline_de=f"Expertin Nummer {n}", search_dirty=True)
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        done = search_index_dirty()
        elapsed = time.perf_counter() - started
        per_profile = elapsed / max(done, 1)
        print(
            f"index {done} changed profiles: {elapsed:.1f} s, {per_profile * 1000:.0f} ms a profile"
            f" → 100,000 profiles ≈ {per_profile * 100_000 / 60:.0f} min"
            f"  (load average {load_before:.1f} → {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores)"
        )


if __name__ == "__main__":
    main()
