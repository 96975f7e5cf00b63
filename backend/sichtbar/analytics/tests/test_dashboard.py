"""The managers' dashboard API: KPIs with exact values, estimates with their inputs, comparisons,
trends, breakdowns, drill-down, exports, and constant query counts."""

import csv
import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from sichtbar.analytics import services
from sichtbar.analytics.models import Benchmark

from .conftest import at
from .factories import AnalyticsClickFactory, AnalyticsContentFactory, AnalyticsShareFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rolled(company, today):
    AnalyticsContentFactory(title="Nie geteilt")  # available but unused: utilisation 2 of 3
    services.headcount_snapshot(day=company.day)
    services.rollup_range(start=company.day - timedelta(days=40), end=today)
    return company


def _kpis(response):
    return {k["key"]: k for k in response.json()["kpis"]}


def test_overview_has_every_kpi_with_exact_values(client_for, rolled, today):
    Benchmark.objects.create(kpi="clicks_per_share", value=Decimal("2.8"), source="Branche 2026")

    response = client_for(rolled.manager).get("/api/v1/analytics/overview/")

    assert response.status_code == 200
    kpis = _kpis(response)
    values = {key: kpi["value"] for key, kpi in kpis.items()}
    assert values["shares"] == 3
    assert values["clicks"] == 6
    assert values["clicks_per_share"] == 2.0
    assert values["potential_reach"] == 1250
    assert values["estimated_impressions"] == 205  # 1050 × 0.1 + 200 × 0.5
    assert values["media_value"] == 12.55  # 5 × 2 + 105 × 10/1000 + 1 × 1 + 100 × 5/1000
    assert values["active_advocates"] == 3
    assert values["adoption_rate"] == round(3 / 9, 4)  # 9 active accounts that day
    assert values["content_utilisation"] == round(2 / 3, 4)
    assert values["conversions"] == 1 and values["applications"] == 1
    assert kpis["media_value"]["estimate"] is True and kpis["shares"]["estimate"] is False
    assert kpis["clicks_per_share"]["benchmark"] == 2.8
    body = response.json()
    assert body["funnel"] == {"job_shares": 1, "job_clicks": 3, "applications": 1}
    inputs = {i["network"]: i for i in body["estimates"]["inputs"]}
    assert inputs["linkedin"]["cpc"] == "2.00" and inputs["linkedin"]["impressions"] == 105
    assert body["estimates"]["currency"] == "EUR"


def test_previous_period_and_change(client_for, rolled, today):
    earlier = rolled.day - timedelta(days=30)
    AnalyticsShareFactory(user=rolled.sellers[3], content=rolled.article, shared_at=at(earlier))
    services.rollup_range(start=earlier, end=earlier)

    kpis = _kpis(client_for(rolled.manager).get("/api/v1/analytics/overview/"))

    assert kpis["shares"]["previous"] == 1
    assert kpis["shares"]["change"] == 2.0  # 3 against 1: +200 %


def test_department_filter_shows_the_company_beside_it(client_for, rolled):
    response = client_for(rolled.manager).get(f"/api/v1/analytics/overview/?department={rolled.sales.pk}")

    kpis = _kpis(response)
    assert kpis["shares"]["value"] == 2
    assert kpis["shares"]["company"] == 3
    assert kpis["clicks"]["value"] == 4 and kpis["clicks"]["company"] == 6


def test_network_and_kind_filters(client_for, rolled):
    client = client_for(rolled.manager)

    linkedin = _kpis(client.get("/api/v1/analytics/overview/?network=linkedin"))
    jobs = _kpis(client.get("/api/v1/analytics/overview/?content_kind=job"))

    assert (linkedin["shares"]["value"], linkedin["clicks"]["value"]) == (2, 5)
    assert (jobs["shares"]["value"], jobs["clicks"]["value"]) == (1, 3)


def test_an_inverted_range_is_a_validation_error(client_for, rolled):
    response = client_for(rolled.manager).get("/api/v1/analytics/overview/?start=2026-05-01&end=2026-04-01")

    assert response.status_code == 400
    assert "end" in response.json()["extra"]["fields"]


