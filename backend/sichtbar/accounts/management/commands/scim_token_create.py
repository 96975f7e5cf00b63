"""Create a SCIM bearer token for an identity provider (printed once; only its hash is stored)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sichtbar.accounts.scim import scim_token_create


class Command(BaseCommand):
    help = "Create a SCIM 2.0 bearer token for an identity provider (Entra ID, Okta) and print it once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="What the token is for, e.g. 'Microsoft Entra ID'.")

    def handle(self, *args: Any, **options: Any) -> None:
        _token, secret = scim_token_create(name=options["name"])
        self.stdout.write(secret)
