"""`make stack` for real: PostgreSQL, Redis as broker and cache, gunicorn, one Celery worker per queue, beat
and nginx with the shipped configuration, as separate processes on free ports, mail to an SMTP server on
loopback. Besides the checks both set-ups share (tests/infra/live.py: in a browser, through nginx, a share
and its click reach the figures, a publication the feed, an invitation mail signs the invitee in; a
stalled task meets its time limit; Ctrl-C stops everything), every process of the stack runs.

Needs PostgreSQL (DATABASE_URL; a database `<name>_stack` is created next to it), redis-server, nginx
(`make stack` installs Debian's nginx when it is missing and it runs as root), the built SPA and Chromium
(`make test-live` provides them); skipped without PostgreSQL or redis-server.
"""

import os
import shutil
from urllib.parse import urlsplit, urlunsplit

import pytest

from .live import (
    Live,
    LiveChecks,
    app_env,
    command_line,
    descendants,
    free_port,
    healthy,
    invite_the_stalled_address,
    start,
    stop_all,
    tail,
    wait_for,
)

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
def live(tmp_path_factory, smtp):
    port, web_port, redis_port = free_port(), free_port(), free_port()
    directory = tmp_path_factory.mktemp("stack")
    env = app_env(smtp.port, drop={"REDIS_URL", "CELERY_BROKER_URL"})
    env["DATABASE_URL"] = _fresh_database()
    log = directory / "stack.log"
    command = [
        "make",
        "--no-print-directory",
        "stack",
        "STACK_NO_BUILD=1",  # make test-live built the SPA already
        f"STACK_PORT={port}",
        f"STACK_WEB_PORT={web_port}",
        f"STACK_REDIS_PORT={redis_port}",
        f"STACK_DIR={directory}",
    ]
    process = start(command, env=env, log=log)
    base = f"http://127.0.0.1:{port}"
    try:
        # migrate, collectstatic and the demo data on a fresh database come first (minutes on a busy machine)
        wait_for("nginx and gunicorn", lambda: healthy(base) or process.poll() is not None, timeout=900)
        assert process.poll() is None, tail(log)
        running = Live("stack", base, f"http://localhost:{port}", process, log, directory, smtp)
        running.database_url = env["DATABASE_URL"]
        invite_the_stalled_address(running)
        yield running
    finally:
        stop_all(process)


class TestStack(LiveChecks):
    behind_nginx = True

    def a_tracked_link_code(self, live: Live) -> str:
        import psycopg

        with psycopg.connect(live.database_url) as db:
            row = db.execute("SELECT code FROM links_trackedlink WHERE expires_at IS NULL LIMIT 1").fetchone()
        assert row, "the demo company has tracked links"
        return str(row[0])

    def processes_run(self, live: Live) -> None:
        """A worker per queue, beat, gunicorn, Redis and nginx."""
        commands = [command_line(pid) for pid in descendants(live.process.pid)]
        for queue in ("default", "integrations", "search", "analytics"):
            assert any(f"worker -Q {queue} " in command for command in commands), queue
        for name in ("celery -A config beat", "gunicorn config.wsgi", "redis-server", "nginx: master"):
            assert any(name in command for command in commands), name
