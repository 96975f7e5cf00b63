"""What the content app holds about a person, for export and erasure (sichtbar/privacy/registry.py):
suggestions, guideline acceptances, notifications, the digest preference and deliveries, comments."""

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q

from sichtbar.accounts.models import User
from sichtbar.core.privacy import Person, PersonalData, RetentionRule
from sichtbar.profiles.models import Profile

from .models import (
    ConfidentialityRule,
    ContentComment,
    ContentItem,
    ContentSource,
    DigestDelivery,
    GuidelineAcceptance,
    GuidelineVersion,
    Notification,
    NotificationPreference,
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
    PersonalData("content.GuidelineVersion", person=("created_by",), erasure=_KEPT_BY_COMPANY),
    PersonalData("content.ConfidentialityRule", person=("created_by",), erasure=_KEPT_BY_COMPANY),
    PersonalData("content.GuidelineAcceptance", person=("user",), owned=True, erasure="deleted"),
    PersonalData(
        "content.Notification",
        person=("user",),
        texts=("title", "url"),
        erasure="the person's deleted; others' naming them (“New suggestion from …”) rewritten",
    ),
    PersonalData("content.NotificationPreference", person=("user",), owned=True, erasure="deleted"),
    PersonalData("content.DigestDelivery", person=("user",), owned=True, erasure="deleted"),
]


def export_user_data(user: User) -> dict[str, Any]:
    preference = NotificationPreference.objects.filter(user=user).first()
    return {
        "suggestions": list(
            ContentItem.objects.filter(suggested_by=user)
            .order_by("created_at")
            .values("url", "title", "suggestion_note", "status", "created_at")
        ),
        "guideline_acceptances": [
            {"version": acceptance.version.version, "accepted_at": acceptance.accepted_at}
            for acceptance in GuidelineAcceptance.objects.filter(user=user).select_related("version")
        ],
        "notifications": list(
            Notification.objects.filter(user=user)
            .order_by("created_at")
            .values("kind", "title", "url", "read_at", "created_at")
        ),
        "email_summary_frequency": preference.digest if preference else None,
        "email_summaries_sent": list(
            DigestDelivery.objects.filter(user=user, sent_at__isnull=False)
            .order_by("sent_at")
            .values("period", "item_count", "sent_at")
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
        "notifications_naming_me": list(
            Notification.objects.filter(_naming(user, "title"))
            .exclude(user=user)
            .order_by("created_at")
            .values("kind", "title", "created_at")
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


def _notifications_purge(now: datetime, days: int) -> int:
    """Notifications are a bell, not an archive."""
    deleted, _detail = Notification.objects.filter(created_at__lt=now - timedelta(days=days)).delete()
    return deleted


def _digest_deliveries_purge(now: datetime, days: int) -> int:
    """Digest bookkeeping only needs to outlive its period."""
    deleted, _detail = DigestDelivery.objects.filter(created_at__lt=now - timedelta(days=days)).delete()
    return deleted


RETENTION = [
    RetentionRule("notifications", "NOTIFICATION_RETENTION_DAYS", _notifications_purge),
    RetentionRule(
        "digest_deliveries", "DIGEST_DELIVERY_RETENTION_DAYS", _digest_deliveries_purge, minimum=31
    ),
]


def erase_user_data(user: User) -> None:
    """Delete notifications, preferences, deliveries and acceptances; suggestions that are still drafts
    are deleted, published ones stay as company content without the suggester and their note."""
    Notification.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    DigestDelivery.objects.filter(user=user).delete()
    GuidelineAcceptance.objects.filter(user=user).delete()
    ContentComment.objects.filter(author=user).delete()
    ContentItem.objects.filter(suggested_by=user, status="draft", shares__isnull=True).delete()
    ContentItem.objects.filter(suggested_by=user).update(suggested_by=None, suggestion_note="")
    ContentItem.objects.filter(created_by=user).update(created_by=None)
    ContentItem.objects.filter(reviewer=user).update(reviewer=None)
    for model in (ContentSource, GuidelineVersion, ConfidentialityRule):
        model.objects.filter(created_by=user).update(created_by=None)
