"""Analytics writes: rollups, headcount snapshots, settings, network rates, targets, benchmarks, opt-ins."""

import csv
import io
import logging
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Min, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sichtbar.accounts.models import Department, Role, User
from sichtbar.audit.services import audit_record
from sichtbar.core.errors import ApplicationError
from sichtbar.core.services import model_update
from sichtbar.mail.services import mail_enqueue
from sichtbar.organisation.models import FiguresOptIn
from sichtbar.organisation.selectors import figures_opt_in
from sichtbar.organisation.services import figures_opt_in_set, organisation_privacy_update

from .disclosure import decisions_warm, reason_label
from .error_codes import AnalyticsErrorCode
from .models import (
    AnalyticsSettings,
    Benchmark,
    DepartmentHeadcount,
    DirtyDay,
    HeadcountDay,
    Kpi,
    NetworkRate,
    RollupRun,
    Target,
    TargetScope,
    WeeklyReportDelivery,
)
from .rollup import rollup_days

logger = logging.getLogger(__name__)

MAX_RANGE_DAYS = 3660


# --- rollups ----------------------------------------------------------------------------------


def rollup_range(*, start: date, end: date) -> int:
    """Rebuild the rollups of every day from `start` to `end` (inclusive). Returns the days rolled."""
    if end < start:
        return 0
    if (end - start).days > MAX_RANGE_DAYS:
        raise ApplicationError(_("The range is too long."), code=AnalyticsErrorCode.RANGE_TOO_LONG)
    rollup_days([start + timedelta(days=offset) for offset in range((end - start).days + 1)])
    DirtyDay.objects.filter(day__gte=start, day__lte=end).delete()
    return (end - start).days + 1


def analytics_days_mark_dirty(*, days: list[date]) -> None:
    """Mark days whose facts changed after their rollup (late events); the next run re-rolls them."""
    for day in set(days):
        DirtyDay.objects.update_or_create(day=day)


def analytics_days_rebuild(*, days: list[date]) -> int:
    """Rebuild the rollups of these days now (their facts changed: an erasure) and clear their dirty marks."""
    if not days:
        return 0
    rollup_days(sorted(set(days)))
    DirtyDay.objects.filter(day__in=days).delete()
    return len(set(days))


def _local_day(value: datetime) -> date:
    return timezone.localtime(value).date()


def _changed_days_since(since: datetime) -> set[date]:
    """Days of facts that changed after the watermark: late shares, metrics updates, answers."""
    from sichtbar.directory.models import ContactRequest
    from sichtbar.integrations.models import ImportedPost
    from sichtbar.sharing.models import Share

    days: set[date] = set()
    for shared_at in Share.objects.filter(updated_at__gt=since, shared_at__isnull=False).values_list(
        "shared_at", flat=True
    )[:10000]:
        if shared_at is not None:
            days.add(_local_day(shared_at))
    for published_at in ImportedPost.objects.filter(
        metrics_updated_at__gt=since, published_at__isnull=False
    ).values_list("published_at", flat=True)[:10000]:
        if published_at is not None:
            days.add(_local_day(published_at))
    for created_at, answered_at in ContactRequest.objects.filter(updated_at__gt=since).values_list(
        "created_at", "answered_at"
    )[:10000]:
        days.add(_local_day(created_at))
        if answered_at:
            days.add(_local_day(answered_at))
    return days


def rollup_recent(*, now: datetime | None = None) -> list[date]:
    """The periodic run: the last N days, days marked dirty and days of facts changed since the last run."""
    now = now or timezone.now()
    today = _local_day(now)
    days = {today - timedelta(days=i) for i in range(settings.ANALYTICS_REROLL_DAYS)}
    days |= set(DirtyDay.objects.values_list("day", flat=True))
    run = RollupRun.objects.filter(key="recent").first()
    if run is not None:
        days |= _changed_days_since(run.finished_at - timedelta(minutes=5))
    rollup_days(sorted(days))
    DirtyDay.objects.filter(day__in=days).delete()
    RollupRun.objects.update_or_create(key="recent", defaults={"finished_at": now})
    # works-council mode: the published months' decisions ready before a manager asks (bounded per run)
    decisions_warm(today=today)
    return sorted(days)


