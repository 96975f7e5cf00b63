"""Works-council mode under attack: every differencing and narrowing attack of `attacks.py` must fail to
derive the figure of a person who did not opt in; with the mode off the same figures are exact, and the
figures of people who opted in stay visible to managers."""

import pytest

from sichtbar.organisation.tests.helpers import works_council

from .attacks import (
    ATTACKS,
    L_CLICKS,
    P_CLICKS,
    P_REACH,
    P_RESPONSE_HOURS,
    Q_CLICKS,
    Manager,
    build_company,
    leaked,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_company(works_council=True)


def test_the_suite_has_at_least_thirty_attacks():
    assert len(ATTACKS) >= 30
    assert len({a.name for a in ATTACKS}) == len(ATTACKS)


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.name for a in ATTACKS])
def test_attack_does_not_reveal_a_person_s_figure(attack, world, client_for):
    manager = Manager(client_for(world.manager), world)

    derived = attack.run(manager)

    assert not leaked(derived, attack.secret), f"{attack.name}: derived {derived}"


@pytest.mark.parametrize(
    "attack",
    [a for a in ATTACKS if "rebuild" not in a.name and "target" not in a.name],
    ids=lambda a: a.name,
)
def test_without_works_council_mode_the_same_queries_are_exact(attack, world, client_for):
    """The attacks are real channels: outside works-council mode most of them read the exact figure
    (which is then allowed), so a defence that only broke the queries would be caught here."""
    works_council(False)
    manager = Manager(client_for(world.manager), world)

    derived = attack.run(manager)

    assert leaked(derived, attack.secret), f"{attack.name}: derived {derived}"


def test_without_works_council_mode_figures_are_exact(world, client_for):
    works_council(False)
    m = Manager(client_for(world.manager), world)

    assert m.value("clicks", **m.month(department=m.dept("Vertrieb"), network="xing")) == P_CLICKS
    assert m.value("potential_reach", **m.month(content_kind="job")) == P_REACH
    assert m.value("clicks", **m.month(department=m.dept("Recht"))) == L_CLICKS
    assert m.value("median_response_hours", **m.month()) == P_RESPONSE_HOURS
    day = world.day10.isoformat()
    assert m.value("clicks", start=day, end=day) == P_CLICKS  # any window, not whole months
    # every share: 6 × 2 (Vertrieb) + 7 + 5 × 2 (Marketing) + 4 × 2 + 13 (Einkauf) + 5 (Recht)
    assert m.value("clicks", **m.month()) == 12 + P_CLICKS + 10 + 8 + Q_CLICKS + L_CLICKS


def test_works_council_mode_publishes_large_groups_over_whole_months(world, client_for):
    m = Manager(client_for(world.manager), world)
    body = m.get("/api/v1/analytics/overview/", start=world.day10.isoformat(), end=world.day10.isoformat())

    assert body["publication"] == {
        "start": world.m1.isoformat(),
        "end": world.m1_end.isoformat(),
        "snapped": True,
        "unit": "month",
    }
    values = {k["key"]: k["value"] for k in body["kpis"]}
    assert values["shares"] == 6 + 1 + 5 + 5 + 1  # the company: 18 shares by 18 people
    assert values["clicks"] == 12 + P_CLICKS + 10 + 8 + Q_CLICKS + L_CLICKS
    assert values["job_clicks"] is None  # one person shared the job
    reasons = {k["key"]: k["suppressed_reason"] for k in body["kpis"]}
    assert reasons["job_clicks"] == "min_group" and reasons["clicks"] is None
    # Recht (one protected person) and Einkauf (one who did not opt in) are withheld; together they are
    # two people, so one more department is withheld with them (complementary): the smallest, Marketing
    departments = m.rows("department", **m.month())
    assert departments["Vertrieb"]["shares"] == 7 and departments["Neu"]["shares"] == 0
    withheld = {k for k, r in departments.items() if r["shares"] is None}
    assert withheld - {"Ohne Abteilung", "No department"} == {"Recht", "Einkauf", "Marketing"}
    assert departments["Marketing"]["suppressed_reason"] == "complementary"
    assert departments["Recht"]["suppressed_reason"] == "min_group"


def test_opted_in_people_s_figures_stay_visible(world, client_for):
    seller = world.sellers[0]  # opted in
    m = Manager(client_for(world.manager), world)

    person = m.client.get(f"/api/v1/analytics/people/{seller.pk}/", m.month())
    items = m.get("/api/v1/analytics/drilldown/", **m.month())["items"]
    links = m.get("/api/v1/links/", scope="all")["results"]
    board = m.get("/api/v1/analytics/leaderboard/", **m.month())

    assert person.status_code == 200 and person.json()["totals"]["clicks"] == 2
    assert {i["person"] for i in items} == {u.full_name for u in [seller, *world.buyers[:4]]}
    assert len(links) == 5  # the five opted-in people's links, nobody else's
    assert {r["user_id"] for r in board} == {seller.pk, *(b.pk for b in world.buyers[:4])}


