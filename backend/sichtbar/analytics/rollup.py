"""Set-based rollups: each day's rollup rows are deleted and rebuilt from the facts in one transaction.

Every statement is one INSERT ... SELECT ... GROUP BY over a half-open time range, portable between
PostgreSQL and SQLite (no date functions: a day is rolled up with its bounds in the company time zone)."""

# ruff: noqa: S608 - the SQL is assembled from constants of this module only; values are parameters.

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from sichtbar.content.models import ContentKind
from sichtbar.sharing.models import ShareStatus

COUNTED_SHARE_STATUSES = (ShareStatus.POSTED.value, ShareStatus.OPENED.value)
JOB = ContentKind.JOB.value
STATUSES = "(" + ", ".join(f"'{status}'" for status in COUNTED_SHARE_STATUSES) + ")"


def dept_at(user: str, at: str = "%(ds)s") -> str:
    """The department `user` (an SQL column) belonged to at `at` (the day's start by default): the
    membership history, so a later move or rebuild never carries a person's past into another group."""
    return (
        "(SELECT m.department_id FROM analytics_membershipperiod m"
        f" WHERE m.user_id = {user} AND m.valid_from <= {at} ORDER BY m.valid_from DESC LIMIT 1)"
    )


ROLLUP_TABLES = [
    "analytics_dailyfact",
    "analytics_dailysummary",
    "analytics_dailytopicfact",
    "analytics_userdayfact",
    "analytics_responsetime",
    "analytics_adoptionday",
]

_FACT_COLUMNS = (
    "shares, job_shares, reach, clicks, job_clicks, conversions, applications, posts, "
    "reported_impressions, reported_engagements, profile_views, search_appearances, contact_requests"
)


def _zeros(before: int, value: str, after: int) -> str:
    return ", ".join(["0"] * before + [value] + ["0"] * after)


def _metrics(**values: str) -> str:
    """The 13 metric columns of a DailyFact source row, zero except the ones given."""
    names = [name.strip() for name in _FACT_COLUMNS.split(",")]
    return ", ".join(f"{values.get(name, '0')} AS {name}" for name in names)


# %(s)s / %(e)s: the day's bounds; %(d)s: the day. Each source yields department, network, content,
# kind and the 13 metric columns.
_DAILY_FACT_SOURCES = [
    # shares
    f"""SELECT {dept_at("s.user_id")} AS department_id, s.network AS network, s.content_id AS content_id,
        c.kind AS kind,
        {
        _metrics(
            shares="1",
            job_shares=f"CASE WHEN c.kind = '{JOB}' THEN 1 ELSE 0 END",
            reach="COALESCE(s.followers_at_share, 0)",
        )
    }
      FROM sharing_share s
      JOIN content_contentitem c ON c.id = s.content_id
     WHERE s.shared_at >= %(s)s AND s.shared_at < %(e)s AND s.status IN {STATUSES}""",
    # clicks, pre-aggregated before the joins
    f"""SELECT {dept_at("k.user_id_at_click")}, k.network, k.content_id_at_click, COALESCE(c.kind, ''),
        {_metrics(clicks="k.n", job_clicks=f"CASE WHEN c.kind = '{JOB}' THEN k.n ELSE 0 END")}
      FROM (SELECT user_id_at_click, content_id_at_click, network, COUNT(*) AS n
              FROM links_click WHERE occurred_at >= %(s)s AND occurred_at < %(e)s
             GROUP BY user_id_at_click, content_id_at_click, network) k
      LEFT JOIN content_contentitem c ON c.id = k.content_id_at_click""",
    # conversions
    f"""SELECT {dept_at("l.user_id")}, l.network, l.content_id, c.kind,
        {_metrics(conversions="1", applications="CASE WHEN v.kind = 'application' THEN 1 ELSE 0 END")}
      FROM links_conversion v
      JOIN links_trackedlink l ON l.id = v.link_id
      JOIN content_contentitem c ON c.id = l.content_id
     WHERE v.occurred_at >= %(s)s AND v.occurred_at < %(e)s""",
    # employees' own posts with the metrics their network reports
    f"""SELECT {dept_at("p.author_id")}, n.provider, NULL, '',
        {
        _metrics(
            posts="1",
            reported_impressions="COALESCE(p.impressions, 0)",
            reported_engagements="CASE WHEN p.impressions IS NULL THEN 0 ELSE "
            "COALESCE(p.likes, 0) + COALESCE(p.reposts, 0) + COALESCE(p.replies, 0) END",
        )
    }
      FROM integrations_importedpost p
      JOIN integrations_connection n ON n.id = p.connection_id
     WHERE p.published_at >= %(s)s AND p.published_at < %(e)s""",
    f"""SELECT {dept_at("pr.user_id")}, '', NULL, '', {_metrics(profile_views="v.count")}
      FROM directory_profileview v
      JOIN profiles_profile pr ON pr.id = v.profile_id
     WHERE v.day = %(d)s""",
    f"""SELECT {dept_at("pr.user_id")}, '', NULL, '', {_metrics(search_appearances="a.count")}
      FROM directory_searchappearance a
      JOIN profiles_profile pr ON pr.id = a.profile_id
     WHERE a.day = %(d)s""",
    f"""SELECT {dept_at("pr.user_id")}, '', NULL, '', {_metrics(contact_requests="1")}
      FROM directory_contactrequest r
      JOIN profiles_profile pr ON pr.id = r.profile_id
     WHERE r.created_at >= %(s)s AND r.created_at < %(e)s""",
]

