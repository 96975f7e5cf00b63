"""Server-rendered pages for search engines: the public profile route of the SPA, the sitemap, robots.txt."""

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_safe

from sichtbar.core.throttling import throttle
from sichtbar.core.views import render_spa
from sichtbar.profiles import selectors as profile_selectors
from sichtbar.profiles.models import Audience, Profile

from . import selectors, seo


@throttle("pages")
@require_safe
@ensure_csrf_cookie
def expert_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The SPA's /experts/<slug> with the public profile's head tags. A profile visitors may not see is
    a 404 with noindex (the SPA then shows its not-found page, or the colleague view when signed in)."""
    profile = selectors.expert_get(slug=slug, audience=Audience.PUBLIC)
    if profile is None:
        internal = request.user.is_authenticated and selectors.expert_get(
            slug=slug, audience=Audience.INTERNAL
        )
        return render_spa(request, head=seo.not_found_head(), status=200 if internal else 404)
    language = "en" if (translation.get_language() or "").startswith("en") else "de"
    detail = profile_selectors.expert_detail(profile=profile, audience=Audience.PUBLIC, language=language)
    return render_spa(request, head=seo.expert_head(detail))


class ExpertSitemap(Sitemap):
    """Published, indexable profiles (basics `public`; the public-noindex tier stays out)."""

    limit = 50_000

    def items(self) -> Any:
        return selectors.sitemap_profiles()

    def location(self, item: Profile) -> str:
        return f"/experts/{item.slug}"

    def lastmod(self, item: Profile) -> datetime:
        return item.updated_at

    # Absolute addresses come from SITE_URL, not from the request's Host header.
    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site: Any = None) -> str:
        parts = urlsplit(settings.SITE_URL)
        return f"{parts.netloc}{parts.path.rstrip('/')}"


SITEMAPS: "dict[str, type[Sitemap[Any]] | Sitemap[Any]]" = {"experts": ExpertSitemap}


@throttle("pages")
@require_safe
@cache_control(max_age=3600, public=True)
def sitemap(request: HttpRequest) -> HttpResponse:
    response = sitemap_view(request, sitemaps=SITEMAPS, template_name="directory/sitemap.xml")
    response.render()
    return response


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /api/",
        "Disallow: /django-admin/",
        "Allow: /",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
