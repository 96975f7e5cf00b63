"""Rate limits for the plain Django views outside DRF (server-rendered profile pages, the sitemap, the SSO
redirects): DRF's throttle with the same rates table, cache and client address, answering 429 with
Retry-After."""

import math
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle


def client_address(request: HttpRequest) -> str:
    """The client's address as every throttle sees it: REMOTE_ADDR, or the X-Forwarded-For entry set by the
    last of DJANGO_NUM_PROXIES trusted proxies (so a client cannot choose its own address)."""
    return BaseThrottle().get_ident(request)  # type: ignore[arg-type]


class ViewRateThrottle(SimpleRateThrottle):
    """Per client address and scope, for every caller (signed in or not)."""

    def __init__(self, scope: str) -> None:
        self.scope = scope
        super().__init__()

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def throttle(scope: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Limit a plain view to the rate configured for `scope` in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            limiter = ViewRateThrottle(scope)
            # The throttle reads only META (client address) and the cache: a plain request serves.
            if not limiter.allow_request(request, None):  # type: ignore[arg-type]
                response = HttpResponse(
                    _("Too many requests. Please wait a moment and try again."),
                    status=429,
                    content_type="text/plain; charset=utf-8",
                )
                wait = limiter.wait()
                if wait:
                    response["Retry-After"] = str(math.ceil(wait))
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
