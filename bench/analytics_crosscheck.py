"""Every KPI of the analytics overview against an independent recomputation from the raw tables:
prints "cells matching / cells" and each mismatch.

    cd backend && ../.venv/bin/python ../bench/analytics_crosscheck.py                    # SQLite
    cd backend && DATABASE_URL=postgres://postgres@127.0.0.1/sichtbar \
        ../.venv/bin/python ../bench/analytics_crosscheck.py                             # PostgreSQL

Works in a fresh test database of the configured one (`<name>_crosscheck`, dropped at the end): the
demo company (seed_demo), directory counters, invitations and clicks either side of local midnight
(sichtbar/analytics/tests/crosscheck.py), a full rebuild, then live changes (a leaver, a re-published
profile) rolled up by the periodic run only. Periods: the last 30 and 90 days and 30 days across a month
boundary; filters: none, a department, a network, both; works-council mode off. Cells: each KPI's value,
previous-period value and (with a department) company value.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402


def main() -> None:
    from sichtbar.analytics.tests.crosscheck import crosscheck, default_scope, mismatches, seed_company

    settings_dict = connection.settings_dict
    settings_dict.setdefault("TEST", {})["NAME"] = (
        None if connection.vendor == "sqlite" else f"{settings_dict['NAME']}_crosscheck"
    )
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        today = timezone.localdate()
        stats = seed_company(today=today)
        print(
            f"{connection.vendor}: demo company ({stats['links']['clicks']:,} clicks, "
            f"{stats['sharing']['shares']:,} shares) + {stats['enriched']}; "
            f"live changes {stats['live_changes']}; "
            f"seeded and rolled up in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        manager, department = default_scope()
        cells = crosscheck(viewer=manager, today=today, department=department, network="linkedin")
        wrong = mismatches(cells)
        for cell in wrong:
            print(
                f"  MISMATCH {cell.period} · {cell.scope} · {cell.kpi} · {cell.field}: "
                f"raw tables {cell.expected}, overview {cell.actual}"
            )
        print(f"cells matching / cells: {len(cells) - len(wrong)} / {len(cells)}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
