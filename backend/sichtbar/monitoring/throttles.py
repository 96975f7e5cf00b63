"""Rate limit of "fetch now": it makes the server fetch another server."""

from django.conf import settings

from sichtbar.core.throttling import UserRateThrottle

DEFAULT_RATES = {"monitoring_fetch": "30/hour"}


class FeedFetchThrottle(UserRateThrottle):
    scope = "monitoring_fetch"

    def get_rate(self) -> str | None:
        rates = getattr(settings, "REST_FRAMEWORK", {}).get("DEFAULT_THROTTLE_RATES", {})
        return rates.get(self.scope) or DEFAULT_RATES[str(self.scope)]
