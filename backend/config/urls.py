"""Top-level routes: API, API docs, Django admin, then the single-page app for everything else."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

from sichtbar.api.schema_view import CachedSpectacularAPIView
from sichtbar.core.throttling import throttle
from sichtbar.core.views import spa_index
from sichtbar.directory import views as directory_views
from sichtbar.links import views as links_views

urlpatterns = [
    path("api/v1/", include(("sichtbar.api.urls", "api"), namespace="v1")),
    path("api/schema/", CachedSpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    # The admin's login form: the same per-address limit as the API login (the per-account lockout lives in
    # the authentication backend, for both).
    path("django-admin/login/", throttle("login", methods=frozenset({"POST"}))(admin.site.login)),
    path("django-admin/", admin.site.urls),
    path("scim/v2/", include("sichtbar.accounts.scim_apis")),
    # Server-rendered for search engines: public profile pages (head tags + JSON-LD), sitemap, robots.
    path("experts/<slug:slug>", directory_views.expert_page, name="expert-page"),
    path("sitemap.xml", directory_views.sitemap, name="sitemap"),
    path("robots.txt", directory_views.robots_txt, name="robots-txt"),
    # Tracked short links: a redirect to the stored destination only, the click recorded on the side.
    path("r/<str:code>", links_views.redirect, name="link-redirect"),
]

if settings.DEBUG:
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}))

# Client-side routes fall back to the SPA; unknown API, static and admin paths stay 404s.
urlpatterns.append(
    re_path(r"^(?!api/|static/|media/|django-admin/|scim/)(?P<path>.*)$", spa_index, name="spa")
)

# 404s outside the API's own catch-all (e.g. /api/v2/…) keep the one error shape under /api/.
handler404 = "sichtbar.api.views.not_found"
