"""`make serve` (what `make run` ends in) for real: gunicorn plus a Celery worker with beat on the filesystem
broker, on a non-default port. The scheduled jobs run in the worker, the links the app generates point at
the port it runs on and work there, and Ctrl-C (SIGINT to the foreground process group) stops every
process it started.

Needs the Python dependencies only (SQLite, no Redis, no built SPA); about a minute.
"""

import os
import re
import signal
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .live import (
    ADMIN,
    BACKEND,
    EMPLOYEE,
    PYTHON,
    ROOT,
    Client,
    accept_guideline,
    alive,
    beat_schedule,
    check_publication_reaches_the_feed,
    check_share_and_click_reach_the_figures,
    descendants,
    free_port,
    healthy,
    stop_all,
    wait_for,
)

MANAGER = "markus.weber@sichtbar.example"


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
    port = free_port()
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
        wait_for("the web process", lambda: healthy(base))
        yield {"base": base, "port": port, "var": var, "log": log, "process": process}
    finally:
        stop_all(process)


def _query(var: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(var / "sichtbar.sqlite3", timeout=20) as db:
        return db.execute(sql).fetchall()


def test_the_worker_runs_every_scheduled_job_of_the_schedule(embedded):
    expected = set(beat_schedule())
    names = wait_for(
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
    rows = wait_for(
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

    link = wait_for("the invitation mail", mailed_link)
    assert link.startswith(f"http://127.0.0.1:{port}/invite/")
    secret = link.rsplit("/", 1)[1]
    status, preview, _headers = Client(base).request("GET", f"{base}/api/v1/auth/invitations/{secret}/")
    assert status == 200 and preview["email"] == "neu@sichtbar.example"

    employee = Client(base)
    employee.log_in(EMPLOYEE)
    status, feed, _headers = employee.request("GET", "/api/v1/feed/")
    assert status == 200 and feed["results"], feed
    content = feed["results"][0]["id"]
    accept_guideline(employee)
    status, created, _headers = employee.request(
        "POST", "/api/v1/shares/", {"content": content, "network": "linkedin", "text": "Lesenswert"}
    )
    assert status == 201, created
    assert created["link_url"].startswith(f"http://127.0.0.1:{port}/r/")
    status, _body, headers = Client(base).request("GET", created["link_url"])
    assert status == 302
    assert headers["Location"].startswith("http")


def test_a_share_and_its_click_reach_my_impact_and_the_dashboard_within_a_minute(embedded):
    seconds = check_share_and_click_reach_the_figures(
        embedded["base"], site=embedded["base"], employee_email=EMPLOYEE, manager_email=MANAGER
    )
    print(f"embedded: click counted everywhere after {seconds:.1f} s")


def test_a_publication_reaches_the_targeted_feed_within_a_minute(embedded):
    seconds = check_publication_reaches_the_feed(
        embedded["base"], employee_email=EMPLOYEE, manager_email=MANAGER, admin_email=ADMIN
    )
    print(f"embedded: publication in the feed after {seconds:.1f} s")


def test_ctrl_c_stops_every_process_it_started(embedded):
    process = embedded["process"]
    started = descendants(process.pid)
    commands = " ".join(
        Path(f"/proc/{pid}/cmdline").read_text(errors="replace") for pid in started if alive(pid)
    )
    assert "gunicorn" in commands and "celery" in commands and "honcho" in commands

    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in the terminal does

    assert process.wait(timeout=60) is not None
    survivors = wait_for(
        "every child to exit", lambda: not any(alive(pid) for pid in started) or None, timeout=30
    )
    assert survivors is True
    assert not healthy(embedded["base"])
