"""Each app says what it holds about a person in `sichtbar/<app>/privacy.py`:

    def export_user_data(user) -> dict                      # JSON-serialisable: what the person receives
    def export_user_files(user) -> list[tuple[str, bytes]]  # optional: (file name, content)
    def erase_user_data(user) -> None                       # optional: delete or anonymise (in a transaction)
    def purge_expired(now) -> int                           # optional: apply the app's retention limits

Erasure runs in the order of INSTALLED_APPS reversed, so apps that depend on others go first.
"""

from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps


def privacy_modules() -> list[tuple[str, ModuleType]]:
    modules = []
    for app in apps.get_app_configs():
        name = f"{app.name}.privacy"
        if app.name.startswith("sichtbar.") and app.label != "privacy" and find_spec(name):
            modules.append((app.label, import_module(name)))
    return modules
