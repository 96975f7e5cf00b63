"""Latency of the public expert search over HTTP on loopback, facets included (prints, never asserts).

Generates N profiles (default 10,000) into a throwaway test database (PostgreSQL when DATABASE_URL names
one; SQLite otherwise, the embedded default, a file beside the development database), indexes them
through the normal batched indexing, starts gunicorn on 127.0.0.1 in a subprocess and sends a bounded
number of public search requests one after another.

  DATABASE_URL=postgres://postgres@127.0.0.1:5432/sichtbar_search .venv/bin/python bench/search_latency.py
  … --profiles 100000 --requests 400 --keep   (keep the generated database for a second run: --reuse)
  … --reuse --reindex            (after a change to what is indexed: rebuild the index of a kept database)
  … --cache-seconds 0            (the result cache off: every request runs the search; default 60 as in
                                  production, where repeated queries within a minute are served from it)
  .venv/bin/python bench/search_latency.py --redis-url ''   (SQLite and no Redis: the embedded default)
  … --redis-url ''               (no Redis: cache in process memory and search appearances written to the
                                  database per request, as in embedded mode; default: a Redis database of
                                  its own, emptied first, as a PostgreSQL deployment runs with Redis)
"""

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from search_common import BACKEND_DIR, setup_django, throwaway_database

QUERIES = [
    {"q": "Kubernetes"},
    {"q": "K8s"},
    {"q": "Cloudmigration"},
    {"q": "Steuerrecht"},
    {"q": "Maschinelles Lernen"},
    {"q": "Datenschutz", "available": "press"},
    {"q": "SAP S/4HANA", "min_level": "3"},
    {"q": "Pyhton"},
    {"q": "Hoffmann"},
    {"q": ""},
    {"q": "", "skill": "kubernetes", "min_level": "4"},
    {"q": "Recruiting", "language": "en"},
    {"q": "Wir wollen unsere Anwendungen in die Cloud migrieren"},
    {"q": "Pressearbeit", "ordering": "name"},
    {"q": "Who can help our staff with their tax returns?"},  # semantic part, across languages
    {"q": "Arbeitsvertrag"},
]


def generate(count: int) -> None:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from sichtbar.accounts.demo import seed_accounts
    from sichtbar.accounts.models import Department, Location, User
    from sichtbar.profiles import demo
    from sichtbar.profiles.models import Profile, ProfileLanguage, ProfileSkill, Skill, Visibility
    from sichtbar.search.services import search_index_dirty

    rng = random.Random(42)  # noqa: S311
    seed_accounts()
    demo.seed()  # the demo taxonomy and ~300 realistic profiles
    skills = {s.slug: s for s in Skill.objects.all()}
    departments = {d.name: d for d in Department.objects.all()}
    locations = list(Location.objects.all())
    password = make_password("bench-password-123")
    missing = count - Profile.objects.count()
    batch = 2000
    made = 0
    start = User.objects.filter(email__endswith="@bench.example").count()  # topping up a kept database
    while made < missing:
        size = min(batch, missing - made)
        with transaction.atomic():
            users = User.objects.bulk_create(
                [
                    User(
                        email=f"bench{start + made + i}@bench.example",
                        first_name=rng.choice(demo.FIRST_NAMES),
                        last_name=rng.choice(demo.LAST_NAMES),
                        department=departments.get(
                            demo.ARCHETYPES[(made + i) % len(demo.ARCHETYPES)]["department"]
                        ),
                        location=rng.choice(locations),
                        password=password,
                    )
                    for i in range(size)
                ]
            )
            users = list(User.objects.filter(email__in=[u.email for u in users]).order_by("id"))
            profiles = []
            plans = []
            for i, user in enumerate(users):
                archetype = demo.ARCHETYPES[(made + i) % len(demo.ARCHETYPES)]
                chosen = rng.sample(archetype["core"], k=2) + rng.sample(archetype["optional"], k=2)
                levels = {slug: rng.randint(1, 5) for slug in chosen}
                names = [skills[s] for s in chosen]
                public = rng.random() < 0.75
                basics = Visibility.PUBLIC if public else Visibility.INTERNAL
                profiles.append(
                    Profile(
                        user=user,
                        slug=f"bench-{start + made + i}",
                        headline_de=f"{archetype['headline'][0]} · {names[0].name_de}",
                        headline_en=f"{archetype['headline'][1]} · {names[0].name_en}",
                        bio_de="<p>"
                        + archetype["de"].format(s0=names[0].name_de, s1=names[1].name_de)
                        + "</p>",
                        bio_en="<p>"
                        + archetype["en"].format(s0=names[0].name_en, s1=names[1].name_en)
                        + "</p>",
                        is_published=True,
                        available_for_press=rng.random() < 0.15,
                        available_for_talks=rng.random() < 0.3,
                        visibility_basics=basics,
                        visibility_bio=basics,
                        visibility_skills=basics,
                        visibility_languages=basics,
                        visibility_links=basics,
                        visibility_availability=basics,
                    )
                )
                plans.append(levels)
            Profile.objects.bulk_create(profiles)
            created = dict(Profile.objects.filter(user__in=users).values_list("user_id", "id"))
            ProfileSkill.objects.bulk_create(
                [
                    ProfileSkill(profile_id=created[user.id], skill=skills[slug], level=level)
                    for user, levels in zip(users, plans, strict=True)
                    for slug, level in levels.items()
                ]
            )
            ProfileLanguage.objects.bulk_create(
                [ProfileLanguage(profile_id=created[user.id], code="de", level="native") for user in users]
                + [
                    ProfileLanguage(profile_id=created[u.id], code="en", level="C1")
                    for u in users
                    if rng.random() < 0.8
                ]
            )
        made += size
        print(f"  generated {made}/{missing} profiles", flush=True)
    started = time.perf_counter()
    indexed = search_index_dirty(batch_size=1000)
    print(f"  indexed {indexed} profiles in {time.perf_counter() - started:.0f} s", flush=True)