# A fact is stored a little after it happened (the click stream is flushed every few seconds, a claim of
# a stuck batch after a minute), so the change probes look back this far before the last run.
TODAY_LOOKBACK = timedelta(minutes=2)
# Profile views, search appearances, invitations and sign-ups have no cheap change probe: today is re-rolled
# at least this often anyway.
TODAY_REROLL_EVERY = timedelta(minutes=5)


def _today_changed_since(*, since: datetime) -> bool:
    """Whether a share, click, conversion or contact request of the last minutes may be missing from the
    rollup made at `since` (indexed probes on the time columns; Share.updated_at scans the shares)."""
    from sichtbar.directory.models import ContactRequest
    from sichtbar.links.models import Click, Conversion
    from sichtbar.sharing.models import Share

    after = since - TODAY_LOOKBACK
    return (
        Click.objects.filter(occurred_at__gte=after).exists()
        or Share.objects.filter(updated_at__gte=after).exists()
        or Conversion.objects.filter(occurred_at__gte=after).exists()
        or ContactRequest.objects.filter(updated_at__gte=after).exists()
    )


def rollup_today(*, now: datetime | None = None) -> bool:
    """The short periodic run (every 30 s): re-roll today (and its month) when a fact of the last minutes
    may be missing or TODAY_REROLL_EVERY has passed, so figures are at most about a minute old. Either way
    the "today" watermark moves to `now`: the figures are complete as of then (what `computed_at` says).
    Returns whether it rolled up. Idempotent."""
    now = now or timezone.now()
    today = _local_day(now)
    runs = dict(RollupRun.objects.filter(key__in=["today", "today-rolled"]).values_list("key", "finished_at"))
    checked, rolled = runs.get("today"), runs.get("today-rolled")
    due = (
        checked is None
        or rolled is None
        or _local_day(rolled) != today
        or now - rolled >= TODAY_REROLL_EVERY
        or _today_changed_since(since=checked)
    )
    if due:
        rollup_days([today])
        RollupRun.objects.update_or_create(key="today-rolled", defaults={"finished_at": now})
    RollupRun.objects.update_or_create(key="today", defaults={"finished_at": now})
    return due


def first_fact_day() -> date | None:
    """The earliest day any fact exists for (where a full rebuild starts)."""
    from sichtbar.links.models import Click
    from sichtbar.sharing.models import Share

    candidates = [
        Share.objects.aggregate(m=Min("shared_at"))["m"],
        Click.objects.aggregate(m=Min("occurred_at"))["m"],
        User.objects.aggregate(m=Min("date_joined"))["m"],
    ]
    values = [_local_day(value) for value in candidates if value is not None]
    return min(values) if values else None


def rollup_all(*, now: datetime | None = None) -> int:
    """Rebuild every day with facts up to today; afterwards the figures are as fresh as after a
    periodic run (the same watermark)."""
    now = now or timezone.now()
    start = first_fact_day()
    if start is None:
        return 0
    days = rollup_range(start=start, end=_local_day(now))
    RollupRun.objects.update_or_create(key="recent", defaults={"finished_at": now})
    return days


def headcount_snapshot(*, day: date) -> int:
    """Store each department's headcount of `day` (HR's figure, else active accounts). Idempotent."""
    people: dict[int | None, int] = {
        row["department_id"]: row["n"]
        for row in User.objects.filter(is_active=True).values("department_id").annotate(n=Count("id"))
    }
    stated: dict[int | None, int] = {
        row.department_id: row.headcount for row in DepartmentHeadcount.objects.all()
    }
    departments = set(people) | set(stated) | set(Department.objects.values_list("id", flat=True))
    with transaction.atomic():
        HeadcountDay.objects.filter(day=day).delete()
        HeadcountDay.objects.bulk_create(
            HeadcountDay(
                day=day,
                department_id=department_id,
                headcount=stated.get(department_id, people.get(department_id, 0)),
                people=people.get(department_id, 0),
            )
            for department_id in departments
        )
    return len(departments)


