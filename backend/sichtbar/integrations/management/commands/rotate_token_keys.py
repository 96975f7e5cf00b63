"""Re-encrypt every stored network secret with the first key of SICHTBAR_TOKEN_KEYS (docs/operations.md)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sichtbar.integrations.crypto import TokenDecryptionError, rotate
from sichtbar.integrations.models import MastodonApp, OAuthState, OAuthToken

# (model, encrypted columns) of everything crypto.py encrypts.
ENCRYPTED = (
    (OAuthToken, ("access_token_encrypted", "refresh_token_encrypted")),
    (MastodonApp, ("client_secret_encrypted",)),
    (OAuthState, ("code_verifier_encrypted",)),
)
BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt OAuth tokens and app secrets with the first key of SICHTBAR_TOKEN_KEYS."

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        failed: list[str] = []
        for model, columns in ENCRYPTED:
            ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(ids), BATCH):
                with transaction.atomic():
                    rows = model.objects.select_for_update().filter(pk__in=ids[start : start + BATCH])
                    for row in rows.values("pk", *columns):
                        try:
                            values = {column: rotate(row[column]) for column in columns}
                        except TokenDecryptionError:
                            failed.append(f"{model.__name__} {row['pk']}")
                            continue
                        model.objects.filter(pk=row["pk"]).update(**values)
                        total += 1
        self.stdout.write(f"re-encrypted {total} records with the first key")
        if failed:
            raise CommandError(
                "no configured key decrypts these records (was a key removed too early?): "
                + ", ".join(failed)
            )
