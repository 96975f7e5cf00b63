"""Rate limits and their keys: DRF's throttles with the client address replaced by a daily-salted hash (no
visitor address ever reaches the cache), and the same throttle for the plain Django views outside DRF
(server-rendered profile pages, the sitemap, the SSO redirects, the admin login), answering 429 with
Retry-After."""

import hashlib
import hmac
import math
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import throttling
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

_SALT_SECONDS = 2 * 24 * 60 * 60
_process_salts: dict[str, str] = {}


def client_address(request: HttpRequest) -> str:
    """The client's address as every throttle sees it: REMOTE_ADDR, or the X-Forwarded-For entry set by the
    last of DJANGO_NUM_PROXIES trusted proxies (so a client cannot choose its own address). Use it only
    inside a hash; never store or log it."""
    return BaseThrottle().get_ident(request)  # type: ignore[arg-type]


def _daily_salt() -> str:
    """Today's (UTC) random salt for cache keys. It lives in the shared cache beside the counters it keys,
    so every process agrees on it, and expires two days later: after that no key can be traced back to an
    address. Without a reachable cache a per-process salt serves (the counters are unreachable anyway)."""
    day = timezone.now().date().isoformat()
    key = f"keysalt:{day}"
    salt = cache.get(key)
    if salt is None:
        cache.add(key, secrets.token_hex(32), _SALT_SECONDS)
        salt = cache.get(key) or _process_salts.setdefault(day, secrets.token_hex(32))
    return str(salt)


def address_key(address: str) -> str:
    """A visitor's address as it may appear in a cache key: HMAC-SHA256 with the daily salt, shortened."""
    return hmac.new(_daily_salt().encode(), address.encode(errors="replace"), hashlib.sha256).hexdigest()[:32]


def request_key(request: HttpRequest) -> str:
    """The hashed client address of a request (the identity of anonymous callers in every rate limit)."""
    return address_key(client_address(request))


def account_key(identifier: str) -> str:
    """An account identifier (e-mail address) as it may appear in a cache key: keyed with SECRET_KEY and
    stable across days, so a lockout outlives midnight, yet the address is not readable in the cache."""
    normalised = identifier.strip().lower().encode(errors="replace")
    digest = hmac.new(f"account-key:{settings.SECRET_KEY}".encode(), normalised, hashlib.sha256)
    return digest.hexdigest()[:32]


class HashedIdentMixin:
    """DRF throttles identify anonymous callers by address; this hashes the address before it becomes part
    of a cache key."""

    def get_ident(self, request: Any) -> str:
        return address_key(super().get_ident(request))  # type: ignore[misc]


class AnonRateThrottle(HashedIdentMixin, throttling.AnonRateThrottle):
    pass


class ScopedRateThrottle(HashedIdentMixin, throttling.ScopedRateThrottle):
    pass


class UserRateThrottle(HashedIdentMixin, throttling.UserRateThrottle):
    pass


class ViewRateThrottle(HashedIdentMixin, SimpleRateThrottle):
    """Per client address and scope, for every caller (signed in or not)."""

    def __init__(self, scope: str) -> None:
        self.scope = scope
        super().__init__()

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def too_many_requests(wait: float | None) -> HttpResponse:
    response = HttpResponse(
        _("Too many requests. Please wait a moment and try again."),
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    if wait:
        response["Retry-After"] = str(math.ceil(wait))
    return response


def throttle(
    scope: str, *, methods: frozenset[str] | None = None
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Limit a plain view to the rate configured for `scope` in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    (only requests with one of `methods` when given, e.g. the POST of a login form)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if methods is None or request.method in methods:
                limiter = ViewRateThrottle(scope)
                # The throttle reads only META (client address) and the cache: a plain request serves.
                if not limiter.allow_request(request, None):  # type: ignore[arg-type]
                    return too_many_requests(limiter.wait())
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
