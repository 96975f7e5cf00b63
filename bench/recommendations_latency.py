"""Latency of the personal feed over HTTP on loopback (prints p50/p95, never asserts).

Generates 5,000 employees (profiles with six skills each, in 25 departments) and 20,000 published content
items (one to three topics from a 300-skill taxonomy with parents, a tenth aimed at one department, three
percent important) plus 60,000 shares into the PostgreSQL database <DATABASE_URL's name>_bench (e.g.
sb_sharing_bench), builds the engagement counters, starts gunicorn on 127.0.0.1 (Redis cache: REDIS_URL) and
requests GET /api/v1/feed/ one after another as 200 employees (API tokens), in three rounds:

1. cold: no ranking cached for anyone; every request computes the person's ranking (what a person who has
   not opened the feed for RECOMMENDATIONS_FEED_ACTIVE_DAYS, or the first request after a deploy, gets);
2. warm: every ranking removed again, then `manage.py recommendations_refresh` (what the beat task does
   every minute for recent readers; its duration is printed) and each person's first request;
3. repeat: a second request of each person (ranking cached by the first).

  DATABASE_URL=postgres://postgres@127.0.0.1/sb_sharing REDIS_URL=redis://127.0.0.1:6379/7
      .venv/bin/python bench/recommendations_latency.py [--keep | --reuse] [--rounds 2]
"""

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from search_common import BACKEND_DIR, setup_django, throwaway_database
from search_latency import cpu_ms, free_port, server_pids, wait_for

EMPLOYEES = 5_000
ITEMS = 20_000
SHARES = 60_000
SKILLS = 300
DEPARTMENTS = 25
TOKENS = 200


def generate(rng: random.Random) -> None:
    from django.utils import timezone
    from sichtbar.accounts.models import Department, Location, User
    from sichtbar.content.models import ContentItem, ContentStatus
    from sichtbar.profiles.models import Profile, ProfileLanguage, ProfileSkill, Skill
    from sichtbar.recommendations.services import engagement_refresh
    from sichtbar.sharing.models import Share

    now = timezone.now()
    departments = Department.objects.bulk_create(
        [Department(name=f"Abteilung {i}") for i in range(DEPARTMENTS)]
    )
    locations = Location.objects.bulk_create(
        [Location(name=f"Standort {i}", city=f"Stadt {i}") for i in range(6)]
    )
    parents = Skill.objects.bulk_create(
        [Skill(slug=f"bereich-{i}", name_de=f"Bereich {i}", name_en=f"Area {i}") for i in range(30)]
    )
    children = Skill.objects.bulk_create(
        [
            Skill(slug=f"skill-{i}", name_de=f"Kompetenz {i}", name_en=f"Skill {i}", parent=parents[i % 30])
            for i in range(SKILLS - 30)
        ]
    )
    skills = parents + children
    users = User.objects.bulk_create(
        [
            User(
                email=f"person{i}@bench.example",
                first_name="Bench",
                last_name=f"Person {i}",
                department=rng.choice(departments),
                location=rng.choice(locations),
                language=rng.choice(["de", "de", "en"]),
                password="!",  # unusable: the bench signs in with API tokens
            )
            for i in range(EMPLOYEES)
        ],
        batch_size=2000,
    )
    profiles = Profile.objects.bulk_create(
        [Profile(user=user, slug=f"bench-{user.pk}") for user in users], batch_size=2000
    )
    ProfileSkill.objects.bulk_create(
        [
            ProfileSkill(profile=profile, skill=skill, level=rng.randint(1, 5), interest=rng.random() < 0.2)
            for profile in profiles
            for skill in rng.sample(skills, 6)
        ],
        batch_size=5000,
    )
    ProfileLanguage.objects.bulk_create(
        [ProfileLanguage(profile=profile, code="en", level="C1") for profile in profiles], batch_size=5000
    )
    items = ContentItem.objects.bulk_create(
        [
            ContentItem(
                slug=f"beitrag-{i}",
                title=f"Beitrag {i}",
                summary="<p>Zusammenfassung</p>",
                url=f"https://www.example.com/beitrag/{i}",
                language=rng.choice(["de", "de", "en"]),
                status=ContentStatus.PUBLISHED,
                important=rng.random() < 0.03,
                published_at=now - timedelta(minutes=rng.randint(10, 180 * 24 * 60)),
                expires_at=now + timedelta(days=30) if rng.random() < 0.2 else None,
            )
            for i in range(ITEMS)
        ],
        batch_size=2000,
    )
    topics = ContentItem.topics.through
    topics.objects.bulk_create(
        [
            topics(contentitem_id=item.pk, skill_id=skill.pk)
            for item in items
            for skill in rng.sample(skills, rng.randint(1, 3))
        ],
        batch_size=5000,
    )
    audiences = ContentItem.departments.through
    audiences.objects.bulk_create(
        [audiences(contentitem_id=item.pk, department_id=rng.choice(departments).pk) for item in items[::10]],
        batch_size=5000,
    )
    Share.objects.bulk_create(
        [
            Share(
                user=rng.choice(users),
                content=rng.choice(items),
                network="linkedin",
                method="intent",
                status="opened",
                shared_at=now,
            )
            for _ in range(SHARES)
        ],
        batch_size=5000,
    )
    engagement_refresh()


