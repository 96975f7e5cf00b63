"""Generate analytics facts in PostgreSQL with generate_series (used by the analytics benchmarks).

    DATABASE_URL=postgres://postgres@127.0.0.1/sb_analytics_bench BENCH_CLICKS=10000000 \
        BENCH_SHARES=500000 ../.venv/bin/python ../bench/analytics_data.py

Refuses to touch a database whose name does not contain "bench": it truncates the fact tables.
Facts span the last 365 days: 20 departments, 5,000 people, 2,000 content items with two topics each.
"""

# ruff: noqa: S608 - SQL from this script's own constants.

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.db import connection  # noqa: E402

CLICKS = int(os.environ.get("BENCH_CLICKS", "10000000"))
SHARES = int(os.environ.get("BENCH_SHARES", "500000"))
USERS = 5000
CONTENT = 2000
DEPARTMENTS = 20
SKILLS = 50
CHUNK = 1_000_000

# Share i belongs to user i % USERS and content (i / USERS + 100 * (i % 20)) % CONTENT: unique pairs,
# so the tracked link of share i (id i) satisfies the unique (user, content, network) constraint.
USER_OF = f"(({{i}} % {USERS}) + 1)"
CONTENT_OF = f"((({{i}} / {USERS}) + 100 * ({{i}} % 20)) % {CONTENT} + 1)"
NETWORK_OF = "(ARRAY['linkedin','xing','mastodon','x'])[({i} % 4) + 1]"


def run(sql: str, label: str) -> None:
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql)
    print(f"{label:<40} {time.perf_counter() - start:8.1f} s", flush=True)


def _drop_secondary_indexes(table: str) -> list[str]:
    """Drop every index and constraint of `table` except its primary key; returns the statements that
    restore them."""
    restore = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('u', 'f')",
            [table],
        )
        for name, definition in cursor.fetchall():
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            restore.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT LIKE %s",
            [table, "%_pkey"],
        )
        for name, definition in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{name}"')
            restore.append(definition)
    # indexes first, then the constraints (a foreign key is checked faster with the indexes in place)
    return [sql for sql in restore if not sql.startswith("ALTER")] + [
        sql for sql in restore if sql.startswith("ALTER")
    ]


