"""`make serve` (what `make run` ends in) for real: gunicorn plus a Celery worker with beat on the filesystem
broker, on a non-default port. The scheduled jobs run in the worker, the links the app generates point at
the port it runs on and work there, and Ctrl-C (SIGINT to the foreground process group) stops every
process it started.

Needs the Python dependencies only (SQLite, no Redis, no built SPA); about a minute.
"""

import http.cookiejar
import importlib.util
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BACKEND = ROOT / "backend"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
ADMIN, EMPLOYEE, PASSWORD = (
    "sabine.krueger@sichtbar.example",
    "lena.hoffmann@sichtbar.example",
    "Sichtbar-Demo-2026",
)


def _beat_schedule() -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location("schedule", BACKEND / "config" / "schedule.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.BEAT_SCHEDULE


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(what: str, probe: Callable[[], Any], timeout: float = 120.0) -> Any:
    """Poll until probe() returns something truthy; fail with `what` after the deadline."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}")


def _descendants(pid: int) -> set[int]:
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


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Client:
    """A browser-like API client: session and CSRF cookies, no redirects followed."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def request(self, method: str, url: str, body: dict[str, Any] | None = None) -> tuple[int, Any, Any]:
        url = url if url.startswith("http") else self.base + url
        headers = {"Content-Type": "application/json", "Referer": self.base + "/"}
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

    def log_in(self, email: str) -> None:
        assert self.request("GET", "/api/v1/auth/csrf/")[0] == 200
        status, body, _headers = self.request(
            "POST", "/api/v1/auth/login/", {"email": email, "password": PASSWORD}
        )
        assert status == 200, body


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    """A migrated, seeded var directory and `make serve` on a free port, started in its own session."""
    var = tmp_path_factory.mktemp("var")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "SITE_URL"}
    }
    env.update(
        SICHTBAR_VAR_DIR=str(var),
        DJANGO_SETTINGS_MODULE="config.settings.local",
        CELERY_TASK_ALWAYS_EAGER="true",
    )
    for command in (["migrate", "--noinput", "-v0"], ["seed_demo", "--if-empty"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=BACKEND, env=env, check=True, capture_output=True)
    del env["CELERY_TASK_ALWAYS_EAGER"]  # seeding ran its tasks in-process; the served app has its worker
    port = _free_port()
    log = var / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "serve", f"PORT={port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, like a terminal's foreground job
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for("the web process", lambda: _healthy(base))
        yield {"base": base, "port": port, "var": var, "log": log, "process": process}
    finally:
        _stop_all(process)


def _stop_all(process: subprocess.Popen[bytes]) -> None:
    """After a failed test: honcho starts each process in a session of its own, so stop every descendant."""
    if process.poll() is not None:
        return
    children = _descendants(process.pid)
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
    for pid in children:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/api/v1/health/", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def _query(var: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(var / "sichtbar.sqlite3", timeout=20) as db:
        return db.execute(sql).fetchall()


def test_the_worker_runs_every_scheduled_job_of_the_schedule(embedded):
    expected = set(_beat_schedule())
    names = _wait_for(
        "beat to install the schedule",
        lambda: (
            expected
            <= (
                found := {
                    n for (n,) in _query(embedded["var"], "SELECT name FROM django_celery_beat_periodictask")
                }
            )
            and found
        ),
    )
    assert expected <= names
    # The 30-second rollup of today ran in the worker: its watermark row exists.
    rows = _wait_for(
        "analytics-rollup-today to run",
        lambda: _query(embedded["var"], "SELECT key FROM analytics_rolluprun WHERE key = 'today'"),
    )
    assert rows == [("today",)]


def test_links_point_at_the_port_the_app_runs_on_and_work(embedded):
    base, port = embedded["base"], embedded["port"]
    admin = Client(base)
    admin.log_in(ADMIN)
    status, body, _headers = admin.request(
        "POST", "/api/v1/users/invitations/", {"email": "neu@sichtbar.example"}
    )
    assert status == 201, body

    def mailed_link() -> str | None:
        match = re.search(r"(https?://[^/\s]+)/invite/(\S+)", embedded["log"].read_text(errors="replace"))
        return match.group(0) if match else None

    link = _wait_for("the invitation mail", mailed_link)
    assert link.startswith(f"http://127.0.0.1:{port}/invite/")
    secret = link.rsplit("/", 1)[1]
    status, preview, _headers = Client(base).request("GET", f"{base}/api/v1/auth/invitations/{secret}/")
    assert status == 200 and preview["email"] == "neu@sichtbar.example"

    employee = Client(base)
    employee.log_in(EMPLOYEE)
    status, feed, _headers = employee.request("GET", "/api/v1/feed/")
    assert status == 200 and feed["results"], feed
    content = feed["results"][0]["id"]
    status, current, _headers = employee.request("GET", "/api/v1/guidelines/current/")
    assert status == 200, current
    if current["guideline"]:  # sharing needs the current social-media guideline accepted
        version = {"version_id": current["guideline"]["id"]}
        assert employee.request("POST", "/api/v1/guidelines/current/accept/", version)[0] == 200
    status, created, _headers = employee.request(
        "POST", "/api/v1/shares/", {"content": content, "network": "linkedin", "text": "Lesenswert"}
    )
    assert status == 201, created
    assert created["link_url"].startswith(f"http://127.0.0.1:{port}/r/")
    status, _body, headers = Client(base).request("GET", created["link_url"])
    assert status == 302
    assert headers["Location"].startswith("http")


def test_ctrl_c_stops_every_process_it_started(embedded):
    process = embedded["process"]
    started = _descendants(process.pid)
    commands = " ".join(
        Path(f"/proc/{pid}/cmdline").read_text(errors="replace") for pid in started if _alive(pid)
    )
    assert "gunicorn" in commands and "celery" in commands and "honcho" in commands

    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in the terminal does

    assert process.wait(timeout=60) is not None
    survivors = _wait_for(
        "every child to exit", lambda: not any(_alive(pid) for pid in started) or None, timeout=30
    )
    assert survivors is True
    assert not _healthy(embedded["base"])
