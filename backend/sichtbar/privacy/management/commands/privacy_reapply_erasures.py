"""`manage.py privacy_reapply_erasures`: after a restore, erase again everyone in the erasure ledger."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sichtbar.privacy.services import erasures_reapply, ledger_entries


class Command(BaseCommand):
    help = (
        "Re-apply every erasure in the ledger (PRIVACY_ERASURE_LEDGER, or --ledger) to the restored data, "
        "and restore the ledger table from it. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ledger", type=Path, help="A copy of the ledger file kept outside the backup.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["ledger"]:
            with options["ledger"].open(encoding="utf-8") as ledger:
                entries = [json.loads(line) for line in ledger if line.strip()]
        else:
            entries = ledger_entries()
        done = erasures_reapply(entries=entries)
        self.stdout.write(
            f"{len(entries)} ledger entries: {done['accounts']} accounts erased again, "
            f"{done['contact_requests']} contact requests deleted again"
        )
