"""Rate limit of the conversion endpoint (per token or user)."""

from django.conf import settings

from sichtbar.core.throttling import UserRateThrottle


class ConversionThrottle(UserRateThrottle):
    scope = "conversions"

    def get_rate(self) -> str | None:
        rates = getattr(settings, "REST_FRAMEWORK", {}).get("DEFAULT_THROTTLE_RATES", {})
        return rates.get(self.scope) or "600/min"
