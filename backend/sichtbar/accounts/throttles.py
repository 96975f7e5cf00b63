"""Rate limits of password resets: asking for a link and using one are counted apart, each per account and
per client address. Cache keys hold keyed hashes only, never an address or an e-mail in the clear."""

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from sichtbar.core.throttling import HashedIdentMixin

DEFAULT_RATES = {
    # One person asking a few times is normal; a flood at one account is not.
    "password_reset_account": "5/hour",
    # An office behind one NAT address shares this one: generous, it only stops scripted floods.
    "password_reset_address": "50/hour",
    # Using a link: counted apart from asking, so asking twice never locks the valid link out.
    "password_reset_confirm_account": "10/hour",
    "password_reset_confirm_address": "100/hour",
}


def _digest(kind: str, value: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:32]


class _HashedThrottle(SimpleRateThrottle):
    def get_rate(self) -> str | None:
        scope = str(self.scope)
        rates = getattr(settings, "REST_FRAMEWORK", {}).get("DEFAULT_THROTTLE_RATES", {})
        return rates.get(scope) or DEFAULT_RATES[scope]

    def subject(self, request: Request) -> str:
        raise NotImplementedError

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        subject = self.subject(request)
        if not subject:
            return None  # nothing to count by (a malformed body fails validation anyway)
        return self.cache_format % {"scope": self.scope, "ident": _digest(str(self.scope), subject)}


class _ByAddress(HashedIdentMixin, _HashedThrottle):
    """Keyed on the daily-salted address hash every limit uses (sichtbar.core.throttling.address_key)."""

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class _ByEmail(_HashedThrottle):
    def subject(self, request: Request) -> str:
        email = request.data.get("email") if hasattr(request.data, "get") else None
        return email.strip().lower() if isinstance(email, str) else ""


class _ByResetUid(_HashedThrottle):
    def subject(self, request: Request) -> str:
        uid = request.data.get("uid") if hasattr(request.data, "get") else None
        if not isinstance(uid, str):
            return ""
        try:
            return force_str(urlsafe_base64_decode(uid))[:40]
        except (ValueError, TypeError):
            return ""


class PasswordResetAccountThrottle(_ByEmail):
    scope = "password_reset_account"


class PasswordResetAddressThrottle(_ByAddress):
    scope = "password_reset_address"


class PasswordResetConfirmAccountThrottle(_ByResetUid):
    scope = "password_reset_confirm_account"


class PasswordResetConfirmAddressThrottle(_ByAddress):
    scope = "password_reset_confirm_address"