_SUMS = ", ".join(f"SUM({name.strip()})" for name in _FACT_COLUMNS.split(","))

DAILY_FACT_SQL = f"""
INSERT INTO analytics_dailyfact (day, department_id, network, content_id, content_kind, {_FACT_COLUMNS})
SELECT %(d)s, f.department_id, f.network, f.content_id, f.kind, {_SUMS}
  FROM ({" UNION ALL ".join(_DAILY_FACT_SOURCES)}) AS f
 GROUP BY f.department_id, f.network, f.content_id, f.kind
"""

SUMMARY_SQL = f"""
INSERT INTO analytics_dailysummary (day, department_id, network, content_kind, {_FACT_COLUMNS})
SELECT %(d)s, f.department_id, f.network, f.content_kind, {_SUMS}
  FROM analytics_dailyfact f
 WHERE f.day = %(d)s
 GROUP BY f.department_id, f.network, f.content_kind
"""

TOPIC_FACT_SQL = """
INSERT INTO analytics_dailytopicfact
       (day, department_id, network, topic_id, shares, reach, clicks, conversions)
SELECT %(d)s, f.department_id, f.network, t.skill_id, SUM(f.shares), SUM(f.reach), SUM(f.clicks),
       SUM(f.conversions)
  FROM analytics_dailyfact f
  JOIN content_contentitem_topics t ON t.contentitem_id = f.content_id
 WHERE f.day = %(d)s
 GROUP BY f.department_id, f.network, t.skill_id
"""

