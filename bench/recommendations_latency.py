"""Latency of the personal feed over HTTP on loopback (prints p50/p95, never asserts).

Generates 5,000 employees (profiles with six skills each, in 25 departments) and 20,000 published content
items (one to three topics from a 300-skill taxonomy with parents, a tenth aimed at one department, three
percent important) plus 60,000 shares into the PostgreSQL database <DATABASE_URL's name>_bench (e.g.
sb_sharing_bench), builds the engagement counters, starts gunicorn on 127.0.0.1 and requests
GET /api/v1/feed/ one after another, each time as another of 200 employees (API tokens).

  DATABASE_URL=postgres://postgres@127.0.0.1/sb_sharing .venv/bin/python bench/recommendations_latency.py
  … --keep (keep the generated database) / --reuse (use a kept one) / --requests 600
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

from search_common import BACKEND_DIR, setup_django, throwaway_database
from search_latency import free_port, wait_for

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


def measure(port: int, keys: list[str], requests: int) -> tuple[list[float], list[float]]:
    """(first request of each person: ranking computed, repeated requests: ranking from the cache)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    cold: list[float] = []
    warm: list[float] = []
    seen: set[str] = set()
    for i in range(requests + 20):
        key = keys[0] if i < 20 else keys[(i - 20) % len(keys)]
        start = time.perf_counter()
        conn.request(
            "GET",
            "/api/v1/feed/?limit=20",
            headers={"Authorization": f"Token {key}", "Accept-Language": "de"},
        )
        response = conn.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status} {body[:300]!r}")
        if i >= 20:  # the first requests warm connections
            (warm if key in seen else cold).append(elapsed)
        seen.add(key)
    return cold, warm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--cache-seconds", type=int, default=120, help="RECOMMENDATIONS_FEED_CACHE_SECONDS")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL server.")
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
            cold, warm = measure(port, keys, args.requests)
        finally:
            server.terminate()
            server.wait(timeout=20)
    print(
        f"\nfeed: {EMPLOYEES} employees, {ITEMS} items, {SHARES} shares, PostgreSQL, gunicorn 2×2, loopback,"
        f" sequential requests by {len(keys)} employees, ranking cache {args.cache_seconds} s"
    )
    for label, values in (
        ("computed (first request)", cold),
        ("cached (repeat)", warm),
        ("all", cold + warm),
    ):
        if not values:
            continue
        values.sort()
        p95 = values[max(int(len(values) * 0.95) - 1, 0)]
        print(f"{label:<26} n={len(values):<4} p50 {statistics.median(values):7.1f} ms   p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()