def tokens(rng: random.Random) -> list[str]:
    from sichtbar.accounts.models import ApiToken, User

    ApiToken.objects.filter(name="bench").delete()
    users = list(User.objects.filter(email__endswith="@bench.example").order_by("?")[:TOKENS])
    return [ApiToken.objects.create(user=user, expiry=None, name="bench")[1] for user in users]


def request_each(
    conn: http.client.HTTPConnection, keys: list[str], pids: Any = None
) -> tuple[list[float], list[float]]:
    """One request per person, in order: wall-clock milliseconds each, and the CPU milliseconds the
    server side (gunicorn workers and their PostgreSQL backends) spent on each (on a shared machine the
    wall clock includes waiting for a core, the CPU time does not)."""
    watched = pids() if pids else []
    times: list[float] = []
    cpu: list[float] = []
    for key in keys:
        before = cpu_ms(watched)
        start = time.perf_counter()
        conn.request(
            "GET",
            "/api/v1/feed/?limit=20",
            headers={"Authorization": f"Token {key}", "Accept-Language": "de"},
        )
        response = conn.getresponse()
        body = response.read()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append(cpu_ms(watched) - before)
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status} {body[:300]!r}")
    return times, cpu


def rankings_forget(redis_url: str) -> int:
    """Remove every cached ranking (the refresh lock, today's reader marks) from the server's Redis cache."""
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match="*recommendations:feed:*", count=1000))
    keys += list(client.scan_iter(match="*recommendations:feed-refresh-lock", count=100))
    keys += list(client.scan_iter(match="*recommendations:feed-read:*", count=1000))  # readers noted today
    return client.delete(*keys) if keys else 0


def measure(
    port: int, keys: list[str], env: dict[str, str], pids: Any
) -> dict[str, tuple[list[float], list[float]]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    request_each(conn, keys[:1] * 20)  # warms connections and code paths
    rankings_forget(env["REDIS_URL"])
    conn.close()
    conn.connect()
    cold = request_each(conn, keys, pids)
    rankings_forget(env["REDIS_URL"])
    started = time.perf_counter()
    refresh = subprocess.run(
        [sys.executable, "manage.py", "recommendations_refresh"],
        cwd=BACKEND_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    print(f"  background refresh: {refresh.stdout.strip()} in {seconds:.1f} s (process start included)")
    conn.close()  # the server closed the idle keep-alive connection meanwhile: a new one, not timed
    conn.connect()
    warm = request_each(conn, keys, pids)
    repeat = request_each(conn, keys, pids)
    return {"cold (ranking computed)": cold, "warm (precomputed)": warm, "repeat (cached)": repeat}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=1, help="repeat the three rounds")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--cache-seconds", type=int, default=3600, help="RECOMMENDATIONS_FEED_CACHE_SECONDS")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL server.")
    if not os.environ.get("REDIS_URL", "").startswith("redis"):
        sys.exit("Set REDIS_URL to a Redis database the bench may use (it removes cached rankings there).")
    setup_django()
    from django.db import connection

    rng = random.Random(5)  # noqa: S311 (bench data)
    with throwaway_database(keepdb=args.keep or args.reuse, suffix="_bench"):
        from sichtbar.content.models import ContentItem

        if not args.reuse or ContentItem.objects.count() < ITEMS:
            print(f"generating {EMPLOYEES} employees, {ITEMS} items, {SHARES} shares …", flush=True)
            started = time.perf_counter()
            generate(rng)
            print(f"  generated in {time.perf_counter() - started:.0f} s", flush=True)
        keys = tokens(rng)
        from sichtbar.recommendations.models import FeedReader

        FeedReader.objects.all().delete()  # only this run's people are recent readers
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        db_name = connection.settings_dict["NAME"]
        base_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": f"{base_url}/{db_name}",
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DJANGO_DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            "DATABASE_CONN_MAX_AGE": "60",
            "RECOMMENDATIONS_FEED_CACHE_SECONDS": str(args.cache_seconds),
        }
        server = subprocess.Popen(  # noqa: S603
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--threads",
                "2",
                "--log-level",
                "warning",
            ],
            cwd=BACKEND_DIR,
            env=env,
        )
        try:
            wait_for(port)
            figures: dict[str, tuple[list[float], list[float]]] = {}
            for _round in range(args.rounds):
                pids = lambda: server_pids(server.pid, db_name)  # noqa: E731
                for label, (wall, cpu) in measure(port, keys, env, pids).items():
                    figures.setdefault(label, ([], []))[0].extend(wall)
                    figures[label][1].extend(cpu)
        finally:
            server.terminate()
            server.wait(timeout=20)
    print(
        f"\nfeed: {EMPLOYEES} employees, {ITEMS} items, {SHARES} shares, PostgreSQL, gunicorn 2×2, loopback,"
        f" sequential requests by {len(keys)} employees, ranking cache {args.cache_seconds} s"
    )

    def p95(values: list[float]) -> float:
        return sorted(values)[max(int(len(values) * 0.95) - 1, 0)]

    print("wall = milliseconds per request; CPU = server-side CPU per request (gunicorn + PostgreSQL)")
    for label, (wall, cpu) in figures.items():
        print(
            f"{label:<24} n={len(wall):<4} wall p50 {statistics.median(wall):6.1f} p95 {p95(wall):6.1f} ms"
            f"   CPU p50 {statistics.median(cpu):6.1f} p95 {p95(cpu):6.1f} ms"
        )


if __name__ == "__main__":
    main()