# --- settings ---------------------------------------------------------------------------------


def analytics_settings_get() -> AnalyticsSettings:
    instance = AnalyticsSettings.objects.order_by("id").first()
    return instance or AnalyticsSettings.objects.create()


def analytics_settings_update(*, actor: User, data: dict[str, Any]) -> AnalyticsSettings:
    """Currency and weekly report; works-council mode is the organisation's privacy setting (changed
    there, also when it comes through this endpoint)."""
    data = dict(data)
    if "works_council_mode" in data:
        organisation_privacy_update(actor=actor, works_council_mode_choice=data.pop("works_council_mode"))
    instance = analytics_settings_get()
    before = {name: getattr(instance, name) for name in data}
    instance, changed = model_update(instance=instance, fields=["currency", "weekly_report"], data=data)
    if changed:
        audit_record(
            actor=actor,
            action="analytics.settings_update",
            target=instance,
            changes={"before": before, "after": data},
        )
    return instance


def network_rates_set(*, actor: User, rates: list[dict[str, Any]]) -> list[NetworkRate]:
    """Create or update the estimate inputs of the given networks and currencies."""
    saved = []
    with transaction.atomic():
        for rate in rates:
            instance, _created = NetworkRate.objects.update_or_create(
                network=rate["network"],
                currency=rate["currency"],
                defaults={"cpc": rate["cpc"], "cpm": rate["cpm"], "view_rate": rate["view_rate"]},
            )
            saved.append(instance)
        audit_record(actor=actor, action="analytics.rates_update", changes={"rates": rates})
    return saved


def department_headcount_set(*, actor: User, department: Department | None, headcount: int | None) -> None:
    """HR's headcount for a department; None removes it (active accounts count instead)."""
    if headcount is None:
        DepartmentHeadcount.objects.filter(department=department).delete()
    else:
        DepartmentHeadcount.objects.update_or_create(department=department, defaults={"headcount": headcount})
    audit_record(
        actor=actor,
        action="analytics.headcount_update",
        target=department,
        changes={"headcount": headcount},
    )
    headcount_snapshot(day=timezone.localdate())


def preference_get(*, user: User) -> FiguresOptIn:
    return figures_opt_in(user=user)


def preference_set(*, user: User, share_figures: bool) -> FiguresOptIn:
    return figures_opt_in_set(user=user, share_figures=share_figures)


# --- targets and benchmarks -------------------------------------------------------------------


def _target_validate(data: dict[str, Any]) -> None:
    if data["period_end"] < data["period_start"]:
        raise ApplicationError(
            _("The deadline must not be before the start."),
            code=AnalyticsErrorCode.TARGET_PERIOD_INVALID,
            fields={"period_end": [_("The deadline must not be before the start.")]},
        )
    if (data["scope"] == TargetScope.DEPARTMENT) != (data.get("department") is not None):
        raise ApplicationError(
            _("A department target needs a department; a company target must not have one."),
            code=AnalyticsErrorCode.TARGET_SCOPE_INVALID,
            fields={"department": [_("Choose a department for a department target only.")]},
        )


def target_create(*, actor: User, data: dict[str, Any]) -> Target:
    _target_validate(data)
    target = Target(created_by=actor, **data)
    target.full_clean()
    target.save()
    audit_record(actor=actor, action="analytics.target_create", target=target, changes=data)
    return target


def target_update(*, actor: User, target: Target, data: dict[str, Any]) -> Target:
    merged = {
        name: data.get(name, getattr(target, name))
        for name in ["kpi", "scope", "department", "period_start", "period_end", "value"]
    }
    _target_validate(merged)
    target, changed = model_update(instance=target, fields=list(merged), data=data)
    if changed:
        audit_record(actor=actor, action="analytics.target_update", target=target, changes=data)
    return target


def target_delete(*, actor: User, target: Target) -> None:
    audit_record(actor=actor, action="analytics.target_delete", target=target)
    target.delete()


