"""Settings of the gunicorn the redirect bench starts: embedded settings with DEBUG off (from the
environment the bench sets) and the bench URLconf with the bare baseline view."""

from config.settings.local import *  # noqa: F403

ROOT_URLCONF = "redirect_urls"