def borrow_vectors(count: int) -> None:
    """Embed `count` documents' texts for real, then give every document without a vector one of them."""
    from sichtbar.search.embeddings import embed_passages, to_bytes
    from sichtbar.search.models import SearchDocumentText

    rows = list(
        SearchDocumentText.objects.filter(embedding__isnull=False).values_list("embedding", flat=True)[:count]
    )
    pool = [bytes(v) for v in rows]
    if len(pool) < count:
        texts = list(
            SearchDocumentText.objects.filter(embedding__isnull=True).values_list("bio_text", "skills_text")[
                : count - len(pool)
            ]
        )
        started = time.perf_counter()
        pool += [to_bytes(v) for v in embed_passages([f"{skills} | {bio}" for bio, skills in texts])]
        print(f"  embedded {len(texts)} texts in {time.perf_counter() - started:.0f} s", flush=True)
    missing = list(
        SearchDocumentText.objects.filter(embedding__isnull=True).values_list("document_id", flat=True)
    )
    for start in range(0, len(missing), 2000):
        chunk = missing[start : start + 2000]
        SearchDocumentText.objects.bulk_update(
            [
                SearchDocumentText(document_id=doc_id, embedding=pool[(start + i) % len(pool)])
                for i, doc_id in enumerate(chunk)
            ],
            ["embedding"],
        )
    print(f"  {len(missing)} documents borrowed one of {len(pool)} real vectors", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/v1/health/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not start")


def children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return out


def cpu_ms(pids: list[int]) -> float:
    """CPU time these processes (all their threads) have run so far, from /proc/<pid>/task/*/schedstat
    (nanoseconds, Linux)."""
    total = 0
    for pid in pids:
        try:
            tasks = list(Path(f"/proc/{pid}/task").iterdir())
        except OSError:
            continue
        for task in tasks:
            try:
                total += int((task / "schedstat").read_text().split()[0])
            except (OSError, IndexError, ValueError):
                continue
    return total / 1e6


def server_pids(server_pid: int, db_name: str) -> list[int]:
    """The gunicorn workers and the PostgreSQL backends serving them (same machine; SQLite runs inside the
    workers)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return children(server_pid)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [db_name]
        )
        backends = [row[0] for row in cursor.fetchall()]
    return children(server_pid) + backends


def measure(port: int, requests: int, pids: Any) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall-clock milliseconds per request over HTTP, and the CPU milliseconds the server side (gunicorn
    workers + their PostgreSQL backends) spent on it: on a machine shared with other work the wall clock
    includes waiting for a core, the CPU time does not."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    timings: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    watched: list[int] = []
    for i in range(requests + len(QUERIES)):
        params = QUERIES[i % len(QUERIES)]
        path = "/api/v1/public/experts/?" + urlencode(params)
        if i == len(QUERIES):
            watched = pids()  # every worker has its database connection by now
        before = cpu_ms(watched)
        start = time.perf_counter()
        conn.request("GET", path, headers={"Accept-Language": "de"})
        response = conn.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status} {body[:200]!r}")
        if i >= len(QUERIES):  # the first round warms caches and connections
            key = params.get("q") or str(params)
            timings.setdefault(key, []).append(elapsed)
            cpu.setdefault(key, []).append(cpu_ms(watched) - before)
    return timings, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profiles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=420)
    parser.add_argument("--keep", action="store_true", help="keep the generated test database")
    parser.add_argument("--reuse", action="store_true", help="reuse a database kept by --keep")
    parser.add_argument("--reindex", action="store_true", help="re-index every profile first")
    parser.add_argument("--cache-seconds", type=int, default=60, help="SEARCH_RESULT_CACHE_SECONDS")
    parser.add_argument(
        "--borrow-vectors",
        type=int,
        default=0,
        help="index without embeddings, embed this many documents for real and give every other document "
        "one of their vectors (query latency does not depend on the values; embedding every profile of a "
        "large bench takes long on a shared machine: bench/search_indexing.py measures that)",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--redis-url", default="redis://127.0.0.1:6379/13", help="cache and counters; '' for none"
    )
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    with throwaway_database(keepdb=args.keep or args.reuse, suffix=f"_latency_{args.profiles}"):
        from sichtbar.profiles.models import Profile

        if not args.reuse or Profile.objects.count() < args.profiles:
            print(f"generating {args.profiles} profiles …", flush=True)
            generate(args.profiles)
        from sichtbar.search.services import search_index_dirty

        if args.reindex:
            Profile.objects.update(search_dirty=True)
        started = time.perf_counter()
        indexed = search_index_dirty(batch_size=1000)
        if indexed:
            print(f"  indexed {indexed} profiles in {time.perf_counter() - started:.0f} s", flush=True)
        from sichtbar.search.backends.database import bump_generation

        if args.borrow_vectors:
            borrow_vectors(args.borrow_vectors)
        bump_generation()  # nothing cached for another bench database (same Redis) is reused
        postgres = connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            # re-indexing replaces rows: reclaim them as autovacuum would before a steady state is measured
            if postgres:
                cursor.execute("VACUUM ANALYZE search_searchdocument")
                cursor.execute("VACUUM ANALYZE search_searchterm")
            cursor.execute("ANALYZE")
        db_name = str(connection.settings_dict["NAME"])
        if postgres:
            database_url = f"{os.environ['DATABASE_URL'].rsplit('/', 1)[0]}/{db_name}"
        else:  # the test database is a file of its own (throwaway_database names it)
            connection.close()
            database_url = f"sqlite:///{os.path.abspath(db_name)}"
        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DJANGO_DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            "THROTTLE_PUBLIC_SEARCH": "1000000/min",
            "THROTTLE_ANON": "1000000/min",
            "DATABASE_CONN_MAX_AGE": "60",
            "SEARCH_RESULT_CACHE_SECONDS": str(args.cache_seconds),
            "REDIS_URL": args.redis_url,
            "SEARCH_SEMANTIC": "true",
        }
        if args.redis_url:
            import redis

            redis.Redis.from_url(args.redis_url).flushdb()  # nothing cached for another bench database
        server = subprocess.Popen(  # noqa: S603
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--threads",
                str(args.threads),
                "--log-level",
                "warning",
            ],
            cwd=BACKEND_DIR,
            env=env,
        )
        try:
            wait_for(port)
            timings, cpu = measure(port, args.requests, lambda: server_pids(server.pid, db_name))
        finally:
            server.terminate()
            server.wait(timeout=20)
    everything = sorted(t for values in timings.values() for t in values)
    p95 = everything[int(len(everything) * 0.95) - 1]
    print(
        f"\n{Profile.__name__}s: {args.profiles}, {'PostgreSQL' if postgres else 'SQLite'},"
        f" gunicorn {args.workers}×{args.threads}"
        f" on loopback, facets included, result cache {args.cache_seconds} s,"
        f" {'Redis' if args.redis_url else 'no Redis'}"
    )
    print(f"{'query':<55} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'CPU p50':>8} {'CPU p95':>8}")

    def p95_of(values: list[float]) -> float:
        values = sorted(values)
        return values[int(len(values) * 0.95) - 1]

    for query, values in timings.items():
        print(
            f"{query[:55]:<55} {len(values):>4} {statistics.median(values):>8.1f} {p95_of(values):>8.1f}"
            f" {statistics.median(cpu[query]):>8.1f} {p95_of(cpu[query]):>8.1f}"
        )
    all_cpu = [t for values in cpu.values() for t in values]
    print(
        f"{'all requests':<55} {len(everything):>4} {statistics.median(everything):>8.1f} {p95:>8.1f}"
        f" {statistics.median(all_cpu):>8.1f} {p95_of(all_cpu):>8.1f}"
    )
    print(f"load average during the run: {os.getloadavg()[0]:.1f} (cores: {os.cpu_count()})")
    print(
        "CPU = ms on a core of the gunicorn workers (and their PostgreSQL backends) per request (schedstat)"
    )


if __name__ == "__main__":
    main()
