"""Fill the analytics rollup tables of a generated bench database in a few set-based statements
(PostgreSQL), with the rows `analytics/rollup.py` would write day by day, and prove it on sample days.

The real rollup builds one day per transaction (7 statements with a membership lookup per group); over a
year of 10,000,000 clicks on this shared machine that is most of an hour. Here every day of a table is
built by one INSERT … SELECT grouped by the local calendar day (`AT TIME ZONE` the company time zone) and
the department of that day from the membership history, for the facts bench/analytics_data.py generates
(shares, clicks, conversions, sign-ups). Then the real code does the parts that matter as they run in
production: `memberships_sync` before, `rollup_month` (the month bitmaps) for every month, the headcount
snapshot, and `rollup_day` on sample days, whose rows must equal the bulk rows exactly (`verify`).
"""

# ruff: noqa: S608 - SQL from this module's constants and the rollup module's table names.

import time
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

STATUSES = "('posted', 'opened')"

PERIODS = """periods AS (
    SELECT user_id, department_id, valid_from,
           lead(valid_from) OVER (PARTITION BY user_id ORDER BY valid_from) AS valid_to
      FROM analytics_membershipperiod)"""


def _dept_join(alias: str, user: str) -> str:
    """The department `user` belonged to at the start of `alias`.day (as rollup.dept_at decides it)."""
    start = f"({alias}.day::timestamp AT TIME ZONE %(tz)s)"
    return (
        f"LEFT JOIN periods p ON p.user_id = {user} AND p.valid_from <= {start} "
        f"AND (p.valid_to IS NULL OR p.valid_to > {start})"
    )


def _local_day(column: str) -> str:
    return f"({column} AT TIME ZONE %(tz)s)::date"


DAILY_FACT = f"""
WITH {PERIODS}
INSERT INTO analytics_dailyfact (day, department_id, network, content_id, content_kind, shares, job_shares,
       reach, clicks, job_clicks, conversions, applications, posts, reported_impressions,
       reported_engagements, profile_views, search_appearances, contact_requests)
SELECT f.day, p.department_id, f.network, f.content_id, f.kind, SUM(f.shares), SUM(f.job_shares),
       SUM(f.reach), SUM(f.clicks), SUM(f.job_clicks), SUM(f.conversions), SUM(f.applications), 0, 0, 0, 0,
       0, 0
  FROM (SELECT {_local_day("s.shared_at")} AS day, s.user_id AS user_id, s.network AS network,
               s.content_id AS content_id, c.kind AS kind, 1 AS shares,
               CASE WHEN c.kind = 'job' THEN 1 ELSE 0 END AS job_shares,
               COALESCE(s.followers_at_share, 0) AS reach, 0 AS clicks, 0 AS job_clicks, 0 AS conversions,
               0 AS applications
          FROM sharing_share s JOIN content_contentitem c ON c.id = s.content_id
         WHERE s.shared_at IS NOT NULL AND s.status IN {STATUSES}
        UNION ALL
        SELECT k.day, k.user_id_at_click, k.network, k.content_id_at_click, COALESCE(c.kind, ''), 0, 0, 0,
               k.n, CASE WHEN c.kind = 'job' THEN k.n ELSE 0 END, 0, 0
          FROM (SELECT {_local_day("occurred_at")} AS day, user_id_at_click, content_id_at_click, network,
                       COUNT(*) AS n
                  FROM links_click GROUP BY 1, 2, 3, 4) k
          LEFT JOIN content_contentitem c ON c.id = k.content_id_at_click
        UNION ALL
        SELECT {_local_day("v.occurred_at")}, l.user_id, l.network, l.content_id, c.kind, 0, 0, 0, 0, 0, 1,
               CASE WHEN v.kind = 'application' THEN 1 ELSE 0 END
          FROM links_conversion v
          JOIN links_trackedlink l ON l.id = v.link_id
          JOIN content_contentitem c ON c.id = l.content_id) f
  {_dept_join("f", "f.user_id")}
 GROUP BY f.day, p.department_id, f.network, f.content_id, f.kind
"""

SUMMARY = """
INSERT INTO analytics_dailysummary (day, department_id, network, content_kind, shares, job_shares, reach,
       clicks, job_clicks, conversions, applications, posts, reported_impressions, reported_engagements,
       profile_views, search_appearances, contact_requests)
SELECT day, department_id, network, content_kind, SUM(shares), SUM(job_shares), SUM(reach), SUM(clicks),
       SUM(job_clicks), SUM(conversions), SUM(applications), SUM(posts), SUM(reported_impressions),
       SUM(reported_engagements), SUM(profile_views), SUM(search_appearances), SUM(contact_requests)
  FROM analytics_dailyfact
 GROUP BY day, department_id, network, content_kind
"""

TOPIC_FACT = """
INSERT INTO analytics_dailytopicfact
       (day, department_id, network, topic_id, shares, reach, clicks, conversions)
SELECT f.day, f.department_id, f.network, t.skill_id, SUM(f.shares), SUM(f.reach), SUM(f.clicks),
       SUM(f.conversions)
  FROM analytics_dailyfact f
  JOIN content_contentitem_topics t ON t.contentitem_id = f.content_id
 GROUP BY f.day, f.department_id, f.network, t.skill_id
"""

