from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "sichtbar.directory"
    label = "directory"
    verbose_name = _("Expert directory")

    def ready(self) -> None:
        from . import subscribers

        subscribers.register()
