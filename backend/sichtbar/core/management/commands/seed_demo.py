"""Load the realistic demo company: each app contributes its part through `sichtbar.<app>.demo.seed()`."""

from importlib import import_module
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from sichtbar.core.layers import demo_seeders


def seed_all() -> dict[str, Any]:
    """Every app's demo in layer order (`sichtbar/core/layers.py`): each part reads the floors below it."""
    stats: dict[str, Any] = {}
    with transaction.atomic():
        for app, seed in demo_seeders():
            stats[app] = seed()
    return stats


class Command(BaseCommand):
    help = "Load demo data: a German company with employees, expert profiles and skills in several cities."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when users exist already.")

    def handle(self, *args: Any, if_empty: bool = False, **options: Any) -> None:
        if if_empty and get_user_model().objects.exists():
            self.stdout.write("Demo data: users exist already, nothing loaded.")
        else:
            stats = seed_all()
            for app, figures in stats.items():
                self.stdout.write(self.style.SUCCESS(f"Demo data {app}: {figures}"))
        accounts_demo = import_module("sichtbar.accounts.demo")  # core sits below accounts: looked up by name
        self.stdout.write(f"Demo logins (password for all: {accounts_demo.DEMO_PASSWORD}):")
        for login in accounts_demo.DEMO_LOGINS:
            self.stdout.write(f"  {login.role:<9} {login.email}")
