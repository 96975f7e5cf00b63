"""Drill-down: the items behind a figure (the one read outside the rollup tables)."""

from typing import Any

from django.db.models import (
    Count,
)
from django.utils import timezone

from sichtbar.accounts.models import User

from ..disclosure import Disclosure
from .base import AnalyticsFilters, _shares


def drilldown(
    *, filters: AnalyticsFilters, viewer: User, content: int | None = None, limit: int = 100
) -> dict[str, Any]:
    """The shares behind a figure, newest first, with the clicks and conversions their links brought.
    A share is one person's fact: in works-council mode only the viewer's own shares and those of
    people who opted in are listed, and no total (the total minus the listed ones is the others' sum)."""
    guard = Disclosure.of(viewer)
    qs = _shares(filters)
    if content is not None:
        qs = qs.filter(content_id=content)
    if guard.restricted:
        qs = qs.filter(user_id__in=guard.exempt)
    total = None if guard.restricted else qs.count()
    shares = list(
        qs.select_related("user", "user__department", "content")
        .annotate(
            click_count=Count("link__clicks", distinct=True),
            conversion_count=Count("link__conversions", distinct=True),
        )
        .order_by("-shared_at", "-id")[:limit]
    )
    items = []
    for share in shares:
        items.append(
            {
                "id": share.pk,
                "shared_at": share.shared_at,
                "network": share.network,
                "content_id": share.content_id,
                "content_title": share.content.title,
                "content_kind": share.content.kind,
                "department": share.user.department.name if share.user.department else "",
                "person": share.user.full_name,
                "reach": share.followers_at_share,
                "clicks": share.click_count,
                "conversions": share.conversion_count,
            }
        )
    # read from the shares themselves: as fresh as the request
    return {
        "suppressed": False,
        "total": total,
        "only_opted_in": guard.restricted,
        "min_group_size": guard.min_group,
        "items": items,
        "computed_at": timezone.now(),
    }
