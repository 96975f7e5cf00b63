"""The single-page app: index.html for every client-side route, optionally with route-specific head tags."""

import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_safe

_TITLE = re.compile(r"<title>.*?</title>", re.IGNORECASE | re.DOTALL)
_HEAD_END = re.compile(r"</head>", re.IGNORECASE)


@lru_cache(maxsize=1)
def _index_html(path: Path, mtime: float) -> str:
    return path.read_text(encoding="utf-8")


def _with_head(html: str, head: SafeString) -> str:
    """Put server-rendered head tags into index.html; a <title> among them replaces the SPA's own."""
    if "<title" in head.lower():
        html = _TITLE.sub("", html, count=1)
    match = _HEAD_END.search(html)
    if match is None:
        return html
    return f"{html[: match.start()]}{head}\n{html[match.start() :]}"


def render_spa(request: HttpRequest, *, head: SafeString | None = None, status: int = 200) -> HttpResponse:
    """index.html with `head` (already escaped markup, e.g. title, meta, JSON-LD) added to <head>."""
    index = Path(settings.FRONTEND_DIST_DIR) / "index.html"
    if not index.exists():
        message = _("The web app has not been built yet. Run `make run` (or `npm run build` in frontend/).")
        return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    html = _index_html(index, index.stat().st_mtime)
    if head:
        html = _with_head(html, head)
    response = HttpResponse(html, status=status)
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
@ensure_csrf_cookie
def spa_index(request: HttpRequest, path: str = "") -> HttpResponse:
    return render_spa(request)
