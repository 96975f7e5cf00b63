"""Browser tests: Debian's Chromium, driven by Playwright, against a live server serving the built SPA."""

import os
import re

# Playwright's sync API runs an event loop in this thread; the fixtures' ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect, sync_playwright
from sichtbar.accounts.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_accounts
from sichtbar.core.management.commands.seed_demo import seed_all

from ..clock import another_day_zone

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# Ceilings, not waits: every expectation and action returns as soon as the page is ready, and only a hung
# test meets them. CI runs two browsers side by side on two cores that another process may keep busy, where
# a list that reloads in 1 s on a desk once took more than 15 s.
E2E_TIMEOUT_MS = 45_000
expect.set_options(timeout=E2E_TIMEOUT_MS)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Every browser signs in from 127.0.0.1: throttle counters must not carry over between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.e2e)
    # The longest tests first (those that seed the whole demo company, the walks over every route before
    # the others), so that the two xdist workers end together instead of one finishing a walk alone.
    walks = ("test_no_raw_code_on_any_route", "test_every_route_fits_the_screen")
    items.sort(
        key=lambda item: (
            "company" not in getattr(item, "fixturenames", ()),
            not item.name.startswith(walks),
        )
    )


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not (settings.FRONTEND_DIST_DIR / "index.html").exists():
        pytest.fail("The SPA is not built: run `make test-e2e` (it builds frontend/dist first).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server, transactional_db):
    """Pages on the live server; a page that hits a Content-Security-Policy violation fails its test."""
    contexts = []
    violations: list[str] = []

    def _new_page(locale: str = "de-DE") -> Page:
        # On another calendar day than the company: a page that takes "today" from the browser fails.
        context = browser.new_context(base_url=live_server.url, locale=locale, timezone_id=another_day_zone())
        context.set_default_timeout(E2E_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                violations.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        return page

    yield _new_page
    for context in contexts:
        context.close()
    _requests_finished(live_server)
    assert violations == []


def _requests_finished(live_server, ceiling: float = 60.0) -> None:
    """Closing a browser does not stop a request the live server is still answering (the start page sends
    several at once). On PostgreSQL the test database's flush would then meet that request's locks and
    deadlock. So wait until the live server has no request thread left: a thread that has accepted a
    request but not yet reached the database is invisible to PostgreSQL, which is how a wait on
    `pg_stat_activity` alone still let a flush deadlock (CI, December 2026). Then wait until no other
    session of the database is inside a statement or a transaction."""
    import threading
    import time

    from django.db import connection

    deadline = time.monotonic() + ceiling
    httpd = live_server.thread.httpd
    while time.monotonic() < deadline:
        answering = [
            thread
            for thread in threading.enumerate()
            if getattr(getattr(thread, "_target", None), "__self__", None) is httpd
        ]
        if not answering:
            break
        for thread in answering:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.1)


@pytest.fixture
def page(new_page) -> Page:
    return new_page()


@pytest.fixture
def demo_company(transactional_db):
    """The whole demo company (`seed_all`). Seeding it takes 10 s of CPU on a quiet machine and 30 s on CI's
    busy one, and ten browser tests need it: on PostgreSQL each test process seeds it once, copies every
    table out (COPY, binary) and gives later tests the same rows back in one transaction, which takes well
    under a second. The rows are the seed's own, dated from the day it ran; a new day seeds again."""
    from django.db import connection

    if connection.vendor != "postgresql":
        seed_all()
        return
    today = timezone.localdate()
    if _COMPANY.get("day") == today:
        _restore_tables(_COMPANY["tables"])
    else:
        _COMPANY.clear()
        seed_all()
        _COMPANY.update(day=today, tables=_copy_tables())


_COMPANY: dict = {}


def _copy_tables() -> list[tuple[str, bytes]]:
    """Every table that holds rows, as PostgreSQL's binary COPY gives it."""
    from django.db import connection

    tables = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table == "django_migrations":
                continue
            with cursor.cursor.copy(f'COPY "{table}" TO STDOUT (FORMAT binary)') as copy:
                data = b"".join(bytes(block) for block in copy)
            cursor.execute(f'SELECT EXISTS (SELECT 1 FROM "{table}")')
            if cursor.fetchone()[0]:
                tables.append((table, data))
    return tables


def _restore_tables(tables: list[tuple[str, bytes]]) -> None:
    """The copied rows back, as the seed left them: every table emptied first (the flush after the last test
    re-created the content types under new ids), foreign keys checked at commit (Django creates them
    deferrable), sequences moved past the restored ids, and what processes hold in memory dropped."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from sichtbar.links.selectors import link_target_cache_clear
    from sichtbar.search.text import taxonomy_changed

    with transaction.atomic(), connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        cursor.execute("TRUNCATE " + ", ".join(f'"{name}"' for name in names if name != "django_migrations"))
        for table, data in tables:
            with cursor.cursor.copy(f'COPY "{table}" FROM STDIN (FORMAT binary)') as copy:
                copy.write(data)
        models = apps.get_models(include_auto_created=True)
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    ContentType.objects.clear_cache()
    taxonomy_changed()
    link_target_cache_clear()
    cache.clear()


@pytest.fixture
def demo(transactional_db):
    seed_accounts()
    return {login.role: login for login in DEMO_LOGINS}


def log_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/login")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(password)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_test_id("home-heading")).to_be_visible()


def link_path(body: str, prefix: str) -> str:
    match = re.search(rf"https?://[^/\s]+({prefix}\S+)", body)
    assert match, body
    return match.group(1)
