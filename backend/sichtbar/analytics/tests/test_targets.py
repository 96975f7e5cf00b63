"""Targets (progress, run-rate forecast, status), benchmarks from CSV, estimate inputs, the weekly
report and the privacy hooks."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from sichtbar.analytics import privacy, selectors, services
from sichtbar.analytics.models import Benchmark, NetworkRate, Target, UserDayFact, WeeklyReportDelivery
from sichtbar.analytics.tasks import analytics_weekly_report
from sichtbar.audit.models import AuditEvent

from .factories import TargetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rolled(company, today):
    services.rollup_range(start=company.day - timedelta(days=5), end=today)
    return company


def test_manager_sets_a_target_and_sees_progress_forecast_and_status(client_for, rolled, today):
    start = today - timedelta(days=9)  # 10 days measured, 3 shares so far
    body = {
        "kpi": "shares",
        "scope": "company",
        "period_start": str(start),
        "period_end": str(start + timedelta(days=29)),
        "value": "6",
    }

    response = client_for(rolled.manager).post("/api/v1/analytics/targets/", body, format="json")

    assert response.status_code == 201, response.content
    data = response.json()
    assert Decimal(data["current"]) == 3
    assert Decimal(data["forecast"]) == 9  # 3 in 10 of 30 days
    assert data["status"] == "on_track"
    assert data["progress"] == 0.5
    assert AuditEvent.objects.filter(action="analytics.target_create", actor=rolled.manager).exists()


def test_a_target_behind_its_run_rate_is_at_risk_and_a_past_one_missed(rolled, today):
    at_risk = TargetFactory(
        kpi="clicks", period_start=today - timedelta(days=9), period_end=today + timedelta(days=20), value=100
    )
    missed = TargetFactory(
        kpi="clicks", period_start=today - timedelta(days=10), period_end=today - timedelta(days=1), value=100
    )
    achieved = TargetFactory(
        kpi="clicks", period_start=today - timedelta(days=10), period_end=today - timedelta(days=1), value=5
    )
    future = TargetFactory(
        kpi="clicks", period_start=today + timedelta(days=1), period_end=today + timedelta(days=9)
    )

    status = {
        t.pk: selectors.target_progress(target=t, viewer=rolled.manager)["status"]
        for t in Target.objects.all()
    }

    assert status == {
        at_risk.pk: "at_risk",
        missed.pk: "missed",
        achieved.pk: "achieved",
        future.pk: "not_started",
    }


def test_a_department_target_measures_that_department(rolled, today):
    target = TargetFactory(kpi="clicks", scope="department", department=rolled.sales, value=4)

    assert selectors.target_progress(target=target, viewer=rolled.manager)["current"] == 4


def test_invalid_targets_are_refused(client_for, rolled, today):
    client = client_for(rolled.manager)
    base = {
        "kpi": "shares",
        "period_start": str(today),
        "period_end": str(today - timedelta(days=1)),
        "value": 1,
    }

    backwards = client.post("/api/v1/analytics/targets/", base, format="json")
    no_department = client.post(
        "/api/v1/analytics/targets/",
        {**base, "period_end": str(today), "scope": "department"},
        format="json",
    )

    assert backwards.json()["code"] == "target_period_invalid"
    assert no_department.json()["code"] == "target_scope_invalid"
    assert not Target.objects.exists()


def test_targets_are_changed_and_removed_with_audit_records(client_for, rolled):
    target = TargetFactory()
    client = client_for(rolled.manager)

    changed = client.patch(f"/api/v1/analytics/targets/{target.pk}/", {"value": "12"}, format="json")
    removed = client.delete(f"/api/v1/analytics/targets/{target.pk}/")

    assert changed.status_code == 200 and changed.json()["value"] == "12.00"
    assert removed.status_code == 204 and not Target.objects.exists()
    assert {"analytics.target_update", "analytics.target_delete"} <= set(
        AuditEvent.objects.values_list("action", flat=True)
    )


def test_benchmarks_import_from_csv(client_for, rolled):
    data = (
        "kpi;value;industry;source\nclicks_per_share;2,5;IT;Studie 2026\nadoption_rate;0,2;IT;Studie 2026\n"
    )
    upload = SimpleUploadedFile("bench.csv", data.encode(), content_type="text/csv")

    response = client_for(rolled.manager).post(
        "/api/v1/analytics/benchmarks/import/", {"file": upload}, format="multipart"
    )

    assert response.json() == {"imported": 2}
    assert Benchmark.objects.get(kpi="clicks_per_share").value == Decimal("2.5")
    overview = client_for(rolled.manager).get("/api/v1/analytics/overview/").json()
    assert {k["key"]: k["benchmark"] for k in overview["kpis"]}["adoption_rate"] == 0.2


def test_a_bad_benchmark_file_imports_nothing(client_for, rolled):
    data = "kpi,value\nclicks,10\nfantasy_kpi,3\n"
    upload = SimpleUploadedFile("bench.csv", data.encode(), content_type="text/csv")

    response = client_for(rolled.manager).post(
        "/api/v1/analytics/benchmarks/import/", {"file": upload}, format="multipart"
    )

    assert response.status_code == 400 and response.json()["code"] == "benchmark_csv_invalid"
    assert not Benchmark.objects.exists()


def test_managers_set_estimate_inputs_and_the_media_value_follows(client_for, rolled):
    body = {
        "rates": [{"network": "xing", "currency": "EUR", "cpc": "3.00", "cpm": "5.00", "view_rate": "0.5"}]
    }

    response = client_for(rolled.manager).put("/api/v1/analytics/rates/", body, format="json")
    overview = client_for(rolled.manager).get("/api/v1/analytics/overview/").json()

    assert response.status_code == 200
    assert NetworkRate.objects.get(network="xing").cpc == Decimal("3.00")
    assert {k["key"]: k["value"] for k in overview["kpis"]}["media_value"] == 14.55  # was 12.55
    assert AuditEvent.objects.filter(action="analytics.rates_update").exists()


def test_weekly_report_goes_to_each_manager_once(rolled, today, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = analytics_weekly_report.apply().get()  # fans out (eager in tests)
        analytics_weekly_report.apply().get()  # a second run of the beat: nothing new

    assert sent == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [rolled.manager.email]
    assert WeeklyReportDelivery.objects.count() == 1


def test_privacy_export_and_erase(rolled):
    from sichtbar.organisation import privacy as organisation_privacy

    person = rolled.sellers[0]
    services.preference_set(user=person, share_figures=True)

    exported = privacy.export_user_data(person)
    opt_in = organisation_privacy.export_user_data(person)
    privacy.erase_user_data(person)
    organisation_privacy.erase_user_data(person)

    assert opt_in["share_figures"] is True  # the opt-in is the organisation app's
    assert exported["days"][0]["clicks"] == 3
    assert not UserDayFact.objects.filter(user=person).exists()
    assert organisation_privacy.export_user_data(person)["share_figures"] is False
