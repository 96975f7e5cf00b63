"""Dashboard overview API latency on generated facts (PostgreSQL): prints p50/p95 per range.

    cd backend && DATABASE_URL=postgres://postgres@127.0.0.1/sb_analytics_bench \
        ../.venv/bin/python ../bench/analytics_overview.py

Expects facts made by bench/analytics_data.py; rolls up every day first when the rollups are empty
(BENCH_REBUILD=1 forces it) and prints how long that took. Requests go through Django's test client
in-process (no network), as a manager, works-council mode on.
"""

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "100"))


def count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
        return int(cursor.fetchone()[0])


def main() -> None:
    from sichtbar.accounts.models import Role, User
    from sichtbar.analytics import services
    from sichtbar.analytics.models import DailyFact

    if connection.vendor != "postgresql" or "bench" not in connection.settings_dict["NAME"]:
        print("skipped: needs DATABASE_URL of a PostgreSQL database whose name contains 'bench', filled by ")
        print("bench/analytics_data.py (see docs/performance.md, analytics)")
        return
    clicks, shares = count("links_click"), count("sharing_share")
    if os.environ.get("BENCH_REBUILD") or not DailyFact.objects.exists():
        start = time.perf_counter()
        days = services.rollup_all()
        services.headcount_snapshot(day=timezone.localdate())
        print(f"full rollup: {days} days in {time.perf_counter() - start:.1f} s", flush=True)
    # The steady state of a live database (autovacuum has run): visibility maps set, statistics fresh.
    with connection.cursor() as cursor:
        for table in [
            "analytics_dailyfact",
            "analytics_dailysummary",
            "analytics_userdayfact",
            "analytics_adoptionday",
            "analytics_sharemonth",
            "analytics_contentsharemonth",
        ]:
            cursor.execute(f"VACUUM ANALYZE {table}")
    services.analytics_settings_update(
        actor=User.objects.filter(role=Role.MANAGER).first(), data={"works_council_mode": True}
    )
    manager = User.objects.filter(role=Role.MANAGER, is_active=True).first()
    client = APIClient(SERVER_NAME="localhost")
    client.force_login(manager)
    today = timezone.localdate()
    print(
        f"{connection.settings_dict['NAME']}: {clicks:,} clicks, {shares:,} shares, "
        f"{count('analytics_dailyfact'):,} daily fact rows; {ROUNDS} requests each"
    )
    print(f"{'range':<34} {'p50 ms':>8} {'p95 ms':>8}")
    ranges = {
        "last 30 days (default)": "",
        "last 90 days": f"?start={today - timedelta(days=89)}&end={today}",
        "last 365 days": f"?start={today - timedelta(days=364)}&end={today}",
        "30 days, one department": "?department=3",
    }
    for label, query in ranges.items():
        path = f"/api/v1/analytics/overview/{query}"
        for _ in range(5):
            client.get(path)
        timings = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.content[:300]
        timings.sort()
        p95 = timings[max(int(len(timings) * 0.95) - 1, 0)]
        print(f"{label:<34} {statistics.median(timings):>8.1f} {p95:>8.1f}", flush=True)
    # Server-side database time of the default range (the part that could grow with the facts).
    from django.test.utils import CaptureQueriesContext

    db_times, queries = [], 0
    for _ in range(20):
        with CaptureQueriesContext(connection) as captured:
            client.get("/api/v1/analytics/overview/")
        db_times.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
        queries = len(captured.captured_queries)
    print(
        f"default range: database time per request median {statistics.median(db_times):.1f} ms "
        f"in {queries} queries"
    )


if __name__ == "__main__":
    main()
