"""`make stack` for real: PostgreSQL, Redis as broker and cache, gunicorn, one Celery worker per queue, beat
and nginx with the shipped configuration, as separate processes. Through nginx, a share and its click reach
the figures and a publication reaches the feed within a minute, links point at nginx's address, and
Ctrl-C stops every process.

Needs PostgreSQL (DATABASE_URL; a database `<name>_stack` is created next to it), redis-server and nginx
(`make stack` installs Debian's nginx when it is missing and it runs as root); skipped otherwise.
"""

import os
import shutil
import signal
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from .live import (
    ADMIN,
    EMPLOYEE,
    ROOT,
    alive,
    check_publication_reaches_the_feed,
    check_share_and_click_reach_the_figures,
    descendants,
    free_port,
    healthy,
    stop_all,
    wait_for,
)

MANAGER = "markus.weber@sichtbar.example"
DATABASE_URL = os.environ.get("DATABASE_URL", "")

pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith("postgres") or not shutil.which("redis-server"),
    reason="make stack needs PostgreSQL (DATABASE_URL) and redis-server",
)


def _fresh_database() -> str:
    import psycopg

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/") + "_stack"
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    port = free_port()
    ports = [port, free_port(), free_port()]
    directory = tmp_path_factory.mktemp("stack")
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CELERY_BROKER_URL", "SITE_URL"}}
    env["DATABASE_URL"] = _fresh_database()
    log = directory / "stack.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                "make",
                "--no-print-directory",
                "stack",
                "STACK_NO_BUILD=1",
                f"STACK_PORT={ports[0]}",
                f"STACK_WEB_PORT={ports[1]}",
                f"STACK_REDIS_PORT={ports[2]}",
                f"STACK_DIR={directory}",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for("nginx and gunicorn", lambda: healthy(base) or process.poll() is not None, timeout=300)
        assert process.poll() is None, log.read_text(errors="replace")[-3000:]
        yield {"base": base, "site": f"http://localhost:{port}", "process": process, "log": log}
    finally:
        stop_all(process)


def test_every_process_of_the_stack_runs(stack):
    commands = [
        Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        for pid in descendants(stack["process"].pid)
        if alive(pid)
    ]
    for queue in ("default", "integrations", "search", "analytics"):
        assert any(f"worker -Q {queue} " in command for command in commands), queue
    for name in ("celery -A config beat", "gunicorn config.wsgi", "redis-server", "nginx: master"):
        assert any(name in command for command in commands), name


def test_a_share_and_its_click_reach_my_impact_and_the_dashboard_within_a_minute(stack):
    seconds = check_share_and_click_reach_the_figures(
        stack["base"], site=stack["site"], employee_email=EMPLOYEE, manager_email=MANAGER
    )
    print(f"stack: click counted everywhere after {seconds:.1f} s")


def test_a_publication_reaches_the_targeted_feed_within_a_minute(stack):
    seconds = check_publication_reaches_the_feed(
        stack["base"], employee_email=EMPLOYEE, manager_email=MANAGER, admin_email=ADMIN
    )
    print(f"stack: publication in the feed after {seconds:.1f} s")


def test_ctrl_c_stops_the_whole_stack(stack):
    process = stack["process"]
    started = descendants(process.pid)
    os.killpg(process.pid, signal.SIGINT)
    assert process.wait(timeout=60) is not None
    assert wait_for(
        "every process to exit", lambda: not any(alive(pid) for pid in started) or None, timeout=30
    )
