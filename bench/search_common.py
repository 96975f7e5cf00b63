"""Shared set-up of the search benchmarks: Django on a throwaway test database with the demo company."""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BACKEND_DIR = Path(__file__).resolve().parents[1] / "backend"
JUDGEMENTS = BACKEND_DIR / "sichtbar" / "search" / "judgements.yaml"
sys.path.insert(0, str(BACKEND_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def setup_django() -> None:
    import django

    django.setup()


@contextmanager
def throwaway_database(*, keepdb: bool = False, suffix: str = "") -> Iterator[None]:
    """A test database of its own: test_<db>, or <db><suffix> with a suffix (so benches keep their own
    name prefix, e.g. sb_search_bench_latency_10000, and never meet the test suite's)."""
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    if suffix:
        name = connection.settings_dict["NAME"]
        connection.settings_dict.setdefault("TEST", {})["NAME"] = f"{name}{suffix}"
    old_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, keepdb=keepdb, serialize=False
    )
    try:
        yield
    finally:
        if not keepdb:
            connection.creation.destroy_test_db(old_name, verbosity=0)


# The demo apps whose data search sees: people, profiles and the posts that give profiles an activity
# score. The later apps (content, sharing, analytics, …) change nothing search indexes.
SEARCH_DEMO_APPS = ("accounts", "profiles", "search", "directory", "integrations")


def seed_demo() -> None:
    from importlib import import_module
    from importlib.util import find_spec

    from django.db import transaction

    with transaction.atomic():
        for app in SEARCH_DEMO_APPS:
            if find_spec(f"sichtbar.{app}.demo"):
                import_module(f"sichtbar.{app}.demo").seed()
