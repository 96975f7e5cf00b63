"""How fast the SPA's largest pages are ready, and how much JavaScript each route needs (issue 14).

Prints, per page, the median over BENCH_ROUNDS cold loads (a new browser context each time, so nothing is
cached) of: DOMContentLoaded, the load event, and "ready" — the page's heading visible and no spinner left,
i.e. its data is on screen — all from Playwright's navigation timing; plus the JavaScript transferred.
Then the gzip size of each route's JavaScript from the Vite manifest (scripts/check-bundle.mjs).

Run with `make bench-frontend` (it builds the SPA first). Uses a throwaway test database with the demo
company (SQLite unless DATABASE_URL is set), Django's live server on BENCH_WEB_PORT (0: any free port) and
Debian's Chromium. Load times depend on the machine: compare runs on the same, quiet machine.
"""

import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "backend"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
PORT = int(os.environ.get("BENCH_WEB_PORT", "0"))
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

# (page, path, who is logged in, what "ready" means)
PAGES = [
    ("start (employee)", "/", "employee", "main h1"),
    ("feed", "/feed", "employee", "main h1"),
    ("profile editor", "/profile", "employee", "main h1"),
    ("my impact", "/impact", "employee", "main h1"),
    ("start (manager)", "/", "manager", "main h1"),
    ("analytics", "/analytics", "manager", "main h1"),
    ("content editor", "/content/new", "manager", "main h1"),
    ("start (admin)", "/", "admin", "main h1"),
    ("public directory", "/experts", None, "main h1"),
    ("public profile", "/experts/lena-hoffmann", None, "main h1"),
    ("API docs (Redoc)", "/api/redoc/", "admin", ".api-content h1"),
    ("API docs (Swagger UI)", "/api/docs/", "admin", ".swagger-ui .info .title"),
]

TIMING = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const js = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js'));
  return {
    dcl: nav.domContentLoadedEventEnd,
    load: nav.loadEventEnd,
    ready: performance.now(),
    js_bytes: js.reduce((sum, r) => sum + (r.encodedBodySize || 0), 0),
  };
}"""


def measure(browser, base_url: str, path: str, state: dict | None, ready: str) -> dict:
    context = browser.new_context(base_url=base_url, storage_state=state, locale="de-DE")
    page = context.new_page()
    page.goto(path)
    page.locator(ready).first.wait_for(state="visible", timeout=60_000)
    page.locator("main .spinner").first.wait_for(state="detached", timeout=60_000)
    figures = page.evaluate(TIMING)
    context.close()
    return figures


def login_state(browser, base_url: str, email: str) -> dict:
    from sichtbar.accounts.demo import DEMO_PASSWORD

    context = browser.new_context(base_url=base_url, locale="de-DE")
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_test_id("home-heading").wait_for(timeout=60_000)
    state = context.storage_state()
    context.close()
    return state


def main() -> None:
    if not (REPO / "frontend" / "dist" / "index.html").exists():
        sys.exit("frontend/dist is missing: run `make build` first (make bench-frontend does).")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    from pytest_django.live_server_helper import LiveServer

    server = None
    try:
        from sichtbar.accounts.demo import DEMO_LOGINS
        from sichtbar.core.management.commands.seed_demo import seed_all

        seed_all()
        server = LiveServer(f"127.0.0.1:{PORT}")
        logins = {login.role: login.email for login in DEMO_LOGINS}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            states = {role: login_state(browser, server.url, email) for role, email in logins.items()}
            for _, path, role, ready in PAGES:  # warm-up: Django's first requests import and compile
                measure(browser, server.url, path, states.get(role) if role else None, ready)
            print(f"{connection.vendor}, Django live server, Chromium, median of {ROUNDS} cold loads")
            print(f"{'page':<24} {'path':<26} {'DCL ms':>7} {'load ms':>8} {'ready ms':>9} {'JS KB':>7}")
            for name, path, role, ready in PAGES:
                runs = [
                    measure(browser, server.url, path, states.get(role) if role else None, ready)
                    for _ in range(ROUNDS)
                ]
                median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
                print(
                    f"{name:<24} {path:<26} {median['dcl']:>7.0f} {median['load']:>8.0f} "
                    f"{median['ready']:>9.0f} {median['js_bytes'] / 1024:>7.0f}"
                )
            browser.close()
    finally:
        if server:
            server.stop()
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print("\nJavaScript per route (gzip, from the Vite manifest):")
    node = shutil.which("node") or "node"
    subprocess.run([node, "scripts/check-bundle.mjs", "--all"], cwd=REPO / "frontend", check=False)  # noqa: S603


if __name__ == "__main__":
    main()
