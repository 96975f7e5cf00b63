"""Reconnecting without an instance, and which networks each role is offered (issue 14, item 5)."""

from urllib.parse import parse_qs, urlsplit

import pytest

from sichtbar.integrations.models import OAuthState, Provider

from .factories import ConnectionFactory

pytestmark = pytest.mark.django_db


def _start(client, body):
    return client.post("/api/v1/connections/oauth/start/", body, format="json")


def test_reconnecting_linkedin_with_the_empty_instance_the_spa_used_to_send_starts_the_consent(
    client_for, employee, linkedin
):
    connection = ConnectionFactory(user=employee, provider=Provider.LINKEDIN, feed_url="")

    response = _start(
        client_for(employee), {"provider": "linkedin", "instance": "", "connection_id": connection.pk}
    )

    assert response.status_code == 200, response.json()
    url = urlsplit(response.json()["authorize_url"])
    assert f"{url.scheme}://{url.netloc}" == linkedin.url
    assert parse_qs(url.query)["client_id"] == [linkedin.client_id]
    assert OAuthState.objects.get(user=employee).connection_id == connection.pk


def test_reconnecting_linkedin_without_any_instance_starts_the_consent(client_for, employee, linkedin):
    connection = ConnectionFactory(user=employee, provider=Provider.LINKEDIN, feed_url="")

    response = _start(client_for(employee), {"provider": "linkedin", "connection_id": connection.pk})

    assert response.status_code == 200, response.json()


def test_a_new_mastodon_connection_without_instance_marks_the_instance_field(client_for, employee):
    response = _start(client_for(employee), {"provider": "mastodon", "instance": ""})

    assert (response.status_code, response.json()["code"]) == (400, "instance_invalid")
    assert list(response.json()["extra"]["fields"]) == ["instance"]
    assert not OAuthState.objects.exists()


def test_reconnecting_mastodon_uses_the_connections_own_instance(client_for, employee, mastodon):
    connection = ConnectionFactory(
        user=employee, provider=Provider.MASTODON, feed_url="", instance_url=mastodon.url
    )

    response = _start(
        client_for(employee), {"provider": "mastodon", "instance": "", "connection_id": connection.pk}
    )

    assert response.status_code == 200, response.json()
    assert response.json()["authorize_url"].startswith(mastodon.url)


def test_reconnecting_a_connection_of_another_network_marks_the_connection_field(
    client_for, employee, linkedin
):
    connection = ConnectionFactory(user=employee, provider=Provider.XING, feed_url="")

    response = _start(client_for(employee), {"provider": "linkedin", "connection_id": connection.pk})

    assert response.status_code == 400
    assert list(response.json()["extra"]["fields"]) == ["connection_id"]
    assert not OAuthState.objects.exists()


def test_linkedin_without_credentials_is_a_clear_error_not_a_field_error(client_for, employee, settings):
    settings.LINKEDIN_CLIENT_ID = ""

    response = _start(client_for(employee), {"provider": "linkedin", "instance": ""})

    assert (response.status_code, response.json()["code"]) == (400, "provider_not_configured")
    assert response.json()["message"]


@pytest.mark.parametrize("role", ["employee", "manager"])
def test_people_are_offered_only_the_networks_this_installation_has_set_up(
    client_for, employee, manager, settings, role
):
    settings.LINKEDIN_CLIENT_ID = ""
    settings.LINKEDIN_CLIENT_SECRET = ""
    user = {"employee": employee, "manager": manager}[role]

    providers = client_for(user).get("/api/v1/connections/").json()["providers"]

    assert [p["key"] for p in providers] == ["blog", "xing", "mastodon"]
    assert all(p["configured"] and p["missing_settings"] == [] for p in providers)


def test_someone_still_connected_to_a_network_no_longer_set_up_can_still_manage_it(
    client_for, employee, settings
):
    settings.LINKEDIN_CLIENT_ID = ""
    ConnectionFactory(user=employee, provider=Provider.LINKEDIN, feed_url="")

    providers = {p["key"]: p for p in client_for(employee).get("/api/v1/connections/").json()["providers"]}

    assert (providers["linkedin"]["configured"], providers["linkedin"]["can_connect"]) == (False, False)
    assert providers["linkedin"]["missing_settings"] == []


def test_admins_see_every_network_and_what_is_missing(client_for, admin_user, settings):
    settings.LINKEDIN_CLIENT_ID = ""
    settings.LINKEDIN_CLIENT_SECRET = "set"

    providers = {p["key"]: p for p in client_for(admin_user).get("/api/v1/connections/").json()["providers"]}

    assert list(providers) == ["blog", "linkedin", "xing", "mastodon"]
    assert (providers["linkedin"]["configured"], providers["linkedin"]["missing_settings"]) == (
        False,
        ["LINKEDIN_CLIENT_ID"],
    )
    assert providers["mastodon"]["missing_settings"] == []


def test_a_configured_linkedin_is_offered_to_employees(client_for, employee, linkedin):
    providers = {p["key"]: p for p in client_for(employee).get("/api/v1/connections/").json()["providers"]}

    assert (providers["linkedin"]["configured"], providers["linkedin"]["can_connect"]) == (True, True)
