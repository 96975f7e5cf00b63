from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sichtbar.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Login signal receivers, the demo-account check, the OpenAPI extension for token auth.
        from . import checks, lockout, schema  # noqa: F401
