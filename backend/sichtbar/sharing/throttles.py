"""Rate limit for creating shares: each one may post to a network on the person's behalf."""

from django.conf import settings

from sichtbar.core.throttling import UserRateThrottle

DEFAULT_RATE = "60/hour"


class ShareCreateThrottle(UserRateThrottle):
    scope = "share_create"

    def get_rate(self) -> str | None:
        rates = getattr(settings, "REST_FRAMEWORK", {}).get("DEFAULT_THROTTLE_RATES", {})
        return rates.get(self.scope) or DEFAULT_RATE