_USER_SOURCES = [
    f"""SELECT s.user_id AS user_id, 1 AS shares, COALESCE(s.followers_at_share, 0) AS reach,
           0 AS clicks, 0 AS conversions, 0 AS profile_views, 0 AS search_appearances,
           0 AS contact_requests, 0 AS answered_requests, 0 AS response_seconds
      FROM sharing_share s
     WHERE s.shared_at >= %(s)s AND s.shared_at < %(e)s AND s.status IN {STATUSES}""",
    """SELECT k.user_id_at_click, 0, 0, COUNT(*), 0, 0, 0, 0, 0, 0
      FROM links_click k
     WHERE k.occurred_at >= %(s)s AND k.occurred_at < %(e)s AND k.user_id_at_click IS NOT NULL
     GROUP BY k.user_id_at_click""",
    """SELECT l.user_id, 0, 0, 0, 1, 0, 0, 0, 0, 0
      FROM links_conversion v JOIN links_trackedlink l ON l.id = v.link_id
     WHERE v.occurred_at >= %(s)s AND v.occurred_at < %(e)s AND l.user_id IS NOT NULL""",
    """SELECT pr.user_id, 0, 0, 0, 0, v.count, 0, 0, 0, 0
      FROM directory_profileview v JOIN profiles_profile pr ON pr.id = v.profile_id
     WHERE v.day = %(d)s""",
    """SELECT pr.user_id, 0, 0, 0, 0, 0, a.count, 0, 0, 0
      FROM directory_searchappearance a JOIN profiles_profile pr ON pr.id = a.profile_id
     WHERE a.day = %(d)s""",
    """SELECT pr.user_id, 0, 0, 0, 0, 0, 0, 1, 0, 0
      FROM directory_contactrequest r JOIN profiles_profile pr ON pr.id = r.profile_id
     WHERE r.created_at >= %(s)s AND r.created_at < %(e)s""",
    """SELECT pr.user_id, 0, 0, 0, 0, 0, 0, 0, 1, COALESCE(r.response_seconds, 0)
      FROM directory_contactrequest r JOIN profiles_profile pr ON pr.id = r.profile_id
     WHERE r.answered_at >= %(s)s AND r.answered_at < %(e)s""",
]

_USER_COLUMNS = (
    "shares, reach, clicks, conversions, profile_views, search_appearances, contact_requests, "
    "answered_requests, response_seconds"
)

USER_FACT_SQL = f"""
INSERT INTO analytics_userdayfact (day, user_id, department_id, {_USER_COLUMNS})
SELECT %(d)s, u.id, {dept_at("u.id")}, {", ".join(f"SUM(f.{c.strip()})" for c in _USER_COLUMNS.split(","))}
  FROM ({" UNION ALL ".join(_USER_SOURCES)}) AS f
  JOIN accounts_user u ON u.id = f.user_id
 GROUP BY u.id
"""

RESPONSE_SQL = f"""
INSERT INTO analytics_responsetime (day, department_id, response_seconds)
SELECT %(d)s, {dept_at("pr.user_id")}, r.response_seconds
  FROM directory_contactrequest r
  JOIN profiles_profile pr ON pr.id = r.profile_id
 WHERE r.answered_at >= %(s)s AND r.answered_at < %(e)s AND r.response_seconds IS NOT NULL
"""

ADOPTION_SQL = f"""
INSERT INTO analytics_adoptionday (day, department_id, invited, enrolled, onboarded)
SELECT %(d)s, f.department_id, SUM(f.invited), SUM(f.enrolled), SUM(f.onboarded)
  FROM (SELECT i.department_id AS department_id, 1 AS invited, 0 AS enrolled, 0 AS onboarded
          FROM accounts_invitation i
         WHERE i.created_at >= %(s)s AND i.created_at < %(e)s
        UNION ALL
        SELECT {dept_at("u.id")}, 0, 1, 0 FROM accounts_user u
         WHERE u.date_joined >= %(s)s AND u.date_joined < %(e)s AND u.is_active = %(true)s
        UNION ALL
        SELECT {dept_at("u.id")}, 0, 0, 1 FROM profiles_profile pr JOIN accounts_user u ON u.id = pr.user_id
         WHERE pr.published_at >= %(s)s AND pr.published_at < %(e)s AND u.is_active = %(true)s) AS f
 GROUP BY f.department_id
"""


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The day's half-open bounds in the company's time zone (23 or 25 hours on DST switches)."""
    tz = timezone.get_default_timezone()
    start = timezone.make_aware(datetime.combine(day, time.min), tz)
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), tz)
    return start, end


def sql_instant(value: datetime) -> Any:
    """An aware datetime as a raw-SQL parameter compared with a stored timestamp column. SQLite stores
    UTC as naive text, and sqlite3 would pass "…+01:00" text, cutting days at UTC midnight: the
    backend's own adaptation (UTC, no offset) compares right on every database."""
    return connection.ops.adapt_datetimefield_value(value)


def sql_day_bounds(day: date) -> tuple[Any, Any]:
    start, end = day_bounds(day)
    return sql_instant(start), sql_instant(end)


