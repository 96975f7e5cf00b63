"""Issue 14 end to end: every route of the app for each role, on a desktop and on a 390 × 844 phone, passes
axe-core with no serious or critical finding (axe-core from frontend/node_modules, injected into the page by
Playwright; nothing is downloaded); each role's start page answers "what now?"; the phone flows (feed and
share dialog, inbox, directory, public profile) put results first, have touch targets of at least 44 px and
no horizontal scroll at 360 px.

With UX_SCREENSHOT_DIR set (`make ux-screenshots` sets docs/ux), the start pages and the phone share flow
are saved there as PNG for docs/ux.md.
"""

import itertools
import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sichtbar.accounts.demo import DEMO_LOGINS
from sichtbar.content.models import ContentItem

from .conftest import log_in

AXE = Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = os.environ.get("UX_SCREENSHOT_DIR")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
NARROW = {"width": 360, "height": 740}

EVERYONE = [
    "/",
    "/feed",
    "/shares",
    "/content/available",
    "/content/suggest",
    "/guidelines",
    "/profile",
    "/connections",
    "/activity",
    "/inbox",
    "/directory",
    "/directory/{expert}",
    "/impact",
    "/mentions",
    "/notifications",
    "/settings/privacy",
    "/settings/tokens",
    "/gibt-es-nicht",
]
MANAGEMENT = [
    "/analytics",
    "/content",
    "/content/new",
    "/content/review",
    "/content/sources",
    "/content/rules",
    "/content/guidelines",
    "/content/{content}",
    "/administration/skills",
]
ADMIN = [
    "/administration/users",
    "/administration/invitations",
    "/administration/organisation",
    "/administration/audit",
    "/administration/privacy",
    "/administration/mail",
]
ROUTES = {"employee": EVERYONE, "manager": EVERYONE + MANAGEMENT, "admin": EVERYONE + MANAGEMENT + ADMIN}
PUBLIC = ["/login", "/forgot-password", "/experts", "/experts/{expert}"]


@pytest.fixture
def company(demo_company, settings):
    settings.RECOMMENDATIONS_FEED_CACHE_SECONDS = 0
    content = ContentItem.objects.order_by("id").first()
    assert content
    return {
        "logins": {login.role: login for login in DEMO_LOGINS},
        "expert": "lena-hoffmann",  # public in the demo company (tests/e2e/test_directory.py)
        "content": str(content.pk),
    }


def settle(page: Page) -> None:
    """Waits for the page's heading and for its data (no spinner left)."""
    expect(page.locator("main h1").first).to_be_visible()
    expect(page.locator("main .spinner")).to_have_count(0)


