"""The Celery application; queues are an enum in sichtbar.core.tasks, schedules live in config.schedule."""

import os
from typing import Any

from celery import Celery
from celery.signals import setup_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("sichtbar")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def _apply_schedule(sender: Celery, **kwargs: object) -> None:
    from config.schedule import BEAT_SCHEDULE

    sender.conf.beat_schedule = BEAT_SCHEDULE


@setup_logging.connect
def _use_django_logging(**kwargs: Any) -> None:
    """Workers and beat log like the web process (JSON outside development)."""
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)
