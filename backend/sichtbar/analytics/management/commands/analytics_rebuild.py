"""Rebuild the analytics rollups from the facts: every day with facts, or the given range."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sichtbar.analytics import services


class Command(BaseCommand):
    help = "Rebuild the analytics rollups (all days with facts, or --start/--end); snapshot the headcount."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--start", type=date.fromisoformat, help="first day (ISO date)")
        parser.add_argument("--end", type=date.fromisoformat, help="last day (ISO date, default today)")

    def handle(self, *args: Any, start: date | None = None, end: date | None = None, **options: Any) -> None:
        from django.utils import timezone

        if start is None:
            days = services.rollup_all()
        else:
            days = services.rollup_range(start=start, end=end or timezone.localdate())
        services.headcount_snapshot(day=timezone.localdate())
        self.stdout.write(f"rolled up {days} days")
