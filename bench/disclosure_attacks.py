"""Works-council disclosure control under attack: prints "attacks tried / leaks".

    cd backend && ../.venv/bin/python ../bench/disclosure_attacks.py            # SQLite (embedded)
    cd backend && DATABASE_URL=postgres://postgres@127.0.0.1:5432/sichtbar \
        ../.venv/bin/python ../bench/disclosure_attacks.py                      # PostgreSQL

Runs the differencing and narrowing attacks of backend/sichtbar/analytics/tests/attacks.py (the same
definitions the test suite uses) against a fresh test database, as a manager with the API and the exports,
and counts an attack as a leak when it derives the exact figure of a person who did not opt in. Also runs
them with works-council mode off, where they must read the exact figures (so the channels are real).
"""

import sys
from pathlib import Path

import pytest

BACKEND = Path(__file__).resolve().parents[1] / "backend"


class Tally:
    def __init__(self) -> None:
        self.tried = self.leaks = self.open_tried = self.open_exact = 0
        self.leaked: list[str] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "call":
            return
        if "test_attack_does_not_reveal" in report.nodeid:
            self.tried += 1
            if report.failed:
                self.leaks += 1
                self.leaked.append(report.nodeid.split("[", 1)[-1].rstrip("]"))
        elif "test_without_works_council_mode_the_same_queries_are_exact" in report.nodeid:
            self.open_tried += 1
            self.open_exact += int(report.passed)


def main() -> int:
    tally = Tally()
    code = pytest.main(
        [
            "-q",
            "-p",
            "no:cacheprovider",
            "--no-header",
            "-o",
            "addopts=",
            str(BACKEND / "sichtbar/analytics/tests/test_disclosure_attacks.py"),
            "-k",
            "test_attack_does_not_reveal or test_without_works_council_mode_the_same_queries_are_exact",
        ],
        plugins=[tally],
    )
    from django.db import connection

    print(f"database: {connection.vendor}")
    print(f"works-council mode on:  attacks tried {tally.tried} / leaks {tally.leaks}")
    for name in tally.leaked:
        print(f"  leak: {name}")
    print(f"works-council mode off: attacks tried {tally.open_tried} / exact figures read {tally.open_exact}")
    return 0 if code in (0, 1) else int(code)


if __name__ == "__main__":
    sys.exit(main())
