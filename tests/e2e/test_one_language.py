"""Issue 14, "one language everywhere": with the demo company loaded, every route of the SPA is visited in
German as each role (and the public pages as a visitor), and the visible text is scanned for the raw code
values the API sends (availability kinds, language codes, networks, statuses, roles, kinds). Any hit fails
with the route and the text around it."""

import re

import pytest
from playwright.sync_api import Page, expect
from sichtbar.accounts.demo import DEMO_LOGINS
from sichtbar.accounts.models import Role, User
from sichtbar.content.models import ContentItem
from sichtbar.links.models import TrackedLink
from sichtbar.profiles.models import Profile
from sichtbar.profiles.selectors import visible_profiles

from .conftest import log_in

# Code values of the API that must never reach a German screen as they are (lower case, whole words;
# proper labels are "Presseanfragen", "Deutsch", "LinkedIn", "Entwurf", …).
CODES = [
    # availability kinds
    "customers", "talks", "mentoring", "press",
    # language codes (not "es"/"it": German and English words)
    "de", "en", "tr", "fr", "nl", "pl",
    # networks and providers
    "linkedin", "xing", "mastodon", "facebook", "email", "blog", "linkedin_archive",
    # statuses
    "pending", "connected", "needs_reconsent", "in_review", "published", "draft", "archived", "scheduled",
    "queued", "posted", "opened", "failed", "cancelled", "answered", "closed", "accepted", "expired",
    "revoked", "sent", "sending", "running", "done", "new", "open", "dismissed", "approved", "proposed",
    # roles
    "employee", "manager", "admin",
    # kinds
    "article", "job", "event", "news", "forum", "alert", "company", "brand", "product", "word", "phrase",
    "pattern", "block", "warn", "desktop", "mobile", "tablet", "intent", "api", "native",
    # visibility, audiences, frequencies
    "private", "internal", "public", "public_noindex", "daily", "weekly", "off",
]  # fmt: skip
# A code stands alone: not part of a word, an address, a path or an e-mail (www.linkedin.com is fine).
BOUNDARY_BEFORE = r"(?<![\w.@/:#&=?-])"
BOUNDARY_AFTER = r"(?![\w.@/:#&=?-])"
CODE_PATTERN = re.compile(BOUNDARY_BEFORE + "(" + "|".join(map(re.escape, CODES)) + ")" + BOUNDARY_AFTER)
SNAKE_CASE = re.compile(BOUNDARY_BEFORE + r"([a-z]+_[a-z_]+)" + BOUNDARY_AFTER)

# The text a sighted person reads: hidden elements, decorative (aria-hidden) parts, technical identifiers
# shown on purpose in <code> (environment variables, audit action names) and content marked as written in
# another language (lang="en": an English article's title is not a raw code) left out; and the
# text of form values (selected options, inputs) added, since a select shows its option's label.
VISIBLE_TEXT = """() => {
  const root = document.body.cloneNode(true);
  const skipped = '[aria-hidden="true"], code, script, style, noscript, template, [lang]:not([lang="de"])';
  root.querySelectorAll(skipped).forEach((n) => n.remove());
  const holder = document.createElement('div');
  holder.style.position = 'absolute'; holder.style.left = '-99999px';
  holder.appendChild(root);
  document.documentElement.appendChild(holder);
  const text = root.innerText;
  holder.remove();
  const values = [...document.querySelectorAll('input:not([type=hidden]):not([type=password]), textarea')]
    .map((el) => el.placeholder || '');
  return text + '\\n' + values.join('\\n');
}"""

PUBLIC_ROUTES = ["/experts", "/login", "/forgot-password"]
EVERYONE = [
    "/", "/feed", "/shares", "/connections", "/activity", "/mentions", "/profile", "/directory", "/inbox",
    "/content/available", "/content/suggest", "/guidelines", "/notifications", "/impact", "/settings/tokens",
    "/settings/privacy", "/experts",
]  # fmt: skip
MANAGEMENT = [
    "/manager", "/analytics", "/content", "/content/new", "/content/review", "/content/sources",
    "/content/rules", "/content/guidelines", "/administration/skills",
]  # fmt: skip
ADMIN = [
    "/administration/users", "/administration/invitations", "/administration/organisation",
    "/administration/audit", "/administration/privacy", "/administration/mail",
]  # fmt: skip


@pytest.fixture
def company(demo_company):
    pass


# Routes whose codes are known and owned by work in progress elsewhere, each with why (none at present;
# the retention rules of /administration/privacy have labels, privacy/tests/test_registry.py keeps it so).
KNOWN_GAPS: dict[str, str] = {}


