"""Rate limits of content calls that make the server fetch other servers (the check: governance)."""

from django.conf import settings

from sichtbar.core.throttling import UserRateThrottle

DEFAULT_RATES = {"content_suggest": "30/hour"}


class _ContentThrottle(UserRateThrottle):
    def get_rate(self) -> str | None:
        scope = str(self.scope)
        rates = getattr(settings, "REST_FRAMEWORK", {}).get("DEFAULT_THROTTLE_RATES", {})
        return rates.get(scope) or DEFAULT_RATES[scope]


class SuggestThrottle(_ContentThrottle):
    scope = "content_suggest"
