"""Demo data for analytics: estimate inputs, HR headcounts with 120 days of history, an industry
benchmark, targets, a few opt-ins, then the rollups of every day with facts. Runs last; safe twice."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from sichtbar.accounts.models import Department, Role, User
from sichtbar.organisation.models import FiguresOptIn

from . import services
from .models import (
    Benchmark,
    DepartmentHeadcount,
    HeadcountDay,
    Kpi,
    NetworkRate,
    Target,
    TargetScope,
)

RATES = [
    # network, CPC, CPM, view rate (EUR; rough paid-social figures for DACH B2B)
    ("linkedin", "5.50", "32.00", "0.12"),
    ("xing", "3.20", "18.00", "0.08"),
    ("mastodon", "0.80", "6.00", "0.20"),
    ("x", "1.10", "7.50", "0.05"),
    ("facebook", "0.90", "9.00", "0.06"),
    ("email", "0.00", "0.00", "0.50"),
]
BENCHMARKS = [
    (Kpi.ADOPTION_RATE, "0.1500"),
    (Kpi.CLICKS_PER_SHARE, "2.8000"),
    (Kpi.ENGAGEMENT_RATE, "0.0350"),
    (Kpi.CONTENT_UTILISATION, "0.4000"),
]


def seed() -> dict[str, Any]:
    today = timezone.localdate()
    for network, cpc, cpm, view_rate in RATES:
        NetworkRate.objects.get_or_create(
            network=network,
            currency="EUR",
            defaults={"cpc": Decimal(cpc), "cpm": Decimal(cpm), "view_rate": Decimal(view_rate)},
        )
    services.analytics_settings_get()
    for kpi, value in BENCHMARKS:
        Benchmark.objects.get_or_create(
            kpi=kpi,
            industry="IT-Dienstleistungen DACH",
            defaults={"value": Decimal(value), "source": "Demo-Benchmark 2026", "period": "2026"},
        )
    people = {
        d.pk: User.objects.filter(department=d, is_active=True).count() for d in Department.objects.all()
    }
    for department_id, count in people.items():
        # HR counts everyone, not only those with an account: the adoption rate's denominator.
        DepartmentHeadcount.objects.get_or_create(
            department_id=department_id, defaults={"headcount": max(count * 3, 5)}
        )
    if not HeadcountDay.objects.exists():
        for back in range(120, -1, -1):
            services.headcount_snapshot(day=today - timedelta(days=back))
            # Headcount grew over the period: earlier days had a few people fewer.
            HeadcountDay.objects.filter(day=today - timedelta(days=back)).update(
                headcount=_earlier_headcount(back)
            )
    if not Target.objects.exists():
        quarter_start = today.replace(day=1) - timedelta(days=60)
        deadline = quarter_start + timedelta(days=119)
        manager = User.objects.filter(role=Role.MANAGER, is_active=True).first()
        Target.objects.create(
            kpi=Kpi.SHARES,
            scope=TargetScope.COMPANY,
            period_start=quarter_start,
            period_end=deadline,
            value=Decimal(150),
            created_by=manager,
        )
        Target.objects.create(
            kpi=Kpi.CLICKS,
            scope=TargetScope.COMPANY,
            period_start=quarter_start,
            period_end=deadline,
            value=Decimal(5000),
            created_by=manager,
        )
        Target.objects.create(
            kpi=Kpi.ADOPTION_RATE,
            scope=TargetScope.COMPANY,
            period_start=quarter_start,
            period_end=deadline,
            value=Decimal("0.25"),
            created_by=manager,
        )
    for user in User.objects.filter(role=Role.EMPLOYEE, is_active=True).order_by("id")[:4]:
        FiguresOptIn.objects.get_or_create(
            user=user, defaults={"share_figures": True, "opted_in_at": timezone.now()}
        )
    days = services.rollup_all()
    return {"rolled_up_days": days, "targets": Target.objects.count(), "rates": NetworkRate.objects.count()}


def _earlier_headcount(back: int) -> Any:
    """Each day's headcount a little below today's the further back it lies (about 1 in 100 per month)."""
    from django.db.models import F
    from django.db.models.functions import Greatest

    return Greatest(F("headcount") - F("headcount") * back / 3000, 1)
