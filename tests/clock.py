"""The browsers of the browser tests live on another calendar day than the company.

A page that takes "today" from the browser's clock instead of the server's (which counts days in
TIME_ZONE) then fails at any hour, not only in the hour between UTC's and Berlin's midnight (CI run 21:
the analytics pages asked for a range that ended on the company's yesterday).
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

COMPANY_ZONE = "Europe/Berlin"  # TIME_ZONE of every set-up the browser tests drive

# Honolulu is 11 hours behind Berlin (12 in summer), Kiritimati 13 ahead (12): at every instant the
# calendar day of one of the two differs from Berlin's.
ZONES = ("Pacific/Honolulu", "Pacific/Kiritimati")


def another_day_zone(*, now: datetime | None = None, company_zone: str = COMPANY_ZONE) -> str:
    """A time zone whose calendar day differs from the company's at `now`."""
    now = now or datetime.now(UTC)
    company_day = now.astimezone(ZoneInfo(company_zone)).date()
    for name in ZONES:
        if now.astimezone(ZoneInfo(name)).date() != company_day:
            return name
    raise AssertionError(f"no zone of {ZONES} is on another day than {company_zone} at {now}")
