"""What the directory holds about a person, for export and erasure (see sichtbar/privacy/registry.py).

Visitors are not users: their requests live only in the expert's inbox and are purged after the
retention period (`purge_expired`, run by the nightly privacy job)."""

from datetime import datetime
from typing import Any

from django.db.models import F

from sichtbar.accounts.models import User
from sichtbar.core.privacy import PersonalData, RetentionRule

from .models import ContactRequest, ProfileView, SearchAppearance
from .selectors import contact_request_inbox
from .services import contact_requests_purge

PERSONAL_DATA = [
    PersonalData(
        "directory.ContactRequest",
        person=("profile__user", "assigned_to__user"),
        texts=("name", "email", "organisation", "message", "reply"),
        erasure="requests to the person deleted; requests passed to them return to the addressee; "
        "a visitor's requests are erased by their e-mail address (admin screen)",
    ),
    PersonalData("directory.ProfileView", person=("profile__user",), owned=True, erasure="deleted"),
    PersonalData("directory.SearchAppearance", person=("profile__user",), owned=True, erasure="deleted"),
]


def export_user_data(user: User) -> dict[str, Any]:
    return {
        "contact_requests": list(
            contact_request_inbox(user=user).values(
                "created_at",
                "name",
                "email",
                "organisation",
                "topic",
                "message",
                "status",
                "reply",
                "answered_at",
                "response_seconds",
                "closed_at",
            )
        ),
        "profile_views": list(
            ProfileView.objects.filter(profile__user=user).values("day", "audience", "count")
        ),
        "search_appearances": list(
            SearchAppearance.objects.filter(profile__user=user).values("day", "audience", "count")
        ),
    }


def erase_user_data(user: User) -> None:
    """Requests to the person go with them; requests the triage passed to them return to the addressee."""
    ContactRequest.objects.filter(profile__user=user).delete()
    ContactRequest.objects.filter(assigned_to__user=user).update(assigned_to=F("profile"))
    ProfileView.objects.filter(profile__user=user).delete()
    SearchAppearance.objects.filter(profile__user=user).delete()


def _purge(now: datetime, days: int) -> int:
    return contact_requests_purge(now=now, days=days)


RETENTION = [RetentionRule("contact_requests", "CONTACT_REQUEST_RETENTION_DAYS", _purge)]
