"""The single-page app: index.html for every client-side route."""

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_safe


@lru_cache(maxsize=1)
def _index_html(path: Path, mtime: float) -> str:
    return path.read_text(encoding="utf-8")


@require_safe
@ensure_csrf_cookie
def spa_index(request: HttpRequest, path: str = "") -> HttpResponse:
    index = Path(settings.FRONTEND_DIST_DIR) / "index.html"
    if not index.exists():
        message = _("The web app has not been built yet. Run `make run` (or `npm run build` in frontend/).")
        return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(_index_html(index, index.stat().st_mtime))
    response["Cache-Control"] = "no-cache"
    return response
