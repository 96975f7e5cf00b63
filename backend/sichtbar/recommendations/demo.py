"""Demo data of the recommendations app: the engagement counters, built from the demo shares and clicks."""

from typing import Any

from .services import engagement_refresh


def seed() -> dict[str, Any]:
    return engagement_refresh()
