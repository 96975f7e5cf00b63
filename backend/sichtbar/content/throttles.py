"""Rate limits of content calls that make the server fetch other servers or run many pattern matches."""

from django.conf import settings

from sichtbar.core.throttling import UserRateThrottle

DEFAULT_RATES = {"content_suggest": "30/hour", "content_check": "300/min"}


class _ContentThrottle(UserRateThrottle):
    def get_rate(self) -> str | None:
        scope = str(self.scope)
        rates = getattr(settings, "REST_FRAMEWORK", {}).get("DEFAULT_THROTTLE_RATES", {})
        return rates.get(scope) or DEFAULT_RATES[scope]


class SuggestThrottle(_ContentThrottle):
    scope = "content_suggest"


class CheckThrottle(_ContentThrottle):
    scope = "content_check"
