"""Settings of the Celery worker process the worker test starts: embedded settings with this app installed
and the outbound client allowed to reach the stand-in blog on loopback (its port comes from the test)."""

from config.settings.local import *  # noqa: F403
from config.settings.local import INSTALLED_APPS, env

if "sichtbar.integrations" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "sichtbar.integrations"]
OUTBOUND_HTTP_ALLOW_LOOPBACK = True
OUTBOUND_HTTP_EXTRA_PORTS = [int(port) for port in env.list("TEST_OUTBOUND_PORTS", default=[])]
