from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "sichtbar.recommendations"
    label = "recommendations"
    verbose_name = _("Recommendations")

    def ready(self) -> None:
        from . import signals, subscribers  # noqa: F401 - signals registers its receivers on import

        subscribers.register()
