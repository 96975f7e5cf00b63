"""What the content app answers for lower apps: the items of a person's e-mail digest (notifications)."""

from typing import Any

from django.db.models import Q

from sichtbar.accounts.models import User
from sichtbar.core.events import DigestItems, subscribe
from sichtbar.profiles.models import ProfileSkill

from . import selectors


def digest_items(query: DigestItems) -> list[Any]:
    """Items that went live since `since` and match the person's interests (their skills, interests
    first) or are important."""
    user = User.objects.filter(pk=query.user_id).first()
    if user is None:
        return []
    skill_ids = list(ProfileSkill.objects.filter(profile__user=user).values_list("skill_id", flat=True))
    items = (
        selectors.content_visible_to(user=user)
        .filter(published_at__gte=query.since)
        .filter(Q(important=True) | Q(topics__in=skill_ids))
        .distinct()
        .order_by("-important", "-published_at")
    )
    return list(items[: query.limit])


def register() -> None:
    subscribe(DigestItems, digest_items)
