"""Reads of the content app: what employees may see, the review queue, guidelines, rules, notifications."""

from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from sichtbar.accounts.models import Role, User

from .models import (
    ContentComment,
    ContentItem,
    ContentSettings,
    ContentSource,
    ContentStatus,
)

_Departments = ContentItem.departments.through
_Locations = ContentItem.locations.through


def audience_q(*, department_id: int | None, location_id: int | None) -> Q:
    """Items whose audience includes a person in that department and location (empty lists: everyone)."""
    any_department = Exists(_Departments.objects.filter(contentitem_id=OuterRef("pk")))
    any_location = Exists(_Locations.objects.filter(contentitem_id=OuterRef("pk")))
    department_ok = Q(~any_department)
    if department_id is not None:
        mine = _Departments.objects.filter(contentitem_id=OuterRef("pk"), department_id=department_id)
        department_ok = department_ok | Q(Exists(mine))
    location_ok = Q(~any_location)
    if location_id is not None:
        here = _Locations.objects.filter(contentitem_id=OuterRef("pk"), location_id=location_id)
        location_ok = location_ok | Q(Exists(here))
    return department_ok & location_ok


def live_q(*, now: datetime | None = None) -> Q:
    """Published, started and not expired."""
    now = now or timezone.now()
    return (
        Q(status=ContentStatus.PUBLISHED)
        & (Q(starts_at__isnull=True) | Q(starts_at__lte=now))
        & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))
    )


def content_visible_to(*, user: User) -> QuerySet[ContentItem]:
    """Items an employee may see and share: published, started, unexpired, in their audience.

    Plain queryset (no joins that duplicate rows), newest first; callers add select/prefetch as they need.
    """
    return ContentItem.objects.filter(
        live_q(), audience_q(department_id=user.department_id, location_id=user.location_id)
    ).order_by("-published_at", "-id")


def content_available_list(*, user: User) -> QuerySet[ContentItem]:
    return content_visible_to(user=user).prefetch_related("topics", "share_texts")


def content_list(*, status: str | None = None, kind: str | None = None) -> QuerySet[ContentItem]:
    """Every item, for managers (the content hub)."""
    items = ContentItem.objects.select_related("reviewer", "created_by", "suggested_by").prefetch_related(
        "topics", "departments", "locations", "share_texts"
    )
    if status:
        items = items.filter(status=status)
    if kind:
        items = items.filter(kind=kind)
    return items.order_by("-updated_at", "-id")


def content_review_queue() -> QuerySet[ContentItem]:
    """Items waiting for a reviewer, plus employee suggestions and feed imports still in draft."""
    return content_list().filter(
        Q(status=ContentStatus.IN_REVIEW)
        | Q(status=ContentStatus.DRAFT, suggested_by__isnull=False)
        | Q(status=ContentStatus.DRAFT, source__isnull=False)
    )


def reviewers() -> QuerySet[User]:
    """Who can be asked to review an item: active managers and admins."""
    return User.objects.filter(is_active=True, role__in=[Role.MANAGER, Role.ADMIN])


def content_get(*, pk: int) -> ContentItem | None:
    return content_list().filter(pk=pk).first()


def content_translations(*, item: ContentItem) -> QuerySet[ContentItem]:
    return ContentItem.objects.filter(translation_group=item.translation_group).exclude(pk=item.pk)


def content_comments(*, item: ContentItem) -> QuerySet[ContentComment]:
    return ContentComment.objects.filter(content=item).select_related("author")


def content_suggestions_of(*, user: User) -> QuerySet[ContentItem]:
    return ContentItem.objects.filter(suggested_by=user).order_by("-created_at")


def source_list() -> QuerySet[ContentSource]:
    return ContentSource.objects.all()


def source_ids_active() -> list[int]:
    return list(ContentSource.objects.filter(is_active=True).values_list("id", flat=True))


# --- four-eyes approval ----------------------------------------------------------------------------


def content_settings_get() -> ContentSettings:
    """The organisation's content settings (the one row, created with the defaults when first read)."""
    found, _created = ContentSettings.objects.get_or_create(pk=1)
    return found


def may_approve(*, user: User, item: ContentItem, allow_self_approval: bool | None = None) -> bool:
    """Four-eyes rule: the author of an item approves it only where an admin allowed self-approval."""
    if item.created_by_id is None or item.created_by_id != user.pk:
        return True
    if allow_self_approval is None:
        allow_self_approval = content_settings_get().allow_self_approval
    return allow_self_approval


def content_reviewers_eligible(*, item: ContentItem) -> QuerySet[User]:
    """Who may review (approve) this item: active managers and admins, its author only where allowed."""
    people = reviewers()
    if item.created_by_id is not None and not content_settings_get().allow_self_approval:
        people = people.exclude(pk=item.created_by_id)
    return people.order_by("first_name", "last_name", "email")
