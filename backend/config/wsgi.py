"""WSGI entry point (gunicorn config.wsgi): Django, with the tracked-link redirect's fast path in front
(sichtbar/links/fastpath.py), and the warm-up a web worker runs before it serves."""

import logging
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
django_application = get_wsgi_application()

from django.db import connections  # noqa: E402  (needs the apps loaded)
from django.urls import get_resolver  # noqa: E402

from sichtbar.links.fastpath import RedirectFastPath  # noqa: E402
from sichtbar.search.selectors import search_warm_up  # noqa: E402

application = RedirectFastPath(django_application)
logger = logging.getLogger(__name__)


def warm_up() -> None:
    """Import and load before the first request what every worker keeps for its life: the URL patterns
    with every view module behind them, and the search's word list, taxonomy and caches. gunicorn's
    post_worker_init calls this and then gc.freeze() (backend/gunicorn.conf.py): a full garbage collection
    of a worker that has all this still in view took 110-180 ms, during which every request it held
    waited (docs/adr/0038-gunicorn-and-nginx-as-shipped.md). Without a database the search part is skipped
    and loads with the first search instead."""
    get_resolver().reverse_dict  # noqa: B018  (imports every urls and views module, builds the lookups)
    try:
        search_warm_up()
    except Exception:  # a worker must start even when the database or cache is not there yet
        logger.warning("search warm-up skipped", exc_info=True)
    finally:
        connections.close_all()  # the requests' threads open their own
