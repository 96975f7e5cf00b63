"""Breakdowns by department, network, content and topic; top content."""

from dataclasses import replace
from datetime import date
from typing import Any

from django.db.models import (
    QuerySet,
    Sum,
)
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sichtbar.accounts.models import Department, User
from sichtbar.content.models import ContentItem
from sichtbar.core.networks import Network
from sichtbar.profiles.models import Skill

from .. import disclosure
from ..disclosure import Disclosure
from ..models import (
    DailyTopicFact,
)
from .base import AnalyticsFilters, Scope, _facts, _published, _reason, _scope
from .kpis import _ratio, figures_computed_at

BREAKDOWN_FAMILIES = {
    "shares": (disclosure.SHARE,),
    "reach": (disclosure.SHARE,),
    "clicks": (disclosure.CLICK,),
    "conversions": (disclosure.CONVERSION,),
    "clicks_per_share": (disclosure.SHARE, disclosure.CLICK),
    "profile_views": (disclosure.PEOPLE, disclosure.VIEW),
    "search_appearances": (disclosure.PEOPLE, disclosure.APPEARANCE),
    "contact_requests": (disclosure.PEOPLE, disclosure.CONTACT),
}


def _row_scope(scope: Scope, dimension: str, ident: Any) -> Scope:
    """The cell of one breakdown row: a department, or a company-wide narrowing. A row that would
    narrow twice (or narrow a department) is not a published cell."""
    if dimension == "department":
        if scope.narrowing is not None or scope.department not in ("", ident):
            return replace(scope, narrowing=disclosure.COMBINATION)
        return replace(scope, department=ident)
    name = {"network": "network", "content": "content", "topic": "topic"}[dimension]
    narrowing = scope.narrowing
    if scope.department != "" or narrowing == disclosure.COMBINATION:
        return replace(scope, narrowing=disclosure.COMBINATION)
    nested = dimension == "content" and narrowing is not None and narrowing[0] == "content_kind"
    if narrowing is None or nested or narrowing == (name, ident):
        return replace(scope, narrowing=(name, ident))
    return replace(scope, narrowing=disclosure.COMBINATION)


def breakdown(
    *, filters: AnalyticsFilters, viewer: User, dimension: str, limit: int = 50, today: date | None = None
) -> dict[str, Any]:
    """Figures per department, network, content item or topic. In works-council mode each row is a
    cell of disclosure control (whole closed months, minimum group, complementary suppression)."""
    guard = Disclosure.of(viewer)
    filters, publication = _published(filters, guard, today)
    metrics = ["shares", "clicks", "reach", "conversions"]
    if dimension == "topic":
        qs: QuerySet[Any] = DailyTopicFact.objects.filter(day__gte=filters.start, day__lte=filters.end)
        if filters.department is not None:
            qs = qs.filter(department_id=filters.department)
        if filters.network:
            qs = qs.filter(network=filters.network)
        if filters.topic is not None:
            qs = qs.filter(topic_id=filters.topic)
        key = "topic_id"
    else:
        qs = _facts(filters, by_content=dimension == "content")
        key = {"department": "department_id", "network": "network", "content": "content_id"}[dimension]
        if dimension == "department":
            metrics += ["profile_views", "search_appearances", "contact_requests"]
        if dimension == "network":
            qs = qs.exclude(network="")
        if dimension == "content":
            qs = qs.exclude(content_id=None)
    rows = list(
        qs.values(key).annotate(**{name: Sum(name) for name in metrics}).order_by("-clicks", "-shares", key)
    )
    if guard.restricted and dimension == "department":
        # every group gets a row: a missing row would say "nothing at all happened there"
        present = {row[key] for row in rows}
        groups = [filters.department] if filters.department is not None else [*_department_ids(), None]
        rows += [{key: ident, **dict.fromkeys(metrics, 0)} for ident in groups if ident not in present]
    if guard.restricted:
        # withheld rows must not rank (their order would tell their size): shown rows first, by size
        scope = _scope(filters)
        for row in rows:
            row_scope = _row_scope(scope, dimension, row[key])
            row["_reasons"] = {
                name: reason
                for name in [*metrics, "clicks_per_share"]
                if (reason := _reason(guard, row_scope, BREAKDOWN_FAMILIES[name]))
            }
        rows.sort(key=lambda row: (bool(row["_reasons"]), str(row[key]) if row["_reasons"] else ""))
    if dimension == "content":
        rows = rows[:limit]
    labels = _labels(dimension, [row[key] for row in rows])
    result = []
    for row in rows:
        ident = row[key]
        reasons = row.get("_reasons", {})
        values = {name: None if name in reasons else int(row[name] or 0) for name in metrics}
        shares, clicks = values["shares"], values["clicks"]
        result.append(
            {
                "key": "" if ident is None else str(ident),
                "label": labels.get(ident, _("No department") if dimension == "department" else str(ident)),
                "suppressed": bool(reasons),
                "suppressed_reason": next(iter(reasons.values()), None),
                "clicks_per_share": None if "clicks_per_share" in reasons else _ratio(clicks, shares),
                **{name: values.get(name) for name in metrics},
            }
        )
    return {
        "dimension": dimension,
        "metrics": metrics,
        "rows": result,
        "suppressed_rows": sum(r["suppressed"] for r in result),
        "min_group_size": guard.min_group,
        "publication": publication,
        "computed_at": figures_computed_at(),
    }


def _department_ids() -> list[int]:
    return list(Department.objects.order_by("name").values_list("id", flat=True))


def _labels(dimension: str, keys: list[Any]) -> dict[Any, str]:
    ids = [key for key in keys if key is not None]
    if dimension == "department":
        return dict(Department.objects.filter(id__in=ids).values_list("id", "name"))
    if dimension == "content":
        return dict(ContentItem.objects.filter(id__in=ids).values_list("id", "title"))
    if dimension == "topic":
        skills = Skill.objects.filter(id__in=ids).values_list("id", "name_de", "name_en")
        english = (get_language() or "de").startswith("en")
        return {sid: (en if english and en else de) for sid, de, en in skills}
    if dimension == "network":
        return {key: str(Network(key).label) if key in Network.values else key for key in ids}
    return {}


def top_content(*, filters: AnalyticsFilters, viewer: User, limit: int = 10) -> dict[str, Any]:
    data = breakdown(filters=filters, viewer=viewer, dimension="content", limit=limit)
    kinds = dict(
        ContentItem.objects.filter(id__in=[r["key"] for r in data["rows"]]).values_list("id", "kind")
    )
    for row in data["rows"]:
        row["kind"] = kinds.get(int(row["key"]), "")
    return data
