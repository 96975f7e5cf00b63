"""The OAuth connect API end to end against the stand-ins, the connection output, XING and suggestions."""

import io
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.db import connection as db_connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from sichtbar.integrations.models import Connection, ImportedPost, OAuthToken, Provider
from sichtbar.profiles.models import ProfileLink

from .factories import ConnectionFactory
from .mastodon_server import status
from .stand_in import Reply

pytestmark = pytest.mark.django_db


def _consent(authorize_url: str) -> tuple[str, str]:
    response = requests.get(authorize_url, allow_redirects=False, timeout=5)
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    return query["code"][0], query["state"][0]


def _connect(client, provider: str, **extra) -> dict:
    start = client.post("/api/v1/connections/oauth/start/", {"provider": provider, **extra}, format="json")
    assert start.status_code == 200, start.json()
    code, state = _consent(start.json()["authorize_url"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = client.post(
            "/api/v1/connections/oauth/callback/",
            {"provider": provider, "code": code, "state": state},
            format="json",
        )
    assert done.status_code == 201, done.json()
    return done.json()


def test_connecting_mastodon_through_the_api_imports_and_lists_the_connection(client_for, employee, mastodon):
    mastodon.statuses = [status(2), status(1)]
    client = client_for(employee)

    body = _connect(client, "mastodon", instance=mastodon.url)

    assert (body["provider"], body["status"], body["instance_url"], body["followers"]) == (
        "mastodon",
        "connected",
        mastodon.url,
        321,
    )
    assert (body["needs_reconsent"], body["can_post"]) == (False, True)
    assert "access_token" not in str(body) and "ma-" not in str(body)
    assert ImportedPost.objects.filter(author=employee).count() == 2
    listed = client.get("/api/v1/connections/").json()
    providers = {p["key"]: p for p in listed["providers"]}
    assert providers["mastodon"]["can_connect"] is True
    assert providers["mastodon"]["share_intent_template"] == "{instance}/share?text={text}%20{url}"
    assert [c["id"] for c in listed["connections"]] == [body["id"]]
    activity = client.get("/api/v1/activity/").json()["results"]
    assert (activity[0]["likes"], activity[0]["reposts"], activity[0]["replies"]) == (2, 1, 1)


def test_a_forged_state_is_one_error_shape(client_for, employee, mastodon):
    client = client_for(employee)
    client.post("/api/v1/connections/oauth/start/", {"provider": "mastodon", "instance": mastodon.url})

    response = client.post(
        "/api/v1/connections/oauth/callback/", {"provider": "mastodon", "code": "x", "state": "forged"}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "oauth_state_invalid" and response.json()["message"]
    assert not Connection.objects.exists()


def test_an_invalid_instance_is_a_field_error(client_for, employee):
    response = client_for(employee).post(
        "/api/v1/connections/oauth/start/", {"provider": "mastodon", "instance": "not an instance"}
    )

    assert (response.status_code, response.json()["code"]) == (400, "instance_invalid")
    assert list(response.json()["extra"]["fields"]) == ["instance"]


def test_linkedin_shows_as_not_connectable_without_credentials_and_with_flags_from_settings(
    client_for, admin_user, settings
):
    settings.LINKEDIN_CLIENT_ID = ""
    settings.LINKEDIN_POSTING_ENABLED = False
    settings.LINKEDIN_ANALYTICS_APPROVED = True

    # Admins see the network that is not set up (employees are not offered it: test_offered_networks).
    providers = {p["key"]: p for p in client_for(admin_user).get("/api/v1/connections/").json()["providers"]}

    assert (providers["linkedin"]["can_connect"], providers["linkedin"]["post_via_api"]) == (False, False)
    assert providers["linkedin"]["import_metrics"] is True
    assert providers["xing"]["share_intent_template"] == "https://www.xing.com/spi/shares/new?url={url}"


def test_reconnecting_linkedin_replaces_the_token_and_clears_re_consent(client_for, employee, linkedin):
    client = client_for(employee)
    first = _connect(client, "linkedin")
    Connection.objects.filter(pk=first["id"]).update(
        status="needs_reconsent", expires_at=timezone.now() + timedelta(days=2)
    )
    assert client.get("/api/v1/connections/").json()["connections"][0]["needs_reconsent"] is True
    old = OAuthToken.objects.get().access_token

    again = _connect(client, "linkedin", connection_id=first["id"])

    assert again["id"] == first["id"]
    assert (again["status"], again["needs_reconsent"], again["can_post"]) == ("connected", False, True)
    assert OAuthToken.objects.get().access_token != old
    assert again["suggestions"]["given_name"] == "Erika"


def test_applying_linkedin_suggestions_sets_name_and_photo(client_for, employee, linkedin, settings):
    client = client_for(employee)
    body = _connect(client, "linkedin")
    image = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(image, format="PNG")
    linkedin.fail_next("/photo.png", Reply(200, image.getvalue(), {"Content-Type": "image/png"}))
    Connection.objects.filter(pk=body["id"]).update(
        suggestions={**body["suggestions"], "picture": f"{linkedin.url}/photo.png"}
    )

    response = client.post(
        f"/api/v1/connections/{body['id']}/suggestions/apply/", {"apply": ["name", "picture"]}, format="json"
    )

    assert response.status_code == 200, response.json()
    employee.refresh_from_db()
    assert (employee.first_name, employee.last_name) == ("Erika", "Mustermann")
    assert employee.profile.photo.name.endswith(".webp")


def test_xing_is_a_profile_address_that_can_go_to_the_profile_links(client_for, employee):
    client = client_for(employee)

    created = client.post(
        "/api/v1/connections/", {"provider": "xing", "url": "https://www.xing.com/profile/Erika_Mustermann"}
    )
    bad = client.post("/api/v1/connections/", {"provider": "xing", "url": "https://evil.example/profile/x"})

    assert created.status_code == 201, created.json()
    assert (created.json()["provider"], created.json()["can_post"]) == ("xing", False)
    assert (bad.status_code, bad.json()["code"]) == (400, "url_invalid")
    applied = client.post(
        f"/api/v1/connections/{created.json()['id']}/suggestions/apply/",
        {"apply": ["profile_url"]},
        format="json",
    )
    assert applied.status_code == 200
    assert list(ProfileLink.objects.values_list("kind", "url")) == [
        ("xing", "https://www.xing.com/profile/Erika_Mustermann")
    ]


def test_nothing_to_apply_is_an_error(client_for, employee):
    connection = ConnectionFactory(user=employee)

    response = client_for(employee).post(
        f"/api/v1/connections/{connection.id}/suggestions/apply/", {"apply": ["name"]}, format="json"
    )

    assert (response.status_code, response.json()["code"]) == (400, "nothing_to_apply")


def test_disconnecting_through_the_api_revokes_at_mastodon(client_for, employee, mastodon):
    client = client_for(employee)
    body = _connect(client, "mastodon", instance=mastodon.url)

    response = client.delete(f"/api/v1/connections/{body['id']}/")

    assert response.status_code == 204
    assert len(mastodon.revoked) == 1 and not OAuthToken.objects.exists()


def test_the_connection_list_does_not_query_per_connection(client_for, employee):
    client = client_for(employee)
    ConnectionFactory(user=employee, provider=Provider.MASTODON, feed_url="", scopes="write:statuses")
    client.get("/api/v1/connections/")
    with CaptureQueriesContext(db_connection) as few:
        client.get("/api/v1/connections/")
    for _n in range(5):
        ConnectionFactory(user=employee, provider=Provider.MASTODON, feed_url="", scopes="write:statuses")

    with CaptureQueriesContext(db_connection) as many:
        response = client.get("/api/v1/connections/")

    assert len(response.json()["connections"]) == 6
    assert len(many.captured_queries) == len(few.captured_queries)


def test_errors_come_in_german_for_german_speakers(client_for, employee):
    response = client_for(employee).post(
        "/api/v1/connections/oauth/start/",
        {"provider": "mastodon", "instance": "kaputt !"},
        HTTP_ACCEPT_LANGUAGE="de",
    )

    assert response.json()["message"] == (
        "Bitte geben Sie die https-Adresse Ihrer Mastodon-Instanz ein, z. B. mastodon.social."
    )