USER_FACT = f"""
WITH {PERIODS}
INSERT INTO analytics_userdayfact (day, user_id, department_id, shares, reach, clicks, conversions,
       profile_views, search_appearances, contact_requests, answered_requests, response_seconds)
SELECT f.day, u.id, p.department_id, SUM(f.shares), SUM(f.reach), SUM(f.clicks), SUM(f.conversions),
       0, 0, 0, 0, 0
  FROM (SELECT {_local_day("s.shared_at")} AS day, s.user_id AS user_id, 1 AS shares,
               COALESCE(s.followers_at_share, 0) AS reach, 0 AS clicks, 0 AS conversions
          FROM sharing_share s
         WHERE s.shared_at IS NOT NULL AND s.status IN {STATUSES}
        UNION ALL
        SELECT {_local_day("k.occurred_at")}, k.user_id_at_click, 0, 0, COUNT(*), 0
          FROM links_click k WHERE k.user_id_at_click IS NOT NULL GROUP BY 1, 2
        UNION ALL
        SELECT {_local_day("v.occurred_at")}, l.user_id, 0, 0, 0, 1
          FROM links_conversion v JOIN links_trackedlink l ON l.id = v.link_id
         WHERE l.user_id IS NOT NULL) f
  JOIN accounts_user u ON u.id = f.user_id
  {_dept_join("f", "u.id")}
 GROUP BY f.day, u.id, p.department_id
"""

ADOPTION = f"""
WITH {PERIODS}
INSERT INTO analytics_adoptionday (day, department_id, invited, enrolled, onboarded)
SELECT f.day, p.department_id, 0, COUNT(*), 0
  FROM (SELECT {_local_day("u.date_joined")} AS day, u.id AS user_id
          FROM accounts_user u WHERE u.is_active) f
  {_dept_join("f", "f.user_id")}
 GROUP BY f.day, p.department_id
"""

# What the bench data holds none of; a sample day with such facts would fail `verify`.
EMPTY_SOURCES = [
    "integrations_importedpost",
    "directory_profileview",
    "directory_searchappearance",
    "directory_contactrequest",
    "accounts_invitation",
    "profiles_profile",
]


def _run(sql: str, label: str, params: dict[str, Any] | None = None) -> None:
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql, params or {})
    print(f"  {label:<38} {time.perf_counter() - start:7.1f} s", flush=True)


def bulk_rollup() -> None:
    from sichtbar.analytics import services
    from sichtbar.analytics.models import DisclosureDecision, RollupRun
    from sichtbar.analytics.rollup import ROLLUP_TABLES, memberships_sync, rollup_month

    with connection.cursor() as cursor:
        for table in EMPTY_SOURCES:
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table})")
            if cursor.fetchone()[0]:
                raise SystemExit(f"{table} has rows: the bulk rollup only covers the generated facts")
    started = time.perf_counter()
    memberships_sync()
    params = {"tz": settings.TIME_ZONE}
    with transaction.atomic():
        for table in [
            *ROLLUP_TABLES,
            "analytics_sharemonth",
            "analytics_contentsharemonth",
            "analytics_contributormonth",
        ]:
            _run(f"TRUNCATE {table}", f"truncate {table}")
        DisclosureDecision.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '256MB'")
        _run(DAILY_FACT, "daily facts", params)
        _run(SUMMARY, "daily summaries")
        _run(TOPIC_FACT, "daily topic facts")
        _run(USER_FACT, "person-day facts", params)
        _run(ADOPTION, "adoption days", params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT MIN(day) FROM analytics_dailyfact")
        first = cursor.fetchone()[0]
    month, today = first.replace(day=1) if first else timezone.localdate(), timezone.localdate()
    start = time.perf_counter()
    while month <= today:
        with transaction.atomic():
            rollup_month(month)  # the real code: bitmaps from the rows above and the shares
        month = (month + timedelta(days=32)).replace(day=1)
    print(f"  {'month bitmaps (rollup_month)':<38} {time.perf_counter() - start:7.1f} s", flush=True)
    services.headcount_snapshot(day=today)
    RollupRun.objects.update_or_create(key="recent", defaults={"finished_at": timezone.now()})
    print(f"bulk rollup: {time.perf_counter() - started:.1f} s", flush=True)


def _rows(table: str, day: date) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE day = %s", [day])
        names = [column.name for column in cursor.description]
        rows = [tuple(v for n, v in zip(names, row, strict=True) if n != "id") for row in cursor.fetchall()]
    return sorted(rows, key=repr)


def verify(days: list[date]) -> None:
    """Re-roll sample days with the real `rollup_day` and require identical rows in every table."""
    from sichtbar.analytics.rollup import ROLLUP_TABLES, rollup_day

    for day in days:
        bulk = {table: _rows(table, day) for table in ROLLUP_TABLES}
        rollup_day(day, months=False)
        real = {table: _rows(table, day) for table in ROLLUP_TABLES}
        differing = [table for table in ROLLUP_TABLES if bulk[table] != real[table]]
        sizes = ", ".join(f"{table.removeprefix('analytics_')} {len(real[table])}" for table in ROLLUP_TABLES)
        if differing:
            raise SystemExit(f"bulk rollup differs from rollup_day on {day} in {differing}")
        print(f"  {day}: bulk rows equal rollup_day's ({sizes})", flush=True)
