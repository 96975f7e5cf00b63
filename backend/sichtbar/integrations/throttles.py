"""Rate limits of the calls that make the server fetch other servers (connecting a blog, "sync now")."""

from django.conf import settings

from sichtbar.core.throttling import UserRateThrottle

DEFAULT_RATES = {"integrations_connect": "20/hour", "integrations_sync": "30/hour"}


class _IntegrationsThrottle(UserRateThrottle):
    def get_rate(self) -> str | None:
        scope = str(self.scope)
        rates = getattr(settings, "REST_FRAMEWORK", {}).get("DEFAULT_THROTTLE_RATES", {})
        return rates.get(scope) or DEFAULT_RATES[scope]


class ConnectThrottle(_IntegrationsThrottle):
    scope = "integrations_connect"


class SyncThrottle(_IntegrationsThrottle):
    scope = "integrations_sync"
