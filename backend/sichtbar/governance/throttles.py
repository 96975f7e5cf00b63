"""Rate limit of the confidentiality check (many pattern matches per call)."""

from django.conf import settings

from sichtbar.core.throttling import UserRateThrottle

DEFAULT_RATES = {"content_check": "300/min"}


class CheckThrottle(UserRateThrottle):
    scope = "content_check"  # the scope kept its name (THROTTLE settings and docs)

    def get_rate(self) -> str | None:
        rates = getattr(settings, "REST_FRAMEWORK", {}).get("DEFAULT_THROTTLE_RATES", {})
        return rates.get(self.scope) or DEFAULT_RATES[self.scope]
