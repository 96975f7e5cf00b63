"""Dashboard overview latency with works-council disclosure control on, at 100,000 and 10,000,000 clicks
(PostgreSQL): prints p50/p95 per range for both databases and the 10M/100K p95 ratio.

    cd backend && DATABASE_URL=postgres://postgres@127.0.0.1/sb_analytics_bench BENCH_GENERATE=1 \
        ../.venv/bin/python ../bench/analytics_overview.py

Databases (on DATABASE_URL's server, each name must contain "bench"): BENCH_SMALL_DB (default: the URL's
name + "_small", 100,000 clicks and 5,000 shares) and BENCH_LARGE_DB (default: the URL's name, 10,000,000
clicks and 500,000 shares). BENCH_GENERATE=1 fills both first: raw facts with generate_series
(bench/analytics_data.py), then the rollup tables in bulk with the rows the rollup writes, checked
against the real `rollup_day` on sample days (bench/analytics_bulk_rollup.py). Without it, the databases
must be filled already. Requests go through Django's test client in-process (no network), as a manager
with works-council mode on: the figures are the last closed months and every figure passes disclosure
control. The decisions of the published months are made ready first as the analytics worker does after
its periodic rollup (`decisions_warm`, timed); requests then read them (DisclosureDecision) until a day of
the month is rolled up again. "CPU ms" is the Django process's CPU time per request (median): the part
that does not depend on how busy the machine is (the database's share is in the last line).
"""

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "100"))
SIZES = {"100K": (100_000, 5_000), "10M": (10_000_000, 500_000)}


def count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
        return int(cursor.fetchone()[0])


def use_database(name: str) -> None:
    connections["default"].close()
    connections["default"].settings_dict["NAME"] = name


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(int(len(ordered) * share + 0.999999) - 1, 0)]


def measure(label: str) -> dict[str, tuple[float, float, float]]:
    from sichtbar.accounts.models import Role, User
    from sichtbar.analytics import services
    from sichtbar.analytics.models import DisclosureDecision

    with connection.cursor() as cursor:
        # the steady state of a live database (autovacuum has run): visibility maps set, statistics fresh
        for table in [
            "analytics_dailyfact",
            "analytics_dailysummary",
            "analytics_userdayfact",
            "analytics_adoptionday",
            "analytics_sharemonth",
            "analytics_contentsharemonth",
            "analytics_contributormonth",
            "analytics_membershipperiod",
        ]:
            cursor.execute(f"VACUUM ANALYZE {table}")
    manager = User.objects.filter(role=Role.MANAGER, is_active=True).order_by("id").first()
    services.analytics_settings_update(actor=manager, data={"works_council_mode": True})
    from sichtbar.analytics.disclosure import decisions_warm

    DisclosureDecision.objects.all().delete()
    # what the analytics worker does after its periodic rollup, until every published month is ready
    start, rounds = time.perf_counter(), 0
    while decisions_warm(budget=2):
        rounds += 1
    warm_seconds = time.perf_counter() - start
    client = APIClient(SERVER_NAME="localhost")
    client.force_login(manager)
    today = timezone.localdate()
    print(
        f"\n{connection.settings_dict['NAME']} ({label}): {count('links_click'):,} clicks, "
        f"{count('sharing_share'):,} shares, {count('analytics_dailyfact'):,} daily fact rows; "
        f"works-council mode on; {ROUNDS} requests per range",
        flush=True,
    )
    print(
        f"decisions of the last 25 published months made ready by the worker in {warm_seconds:.1f} s "
        f"({rounds} runs of at most 2 months)"
    )
    print(f"{'range':<28} {'first ms':>9} {'p50 ms':>8} {'p95 ms':>8} {'CPU ms':>7}")
    ranges = {
        "last 30 days (default)": "",
        "last 90 days": f"?start={today - timedelta(days=89)}&end={today}",
        "last 365 days": f"?start={today - timedelta(days=364)}&end={today}",
        "30 days, one department": "?department=3",
        "30 days, one network": "?network=xing",
    }
    results = {}
    for name, query in ranges.items():
        path = f"/api/v1/analytics/overview/{query}"
        start = time.perf_counter()
        response = client.get(path)
        cold = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, response.content[:300]
        assert response.json()["works_council_mode"] is True
        for _ in range(5):
            client.get(path)
        timings, cpu = [], []
        for _ in range(ROUNDS):
            start, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200, response.content[:300]
        results[name] = (cold, statistics.median(timings), percentile(timings, 0.95))
        print(
            f"{name:<28} {cold:>9.1f} {results[name][1]:>8.1f} {results[name][2]:>8.1f} "
            f"{statistics.median(cpu):>7.1f}",
            flush=True,
        )
    from django.test.utils import CaptureQueriesContext

    db_times, queries = [], 0
    for _ in range(20):
        with CaptureQueriesContext(connection) as captured:
            client.get("/api/v1/analytics/overview/")
        db_times.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
        queries = len(captured.captured_queries)
    print(
        f"default range: database time per request median {statistics.median(db_times):.1f} ms "
        f"in {queries} queries"
    )
    return results


def main() -> None:
    if connection.vendor != "postgresql":
        print("skipped: needs DATABASE_URL of a PostgreSQL server (see docs/performance.md, analytics)")
        return
    base = connection.settings_dict["NAME"]
    names = {
        "100K": os.environ.get("BENCH_SMALL_DB", f"{base}_small"),
        "10M": os.environ.get("BENCH_LARGE_DB", base),
    }
    if any("bench" not in name for name in names.values()):
        sys.exit(f"refusing: database names must contain 'bench' ({names})")
    results = {}
    for label, name in names.items():
        use_database(name)
        if os.environ.get("BENCH_GENERATE"):
            import analytics_bulk_rollup
            import analytics_data

            call_command("migrate", verbosity=0)
            clicks, shares = SIZES[label]
            started = time.perf_counter()
            analytics_data.generate(clicks=clicks, shares=shares)
            analytics_bulk_rollup.bulk_rollup()
            today = timezone.localdate()
            analytics_bulk_rollup.verify([today - timedelta(days=45), today - timedelta(days=200)])
            print(f"{name}: generated and rolled up in {time.perf_counter() - started:.0f} s", flush=True)
        results[label] = measure(label)
    print("\np95 10M / p95 100K (target ≤ 2; p95 at 10M target ≤ 200 ms)")
    for name in results["10M"]:
        small, large = results["100K"][name][2], results["10M"][name][2]
        verdict = "met" if large <= 200 and large / small <= 2 else "MISSED"
        print(f"{name:<28} {small:>8.1f} → {large:>8.1f} ms   ratio {large / small:5.2f}   {verdict}")


if __name__ == "__main__":
    main()
