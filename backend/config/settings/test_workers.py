"""Parallel test workers (pytest-xdist) each get their own Redis databases; imported before the settings.

pytest-django names a PostgreSQL test database per worker (test_<name>_gw0, …) and test.py a SQLite file
per worker. Redis is shared, so worker gwN moves REDIS_URL (cache, throttles, click stream) N databases up
and TEST_REDIS_URL (real workers' broker, stream tests) N databases down: tests that flush their database or
clear the cache never touch another worker's keys. Processes a test starts (Celery workers, gunicorn)
inherit the moved URLs; the marker variable keeps them from moving a second time.
"""

import os
from urllib.parse import urlsplit, urlunsplit

MARKER = "SICHTBAR_TEST_REDIS_WORKER"


def _moved(url: str, step: int) -> str:
    parts = urlsplit(url)
    db = int(parts.path.strip("/") or 0) + step
    if not 0 <= db <= 15:
        raise RuntimeError(f"test worker {step:+d}: Redis database {db} of {url} does not exist (0-15)")
    return urlunsplit(parts._replace(path=f"/{db}"))


def isolate(environ: os._Environ[str] | dict[str, str]) -> None:
    worker = environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw") or environ.get(MARKER) == worker:
        return
    index = int(worker[2:])
    if environ.get("REDIS_URL"):
        environ["REDIS_URL"] = _moved(environ["REDIS_URL"], index)
    environ["TEST_REDIS_URL"] = _moved(environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"), -index)
    if environ.get("REDIS_URL") and environ["REDIS_URL"] == environ["TEST_REDIS_URL"]:
        raise RuntimeError("REDIS_URL and TEST_REDIS_URL meet: too many test workers for 16 databases")
    environ[MARKER] = worker


isolate(os.environ)
