"""The checks both whole set-ups must pass, `make serve` (tests/infra/test_embedded_run.py) and `make stack`
(tests/infra/test_stack_run.py), and what they need: starting a set-up on free ports with its mail going to
an SMTP server on loopback, a browser-like API client, Chromium driven by Playwright, explicit waits.

Each test module starts its set-up once (a module-scoped `live` fixture) and subclasses `LiveChecks`;
pytest runs a subclass's own tests first, then these in the order written, Ctrl-C last.
"""

import http.cookiejar
import importlib.util
import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from ..clock import another_day_zone

ROOT = Path(__file__).resolve().parents[2]
BACKEND = ROOT / "backend"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
ADMIN, MANAGER, EMPLOYEE, PASSWORD = (
    "sabine.krueger@sichtbar.example",
    "markus.weber@sichtbar.example",
    "lena.hoffmann@sichtbar.example",
    "Sichtbar-Demo-2026",
)
FRESH_WITHIN = 60.0  # seconds: what the product promises for figures and feeds (docs/operations.md)
# Waits for things the product promises no time for (start-up, a page load on a busy machine): generous.
CEILING = 180.0
# A mail to this address stalls in the SMTP conversation (conftest.CatchingSmtp): its send task must be
# stopped by its time limits (config/task_limits.py), long before the SMTP timeout the set-ups get
# (EMAIL_TIMEOUT=600).
STALLED = "stau.test@sichtbar.example"


def beat_schedule() -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location("schedule", BACKEND / "config" / "schedule.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.BEAT_SCHEDULE


_taken: set[int] = set()


def free_port() -> int:
    """A free port on loopback; within SICHTBAR_TEST_PORTS ("8200-8299") when set (a shared machine)."""
    low, _dash, high = os.environ.get("SICHTBAR_TEST_PORTS", "").partition("-")
    candidates: range | list[int] = [0] * 20
    if low and high:
        # Parallel test processes (pytest-xdist gw0, gw1, …) take separate slices of the range.
        worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
        workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
        size = (int(high) - int(low) + 1) // workers
        candidates = range(int(low) + worker * size, int(low) + (worker + 1) * size)
    for candidate in candidates:
        if candidate in _taken:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            port = sock.getsockname()[1]
        if port not in _taken:
            _taken.add(port)
            return port
    raise RuntimeError(f"no free port in {os.environ.get('SICHTBAR_TEST_PORTS')}")


def wait_for(what: str, probe: Callable[[], Any], timeout: float = CEILING) -> Any:
    """Poll until probe() returns something truthy; fail with `what` after the deadline."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.5)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


def descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


# --- a browser-like API client (set-up steps and figures a page does not show) ---------------------

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class _LoopbackCookiePolicy(http.cookiejar.DefaultCookiePolicy):
    """Like a browser on http://localhost, a secure context: `Secure` cookies (the production settings
    mark session and CSRF cookies so) are sent over plain HTTP to loopback too."""

    def return_ok_secure(self, cookie: http.cookiejar.Cookie, request: urllib.request.Request) -> bool:
        return True


class Client:
    """A browser-like API client: session and CSRF cookies, no redirects followed."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar(_LoopbackCookiePolicy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def request(self, method: str, url: str, body: dict[str, Any] | None = None) -> tuple[int, Any, Any]:
        url = url if url.startswith("http") else self.base + url
        # A browser's User-Agent: the redirect records no click for bots (and urllib's own agent is one).
        headers = {"Content-Type": "application/json", "Referer": self.base + "/", "User-Agent": BROWSER}
        csrf = next((c.value for c in self.jar if c.name == "csrftoken"), None)
        if csrf:
            headers["X-CSRFToken"] = csrf
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with self.opener.open(request, timeout=30) as response:
                raw = response.read()
                status, response_headers = response.status, response.headers
        except urllib.error.HTTPError as error:
            raw, status, response_headers = error.read(), error.code, error.headers
        is_json = (response_headers.get("Content-Type") or "").startswith("application/json")
        return status, json.loads(raw) if is_json and raw else raw, response_headers

    def json(self, method: str, url: str, body: dict[str, Any] | None = None, expect: int = 200) -> Any:
        status, payload, _headers = self.request(method, url, body)
        assert status == expect, (method, url, status, payload)
        return payload

    def log_in(self, email: str) -> "Client":
        assert self.request("GET", "/api/v1/auth/csrf/")[0] == 200
        self.json("POST", "/api/v1/auth/login/", {"email": email, "password": PASSWORD})
        return self


def healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/api/v1/health/", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


# --- starting and stopping a set-up ------------------------------------------------------------------


@dataclass
class Live:
    """A running set-up: `site` is its SITE_URL (the address in mails and links; what the browser uses),
    `base` the same server for the API client."""

    name: str
    base: str
    site: str
    process: subprocess.Popen[bytes]
    log: Path
    directory: Path
    smtp: Any
    clients: dict[str, Client] = field(default_factory=dict)
    database_url: str = ""  # the stack's PostgreSQL database (the embedded default's is SQLite)

    def api(self, email: str) -> Client:
        """A signed-in API client, one per person for the module (sign-ins are rate-limited per address)."""
        if email not in self.clients:
            self.clients[email] = Client(self.base).log_in(email)
        return self.clients[email]


def start(command: list[str], *, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, like a terminal's foreground job
        )


def app_env(smtp_port: int, drop: set[str]) -> dict[str, str]:
    """The environment a set-up starts with: mail to the loopback SMTP server, with an SMTP timeout far
    beyond the mail task's time limit (so that only the limit can stop a stalled conversation)."""
    env = {k: v for k, v in os.environ.items() if k not in drop | {"SITE_URL", "EMAIL_URL"}}
    env.update(EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}", EMAIL_TIMEOUT="600")
    return env


def stop_all(process: subprocess.Popen[bytes]) -> None:
    """After the tests (or a failure): honcho starts each process in a session of its own, so stop every
    descendant."""
    if process.poll() is not None:
        return
    children = descendants(process.pid)
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
    for pid in children:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def tail(path: Path) -> str:
    return path.read_text(errors="replace")[-3000:] if path.exists() else ""


# --- the browser ---------------------------------------------------------------------------------------


def browser_context(browser: Any, live: Live, *, visitor: bool = False) -> Any:
    """A fresh context (no cookies) on the set-up's SITE_URL. A visitor's context has a desktop browser's
    User-Agent (headless Chromium's is filtered as a bot, rightly). Its clock is on another calendar day
    than the company's (tests/clock.py): a page that takes "today" from the browser instead of the server
    fails at any hour (CI run 21 caught the analytics pages so, between 23:00 and 24:00 UTC only)."""
    context = browser.new_context(
        base_url=live.site,
        locale="de-DE",
        timezone_id=another_day_zone(),
        user_agent=BROWSER if visitor else None,
    )
    context.set_default_timeout(30_000)
    return context


def sign_in(context: Any, email: str) -> Any:
    from playwright.sync_api import expect

    page = context.new_page()
    page.goto("/login")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_test_id("home-heading")).to_be_visible()
    return page


def number(text: str) -> int:
    digits = re.sub(r"[^\d]", "", text)  # German grouping: 1.234
    assert digits, text
    return int(digits)


def poll_page(what: str, page: Any, path: str, read: Callable[[], Any], until: float) -> Any:
    """Reload `path` until read() gives something truthy, up to the monotonic deadline `until`."""
    while True:
        page.goto(path)
        value = read()
        if value:
            return value
        if time.monotonic() > until:
            shown = page.locator("main").inner_text()[:600]
            pytest.fail(f"{what}: not within the deadline (the page showed {shown!r})")
        time.sleep(1)


def kpi(page: Any, test_id: str) -> int | None:
    """The value of one figure tile, once the page has loaded it."""
    from playwright.sync_api import expect

    value = page.get_by_test_id(test_id).locator(".kpi__value")
    expect(value).to_be_visible()
    return number(value.inner_text())


