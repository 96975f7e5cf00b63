"""The bench's URLconf: the project's routes plus a bare view that only answers a redirect (the baseline
the tracked-link redirect is compared with, behind the same middleware)."""

from config.urls import urlpatterns as project_urlpatterns  # isort: skip
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path


@transaction.non_atomic_requests
def bare_redirect(request: HttpRequest, code: str) -> HttpResponse:
    return HttpResponseRedirect("https://www.example.com/karriere/1?utm_source=linkedin")


urlpatterns = [path("bare/<str:code>", bare_redirect), *project_urlpatterns]
