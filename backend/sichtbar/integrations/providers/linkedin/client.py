"""LinkedIn: Sign In with LinkedIn using OpenID Connect (userinfo) and Share on LinkedIn (`POST /rest/posts`).

LinkedIn cannot read a member's posts; per-post analytics need LinkedIn's approval (a settings flag).
Endpoints, API version and credentials come from settings, so tests point them at a loopback stand-in.
"""

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.conf import settings

from sichtbar.core.http import OutboundError, request

from ..errors import ProviderError, provider_error_from
from ..oauth2 import OAuthConfig

POSTING_SCOPE = "w_member_social"
# Reserved characters of the "little text" format of `commentary`: escaped with a backslash, or LinkedIn
# reads them as markup (mentions, hashtags templates) and may reject or truncate the post.
_RESERVED = re.compile(r"([\\|{}@\[\]()<>#*_~])")
MAX_COMMENTARY = 3000


@dataclass(frozen=True)
class UserInfo:
    sub: str
    name: str
    given_name: str
    family_name: str
    picture: str
    email: str
    locale: str


def scopes() -> tuple[str, ...]:
    requested = [scope for scope in settings.LINKEDIN_SCOPES.split() if scope]
    if settings.LINKEDIN_POSTING_ENABLED and POSTING_SCOPE not in requested:
        requested.append(POSTING_SCOPE)
    return tuple(requested)


def configured() -> bool:
    return bool(settings.LINKEDIN_CLIENT_ID and settings.LINKEDIN_CLIENT_SECRET)


def oauth_config() -> OAuthConfig:
    return OAuthConfig(
        client_id=settings.LINKEDIN_CLIENT_ID,
        client_secret=settings.LINKEDIN_CLIENT_SECRET,
        authorize_url=settings.LINKEDIN_AUTHORIZE_URL,
        token_url=settings.LINKEDIN_TOKEN_URL,
        scopes=scopes(),
        use_pkce=settings.LINKEDIN_USE_PKCE,
    )


def escape_little_text(text: str) -> str:
    return _RESERVED.sub(r"\\\1", text)


def _headers(access_token: str) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {access_token}",
        "LinkedIn-Version": settings.LINKEDIN_API_VERSION,
        "X-Restli-Protocol-Version": "2.0.0",
    }


def _json(response: Any) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError as exc:
        raise ProviderError("LinkedIn answered with something that is not JSON", temporary=True) from exc
    if not isinstance(data, dict):
        raise ProviderError("LinkedIn answered with an unexpected document", temporary=True)
    return data


def userinfo(access_token: str) -> UserInfo:
    """The OpenID Connect userinfo of the member the token belongs to."""
    try:
        response = request(
            "GET",
            f"{settings.LINKEDIN_API_URL}/v2/userinfo",
            headers={"Authorization": f"Bearer {access_token}"},
        )
    except OutboundError as exc:
        raise provider_error_from(exc) from exc
    data = _json(response)
    sub = data.get("sub")
    if not isinstance(sub, str) or not sub:
        raise ProviderError("LinkedIn's userinfo has no subject", temporary=True)

    def text(key: str) -> str:
        value = data.get(key)
        if isinstance(value, dict):  # locale comes as {"country": "DE", "language": "de"}
            value = value.get("language", "")
        return str(value or "")[:500]

    return UserInfo(
        sub=sub[:200],
        name=text("name"),
        given_name=text("given_name"),
        family_name=text("family_name"),
        picture=text("picture"),
        email=text("email"),
        locale=text("locale"),
    )


def member_urn(sub: str) -> str:
    return f"urn:li:person:{sub}"


def post_url(urn: str) -> str:
    return f"https://www.linkedin.com/feed/update/{urn}/"


ANALYTICS_TYPES = {"impressions": "IMPRESSION", "reactions": "REACTION"}


def post_analytics(*, access_token: str, urn: str) -> dict[str, int]:
    """Totals of one of the member's posts (`memberCreatorPostAnalytics`); needs LinkedIn's approval."""
    kind = "ugc" if ":ugcPost:" in urn else "share"
    totals: dict[str, int] = {}
    for name, query_type in ANALYTICS_TYPES.items():
        entity = f"({kind}:{quote(urn, safe='')})"
        url = (
            f"{settings.LINKEDIN_API_URL}/rest/memberCreatorPostAnalytics"
            f"?q=entity&entity={entity}&queryType={query_type}&aggregation=TOTAL"
        )
        try:
            response = request("GET", url, headers=_headers(access_token))
        except OutboundError as exc:
            raise provider_error_from(exc) from exc
        elements = _json(response).get("elements")
        if not isinstance(elements, list):
            raise ProviderError("LinkedIn's analytics answer has no elements", temporary=True)
        totals[name] = sum(
            e["count"] for e in elements if isinstance(e, dict) and isinstance(e.get("count"), int)
        )
    return totals


def create_post(*, access_token: str, author_sub: str, text: str, url: str) -> str:
    """Publish a public post with the link as an article; returns the new post's URN (`x-restli-id`)."""
    commentary = escape_little_text(text.strip())[:MAX_COMMENTARY]
    body: dict[str, Any] = {
        "author": member_urn(author_sub),
        "commentary": commentary,
        "visibility": "PUBLIC",
        "distribution": {
            "feedDistribution": "MAIN_FEED",
            "targetEntities": [],
            "thirdPartyDistributionChannels": [],
        },
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": False,
    }
    if url:
        title = (text.strip().splitlines() or [url])[0][:200] or url
        body["content"] = {"article": {"source": url, "title": title}}
    try:
        response = request(
            "POST",
            f"{settings.LINKEDIN_API_URL}/rest/posts",
            headers={**_headers(access_token), "Content-Type": "application/json"},
            json=body,
        )
    except OutboundError as exc:
        raise provider_error_from(exc) from exc
    urn = response.headers.get("x-restli-id", "").strip()
    if not urn.startswith("urn:li:"):
        raise ProviderError("LinkedIn did not return the new post's id", temporary=False)
    return urn[:300]
