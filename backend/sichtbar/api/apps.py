from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sichtbar.api"
    label = "api"