@pytest.mark.parametrize(
    ("instant", "query", "expected"),
    [
        # 23:30 UTC is already the next day in Berlin: the browser's UTC clock would say the 6th
        (datetime(2026, 12, 6, 23, 30, tzinfo=UTC), "days=7", ("2026-12-01", "2026-12-07")),
        (datetime(2026, 12, 6, 22, 30, tzinfo=UTC), "days=7", ("2026-11-30", "2026-12-06")),
        (datetime(2026, 12, 6, 23, 30, tzinfo=UTC), "days=1", ("2026-12-07", "2026-12-07")),
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "month=current", ("2027-01-01", "2027-01-01")),
        (datetime(2026, 12, 31, 22, 30, tzinfo=UTC), "month=current", ("2026-12-01", "2026-12-31")),
        (datetime(2026, 3, 28, 23, 30, tzinfo=UTC), "", ("2026-02-28", "2026-03-29")),
    ],
)
@pytest.mark.parametrize("path", ["overview", "me"])
def test_relative_ranges_count_days_in_the_company_time_zone(
    client_for, rolled, instant, query, expected, path
):
    with mock.patch.object(timezone, "now", return_value=instant):
        response = client_for(rolled.manager).get(f"/api/v1/analytics/{path}/?{query}")

    assert response.status_code == 200, response.content
    assert (response.json()["start"], response.json()["end"]) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("days=7&start=2026-05-01", "days"),
        ("days=7&end=2026-05-01", "days"),
        ("month=current&start=2026-05-01", "month"),
        ("days=7&month=current", "month"),
        ("days=0", "days"),
        ("days=4000", "days"),
        ("month=last", "month"),
    ],
)
def test_a_relative_range_with_absolute_dates_is_a_validation_error(client_for, rolled, query, field):
    response = client_for(rolled.manager).get(f"/api/v1/analytics/overview/?{query}")

    assert response.status_code == 400
    assert field in response.json()["extra"]["fields"]


def test_trends_have_every_bucket(client_for, rolled, today):
    start = rolled.day - timedelta(days=1)
    response = client_for(rolled.manager).get(f"/api/v1/analytics/trends/?start={start}&end={today}")

    points = response.json()["points"]
    assert len(points) == 5
    assert [p["clicks"] for p in points] == [0, 6, 0, 0, 0]
    weekly = client_for(rolled.manager).get(
        f"/api/v1/analytics/trends/?start={start}&end={today}&interval=week"
    )
    assert sum(p["shares"] for p in weekly.json()["points"]) == 3


def test_breakdowns_by_each_dimension(client_for, rolled):
    client = client_for(rolled.manager)
    rolled.article.topics.add(
        topic := __import__("sichtbar.profiles.tests.factories", fromlist=["SkillFactory"]).SkillFactory(
            name_de="Cloud"
        )
    )
    services.rollup_range(start=rolled.day, end=rolled.day)

    departments = {
        r["label"]: r for r in client.get("/api/v1/analytics/breakdown/?by=department").json()["rows"]
    }
    networks = {r["key"]: r for r in client.get("/api/v1/analytics/breakdown/?by=network").json()["rows"]}
    content = client.get("/api/v1/analytics/breakdown/?by=content").json()["rows"]
    topics = client.get("/api/v1/analytics/breakdown/?by=topic").json()["rows"]

    assert departments["Vertrieb"]["clicks"] == 4 and departments["Recht"]["shares"] == 1
    assert networks["linkedin"]["clicks"] == 5 and networks["xing"]["reach"] == 200
    # 3 clicks each; more shares first
    assert [r["label"] for r in content] == ["Cloud im Mittelstand", "Backend-Entwickler:in (m/w/d)"]
    assert topics == [
        {
            "key": str(topic.pk),
            "label": "Cloud",
            "suppressed": False,
            "suppressed_reason": None,
            "shares": 2,
            "clicks": 3,
            "reach": 250,
            "conversions": 0,
            "clicks_per_share": 1.5,
            "profile_views": None,  # people's figures belong to departments, not topics
            "search_appearances": None,
            "contact_requests": None,
        }
    ]


def test_drilldown_lists_the_shares_behind_a_figure(client_for, rolled):
    response = client_for(rolled.manager).get(f"/api/v1/analytics/drilldown/?content={rolled.article.pk}")

    body = response.json()
    assert body["total"] == 2
    assert sorted(i["clicks"] for i in body["items"]) == [1, 2]
    assert {i["person"] for i in body["items"]} == {rolled.sellers[1].full_name, rolled.lawyers[0].full_name}