def axe_findings(page: Page) -> list[dict]:
    """Serious and critical axe-core violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate("() => {" + AXE.read_text(encoding="utf-8") + "\n}")
    result = page.evaluate(
        "async () => { const r = await window.axe.run(document, { resultTypes: ['violations'] });"
        " return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,"
        " targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })); }"
    )
    return [finding for finding in result if finding["impact"] in ("serious", "critical")]


def horizontal_overflow(page: Page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def small_targets(page: Page, scope: str = "body") -> list[str]:
    """Controls a finger must hit that are smaller than 44 × 44 px (links inside running text are exempt)."""
    return page.evaluate(
        """(scope) => {
          const root = document.querySelector(scope);
          const selector = 'button, select, input:not([type=hidden]), [role=button], nav a, '
            + 'a.button, .task-card__link';
          return [...root.querySelectorAll(selector)].filter((el) => {
            const box = el.getBoundingClientRect();
            if (box.width === 0 || box.height === 0) return false;  // not shown
            if (box.right <= 0 || el.closest('.honeypot')) return false;  // the contact form's bot trap
            const style = getComputedStyle(el);
            if (style.visibility === 'hidden') return false;
            // Checkboxes and radios are hit through their label, which is the target.
            if (el.matches('input[type=checkbox], input[type=radio]')) {
              const label = el.closest('label') || document.querySelector(`label[for="${el.id}"]`);
              const target = label ? label.getBoundingClientRect() : box;
              return target.height < 44;
            }
            return box.height < 44 || box.width < 44;
          }).map((el) => {
            const name = (el.getAttribute('aria-label') || el.textContent || el.name || '').trim();
            const box = el.getBoundingClientRect();
            const size = `${Math.round(box.width)}x${Math.round(box.height)}`;
            return `${el.tagName.toLowerCase()} "${name.slice(0, 40)}" ${size}`;
          });
        }""",
        scope,
    )


def shoot(page: Page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=False)


def walk(page: Page, routes: list[str], company: dict) -> tuple[dict[str, list], dict[str, int]]:
    """axe findings per route, and how far each route scrolls sideways (the phone flows are held to 360 px
    in test_phone_flows_fit_360_px_with_large_targets)."""
    findings: dict[str, list] = {}
    overflow: dict[str, int] = {}
    for route in routes:
        path = route.format(expert=company["expert"], content=company["content"])
        page.goto(path)
        settle(page)
        if found := axe_findings(page):
            findings[path] = found
        if (wider := horizontal_overflow(page)) > 0:
            overflow[path] = wider
    return findings, overflow


# Each test below seeds the demo company once (the slowest part of a browser test) and walks both
# viewports, or all of its paths, on it; a failure names the viewport, path and finding.
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.mark.parametrize("role", ["employee", "manager", "admin"])
def test_every_route_fits_the_screen_with_no_serious_axe_finding(new_page, company, role):
    found = {}
    for viewport, size in VIEWPORTS.items():
        page = new_page()
        page.set_viewport_size(size)
        log_in(page, company["logins"][role].email)
        report, overflow = walk(page, ROUTES[role], company)
        print(
            f"axe {role} {viewport}: {len(ROUTES[role])} routes, {len(report)} with findings;"
            f" wider than the screen: {overflow}"
        )
        # no page scrolls sideways: wide tables scroll inside their frame
        found[viewport] = {"axe": report, "wider than the screen": overflow}
    clean = {"axe": {}, "wider than the screen": {}}
    assert found == {"desktop": clean, "phone": clean}, json.dumps(found, indent=1, ensure_ascii=False)


def test_public_pages_have_no_serious_axe_finding(page, company):
    found = {}
    for viewport, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        report, overflow = walk(page, PUBLIC, company)
        found[viewport] = {"axe": report, "wider than the screen": overflow}
    clean = {"axe": {}, "wider than the screen": {}}
    assert found == {"desktop": clean, "phone": clean}, json.dumps(found, indent=1, ensure_ascii=False)


def test_start_pages_say_what_waits_for_each_role(new_page, company):
    for (viewport, size), (role, cards) in itertools.product(
        VIEWPORTS.items(),
        {
            "employee": ["top-picks", "start-requests", "start-profile", "start-impact"],
            "manager": ["start-review", "start-triage", "start-targets", "top-picks"],
            "admin": ["start-invitations", "start-mail", "start-syncs", "start-privacy", "start-review"],
        }.items(),
    ):
        page = new_page()
        page.set_viewport_size(size)
        log_in(page, company["logins"][role].email)
        settle(page)
        for card in cards:
            expect(page.get_by_test_id(card)).to_be_visible()
        navigation = page.get_by_role("navigation", name="Hauptnavigation")
        if viewport == "phone":
            expect(navigation).to_be_hidden()
            page.get_by_role("button", name="Navigation öffnen").click()
        expect(navigation.get_by_role("link")).to_have_count({"employee": 4, "manager": 5, "admin": 6}[role])
        bell = page.get_by_role("link", name="Benachrichtigungen (", exact=False)
        expect(bell.locator("svg")).to_have_count(1)
        if viewport == "phone":
            page.get_by_role("button", name="Navigation schließen").click()
        shoot(page, f"start-{role}-{viewport}")


def test_phone_share_flow_from_the_start_page(new_page, company):
    page = new_page()
    page.set_viewport_size(PHONE)
    log_in(page, company["logins"]["employee"].email)
    picks = page.get_by_test_id("top-picks")
    share = picks.get_by_role("button", name="teilen", exact=False).first
    expect(share).to_be_visible()
    assert share.bounding_box()["y"] < PHONE["height"] * 2  # within two screens of the top
    share.click()
    dialog = page.get_by_role("dialog")
    text = dialog.get_by_label("Ihr Text")
    prompt = dialog.locator(".guideline-prompt")
    expect(text.or_(prompt)).to_be_visible()
    if prompt.is_visible():  # the first share asks for the guideline first
        assert small_targets(page, '[role="dialog"]') == []
        prompt.get_by_role("button").click()
    expect(text).to_be_visible()
    assert small_targets(page, '[role="dialog"]') == []
    assert horizontal_overflow(page) <= 0
    assert axe_findings(page) == []
    shoot(page, "phone-share-dialog")
    text.press("Escape")
    expect(dialog).to_have_count(0)


def test_phone_directory_shows_results_before_facets(new_page, company):
    page = new_page()
    page.set_viewport_size(PHONE)
    page.goto("/experts")
    first = page.locator(".expert-list li").first
    expect(first).to_be_visible()
    # The first result is on the first screen; the facets wait in a drawer.
    assert first.bounding_box()["y"] < PHONE["height"]
    expect(page.get_by_role("region", name="Filter")).to_be_hidden()
    toggle = page.get_by_role("button", name="Filter", exact=True)
    toggle.click()
    drawer = page.get_by_role("region", name="Filter")
    expect(drawer).to_be_visible()
    assert small_targets(page, ".facet-drawer--open") == []
    assert axe_findings(page) == []
    shoot(page, "phone-directory-filters")
    drawer.locator(".facet__value").first.click()
    drawer.get_by_role("button", name="Ergebnis", exact=False).click()
    expect(drawer).to_be_hidden()
    expect(page.get_by_role("button", name="Filter (1 aktiv)")).to_be_focused()
    expect(page.locator(".expert-list li").first).to_be_visible()
    shoot(page, "phone-directory")


def test_phone_flows_fit_360_px_with_large_targets(new_page, company):
    signed_in, visitor = new_page(), new_page()
    for page in (signed_in, visitor):
        page.set_viewport_size(NARROW)
    log_in(signed_in, company["logins"]["employee"].email)
    problems = {}
    for path in ["/feed", "/inbox", "/directory", "/experts", "/experts/{expert}", "/"]:
        page = visitor if path.startswith("/experts") else signed_in
        page.goto(path.format(expert=company["expert"]))
        settle(page)
        found = {
            "wider by": max(horizontal_overflow(page), 0),
            "small in main": small_targets(page, "main"),
            "small in header": small_targets(page, "header"),
        }
        if any(found.values()):
            problems[path] = found
    assert problems == {}