def _user_text() -> list[str]:
    """What people wrote (article titles and summaries, bios, imported posts): not codes, in any language."""
    from sichtbar.core.richtext import html_to_text
    from sichtbar.integrations.models import ImportedPost

    texts = [t for pair in ContentItem.objects.values_list("title", "summary") for t in pair]
    profiles = Profile.objects.values_list("headline_de", "headline_en", "bio_de", "bio_en")
    texts += [t for row in profiles for t in row]
    texts += [t for pair in ImportedPost.objects.values_list("title", "summary") for t in pair]
    plain = {html_to_text(text) for text in texts if text}
    # Longest first, so a title is removed before a shorter text it contains.
    return sorted((text for text in plain if len(text) >= 12), key=len, reverse=True)


def _raw_codes(text: str, user_text: list[str] = ()) -> list[str]:
    for written in user_text:
        text = text.replace(written, " ")
    hits = []
    for pattern in (CODE_PATTERN, SNAKE_CASE):
        for match in pattern.finditer(text):
            start, end = max(0, match.start() - 40), min(len(text), match.end() + 40)
            hits.append(f"{match.group(1)!r} in …{text[start:end]!r}…")
    return hits


def _requests_settled(page: Page, in_flight: set) -> None:
    """Until no request of the page is open twice in a row, 50 ms apart: the page's data has arrived, and
    a request that a first answer starts (a list, then its details) is waited for too. Playwright's
    "networkidle" waits a fixed 500 ms after the last request, which on 90 routes was half this test."""
    quiet = 0
    while quiet < 2:
        page.wait_for_timeout(50)
        quiet = quiet + 1 if not in_flight else 0


def _scan(page: Page, routes: list[str]) -> dict[str, list[str]]:
    found = {}
    user_text = _user_text()
    in_flight: set = set()
    page.on("request", lambda request: in_flight.add(request))
    page.on("requestfinished", lambda request: in_flight.discard(request))
    page.on("requestfailed", lambda request: in_flight.discard(request))
    for route in routes:
        if route in KNOWN_GAPS:
            continue
        page.goto(route)
        _requests_settled(page, in_flight)
        expect(page.locator("h1").first).to_be_visible()
        expect(page.locator(".spinner, [aria-busy='true']")).to_have_count(0)
        hits = _raw_codes(page.evaluate(VISIBLE_TEXT), user_text)
        if hits:
            found[route] = hits
    return found


def _dynamic_routes(user: User) -> list[str]:
    profile = Profile.objects.filter(user__is_active=True).exclude(slug="").order_by("id").first()
    routes = [f"/directory/{profile.slug}"] if profile else []
    link = TrackedLink.objects.filter(user=user).order_by("id").first()
    if link:
        routes.append(f"/shares/links/{link.pk}")
    return routes


def _routes_of(role: str, user: User) -> list[str]:
    routes = list(EVERYONE)
    if role in (Role.MANAGER, Role.ADMIN):
        routes += MANAGEMENT
        item = ContentItem.objects.order_by("id").first()
        routes += [f"/content/{item.pk}"] if item else []
    if role == Role.ADMIN:
        routes += ADMIN
    return routes + _dynamic_routes(user)


def test_no_raw_code_on_any_route_in_german(page, new_page, company):
    """Every route of every role, and the public pages, on one demo company (seeding it is the slow part)."""
    profile = visible_profiles(audience="public").order_by("id").first()
    public = PUBLIC_ROUTES + ([f"/experts/{profile.slug}"] if profile else [])
    found = {f"public {route}": hits for route, hits in _scan(page, public).items()}
    for role in (Role.EMPLOYEE, Role.MANAGER, Role.ADMIN):
        login = next(login for login in DEMO_LOGINS if login.role == role)
        user = User.objects.get(email=login.email)
        signed_in = new_page()
        log_in(signed_in, login.email)
        found |= {f"{role} {route}": hits for route, hits in _scan(signed_in, _routes_of(role, user)).items()}

    assert found == {}, "\n".join(f"{route}: {hit}" for route, hits in found.items() for hit in hits)


def test_the_scan_finds_a_raw_code():
    """The scan itself: it fails on what the issue saw, and passes the labels and addresses."""
    assert _raw_codes("Verfügbar für: customers, talks") and _raw_codes("Sprachen: de, en")
    assert _raw_codes("Status: needs_reconsent")
    assert _raw_codes("Kundenfragen, Vorträge · Deutsch · LinkedIn · www.linkedin.com · a@b.de") == []
