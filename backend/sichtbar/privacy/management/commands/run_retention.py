"""`manage.py run_retention`: apply every retention rule now and print what each deleted."""

from typing import Any

from django.core.management.base import BaseCommand

from sichtbar.privacy.services import retention_periods, retention_purge


class Command(BaseCommand):
    help = "Apply every retention rule now (the nightly job does the same) and print what each deleted."

    def handle(self, *args: Any, **options: Any) -> None:
        periods = retention_periods()
        results = retention_purge()
        width = max(len(name) for name in results)
        for name, count in results.items():
            self.stdout.write(f"{name:<{width}}  {periods[name]:>6} days  {count:>7} deleted")
        self.stdout.write(f"{'total':<{width}}  {'':>11}  {sum(results.values()):>7} deleted")