def _month_bits(month: date) -> tuple[str, dict[str, Any]]:
    """A CASE expression turning a rollup row's day into its bit of the month (bit 0 = the 1st),
    without date functions; the sum of distinct bits of one group is their bitwise OR."""
    params: dict[str, Any] = {}
    branches = []
    day = month
    while day.month == month.month:
        params[f"b{day.day}"] = day
        branches.append(f"WHEN %(b{day.day})s THEN {1 << (day.day - 1)}")
        day += timedelta(days=1)
    params["m"], params["me"] = month, day - timedelta(days=1)
    return f"CASE f.day {' '.join(branches)} ELSE 0 END", params


def _timestamp_bits(month: date, params: dict[str, Any]) -> str:
    """The same bits for a timestamp column `s.shared_at`, by the company time zone's day bounds."""
    branches = []
    day = month
    while day.month == month.month:
        params[f"t{day.day}"] = sql_day_bounds(day)[1]
        branches.append(f"WHEN s.shared_at < %(t{day.day})s THEN {1 << (day.day - 1)}")
        day += timedelta(days=1)
    params["ms"], params["mend"] = sql_day_bounds(month)[0], sql_day_bounds(day - timedelta(days=1))[1]
    return f"CASE {' '.join(branches)} ELSE 0 END"


def rollup_month(day: date) -> None:
    """Rebuild the month bitmaps (ShareMonth, ContentShareMonth, ContributorMonth) of `day`'s month
    from that month's rollup rows and shares; runs after the day's rows, in the caller's transaction,
    and is safe to repeat."""
    bits, params = _month_bits(day.replace(day=1))
    share_bits = _timestamp_bits(day.replace(day=1), params)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM analytics_sharemonth WHERE month = %(m)s", params)
        cursor.execute("DELETE FROM analytics_contentsharemonth WHERE month = %(m)s", params)
        cursor.execute("DELETE FROM analytics_contributormonth WHERE month = %(m)s", params)
        # several shares of a day give one bit: DISTINCT before the sum
        cursor.execute(
            f"""INSERT INTO analytics_contributormonth
                       (month, user_id, department_id, network, content_kind, days)
                SELECT %(m)s, f.user_id, f.department_id, f.network, f.kind, SUM(f.bit)
                  FROM (SELECT DISTINCT s.user_id AS user_id,
                               {dept_at("s.user_id", "s.shared_at")} AS department_id,
                               s.network AS network, c.kind AS kind, {share_bits} AS bit
                          FROM sharing_share s
                          JOIN content_contentitem c ON c.id = s.content_id
                         WHERE s.shared_at >= %(ms)s AND s.shared_at < %(mend)s
                           AND s.status IN {STATUSES}) AS f
                 GROUP BY f.user_id, f.department_id, f.network, f.kind""",
            params,
        )
        # UserDayFact has one row per day × person and DailyFact one per day × department × network ×
        # item × kind, so every group below sums distinct bits.
        cursor.execute(
            f"""INSERT INTO analytics_sharemonth (month, user_id, department_id, days)
                SELECT %(m)s, f.user_id, f.department_id, SUM({bits})
                  FROM analytics_userdayfact f
                 WHERE f.day >= %(m)s AND f.day <= %(me)s AND f.shares > 0
                 GROUP BY f.user_id, f.department_id""",
            params,
        )
        cursor.execute(
            f"""INSERT INTO analytics_contentsharemonth
                       (month, content_id, department_id, network, content_kind, days)
                SELECT %(m)s, f.content_id, f.department_id, f.network, f.content_kind, SUM({bits})
                  FROM analytics_dailyfact f
                 WHERE f.day >= %(m)s AND f.day <= %(me)s AND f.shares > 0 AND f.content_id IS NOT NULL
                 GROUP BY f.content_id, f.department_id, f.network, f.content_kind""",
            params,
        )


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def memberships_sync(*, now: datetime | None = None) -> int:
    """Record department changes in the membership history (however they were made: admin, SSO, SCIM,
    a deleted department). A change counts from the next local midnight; a person without history
    starts with their current department "since always". A deactivated account keeps the history it had
    when it left (an erased one has none left, and gets none back). Returns the periods written.

    Incremental: one query finds the active people whose department differs from their latest period
    (or who have none); only their latest periods are loaded. It runs before every rollup (every 30 s)."""
    from django.db.models import Exists, F, OuterRef, Q, Subquery

    from sichtbar.accounts.models import User

    from .models import MembershipPeriod

    now = now or timezone.now()
    effective = day_bounds(timezone.localtime(now).date())[1]
    periods = MembershipPeriod.objects.filter(user_id=OuterRef("pk"))
    last = Subquery(periods.order_by("-valid_from", "-id").values("department_id")[:1])
    known = Q(has_history=True)
    changed = (
        ~known
        | (known & Q(department_id__isnull=True) & Q(last_department__isnull=False))
        | (known & Q(department_id__isnull=False) & Q(last_department__isnull=True))
        | (
            known
            & Q(department_id__isnull=False)
            & Q(last_department__isnull=False)
            & ~Q(last_department=F("department_id"))
        )
    )
    movers = dict(
        User.objects.filter(is_active=True)
        .annotate(has_history=Exists(periods), last_department=last)
        .filter(changed)
        .values_list("id", "department_id")
    )
    if not movers:
        return 0
    latest: dict[int, MembershipPeriod] = {}
    for known_period in MembershipPeriod.objects.filter(user_id__in=list(movers)).order_by(
        "user_id", "valid_from", "id"
    ):
        latest[known_period.user_id] = known_period
    new: list[MembershipPeriod] = []
    with transaction.atomic():
        for user_id, department_id in movers.items():
            if (period := latest.get(user_id)) is None:
                new.append(MembershipPeriod(user_id=user_id, department_id=department_id, valid_from=EPOCH))
            elif period.department_id == department_id:
                continue
            elif period.valid_from >= effective:  # a second change before midnight: replace the pending one
                MembershipPeriod.objects.filter(pk=period.pk).update(department_id=department_id)
                new.append(period)
            else:
                new.append(
                    MembershipPeriod(user_id=user_id, department_id=department_id, valid_from=effective)
                )
        MembershipPeriod.objects.bulk_create([period for period in new if period.pk is None], batch_size=1000)
    return len(new)