def _restore_indexes(statements: list[str]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
    for sql in statements:
        run(sql, sql.split(" ON ")[0][:40] if " ON " in sql else sql[:40])


def main() -> None:
    generate(clicks=CLICKS, shares=SHARES)


def generate(*, clicks: int, shares: int) -> None:
    global CLICKS, SHARES  # the SQL below reads the module's sizes
    CLICKS, SHARES = clicks, shares
    name = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql" or "bench" not in name:
        sys.exit(f"refusing to generate into {connection.vendor} database {name!r}")
    print(f"{name}: {SHARES} shares, {CLICKS} clicks", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
    run(
        "TRUNCATE links_click, links_conversion, links_trackedlink, sharing_share, "
        "content_contentitem_topics, content_contentitem, profiles_skill, accounts_user, "
        "accounts_department CASCADE",
        "truncate",
    )
    run(
        f"INSERT INTO accounts_department (id, created_at, updated_at, name) "
        f"SELECT d, now(), now(), 'Department ' || d FROM generate_series(1, {DEPARTMENTS}) d",
        "departments",
    )
    run(
        f"INSERT INTO accounts_user (id, password, is_superuser, email, first_name, last_name, role, "
        f"language, is_active, is_staff, date_joined, department_id) "
        f"SELECT u, '!', false, 'user' || u || '@bench.example', 'User', 'No ' || u, "
        f"CASE WHEN u <= 5 THEN 'manager' ELSE 'employee' END, 'de', true, false, "
        f"now() - (u % 700) * interval '1 day', (u % {DEPARTMENTS}) + 1 "
        f"FROM generate_series(1, {USERS}) u",
        "users",
    )
    run(
        f"INSERT INTO profiles_skill (id, created_at, updated_at, slug, name_de, name_en, description, "
        f"status) SELECT s, now(), now(), 'skill-' || s, 'Kompetenz ' || s, 'Skill ' || s, '', "
        f"'approved' FROM generate_series(1, {SKILLS}) s",
        "skills",
    )
    run(
        f"INSERT INTO content_contentitem (id, created_at, updated_at, slug, kind, title, summary, url, "
        f"image, language, translation_group, status, important, published_at, suggestion_note) "
        f"SELECT c, now(), now(), 'item-' || c, CASE WHEN c % 10 = 0 THEN 'job' ELSE 'article' END, "
        f"'Item ' || c, '', 'https://example.com/' || c, '', 'de', md5(c::text)::uuid, 'published', "
        f"false, now() - (c % 365) * interval '1 day', '' FROM generate_series(1, {CONTENT}) c",
        "content",
    )
    run(
        f"INSERT INTO content_contentitem_topics (contentitem_id, skill_id) "
        f"SELECT c, (c % {SKILLS}) + 1 FROM generate_series(1, {CONTENT}) c UNION ALL "
        f"SELECT c, ((c + 7) % {SKILLS}) + 1 FROM generate_series(1, {CONTENT}) c",
        "topics",
    )
    run(
        f"INSERT INTO sharing_share (id, created_at, updated_at, network, method, text, status, "
        f"shared_at, external_id, external_url, error, error_code, acknowledged_warnings, attempts, "
        f"followers_at_share, content_id, user_id) "
        f"SELECT i, t, t, {NETWORK_OF.format(i='i')}, 'intent', '', 'posted', t, '', '', '', '', '[]', 0, "
        f"50 + (i * 37) % 4950, {CONTENT_OF.format(i='i')}, {USER_OF.format(i='i')} "
        f"FROM (SELECT i, now() - ((i * 7919) % (365 * 24 * 60)) * interval '1 minute' AS t "
        f"FROM generate_series(1::bigint, {SHARES}) i) s",
        "shares",
    )
    run(
        f"INSERT INTO links_trackedlink (id, code, network, destination, created_at, content_id, share_id, "
        f"user_id) SELECT i, 'b' || i, {NETWORK_OF.format(i='i')}, 'https://example.com/', now(), "
        f"{CONTENT_OF.format(i='i')}, i, {USER_OF.format(i='i')} FROM generate_series(1::bigint, {SHARES}) i",
        "tracked links",
    )
    # Loading into a table without its secondary indexes and then building them is several times faster
    # than maintaining them row by row (random event ids); the definitions are restored as they were.
    dropped = _drop_secondary_indexes("links_click")
    for offset in range(0, CLICKS, CHUNK):
        upper = min(offset + CHUNK, CLICKS)
        run(
            f"INSERT INTO links_click (event_id, occurred_at, user_id_at_click, content_id_at_click, "
            f"network, visitor_hash, referrer_host, device_class, unique_of_day, link_id) "
            f"SELECT md5('c' || g)::uuid, now() - ((g * 104729) % (365 * 24 * 3600)) * interval '1 second', "
            f"{USER_OF.format(i='l')}, {CONTENT_OF.format(i='l')}, {NETWORK_OF.format(i='l')}, '', '', "
            f"'desktop', g % 3 = 0, l FROM (SELECT g, (g * 31) % {SHARES} + 1 AS l "
            f"FROM generate_series({offset + 1}::bigint, {upper}) g) c",
            f"clicks {upper:,}",
        )
    _restore_indexes(dropped)
    run(
        f"INSERT INTO links_conversion (key, kind, occurred_at, link_id, created_by_token) "
        f"SELECT 'k' || g, 'application', now() - ((g * 7919) % (365 * 24 * 60)) * interval '1 minute', "
        f"(g * 10) % {SHARES} + 1, '' FROM generate_series(1::bigint, {max(CLICKS // 200, 1)}) g",
        "conversions",
    )
    for table in ["accounts_department", "accounts_user", "profiles_skill", "content_contentitem"]:
        run(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))",
            f"sequence {table}",
        )
    for table in ["sharing_share", "links_trackedlink"]:
        run(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))",
            f"sequence {table}",
        )
    run("ANALYZE", "analyze")


if __name__ == "__main__":
    main()