def _feed_shows(page: Any, title: str) -> bool:
    from playwright.sync_api import expect

    expect(page.get_by_role("article").first).to_be_visible()  # the feed has loaded
    return page.get_by_role("article", name=title).count() == 1


def clicks_on_dashboard(page: Any) -> int:
    return kpi(page, "kpi-clicks") or 0


# --- the checks --------------------------------------------------------------------------------------


def _next_rollup(employee: Client) -> None:
    """Wait until today's rollup has run once after this point, so a baseline read afterwards holds
    every fact of today the demo data brought (FRESH_WITHIN covers two 30-second runs)."""
    first = employee.json("GET", "/api/v1/analytics/me/")["computed_at"]
    wait_for(
        "a rollup run",
        lambda: employee.json("GET", "/api/v1/analytics/me/")["computed_at"] not in (None, first),
        timeout=FRESH_WITHIN,
    )


class LiveChecks:
    """What a newcomer does with the running product, in a real browser, in both set-ups. A subclass
    says which processes its set-up runs (`processes_run`); the tests run in the order written here."""

    behind_nginx = False  # the stack's nginx (infra/nginx/nginx.conf) fronts the app

    def processes_run(self, live: Live) -> None:
        raise NotImplementedError

    def a_tracked_link_code(self, live: Live) -> str:
        """The code of one of the demo company's tracked links (where the set-up is behind nginx)."""
        raise NotImplementedError

    def test_every_process_of_the_set_up_runs(self, live):
        self.processes_run(live)

    def test_a_share_and_its_click_reach_my_impact_and_the_dashboard_within_a_minute(self, live, browser):
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import expect

        admin = live.api(ADMIN)
        # The test company lets managers see today's figures (works-council mode publishes closed months
        # only, docs/adr/0010): switched off for this company, as an admin would.
        admin.json("PATCH", "/api/v1/analytics/settings/", {"works_council_mode": False})
        _next_rollup(live.api(EMPLOYEE))

        employee = browser_context(browser, live)
        manager = browser_context(browser, live)
        visitor = browser_context(browser, live, visitor=True)
        try:
            impact = sign_in(employee, EMPLOYEE)
            impact.goto("/impact")
            clicks_before, shares_before = kpi(impact, "my-clicks"), kpi(impact, "my-shares")
            dashboard = sign_in(manager, MANAGER)
            dashboard.goto("/analytics")
            dashboard_before = clicks_on_dashboard(dashboard)

            feed = employee.new_page()
            feed.goto("/feed")
            first = feed.get_by_role("article").first
            first.get_by_role("button", name=re.compile(r"teilen$")).click()
            dialog = feed.get_by_role("dialog")
            accept = dialog.get_by_role("button", name=re.compile("Richtlinie akzeptieren"))
            network = dialog.get_by_label("Netzwerk")
            expect(network.or_(accept)).to_be_visible()
            if accept.is_visible():  # the first share asks for the current guideline once
                accept.click()
            network.select_option("xing")
            dialog.get_by_label("Ihr Text").fill("Lesenswert, finde ich.")
            dialog.get_by_role("button", name="Text kopieren und Teilen-Link erhalten").click()
            copy_text = dialog.get_by_test_id("copy-text")
            expect(copy_text).to_contain_text(f"{live.site}/r/")
            tracked = re.search(r"https?://\S+/r/\S+", copy_text.inner_text())
            assert tracked and tracked.group(0).startswith(f"{live.site}/r/"), copy_text.inner_text()

            # Someone else opens the tracked link in their own browser: redirected to the article.
            # (The article's own site cannot load: there is no internet here. The redirect is what counts.)
            stranger = visitor.new_page()
            with stranger.expect_response(lambda response: "/r/" in response.url) as hop:
                try:
                    stranger.goto(tracked.group(0))
                except PlaywrightError as error:
                    assert "net::ERR_" in str(error), error
            clicked = time.monotonic()
            assert hop.value.status == 302, hop.value.status
            assert not hop.value.headers["location"].startswith(live.site), hop.value.headers
            until = clicked + FRESH_WITHIN

            poll_page(
                "the click and the share in My impact",
                impact,
                "/impact",
                lambda: (
                    (kpi(impact, "my-clicks"), kpi(impact, "my-shares"))
                    == (clicks_before + 1, shares_before + 1)
                ),
                until,
            )
            expect(impact.get_by_text(re.compile("Stand: "))).not_to_have_count(0)
            poll_page(
                "the click on the manager's dashboard",
                dashboard,
                "/analytics",
                lambda: clicks_on_dashboard(dashboard) == dashboard_before + 1,
                until,
            )
            print(f"{live.name}: click counted everywhere after {time.monotonic() - clicked:.1f} s")
        finally:
            for context in (employee, manager, visitor):
                context.close()
        # The link statistics count the same click, and say when.
        api = live.api(EMPLOYEE)
        links = api.json("GET", "/api/v1/links/?page_size=100")["results"]
        link = next(row for row in links if row["short_url"] == tracked.group(0))
        stats = api.json("GET", f"/api/v1/links/{link['id']}/stats/")
        assert stats["clicks"] == 1 and stats["computed_at"]

    def test_a_publication_reaches_the_targeted_feed_within_a_minute(self, live, browser):
        from playwright.sync_api import expect

        department = live.api(EMPLOYEE).json("GET", "/api/v1/auth/me/")["department"]["name"]
        title = f"Frisch veröffentlicht {time.time_ns()}"
        employee = browser_context(browser, live)
        manager = browser_context(browser, live)
        admin = browser_context(browser, live)
        try:
            feed = sign_in(employee, EMPLOYEE)
            feed.goto("/feed")  # ranked and cached before the publication
            expect(feed.get_by_role("article").first).to_be_visible()

            editor = sign_in(manager, MANAGER)
            editor.goto("/content/new")
            form = editor.get_by_role("form", name="Beitrag bearbeiten")
            form.get_by_label("Titel", exact=True).fill(title)
            form.get_by_label("Adresse (URL)").fill(
                f"https://www.sichtbar-demo.example/news/{time.time_ns()}"
            )
            form.get_by_label("Wichtig", exact=False).check()
            form.get_by_label("Abteilungen").select_option(label=department)  # for the employee's team
            form.get_by_role("button", name="Entwurf anlegen").click()
            expect(editor.get_by_role("heading", name=title, level=1)).to_be_visible()
            editor.get_by_role("button", name="Zur Prüfung einreichen").click()
            # Four-eyes rule: the author does not approve their own item; an administrator does.
            expect(editor.get_by_text("Vier-Augen-Prinzip", exact=False)).to_be_visible()
            reviewer = sign_in(admin, ADMIN)
            reviewer.goto(urlsplit(editor.url).path)
            reviewer.get_by_role("button", name="Freigeben und veröffentlichen").click()
            expect(reviewer.get_by_role("button", name="Archivieren")).to_be_visible()
            published = time.monotonic()

            poll_page(
                "the new item in the targeted employee's feed",
                feed,
                "/feed",
                lambda: _feed_shows(feed, title),
                published + FRESH_WITHIN,
            )
            print(f"{live.name}: publication in the feed after {time.monotonic() - published:.1f} s")
        finally:
            employee.close()
            manager.close()
            admin.close()

    def test_an_invitation_mailed_through_the_outbox_signs_the_invitee_in(self, live, browser):
        from playwright.sync_api import expect

        address = f"nele.neumann.{live.name}@sichtbar.example"
        admin = browser_context(browser, live)
        invitee = browser_context(browser, live)
        try:
            page = sign_in(admin, ADMIN)
            page.goto("/administration/invitations")
            page.get_by_label("E-Mail-Adresse").fill(address)
            page.get_by_label("Vorname").fill("Nele")
            page.get_by_label("Nachname").fill("Neumann")
            page.get_by_role("button", name="Einladung senden").click()
            expect(page.get_by_text(f"Die Einladung an {address} wurde verschickt.")).to_be_visible()

            mail = wait_for("the invitation mail at the SMTP server", lambda: live.smtp.message_to(address))
            text = mail.get_body(("plain",)).get_content()
            link = re.search(r"https?://\S+/invite/\S+", text)
            assert link and link.group(0).startswith(f"{live.site}/invite/"), text  # the port it runs on

            welcome = invitee.new_page()
            welcome.goto(link.group(0))
            expect(welcome.get_by_text("Willkommen, Nele")).to_be_visible()
            welcome.get_by_label("Neues Passwort").fill("Willkommen-im-Team-26")
            welcome.get_by_label("Passwort wiederholen").fill("Willkommen-im-Team-26")
            welcome.get_by_role("button", name="Konto aktivieren").click()
            expect(welcome.get_by_test_id("home-heading")).to_contain_text("Hallo, Nele")  # signed in
            welcome.reload()
            expect(welcome.get_by_test_id("home-heading")).to_contain_text("Hallo, Nele")
        finally:
            admin.close()
            invitee.close()
        assert [to for to in live.smtp.recipients() if to == address] == [address]  # sent once

    def test_a_stalled_mail_task_is_stopped_by_its_time_limits(self, live):
        """The set-up's fixture invited STALLED right after start (so this wait overlaps the tests before):
        the SMTP server never answers that mail, and the worker must stop the task at its limits (60 s
        soft, 90 s hard: the soft one interrupts the send, then closing the connection waits for the
        server too, so the hard one ends the pool process), not wait out the 600-second SMTP timeout the
        set-up was given. The worker goes on working. (The threads pool of the former embedded worker
        enforces neither limit.)"""
        assert wait_for("the stalled mail at the SMTP server", lambda: live.smtp.stalled_sessions)
        for line in (
            "Soft time limit (60s) exceeded for sichtbar.mail.tasks.mail_send",
            "Hard time limit (90s) exceeded for sichtbar.mail.tasks.mail_send",
        ):
            wait_for(
                f"the log line {line!r}", lambda line=line: line in live.log.read_text(errors="replace"), 400
            )
        _next_rollup(live.api(EMPLOYEE))  # the worker still runs the schedule

    def test_nginx_logs_the_redirect_path_errors_but_not_its_clicks(self, live):
        """A 302 of /r/ is a click the app records; nginx leaves it out of its access log (at thousands a
        second the lines and their relay cost more CPU than the proxying), but logs an unknown link's 404."""
        if not self.behind_nginx:
            pytest.skip("the embedded default has no nginx")
        code = self.a_tracked_link_code(live)
        missing = f"gibtsnicht{os.getpid()}"
        visitor = Client(live.base)
        assert visitor.request("GET", f"/r/{code}")[0] == 302
        assert visitor.request("GET", f"/r/{missing}")[0] == 404

        # Each nginx worker writes its buffered access log once a second: the 404's line shows that logging
        # works; by 3 s later the other worker's buffer, which may hold the 302, has been written too (on a
        # slow machine the wait can only miss a line, never invent one).
        line = f'"GET /r/{missing} HTTP/1.1" 404'
        wait_for("nginx's line of the 404", lambda: line in live.log.read_text())
        time.sleep(3)
        assert f"GET /r/{code} " not in live.log.read_text()

    def test_ctrl_c_stops_every_process_it_started(self, live):
        process = live.process
        started = descendants(process.pid)
        assert started

        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in the terminal does

        assert process.wait(timeout=60) is not None
        assert wait_for(
            "every process to exit", lambda: not any(alive(pid) for pid in started) or None, timeout=60
        )
        assert not healthy(live.base)


def invite_the_stalled_address(live: Live) -> None:
    """Started with the set-up: the stalled mail's task runs into its limits while the other tests run."""
    live.api(ADMIN).json("POST", "/api/v1/users/invitations/", {"email": STALLED}, expect=201)
