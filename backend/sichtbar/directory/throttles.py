"""Rate limit of the public contact form: per signed-in user, else per client address."""

from typing import Any

from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from sichtbar.core.throttling import HashedIdentMixin

DEFAULT_CONTACT_RATE = "5/hour"


class ContactRequestThrottle(HashedIdentMixin, SimpleRateThrottle):
    """Scope `contact`; the rate comes from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["contact"]
    (env THROTTLE_CONTACT) and defaults to 5/hour."""

    scope = "contact"

    def get_rate(self) -> str | None:
        # Read at request time (not import time) so settings overrides take effect.
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope, DEFAULT_CONTACT_RATE)
        return None if rate is None else str(rate)

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        user = request.user
        ident = user.pk if user and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
