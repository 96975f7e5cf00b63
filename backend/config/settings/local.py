"""Embedded mode for `make run` and development: SQLite, in-process tasks, readable logs."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
LOG_FORMAT = env.str("LOG_FORMAT", default="console")
LOGGING["handlers"]["default"]["formatter"] = LOG_FORMAT  # noqa: F405

# A development key for encrypting OAuth tokens (integrations/crypto.py); production requires its own.
SICHTBAR_TOKEN_KEYS = SICHTBAR_TOKEN_KEYS or ["c2ljaHRiYXItZGV2LXRva2VuLWtleS1ub3QtcHJvZCE="]  # noqa: F405