def test_an_opted_in_expert_s_response_time_stays_visible_in_the_triage(world, client_for):
    from sichtbar.organisation.models import FiguresOptIn

    FiguresOptIn.objects.create(user=world.target, share_figures=True)
    rows = Manager(client_for(world.manager), world).get("/api/v1/contact-requests/triage/")["results"]

    row = next(r for r in rows if r["id"] == str(world.request.pk))
    assert row["response_seconds"] == P_RESPONSE_HOURS * 3600 and row["timing_hidden"] is False


def test_moving_a_person_keeps_their_history_in_the_old_department(world, client_for):
    from sichtbar.analytics import services
    from sichtbar.analytics.models import UserDayFact

    works_council(False)
    world.target.department = world.neu
    world.target.save(update_fields=["department"])

    services.rollup_range(start=world.m0, end=world.m1_end)

    days = set(UserDayFact.objects.filter(user=world.target).values_list("department_id", flat=True))
    assert days == {world.departments["Vertrieb"].pk}
    m = Manager(client_for(world.manager), world)
    assert m.value("clicks", **m.month(department=world.neu.pk)) == 0


def _raw_clicks(first, last):
    """Clicks from the raw table between two local days (inclusive), independent of the rollups."""
    from sichtbar.analytics.rollup import day_bounds
    from sichtbar.links.models import Click

    return Click.objects.filter(
        occurred_at__gte=day_bounds(first)[0], occurred_at__lt=day_bounds(last)[1]
    ).count()


@pytest.mark.parametrize("start_day", [1, 15])
def test_a_target_s_forecast_in_works_council_mode_is_the_published_run_rate(world, start_day):
    """Works-council mode measures whole published months from the first of the target's first month;
    the forecast extrapolates that figure over the days it was measured on to the days it will cover at
    the deadline (the end of the deadline's month), wherever in the month the target starts."""
    from datetime import timedelta
    from decimal import ROUND_HALF_UP, Decimal

    from sichtbar.analytics import disclosure, selectors

    from .factories import TargetFactory

    start = world.m1 + timedelta(days=start_day - 1)
    deadline = start + timedelta(days=120)
    target = TargetFactory(kpi="clicks", period_start=start, period_end=deadline, value=10_000)

    result = selectors.target_progress(target=target, viewer=world.manager)

    measured = _raw_clicks(world.m1, world.m1_end)
    measured_days = (world.m1_end - world.m1).days + 1
    covered_days = (disclosure.month_end(deadline) - world.m1).days + 1
    expected = (Decimal(measured) / measured_days * covered_days).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert result["suppressed_reason"] is None
    assert result["current"] == measured == 12 + P_CLICKS + 10 + 8 + Q_CLICKS + L_CLICKS
    assert (result["measured_start"], result["measured_end"]) == (world.m1, world.m1_end)
    assert abs(result["forecast"] - expected) <= Decimal("0.01")


def test_decisions_are_kept_per_month_and_follow_opt_ins_and_re_rolls(world, client_for):
    """The decisions of a published month are prepared by the worker, read by requests, recomputed when an
    opt-in changes what may be shown, and forgotten when a day of the month is rolled up again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sichtbar.analytics import services
    from sichtbar.analytics.disclosure import decisions_warm
    from sichtbar.analytics.models import DisclosureDecision
    from sichtbar.organisation.models import FiguresOptIn

    DisclosureDecision.objects.all().delete()
    while decisions_warm(budget=2):
        pass
    assert DisclosureDecision.objects.filter(month=world.m1).exists()
    m = Manager(client_for(world.manager), world)

    stored = DisclosureDecision.objects.count()
    with CaptureQueriesContext(connection) as captured:
        assert m.value("job_clicks", **m.month()) is None  # one person shared the job
    assert DisclosureDecision.objects.count() == stored  # read, not computed
    assert not any("links_click" in query["sql"] for query in captured.captured_queries)

    FiguresOptIn.objects.create(user=world.target, share_figures=True)
    assert m.value("job_clicks", **m.month()) == P_CLICKS  # now exempt: a stale decision would hide it

    services.rollup_range(start=world.m1, end=world.m1)
    assert not DisclosureDecision.objects.filter(month=world.m1).exists()
