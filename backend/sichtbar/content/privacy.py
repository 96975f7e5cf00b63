"""What the content app holds about a person, for export and erasure (sichtbar/privacy/registry.py):
suggestions and comments (guidelines: governance/privacy.py; notifications: notifications/privacy.py)."""

from typing import Any

from django.db.models import Q

from sichtbar.accounts.models import User
from sichtbar.core.privacy import Person, PersonalData
from sichtbar.profiles.models import Profile

from .models import (
    ContentComment,
    ContentItem,
    ContentSource,
)

_KEPT_BY_COMPANY = "the company's record stays without its author"
PERSONAL_DATA = [
    PersonalData(
        "content.ContentItem",
        person=("created_by", "reviewer", "suggested_by"),
        texts=("title", "summary", "suggestion_note"),
        erasure="unshared draft suggestions deleted; other items lose author, reviewer, suggester and note",
        kept="published company content (its text rewritten where it named the person)",
    ),
    PersonalData("content.ShareText", texts=("text",), erasure="copies of the name rewritten"),
    PersonalData(
        "content.ContentComment",
        person=("author",),
        texts=("body",),
        erasure="the person's comments deleted; others' comments naming them rewritten",
    ),
    PersonalData("content.ContentSource", person=("created_by",), erasure=_KEPT_BY_COMPANY),
]


def export_user_data(user: User) -> dict[str, Any]:
    return {
        "suggestions": list(
            ContentItem.objects.filter(suggested_by=user)
            .order_by("created_at")
            .values("url", "title", "suggestion_note", "status", "created_at")
        ),
        "content_comments": list(
            ContentComment.objects.filter(author=user).order_by("created_at").values("content__slug", "body")
        ),
        # Texts others wrote that name the person (Art. 15: what others recorded about them).
        "comments_naming_me": list(
            ContentComment.objects.filter(_naming(user, "body"))
            .exclude(author=user)
            .order_by("created_at")
            .values("content__slug", "body", "created_at")
        ),
    }


def _naming(user: User, field: str) -> Q:
    person = Person(
        user_id=user.pk,
        email=user.email,
        full_name=user.full_name,
        slugs=tuple(Profile.objects.filter(user=user).values_list("slug", flat=True)),
    )
    query = Q(pk__in=[])
    for needle in person.needles():
        query |= Q(**{f"{field}__icontains": needle})
    return query


def erase_user_data(user: User) -> None:
    """Delete comments; suggestions that are still drafts
    are deleted, published ones stay as company content without the suggester and their note."""
    ContentComment.objects.filter(author=user).delete()
    ContentItem.objects.filter(suggested_by=user, status="draft", shares__isnull=True).delete()
    ContentItem.objects.filter(suggested_by=user).update(suggested_by=None, suggestion_note="")
    ContentItem.objects.filter(created_by=user).update(created_by=None)
    ContentItem.objects.filter(reviewer=user).update(reviewer=None)
    ContentSource.objects.filter(created_by=user).update(created_by=None)
