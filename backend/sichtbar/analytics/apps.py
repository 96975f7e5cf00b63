from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "sichtbar.analytics"
    label = "analytics"
    verbose_name = _("Analytics")

    def ready(self) -> None:
        from . import subscribers

        subscribers.register()
