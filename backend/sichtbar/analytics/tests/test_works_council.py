"""Works-council mode basics: the switch, opt-ins, the person's own figures. The disclosure rules themselves
are attacked query by query in test_disclosure_attacks.py."""

import csv
import io

import pytest

from sichtbar.analytics import services
from sichtbar.organisation.models import FiguresOptIn
from sichtbar.organisation.tests.helpers import works_council

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(company, today):
    """Works-council mode on; Vertrieb has 6 people (shown), Recht 2 (withheld)."""
    works_council(True)
    services.rollup_range(start=company.day, end=today)
    return company


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_same_filters_are_visible_without_works_council_mode(client_for, council):
    works_council(False)

    small = client_for(council.manager).get(f"/api/v1/analytics/overview/?department={council.legal.pk}")

    assert small.json()["suppressed"] is False
    assert {k["key"]: k["value"] for k in small.json()["kpis"]}["shares"] == 1


def test_leaderboard_shows_only_people_who_opted_in(client_for, council):
    FiguresOptIn.objects.create(user=council.sellers[1], share_figures=True)
    FiguresOptIn.objects.create(user=council.sellers[0], share_figures=False)

    rows = client_for(council.sellers[4]).get("/api/v1/analytics/leaderboard/").json()

    assert [r["user_id"] for r in rows] == [council.sellers[1].pk]


def test_a_person_s_figures_need_their_opt_in(client_for, council):
    client = client_for(council.manager)
    seller = council.sellers[0]

    hidden = client.get(f"/api/v1/analytics/people/{seller.pk}/")
    client_for(seller).put("/api/v1/analytics/me/preference/", {"share_figures": True}, format="json")
    shown = client.get(f"/api/v1/analytics/people/{seller.pk}/")

    assert hidden.status_code == 403 and hidden.json()["code"] == "individual_figures_hidden"
    assert shown.status_code == 200 and shown.json()["totals"]["clicks"] == 3


def test_my_impact_is_always_my_own(client_for, council):
    body = client_for(council.lawyers[0]).get("/api/v1/analytics/me/").json()

    assert body["totals"]["shares"] == 1 and body["totals"]["clicks"] == 2
    assert body["share_figures"] is False


def test_admins_switch_the_mode_with_an_audit_record(client_for, council, admin_user):
    from sichtbar.audit.models import AuditEvent

    response = client_for(admin_user).patch(
        "/api/v1/analytics/settings/", {"works_council_mode": False}, format="json"
    )
    denied = client_for(council.manager).patch(
        "/api/v1/analytics/settings/", {"works_council_mode": True}, format="json"
    )

    assert response.status_code == 200 and response.json()["works_council_mode"] is False
    assert denied.status_code == 403
    # the organisation's privacy setting changed (this endpoint passes it on), audited once
    assert AuditEvent.objects.filter(action="organisation.privacy_update", actor=admin_user).count() == 1
