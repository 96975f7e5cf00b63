"""Latency of the foundation's hot API paths on the demo company (prints p50/p95 per endpoint).

Run with `make bench`. Uses a throwaway test database (SQLite unless DATABASE_URL is set).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "200"))


def measure(client: APIClient, path: str) -> tuple[float, float, float]:
    for _ in range(10):  # warm-up
        client.get(path)
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], 1000 / statistics.mean(timings)


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from sichtbar.accounts.demo import DEMO_LOGINS, seed_accounts
        from sichtbar.accounts.models import User

        seed_accounts()
        admin = APIClient()
        admin.force_login(User.objects.get(email=DEMO_LOGINS[2].email))
        print(f"{connection.vendor}, {User.objects.count()} users, {ROUNDS} requests each, in-process client")
        print(f"{'endpoint':<45} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8}")
        for path in [
            "/api/v1/health/",
            "/api/v1/auth/me/",
            "/api/v1/users/?page_size=25",
            "/api/v1/users/?page_size=100&ordering=email",
            "/api/v1/organisation/departments/",
        ]:
            p50, p95, rps = measure(admin, path)
            print(f"{path:<45} {p50:>8.2f} {p95:>8.2f} {rps:>8.0f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