BENCHMARK_COLUMNS = ["kpi", "value", "industry", "source", "period"]


def benchmarks_import(*, actor: User, data: bytes) -> int:
    """Import industry benchmarks from CSV (columns kpi,value[,industry,source,period]); replaces rows
    of the same KPI and industry. All or nothing: one bad row rejects the file."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ApplicationError(_("The file is not UTF-8 text."), code=AnalyticsErrorCode.CSV_INVALID) from exc
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames or not {"kpi", "value"} <= {name.strip().lower() for name in reader.fieldnames}:
        raise ApplicationError(
            _("The CSV needs the columns kpi and value."), code=AnalyticsErrorCode.CSV_INVALID
        )
    rows = []
    for number, raw in enumerate(reader, start=2):
        row = {(key or "").strip().lower(): (value or "").strip() for key, value in raw.items()}
        if row.get("kpi") not in Kpi.values:
            raise ApplicationError(
                _("Line %(line)d: unknown KPI %(kpi)s.") % {"line": number, "kpi": row.get("kpi")},
                code=AnalyticsErrorCode.CSV_INVALID,
            )
        try:
            value = Decimal(row["value"].replace(",", ".")) if delimiter == ";" else Decimal(row["value"])
        except InvalidOperation as exc:
            raise ApplicationError(
                _("Line %(line)d: the value is not a number.") % {"line": number},
                code=AnalyticsErrorCode.CSV_INVALID,
            ) from exc
        rows.append(
            {
                "kpi": row["kpi"],
                "value": value,
                "industry": row.get("industry", "")[:120],
                "source": row.get("source", "")[:200],
                "period": row.get("period", "")[:40],
            }
        )
    if len(rows) > 500:
        raise ApplicationError(_("At most 500 rows per file."), code=AnalyticsErrorCode.CSV_INVALID)
    with transaction.atomic():
        for row in rows:
            Benchmark.objects.update_or_create(
                kpi=row["kpi"],
                industry=row["industry"],
                defaults={"value": row["value"], "source": row["source"], "period": row["period"]},
            )
        audit_record(actor=actor, action="analytics.benchmarks_import", changes={"rows": len(rows)})
    return len(rows)


# --- weekly report ----------------------------------------------------------------------------


def weekly_report_recipients() -> list[int]:
    if not analytics_settings_get().weekly_report:
        return []
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(role=Role.MANAGER) | Q(role=Role.ADMIN))
        .values_list("id", flat=True)
    )


def weekly_report_send(*, user_id: int, week_end: date) -> bool:
    """Mail one manager last week's company figures (aggregates only, so works-council safe), once: the
    delivery row and the outbox mail are written in one transaction."""
    from .selectors import AnalyticsFilters, overview

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_role(Role.MANAGER):
        return False
    if WeeklyReportDelivery.objects.filter(user=user, week_end=week_end).exists():
        return False  # a retry or a second beat run: the report went out already
    if WeeklyReportDelivery.objects.filter(user=user, week_end=week_end).exists():
        return False  # a retry or a second beat run: the report went out already
    filters = AnalyticsFilters(start=week_end - timedelta(days=6), end=week_end)
    with translation.override(user.language):  # the KPI labels, in the manager's language
        data = overview(filters=filters, viewer=user)
        # works-council mode: the last closed month, withheld figures as the marker, never a 0
        kpis = [
            {
                "label": kpi["label"],
                "value": kpi["value"]
                if kpi["value"] is not None
                else reason_label(kpi["suppressed_reason"], data["min_group_size"]) or None,
            }
            for kpi in data["kpis"]
        ]
    with transaction.atomic():
        _delivery, created = WeeklyReportDelivery.objects.get_or_create(user=user, week_end=week_end)
        if not created:
            return False
        mail_enqueue(
            to=user.email,
            template="analytics/email/weekly_report",
            context={
                "start": data["start"],
                "end": data["end"],
                "kpis": kpis,
                "link": f"{settings.SITE_URL}/analytics",
            },
            language=user.language,
            reference=f"weekly-report:{user.pk}:{week_end.isoformat()}",
        )
    return True
