"""WSGI entry point (gunicorn config.wsgi): Django, with the tracked-link redirect's fast path in front
(sichtbar/links/fastpath.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
django_application = get_wsgi_application()

from sichtbar.links.fastpath import RedirectFastPath  # noqa: E402  (needs the apps loaded)

application = RedirectFastPath(django_application)
