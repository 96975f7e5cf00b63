"""Mastodon: per-instance app registration, OAuth, the account, its public statuses and posting.

Every instance is its own server chosen by the employee, so every call goes through the guarded client (an
instance on a private address is refused like any other outbound request).
"""

import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.dateparse import parse_datetime

from sichtbar.core.http import OutboundBlocked, OutboundError, request

from ..errors import ProviderError, provider_error_from
from ..oauth2 import OAuthConfig

PAGE_SIZE = 40


@dataclass(frozen=True)
class RegisteredApp:
    client_id: str
    client_secret: str


@dataclass(frozen=True)
class Account:
    id: str
    username: str
    acct: str
    display_name: str
    url: str
    followers: int | None


@dataclass(frozen=True)
class Status:
    id: str
    url: str
    content_html: str
    spoiler_text: str
    created_at: datetime | None
    language: str
    visibility: str
    favourites: int | None
    reblogs: int | None
    replies: int | None
    is_reblog: bool


@dataclass(frozen=True)
class StatusPage:
    statuses: list[Status]
    next_max_id: str  # empty on the last page


def normalise_instance(value: str) -> str:
    """`social.example`, `https://social.example/@me` → `https://social.example` (scheme and host only)."""
    value = value.strip()
    if "://" not in value:
        value = f"https://{value}"
    parts = urlsplit(value)
    # OAuth only over https (oauthlib refuses anything else); plain http only where oauthlib is told to
    # allow it (the test suite's loopback stand-ins set OAUTHLIB_INSECURE_TRANSPORT).
    schemes = ("http", "https") if os.environ.get("OAUTHLIB_INSECURE_TRANSPORT") else ("https",)
    if parts.scheme not in schemes or not parts.hostname or " " in value:
        raise ValueError("not an https instance address")
    return f"{parts.scheme}://{parts.netloc}".lower()


def scopes() -> tuple[str, ...]:
    return tuple(scope for scope in settings.MASTODON_SCOPES.split() if scope)


def oauth_config(instance: str, app: RegisteredApp) -> OAuthConfig:
    return OAuthConfig(
        client_id=app.client_id,
        client_secret=app.client_secret,
        authorize_url=f"{instance}/oauth/authorize",
        token_url=f"{instance}/oauth/token",
        scopes=scopes(),
        use_pkce=settings.MASTODON_USE_PKCE,
    )


def _call(method: str, url: str, **kwargs: Any) -> Any:
    try:
        response = request(method, url, **kwargs)
    except OutboundBlocked as exc:
        raise ProviderError("this instance may not be contacted (not on the public internet)") from exc
    except OutboundError as exc:
        raise provider_error_from(exc) from exc
    try:
        return response.json(), response
    except ValueError as exc:
        raise ProviderError("the instance answered with something that is not JSON", temporary=True) from exc


def _auth(access_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {access_token}"}


def register_app(instance: str, *, redirect_uri: str) -> RegisteredApp:
    data, _response = _call(
        "POST",
        f"{instance}/api/v1/apps",
        data={
            "client_name": settings.MASTODON_APP_NAME,
            "redirect_uris": redirect_uri,
            "scopes": " ".join(scopes()),
            "website": settings.SITE_URL,
        },
    )
    if not isinstance(data, dict) or not data.get("client_id") or not data.get("client_secret"):
        raise ProviderError("the instance did not register the app", temporary=True)
    return RegisteredApp(client_id=str(data["client_id"]), client_secret=str(data["client_secret"]))


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and value >= 0 else None


def verify_credentials(instance: str, access_token: str) -> Account:
    data, _response = _call(
        "GET", f"{instance}/api/v1/accounts/verify_credentials", headers=_auth(access_token)
    )
    if not isinstance(data, dict) or not data.get("id"):
        raise ProviderError("the instance did not describe the account", temporary=True)
    return Account(
        id=str(data["id"])[:200],
        username=str(data.get("username") or "")[:200],
        acct=str(data.get("acct") or "")[:200],
        display_name=str(data.get("display_name") or "")[:300],
        url=_web_url(data.get("url"))[:500],
        followers=_count(data.get("followers_count")),
    )


def _web_url(value: Any) -> str:
    """An http(s) address from the instance, or "": a hostile instance must not plant javascript: links."""
    url = str(value or "")
    return url[:1000] if urlsplit(url).scheme in ("http", "https") else ""


def _status(item: Any) -> Status | None:
    if not isinstance(item, dict) or not item.get("id"):
        return None
    created = parse_datetime(str(item.get("created_at") or ""))
    return Status(
        id=str(item["id"])[:200],
        url=_web_url(item.get("url")) or _web_url(item.get("uri")),
        content_html=str(item.get("content") or ""),
        spoiler_text=str(item.get("spoiler_text") or "")[:500],
        created_at=created,
        language=str(item.get("language") or "")[:8],
        visibility=str(item.get("visibility") or ""),
        favourites=_count(item.get("favourites_count")),
        reblogs=_count(item.get("reblogs_count")),
        replies=_count(item.get("replies_count")),
        is_reblog=bool(item.get("reblog")),
    )


def account_statuses(instance: str, access_token: str, account_id: str, *, max_id: str = "") -> StatusPage:
    """One page of the account's own statuses, newest first; boosts of others' posts left out."""
    params = {"limit": str(PAGE_SIZE), "exclude_reblogs": "true"}
    if max_id:
        params["max_id"] = max_id
    data, response = _call(
        "GET", f"{instance}/api/v1/accounts/{account_id}/statuses", headers=_auth(access_token), params=params
    )
    if not isinstance(data, list):
        raise ProviderError("the instance answered with an unexpected document", temporary=True)
    statuses = [status for status in map(_status, data) if status is not None]
    next_max_id = ""
    following = response.links.get("next", {}).get("url", "")
    if following:
        query = dict(part.split("=", 1) for part in urlsplit(following).query.split("&") if "=" in part)
        next_max_id = query.get("max_id", "")
    elif len(data) >= PAGE_SIZE and statuses:
        next_max_id = statuses[-1].id
    return StatusPage(statuses=statuses, next_max_id=next_max_id)


def post_status(instance: str, access_token: str, *, text: str, idempotency_key: str) -> tuple[str, str]:
    """Publish a public status; the Idempotency-Key makes a retried request return the same status."""
    data, _response = _call(
        "POST",
        f"{instance}/api/v1/statuses",
        headers={**_auth(access_token), "Idempotency-Key": idempotency_key[:200]},
        data={"status": text, "visibility": "public"},
    )
    if not isinstance(data, dict) or not data.get("id"):
        raise ProviderError("the instance did not return the new status", temporary=True)
    return str(data["id"])[:300], _web_url(data.get("url")) or _web_url(data.get("uri"))


def revoke(instance: str, app: RegisteredApp, access_token: str) -> None:
    _call(
        "POST",
        f"{instance}/oauth/revoke",
        data={"client_id": app.client_id, "client_secret": app.client_secret, "token": access_token},
    )
