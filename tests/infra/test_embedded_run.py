"""`make serve` (what `make run` ends in) for real, on SQLite: gunicorn plus a Celery worker with beat on the
filesystem broker, on a free (non-default) port, its mail going to an SMTP server on loopback. Besides the
checks both set-ups share (tests/infra/live.py: in a browser, a share and its click reach the figures, a
publication the feed, an invitation mail signs the invitee in; a stalled task meets its time limit; Ctrl-C
stops everything), the worker runs every job of the schedule in a prefork pool.

Needs the Python dependencies, the built SPA and Chromium (`make test-live` provides them); a few minutes.
"""

import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .live import (
    BACKEND,
    PYTHON,
    Live,
    LiveChecks,
    app_env,
    beat_schedule,
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


@pytest.fixture(scope="module")
def live(tmp_path_factory, smtp):
    """A migrated, seeded var directory and `make serve` on a free port, started in its own session."""
    var = tmp_path_factory.mktemp("var")
    env = app_env(smtp.port, drop={"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"})
    env.update(SICHTBAR_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="config.settings.local")
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["seed_demo", "--if-empty"],
    ):
        subprocess.run(
            [PYTHON, "manage.py", *command],
            cwd=BACKEND,
            env={**env, "CELERY_TASK_ALWAYS_EAGER": "true"},  # seeding runs its tasks in-process
            check=True,
            capture_output=True,
        )
    port = free_port()
    log = var / "serve.log"
    process = start(["make", "--no-print-directory", "serve", f"PORT={port}"], env=env, log=log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for("the web process", lambda: healthy(base) or process.poll() is not None)
        assert process.poll() is None, tail(log)
        running = Live("embedded", base, base, process, log, var, smtp)
        invite_the_stalled_address(running)
        yield running
    finally:
        stop_all(process)


def _query(var: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(var / "sichtbar.sqlite3", timeout=20) as db:
        return db.execute(sql).fetchall()


class TestEmbedded(LiveChecks):
    def processes_run(self, live: Live) -> None:
        """The worker runs every job of the schedule, in a prefork pool."""
        expected = set(beat_schedule())
        names = wait_for(
            "beat to install the schedule",
            lambda: (
                expected
                <= (
                    found := {
                        n
                        for (n,) in _query(live.directory, "SELECT name FROM django_celery_beat_periodictask")
                    }
                )
                and found
            ),
        )
        assert expected <= names
        # The 30-second rollup of today ran in the worker: its watermark row exists.
        rows = wait_for(
            "analytics-rollup-today to run",
            lambda: _query(live.directory, "SELECT key FROM analytics_rolluprun WHERE key = 'today'"),
        )
        assert rows == [("today",)]
        # One worker process with its pool's two processes and embedded beat beneath it.
        processes = {pid: command_line(pid) for pid in descendants(live.process.pid)}
        [main] = [
            pid
            for pid, command in processes.items()
            if "celery -A config worker" in command and "celery" not in command_line(_parent(pid))
        ]
        assert "--pool prefork" in processes[main] and "--concurrency 2" in processes[main]
        assert len(descendants(main)) == 3  # two pool processes and beat
        assert healthy(live.base)


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
