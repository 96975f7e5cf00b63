"""OAuth 2.0 authorisation code flow for every network, through requests-oauthlib on the guarded session.

The authorisation URL carries `state` (checked by the caller against what it stored) and, where configured,
a PKCE S256 challenge; the code exchange sends the client credentials in the body (LinkedIn requires it,
Mastodon accepts it) and accepts scopes that come back comma-separated (LinkedIn).
"""

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import requests
from oauthlib.oauth2 import OAuth2Error
from requests_oauthlib import OAuth2Session

from sichtbar.core.http import (
    MAX_REDIRECTS,
    GuardedAdapter,
    OutboundBlocked,
    OutboundError,
    check_url,
    user_agent,
)

from .errors import ProviderAuthExpired, ProviderError, ProviderRateLimited, provider_error_from


@dataclass(frozen=True)
class OAuthConfig:
    client_id: str
    client_secret: str
    authorize_url: str
    token_url: str
    scopes: tuple[str, ...]
    use_pkce: bool = False


@dataclass(frozen=True)
class TokenResponse:
    access_token: str
    refresh_token: str
    token_type: str
    expires_at: datetime | None
    scopes: tuple[str, ...]
    id_token: str = ""


def new_state() -> str:
    return secrets.token_urlsafe(32)


def new_code_verifier() -> str:
    return secrets.token_urlsafe(64)[:96]  # 43-128 characters of the unreserved set (RFC 7636)


def code_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def state_hash(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()


def _session(config: OAuthConfig, redirect_uri: str) -> OAuth2Session:
    session = OAuth2Session(client_id=config.client_id, redirect_uri=redirect_uri, scope=list(config.scopes))
    session.trust_env = False  # a proxy from the environment would bypass the address check
    session.max_redirects = MAX_REDIRECTS
    session.headers["User-Agent"] = user_agent()
    adapter = GuardedAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.register_compliance_hook("access_token_response", _normalise_token_response)
    session.register_compliance_hook("refresh_token_response", _normalise_token_response)
    return session


def _normalise_token_response(response: requests.Response) -> requests.Response:
    """Errors the caller must tell apart, and LinkedIn's comma-separated scopes as OAuth's spaces."""
    if response.status_code == 429:
        retry = response.headers.get("Retry-After", "")
        raise ProviderRateLimited(retry_after=int(retry) if retry.isdigit() else None)
    if response.status_code >= 500:
        raise ProviderError(f"token endpoint answered HTTP {response.status_code}", temporary=True)
    if len(response.content) > 64 * 1024:
        raise ProviderError("token response too large")
    try:
        data = response.json()
    except ValueError as exc:
        raise ProviderError("token response is not JSON", temporary=True) from exc
    if isinstance(data, dict) and isinstance(data.get("scope"), str) and "," in data["scope"]:
        data["scope"] = " ".join(part.strip() for part in data["scope"].split(",") if part.strip())
        response._content = requests.models.complexjson.dumps(data).encode()
    return response


def authorization_url(config: OAuthConfig, *, redirect_uri: str, state: str, code_verifier: str = "") -> str:
    check_url(config.authorize_url)
    extra: dict[str, Any] = {}
    if code_verifier:
        extra = {"code_challenge": code_challenge(code_verifier), "code_challenge_method": "S256"}
    url, _state = _session(config, redirect_uri).authorization_url(config.authorize_url, state=state, **extra)
    return str(url)


def exchange_code(
    config: OAuthConfig, *, redirect_uri: str, code: str, code_verifier: str = ""
) -> TokenResponse:
    """Trade the authorisation code for a token. Raises ProviderError (and its subclasses)."""
    session = _session(config, redirect_uri)
    extra: dict[str, Any] = {"code_verifier": code_verifier} if code_verifier else {}
    try:
        try:
            token = session.fetch_token(
                config.token_url,
                code=code,
                include_client_id=True,
                client_secret=config.client_secret,
                **extra,
            )
        except Warning as warning:  # oauthlib: the network granted other scopes than asked for
            token = getattr(warning, "token", None)
            if not token:
                raise ProviderError("the token response had no token") from warning
    except ProviderError:
        raise
    except OAuth2Error as exc:
        raise ProviderError(f"token request refused: {exc.error}") from exc
    except OutboundBlocked as exc:
        raise ProviderError("the token endpoint is not allowed") from exc
    except OutboundError as exc:
        raise provider_error_from(exc) from exc
    except requests.RequestException as exc:
        raise ProviderError(type(exc).__name__, temporary=True) from exc
    finally:
        session.close()
    return _token_response(dict(token))


def refresh(config: OAuthConfig, *, refresh_token: str) -> TokenResponse:
    """A new access token from a refresh token (LinkedIn gives these to approved partners only).

    Raises ProviderAuthExpired when the network refuses the refresh token: the person has to re-consent."""
    session = _session(config, "")
    try:
        try:
            token = session.refresh_token(
                config.token_url,
                refresh_token=refresh_token,
                client_id=config.client_id,
                client_secret=config.client_secret,
            )
        except Warning as warning:
            token = getattr(warning, "token", None)
            if not token:
                raise ProviderError("the refresh response had no token") from warning
    except ProviderError:
        raise
    except OAuth2Error as exc:
        raise ProviderAuthExpired(f"refresh refused: {exc.error}") from exc
    except OutboundError as exc:
        raise provider_error_from(exc) from exc
    except requests.RequestException as exc:
        raise ProviderError(type(exc).__name__, temporary=True) from exc
    finally:
        session.close()
    response = _token_response(dict(token))
    if not response.refresh_token:  # networks that do not rotate refresh tokens keep the old one valid
        response = TokenResponse(**{**response.__dict__, "refresh_token": refresh_token})
    return response


def _token_response(token: dict[str, Any]) -> TokenResponse:
    access = token.get("access_token")
    if not isinstance(access, str) or not access:
        raise ProviderError("the token response had no access token")
    expires_at = None
    if token.get("expires_at"):
        expires_at = datetime.fromtimestamp(float(token["expires_at"]), tz=UTC)
    elif token.get("expires_in"):
        expires_at = datetime.fromtimestamp(time.time() + float(token["expires_in"]), tz=UTC)
    scope = token.get("scope") or ()
    scopes = tuple(scope.split()) if isinstance(scope, str) else tuple(str(s) for s in scope)
    return TokenResponse(
        access_token=access,
        refresh_token=str(token.get("refresh_token") or ""),
        token_type=str(token.get("token_type") or "Bearer"),
        expires_at=expires_at,
        scopes=scopes,
        id_token=str(token.get("id_token") or ""),
    )