def rollup_days(days: list[date]) -> None:
    """Roll up each day, then rebuild each month of them once (not once per day: a month rebuild reads
    the month's shares, 0.1–0.4 s at 10M clicks)."""
    memberships_sync()
    for day in sorted(days):
        rollup_day(day, months=False)
    for month in sorted({day.replace(day=1) for day in days}):
        with transaction.atomic():
            rollup_month(month)
    forget_decisions(months={day.replace(day=1) for day in days})


def forget_decisions(*, months: set[date]) -> None:
    """The works-council decisions kept for these months were made on facts that may have changed."""
    from .models import DisclosureDecision

    if months:
        DisclosureDecision.objects.filter(month__in=months).delete()


def rollup_day(day: date, *, months: bool = True) -> None:
    """Rebuild every rollup row of `day` from the facts; safe to repeat (delete + insert, atomic).
    `months=False` leaves the month bitmaps to the caller (`rollup_days`, which also syncs the
    membership history first)."""
    if months:
        memberships_sync()
    start, end = sql_day_bounds(day)
    params: dict[str, Any] = {
        "d": day,
        "s": start,
        "e": end,
        "ds": start,
        "true": True,
    }
    with transaction.atomic(), connection.cursor() as cursor:
        for table in ROLLUP_TABLES:
            cursor.execute(f"DELETE FROM {table} WHERE day = %s", [day])
        for sql in (DAILY_FACT_SQL, SUMMARY_SQL, TOPIC_FACT_SQL, USER_FACT_SQL, RESPONSE_SQL, ADOPTION_SQL):
            cursor.execute(sql, params)
        if months:
            rollup_month(day)
    if months:
        forget_decisions(months={day.replace(day=1)})
