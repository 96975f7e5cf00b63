"""The API layer: versioned routes, the error shape, shared input types."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sichtbar.api"
    label = "api"

    def ready(self) -> None:
        from django.urls import register_converter

        from .fields import IdConverter

        register_converter(IdConverter, "id")  # before any URLconf is loaded