def test_export_csv_and_xlsx_of_a_table(client_for, rolled):
    client = client_for(rolled.manager)

    response = client.get("/api/v1/analytics/export/?table=breakdown_department")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    xlsx = client.get("/api/v1/analytics/export/?table=overview&file_format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert rows[0][:3] == ["Abteilung", "Teilungen", "Klicks"]  # German: the default language
    assert rows[1][:3] == ["Vertrieb", "2", "4"]
    values = {row[0]: row[1] for row in sheet.iter_rows(values_only=True)}
    assert values["Teilungen"] == 3 and values["Klicks"] == 6


def test_exports_speak_the_request_language_with_real_types_and_the_time_zone(client_for, rolled, today):
    client = client_for(rolled.manager)

    english = client.get("/api/v1/analytics/export/?table=breakdown_department", HTTP_ACCEPT_LANGUAGE="en")
    drill = client.get(
        "/api/v1/analytics/export/?table=drilldown&file_format=xlsx", HTTP_ACCEPT_LANGUAGE="en"
    )
    trends = client.get("/api/v1/analytics/export/?table=trends&file_format=xlsx")

    header = next(csv.reader(io.StringIO(english.content.decode("utf-8-sig"))))
    assert header[:4] == ["Department", "Shares", "Clicks", "Potential reach"]
    assert header[-2] == "Clicks per share"
    rows = list(load_workbook(io.BytesIO(drill.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Shared at (Europe/Berlin)"
    assert rows[0][5:] == ("Potential reach", "Clicks", "Conversions")
    shared = {row[0] for row in rows[1:]}
    assert shared == {at(rolled.day).replace(tzinfo=None)}  # a real date-time, local wall clock
    assert sorted(row[6] for row in rows[1:]) == [1, 2, 3]  # numbers, not text
    # a download link cannot set Accept-Language: the UI passes its language
    chosen = client.get(
        "/api/v1/analytics/export/?table=breakdown_network&language=en", HTTP_ACCEPT_LANGUAGE="de"
    )
    mine = client.get("/api/v1/analytics/me/export/?language=en", HTTP_ACCEPT_LANGUAGE="de")
    assert chosen.content.decode("utf-8-sig").startswith("Network,Shares,Clicks,")
    assert mine.content.decode("utf-8-sig").startswith("Date (Europe/Berlin),Shares,Clicks,")
    days = list(load_workbook(io.BytesIO(trends.content)).active.iter_rows(values_only=True))
    assert days[0][:2] == ("Datum (Europe/Berlin)", "Teilungen")
    assert days[1][0].date() == today - timedelta(days=29) and days[1][1] == 0  # a date and a number


def test_every_table_exports(client_for, rolled):
    from sichtbar.analytics.serializers import EXPORT_TABLES

    client = client_for(rolled.manager)
    for table in EXPORT_TABLES:
        for file_format in ("csv", "xlsx"):
            response = client.get(f"/api/v1/analytics/export/?table={table}&file_format={file_format}")
            assert response.status_code == 200, (table, file_format)
            assert len(response.content) > 10


def test_export_neutralises_formulas_in_titles(client_for, rolled):
    rolled.article.title = '=HYPERLINK("http://evil")'
    rolled.article.save()

    response = client_for(rolled.manager).get("/api/v1/analytics/export/?table=top_content")

    assert "'=HYPERLINK" in response.content.decode("utf-8-sig")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/analytics/overview/",
        "/api/v1/analytics/breakdown/?by=content",
        "/api/v1/analytics/breakdown/?by=department",
        "/api/v1/analytics/top-content/",
        "/api/v1/analytics/drilldown/",
        "/api/v1/analytics/leaderboard/",
        "/api/v1/analytics/targets/",
    ],
)
def test_query_count_does_not_grow_with_rows(client_for, rolled, today, path):
    from sichtbar.organisation.models import FiguresOptIn

    from .factories import TargetFactory

    client = client_for(rolled.manager)
    TargetFactory()
    client.get(path)
    with CaptureQueriesContext(connection) as before:
        assert client.get(path).status_code == 200
    for seller in rolled.sellers:
        FiguresOptIn.objects.create(user=seller, share_figures=True)
        item = AnalyticsContentFactory()
        share = AnalyticsShareFactory(user=seller, content=item, shared_at=at(rolled.day))
        AnalyticsClickFactory(link__share=share, occurred_at=at(rolled.day, 14))
        TargetFactory(kpi="clicks")
    services.rollup_range(start=rolled.day, end=rolled.day)
    client.get(path)

    with CaptureQueriesContext(connection) as after:
        assert client.get(path).status_code == 200

    # Targets are the exception, by design: each target measures its own KPI over its own period
    # (a bounded number of queries per target; companies keep tens of targets, not thousands).
    per_target = 14 if "targets" in path else 0
    assert len(after) <= len(before) + 6 * per_target


def test_headcount_falls_back_to_the_nearest_snapshot(client_for, rolled, today):
    client = client_for(rolled.manager)
    after_snapshot = f"?start={today - timedelta(days=1)}&end={today}"
    before_snapshot = f"?start={rolled.day - timedelta(days=10)}&end={rolled.day - timedelta(days=5)}"

    later = client.get(f"/api/v1/analytics/overview/{after_snapshot}").json()
    earlier = client.get(f"/api/v1/analytics/overview/{before_snapshot}").json()
    inside = client.get("/api/v1/analytics/overview/").json()

    assert later["headcount"] == 9  # the last snapshot before the period
    assert earlier["headcount"] == 9  # none before: the first one after
    assert inside["headcount"] == 9.0
    assert {k["key"]: k["value"] for k in later["kpis"]}["adoption_rate"] == 0.0
