"""Settings of the Celery worker the sharing worker test starts: the integrations worker settings (stand-in
ports allowed on loopback) with retries one second apart instead of thirty."""

from sichtbar.integrations.tests.worker_settings import *  # noqa: F403

SHARING_RETRY_BASE_SECONDS = 1
SICHTBAR_SHORT_LINK_BASE = "https://sb.example"
