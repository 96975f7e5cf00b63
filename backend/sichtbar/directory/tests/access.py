"""Authorization table rows of the directory app (see sichtbar/core/tests/endpoints.py)."""

from typing import Any

from sichtbar.accounts.models import Role
from sichtbar.core.tests.endpoints import PUBLIC, Endpoint
from sichtbar.profiles.tests.factories import ProfileFactory

from .factories import ContactRequestFactory

ACCESS_SLUG = "directory-access-expert"
CONTACT_BODY = {
    "name": "Jana Presse",
    "email": "jana@zeitung.example",
    "topic": "press",
    "message": "Interview?",
    "consent": True,
}

ENDPOINTS = [
    Endpoint("get", "/api/v1/public/experts/{directory_slug}/", PUBLIC),
    Endpoint("post", "/api/v1/public/experts/{directory_slug}/contact/", PUBLIC, CONTACT_BODY),
    Endpoint("get", "/api/v1/directory/experts/{directory_slug}/", Role.EMPLOYEE),
    Endpoint("get", "/api/v1/contact-requests/", Role.EMPLOYEE),
    Endpoint("get", "/api/v1/contact-requests/triage/", Role.MANAGER),
    # Employees get 404 for another expert's request: the route is open to them, the object is not.
    Endpoint("post", "/api/v1/contact-requests/{contact_request_id}/answer/", Role.EMPLOYEE, {"reply": "Ja"}),
    Endpoint("post", "/api/v1/contact-requests/{contact_request_id}/close/", Role.EMPLOYEE),
    Endpoint(
        "post",
        "/api/v1/contact-requests/{contact_request_id}/assign/",
        Role.MANAGER,
        {"expert": ACCESS_SLUG},
    ),
]


def make_objects() -> dict[str, Any]:
    profile = ProfileFactory(slug=ACCESS_SLUG)
    return {
        "directory_slug": profile.slug,
        "contact_request_id": str(ContactRequestFactory(profile=profile).pk),
    }
