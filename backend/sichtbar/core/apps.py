from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sichtbar.core"
    label = "core"
