"""Recompute the stale feed rankings of recent readers now (what the beat task does every minute)."""

from typing import Any

from django.core.management.base import BaseCommand

from sichtbar.recommendations.services import feed_rankings_refresh


class Command(BaseCommand):
    help = "Recompute the stale feed rankings of people who read their feed lately."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(str(feed_rankings_refresh()))
