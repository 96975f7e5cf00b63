"""What monitoring holds about a person (sichtbar/privacy/registry.py). Mentions are third-party content
that may name employees: a person's export lists the mentions naming them, erasure removes the person
from every mention (mentions that named only them go), and all mentions are purged after
MONITORING_MENTION_RETENTION_DAYS."""

from datetime import datetime
from typing import Any

from sichtbar.accounts.models import User
from sichtbar.core.privacy import PersonalData, RetentionRule

from .models import Mention, MonitoringFeed
from .services import mentions_purge, mentions_unlink_person

PERSONAL_DATA = [
    PersonalData(
        "monitoring.Mention",
        person=("experts", "post__author"),
        texts=("title", "excerpt", "text"),
        erasure="the person unlinked; mentions naming only them deleted; the name in highlights and texts "
        "of the others rewritten",
    ),
    PersonalData(
        "monitoring.MonitoredTerm",
        texts=("text",),
        erasure="a term that is the person's name is rewritten (it then matches nothing)",
    ),
    PersonalData("monitoring.MonitoringFeed", person=("created_by",), erasure="stays without its author"),
]


def export_user_data(user: User) -> dict[str, Any]:
    return {
        "mentions": list(
            Mention.objects.filter(experts=user)
            .order_by("published_at", "id")
            .values("source", "title", "url", "published_at", "created_at")
        )
    }


def erase_user_data(user: User) -> None:
    mentions_unlink_person(user=user)
    MonitoringFeed.objects.filter(created_by=user).update(created_by=None)


def _purge(now: datetime, days: int) -> int:
    return mentions_purge(now=now, days=days)


RETENTION = [RetentionRule("mentions", "MONITORING_MENTION_RETENTION_DAYS", _purge)]
