"""What monitoring holds about a person (sichtbar/privacy/registry.py). Mentions are third-party content
that may name employees: a person's export lists the mentions naming them, erasure removes the person
from every mention (mentions that named only them go), and all mentions are purged after
MONITORING_MENTION_RETENTION_DAYS."""

from datetime import datetime
from typing import Any

from sichtbar.accounts.models import User

from .models import Mention
from .services import mentions_purge, mentions_unlink_person


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


def purge_expired(now: datetime) -> int:
    return mentions_purge(now=now)
