"""Works-council mode, endpoint by endpoint and in the exports: managers see figures only of groups of
at least five people and never a person's figures without that person's opt-in."""

import csv
import io

import pytest

from sichtbar.analytics import services
from sichtbar.analytics.models import AnalyticsPreference, AnalyticsSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(company, today):
    """Works-council mode on; Vertrieb has 6 people (shown), Recht 2 (withheld)."""
    AnalyticsSettings.objects.update(works_council_mode=True)
    services.rollup_range(start=company.day, end=today)
    return company


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_overview_of_a_small_department_is_withheld(client_for, council):
    client = client_for(council.manager)

    small = client.get(f"/api/v1/analytics/overview/?department={council.legal.pk}").json()
    large = client.get(f"/api/v1/analytics/overview/?department={council.sales.pk}").json()

    assert small["suppressed"] is True
    assert {k["value"] for k in small["kpis"]} == {None}
    assert large["suppressed"] is False
    assert {k["key"]: k["value"] for k in large["kpis"]}["shares"] == 2


def test_overview_narrowed_to_fewer_than_five_contributors_is_withheld(client_for, council):
    response = client_for(council.manager).get("/api/v1/analytics/overview/?network=xing")

    assert response.json()["suppressed"] is True  # one person shared on XING


def test_the_same_filters_are_visible_without_works_council_mode(client_for, council):
    AnalyticsSettings.objects.update(works_council_mode=False)

    small = client_for(council.manager).get(f"/api/v1/analytics/overview/?department={council.legal.pk}")

    assert small.json()["suppressed"] is False
    assert {k["key"]: k["value"] for k in small.json()["kpis"]}["shares"] == 1


def test_trends_of_a_small_department_are_withheld(client_for, council):
    body = client_for(council.manager).get(f"/api/v1/analytics/trends/?department={council.legal.pk}").json()

    assert body["suppressed"] is True and body["points"] == []


def test_department_breakdown_withholds_small_departments(client_for, council):
    rows = client_for(council.manager).get("/api/v1/analytics/breakdown/?by=department").json()["rows"]

    by_label = {r["label"]: r for r in rows}
    assert by_label["Recht"]["suppressed"] is True and by_label["Recht"]["clicks"] is None
    assert by_label["Vertrieb"]["clicks"] == 4


def test_content_network_and_topic_rows_need_five_contributors(client_for, council, today):
    client = client_for(council.manager)
    for dimension in ("content", "network"):
        rows = client.get(f"/api/v1/analytics/breakdown/?by={dimension}").json()["rows"]
        assert rows and all(r["suppressed"] and r["clicks"] is None for r in rows), dimension
    top = client.get("/api/v1/analytics/top-content/").json()["rows"]
    assert all(r["shares"] is None for r in top)

    from .conftest import at
    from .factories import AnalyticsShareFactory

    for seller in council.sellers[2:]:
        AnalyticsShareFactory(user=seller, content=council.article, shared_at=at(council.day))
    services.rollup_range(start=council.day, end=council.day)
    rows = {r["label"]: r for r in client.get("/api/v1/analytics/breakdown/?by=content").json()["rows"]}
    assert rows["Cloud im Mittelstand"]["shares"] == 6  # six people now
    assert rows["Backend-Entwickler:in (m/w/d)"]["suppressed"] is True


def test_drilldown_hides_names_without_opt_in(client_for, council):
    AnalyticsPreference.objects.create(user=council.sellers[0], share_figures=True)

    body = (
        client_for(council.manager).get(f"/api/v1/analytics/drilldown/?department={council.sales.pk}").json()
    )

    persons = sorted(str(i["person"]) for i in body["items"])
    assert persons == sorted([council.sellers[0].full_name, "None"])


def test_drilldown_of_a_small_group_is_withheld(client_for, council):
    body = (
        client_for(council.manager).get(f"/api/v1/analytics/drilldown/?department={council.legal.pk}").json()
    )

    assert body | {"computed_at": None} == {
        "suppressed": True,
        "total": None,
        "items": [],
        "computed_at": None,
    }


def test_leaderboard_shows_only_people_who_opted_in(client_for, council):
    AnalyticsPreference.objects.create(user=council.sellers[1], share_figures=True)
    AnalyticsPreference.objects.create(user=council.sellers[0], share_figures=False)

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


def test_exports_apply_the_same_rules(client_for, council):
    client = client_for(council.manager)

    departments = _csv(client.get("/api/v1/analytics/export/?table=breakdown_department"))
    drill = _csv(client.get(f"/api/v1/analytics/export/?table=drilldown&department={council.sales.pk}"))
    small = _csv(client.get(f"/api/v1/analytics/export/?table=overview&department={council.legal.pk}"))
    leaderboard = _csv(client.get("/api/v1/analytics/export/?table=leaderboard"))

    recht = next(row for row in departments if row[0] == "Recht")
    assert recht[1:5] == ["", "", "", ""] and recht[-1] == "True"
    names = {row[4] for row in drill[1:]}
    assert names == {""}  # nobody opted in
    assert all(row[1] == "" for row in small[1:])
    assert len(leaderboard) == 1  # header only


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
    assert AuditEvent.objects.filter(action="analytics.settings_update", actor=admin_user).count() == 1


def test_targets_of_a_small_department_show_no_progress(client_for, council):
    from .factories import TargetFactory

    small = TargetFactory(kpi="clicks", scope="department", department=council.legal, value=10)
    large = TargetFactory(kpi="clicks", scope="department", department=council.sales, value=10)

    rows = {r["id"]: r for r in client_for(council.manager).get("/api/v1/analytics/targets/").json()}

    assert rows[small.pk]["suppressed"] is True and rows[small.pk]["current"] is None
    assert rows[large.pk]["suppressed"] is False and rows[large.pk]["current"] == "4.00"
