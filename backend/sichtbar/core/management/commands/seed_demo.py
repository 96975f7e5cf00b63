"""Load the realistic demo company (each app contributes its part)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sichtbar.accounts.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_accounts
from sichtbar.accounts.models import User


class Command(BaseCommand):
    help = "Load demo data: a German company with about 60 employees, departments in several cities."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when users exist already.")

    def handle(self, *args: Any, if_empty: bool = False, **options: Any) -> None:
        if if_empty and User.objects.exists():
            self.stdout.write("Demo data: users exist already, nothing loaded.")
        else:
            stats = seed_accounts()
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {stats['users']} users."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.role:<9} {login.email}")
