"""Reads of the directory: a profile as one audience sees it, contactability, inboxes, the press triage,
and the sitemap's profiles. Visibility is always decided by `sichtbar.profiles.selectors`."""

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from sichtbar.accounts.models import Role, User
from sichtbar.organisation.selectors import figures_visible_people
from sichtbar.profiles import selectors as profile_selectors
from sichtbar.profiles.models import Audience, Profile, Section, Visibility

from .models import ContactRequest, ContactTopic

logger = logging.getLogger(__name__)

RELATED_LIMIT = 5


def triage_topics() -> list[str]:
    """Topics the communications team triages (setting CONTACT_TRIAGE_TOPICS, default: press only)."""
    topics = getattr(settings, "CONTACT_TRIAGE_TOPICS", None) or [ContactTopic.PRESS]
    return [topic for topic in topics if topic in ContactTopic.values]


def expert_get(*, slug: str, audience: str) -> Profile | None:
    """The profile behind `slug` if `audience` may see it (published, active, basics visible), else None."""
    return profile_selectors.visible_profiles(audience=audience).filter(slug=slug).first()


def _related(*, profile: Profile, audience: str, language: str) -> list[dict[str, Any]]:
    """Related experts from the search app, when it offers them; a failing search never breaks a profile."""
    try:
        from sichtbar.search.selectors import related_experts

        related = related_experts(profile=profile, audience=audience, language=language, limit=RELATED_LIMIT)
    except Exception:  # related experts are a nice-to-have: a search outage never hides a profile
        logger.warning("related experts unavailable", exc_info=True)
        return []
    return list(related)[:RELATED_LIMIT]


def expert_detail(*, profile: Profile, audience: str, language: str) -> dict[str, Any]:
    """ExpertDetail (docs/directory-api.md) as `audience` sees it, with related experts."""
    detail = profile_selectors.expert_detail(profile=profile, audience=audience, language=language)
    detail["related"] = _related(profile=profile, audience=audience, language=language)
    return detail


def expert_get_all_public() -> QuerySet[Profile]:
    """Every profile visitors may open."""
    return profile_selectors.visible_profiles(audience=Audience.PUBLIC)


def contact_allowed(*, profile: Profile, today: date | None = None) -> bool:
    """Visitors may write to an expert whose public profile says they are available for something
    (press, talks, customer questions or mentoring) and whose availability has not run out."""
    if not profile_selectors.can_see(profile=profile, audience=Audience.PUBLIC):
        return False
    if not profile.visible_to(Section.AVAILABILITY, Audience.PUBLIC):
        return False
    today = today or timezone.localdate()
    if profile.available_until is not None and profile.available_until < today:
        return False
    return any(
        (
            profile.available_for_press,
            profile.available_for_talks,
            profile.available_for_customers,
            profile.available_for_mentoring,
        )
    )


def sitemap_profiles() -> QuerySet[Profile]:
    """Published profiles search engines may index: publicly visible with basics `public` (not noindex)."""
    return (
        profile_selectors.visible_profiles(audience=Audience.PUBLIC)
        .filter(visibility_basics=Visibility.PUBLIC)
        .select_related(None)
        .prefetch_related(None)
        .only("slug", "updated_at", "published_at")
        .order_by("slug")
    )


def _contact_request_queryset() -> QuerySet[ContactRequest]:
    return ContactRequest.objects.select_related("profile__user", "assigned_to__user")


def contact_request_inbox(*, user: User) -> QuerySet[ContactRequest]:
    """The requests in `user`'s inbox: assigned to their profile, or addressed to it and not assigned
    to anyone (the assignee's profile was deleted)."""
    return _contact_request_queryset().filter(
        Q(assigned_to__user=user) | Q(assigned_to__isnull=True, profile__user=user)
    )


def contact_request_triage() -> QuerySet[ContactRequest]:
    """Press requests (the triage topics), for managers."""
    return _contact_request_queryset().filter(topic__in=triage_topics())


def contact_request_get_for_owner(*, user: User, pk: Any) -> ContactRequest | None:
    return contact_request_inbox(user=user).filter(pk=pk).first()


def contact_request_get_for_triage(*, user: User, pk: Any) -> ContactRequest | None:
    if not user.has_role(Role.MANAGER):
        return None
    return contact_request_triage().filter(pk=pk).first()


def contact_request_get(*, user: User, pk: Any) -> ContactRequest | None:
    """A request `user` may act on: in their inbox, or a press request for a manager."""
    return contact_request_get_for_owner(user=user, pk=pk) or contact_request_get_for_triage(user=user, pk=pk)


def contact_timing_visible(*, user: User) -> Callable[[ContactRequest], bool]:
    """Whether `user` may see a request's answer times (a named expert's performance figure): the
    expert themselves, everyone outside works-council mode, managers with the expert's opt-in. The
    organisation's privacy settings say whether works-council mode is on and who opted in."""
    allowed = figures_visible_people(viewer=user)
    if allowed is None:
        return lambda contact: True

    def visible(contact: ContactRequest) -> bool:
        owner = contact.assigned_to.user_id if contact.assigned_to else contact.profile.user_id
        return owner in allowed and contact.profile.user_id in allowed

    return visible
