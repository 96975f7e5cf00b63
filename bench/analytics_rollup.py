"""Time to roll up one day holding 1,000,000 click events (PostgreSQL): prints the seconds.

    cd backend && DATABASE_URL=postgres://postgres@127.0.0.1/sb_analytics_bench \
        ../.venv/bin/python ../bench/analytics_rollup.py

Adds BENCH_DAY_CLICKS (default 1,000,000) clicks and 20,000 shares on one day 400 days back (outside the
generated year), rolls that day up twice (the second run replaces the first: idempotent), then removes
the added rows and rolls the day up again.
"""

import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Sum  # noqa: E402
from django.utils import timezone  # noqa: E402

CLICKS = int(os.environ.get("BENCH_DAY_CLICKS", "1000000"))
SHARES = 20000


def main() -> None:
    from sichtbar.analytics.models import DailyFact
    from sichtbar.analytics.rollup import day_bounds, rollup_day

    if connection.vendor != "postgresql" or "bench" not in connection.settings_dict["NAME"]:
        print("skipped: needs DATABASE_URL of a PostgreSQL database whose name contains 'bench', filled by ")
        print("bench/analytics_data.py (see docs/performance.md, analytics)")
        return
    day = timezone.localdate() - timedelta(days=400)
    start, _end = day_bounds(day)
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM sharing_share")
        base = int(cursor.fetchone()[0] or 0)
        cursor.execute("SELECT count(*) FROM links_trackedlink")
        links = int(cursor.fetchone()[0])
        cursor.execute(
            "INSERT INTO sharing_share (id, created_at, updated_at, network, method, text, status, "
            "shared_at, external_id, external_url, error, attempts, followers_at_share, content_id, user_id) "
            "SELECT %s + i, %s, %s, 'linkedin', 'intent', '', 'posted', "
            "%s + (i %% 86000) * interval '1 second', "
            "'', '', '', 0, 300, (i %% 2000) + 1, (i %% 5000) + 1 FROM generate_series(1, %s) i",
            [base, start, start, start, SHARES],
        )
        cursor.execute(
            "INSERT INTO links_click (event_id, occurred_at, user_id_at_click, content_id_at_click, network, "
            "visitor_hash, referrer_host, device_class, link_id) "
            "SELECT md5('day' || g)::uuid, %s + (g %% 86000) * interval '1 second', l.user_id, l.content_id, "
            "l.network, '', '', 'mobile', l.id FROM generate_series(1, %s) g "
            "JOIN links_trackedlink l ON l.id = (g %% %s) + 1",
            [start, CLICKS, links],
        )
        cursor.execute("ANALYZE links_click")
    try:
        for run in (1, 2):
            begin = time.perf_counter()
            rollup_day(day)
            seconds = time.perf_counter() - begin
            clicks = DailyFact.objects.filter(day=day).aggregate(c=Sum("clicks"))["c"]
            print(
                f"roll-up of {day} ({CLICKS:,} clicks, {SHARES:,} shares), run {run}: {seconds:.1f} s "
                f"(clicks in the rollup: {clicks:,})",
                flush=True,
            )
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM links_click WHERE event_id IN (SELECT md5('day' || g)::uuid "
                "FROM generate_series(1, %s) g)",
                [CLICKS],
            )
            cursor.execute("DELETE FROM sharing_share WHERE id > %s", [base])
        rollup_day(day)


if __name__ == "__main__":
    main()
