"""Analytics end to end: a manager opens the dashboard, narrows the range, reads a figure and downloads
it as CSV; the figures come from rollups of real shares and clicks."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect
from sichtbar.accounts.models import Role, User
from sichtbar.analytics import services
from sichtbar.analytics.tests.conftest import at
from sichtbar.analytics.tests.factories import AnalyticsClickFactory, AnalyticsShareFactory
from sichtbar.organisation.tests.helpers import works_council

from .conftest import log_in


def test_manager_changes_the_range_and_exports_the_overview(page, demo):
    works_council(False)
    employee = User.objects.get(email=demo[Role.EMPLOYEE].email)
    today = timezone.localdate()
    # two shares yesterday and one just now, on the company's today: the browser is on another day
    # (tests/clock.py), so a page that took "today" from the browser would miss this one or name the range
    # wrongly
    recent = [AnalyticsShareFactory(user=employee, shared_at=at(today - timedelta(days=1))) for _ in range(2)]
    recent.append(AnalyticsShareFactory(user=employee, shared_at=timezone.now()))
    for _ in range(2):
        AnalyticsShareFactory(user=employee, shared_at=at(today - timedelta(days=20)))
    for share in recent:
        AnalyticsClickFactory(link__share=share, occurred_at=share.shared_at)
    services.rollup_range(start=today - timedelta(days=30), end=today)

    log_in(page, demo[Role.MANAGER].email)
    page.get_by_role("link", name="Analytics").click()
    expect(page.get_by_role("heading", name="Employer-Branding-Analytics", level=1)).to_be_visible()
    shares = page.get_by_test_id("kpi-shares")
    expect(shares).to_contain_text("5")

    page.get_by_label("Zeitraum", exact=True).select_option(label="Letzte 7 Tage")
    expect(shares.locator(".kpi__value")).to_have_text("3")
    expect(page.get_by_test_id("kpi-clicks").locator(".kpi__value")).to_have_text("3")
    expect(page.get_by_label("Bis", exact=True)).to_have_value(today.strftime("%d.%m.%Y"))

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Überblick als CSV herunterladen").click()
    download = download_info.value
    assert download.suggested_filename == f"sichtbar-overview-{today - timedelta(days=6)}-{today}.csv"
    with open(download.path(), encoding="utf-8-sig") as handle:
        rows = [line.split(",") for line in handle.read().splitlines()]
    values = {row[0]: row[1] for row in rows[1:] if len(row) > 1}
    assert values["Teilungen"] == "3"
