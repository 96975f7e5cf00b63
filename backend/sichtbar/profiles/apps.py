from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "sichtbar.profiles"
    label = "profiles"
    verbose_name = _("Expert profiles")

    def ready(self) -> None:
        from . import subscribers

        subscribers.register()
