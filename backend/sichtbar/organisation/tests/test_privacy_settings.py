"""The organisation's privacy settings: works-council mode with the environment's default, changed by
administrators only (audited), and the one place the apps that show a person's figures ask."""

import pytest
from rest_framework.test import APIClient

from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.audit.models import AuditEvent
from sichtbar.organisation import selectors
from sichtbar.organisation.models import FiguresOptIn
from sichtbar.organisation.services import figures_opt_in_set

pytestmark = pytest.mark.django_db

URL = "/api/v1/organisation/privacy/"


def _client(user, language="de"):
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


@pytest.mark.parametrize("default", [True, False])
def test_without_a_choice_the_environment_s_default_applies(settings, manager, default):
    settings.WORKS_COUNCIL_MODE = default

    body = _client(manager).get(URL).json()

    assert body["works_council_mode"] is default and selectors.works_council_mode() is default
    assert body["works_council_mode_choice"] is None
    assert body["works_council_mode_default"] is default
    assert body["min_group_size"] == settings.ANALYTICS_MIN_GROUP_SIZE


def test_an_administrator_chooses_and_goes_back_to_the_default(settings, admin_user):
    settings.WORKS_COUNCIL_MODE = True
    client = _client(admin_user)

    off = client.put(URL, {"works_council_mode_choice": False}, format="json")
    assert off.status_code == 200 and off.json()["works_council_mode"] is False
    assert selectors.works_council_mode() is False
    event = AuditEvent.objects.get(action="organisation.privacy_update")
    assert event.actor == admin_user and event.changes["after"]["effective"] is False

    back = client.put(URL, {"works_council_mode_choice": None}, format="json")
    assert back.json() == {**back.json(), "works_council_mode": True, "works_council_mode_choice": None}


def test_managers_and_employees_cannot_change_it(manager, employee):
    assert _client(manager).put(URL, {"works_council_mode_choice": False}, format="json").status_code == 403
    assert _client(employee).get(URL).status_code == 403
    assert selectors.works_council_mode() is True


@pytest.mark.parametrize(("language", "word"), [("de", "gültiger"), ("en", "valid")])
def test_bad_input_is_one_error_shape_in_the_reader_s_language(admin_user, language, word):
    client = _client(admin_user, language)
    response = client.put(URL, {"works_council_mode_choice": "vielleicht"}, format="json")

    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"message", "code", "extra"}
    assert word in str(body["extra"]["fields"]["works_council_mode_choice"]).lower()


def test_who_a_manager_may_see_follows_the_mode_and_the_opt_ins(manager):
    opted, other = UserFactory(), UserFactory()
    figures_opt_in_set(user=opted, share_figures=True)
    figures_opt_in_set(user=other, share_figures=False)

    assert selectors.figures_visible_people(viewer=manager) == {opted.pk, manager.pk}
    assert selectors.person_figures_visible(viewer=manager, person_id=opted.pk)
    assert not selectors.person_figures_visible(viewer=manager, person_id=other.pk)
    assert selectors.person_figures_visible(viewer=other, person_id=other.pk)  # one's own
    assert FiguresOptIn.objects.get(user=opted).opted_in_at is not None

    from sichtbar.organisation.tests.helpers import works_council

    works_council(False)
    assert selectors.figures_visible_people(viewer=manager) is None
    assert selectors.person_figures_visible(viewer=manager, person_id=other.pk)


def test_the_analytics_settings_endpoint_changes_the_same_setting(admin_user):
    client = _client(admin_user)

    client.patch("/api/v1/analytics/settings/", {"works_council_mode": False}, format="json")

    assert selectors.works_council_mode() is False
    assert client.get("/api/v1/analytics/settings/").json()["works_council_mode"] is False
    assert client.get(URL).json()["works_council_mode_choice"] is False
