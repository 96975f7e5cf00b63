"""A stand-in LinkedIn on loopback: OAuth 2.0 authorisation (consents at once), the token endpoint (client
credentials in the body, scopes returned comma-separated, ~60 day tokens), OpenID Connect userinfo and the
Posts API (`POST /rest/posts` with its required headers; the URN in `x-restli-id`).

Point the settings at it with `settings_for(server)`; reusable by other apps' tests."""

import base64
import hashlib
import secrets
from typing import Any
from urllib.parse import urlencode

from .stand_in import Call, Reply, StandInServer, redirect

EXPIRES_IN = 60 * 24 * 3600


class LinkedInServer(StandInServer):
    def __init__(self, *, api_version: str = "202510") -> None:
        self.client_id = "li-client"
        self.client_secret = "li-secret"
        self.api_version = api_version
        self.codes: dict[str, dict[str, Any]] = {}
        self.tokens: dict[str, dict[str, Any]] = {}
        self.posts: list[dict[str, Any]] = []
        self.analytics = {"IMPRESSION": 1234, "REACTION": 56}  # totals every post reports
        self.expires_in = EXPIRES_IN
        self.grant_scopes: str | None = None  # None: grant what was asked
        self.issue_refresh_tokens = False  # LinkedIn gives refresh tokens to approved partners only
        self.refresh_tokens: dict[str, str] = {}  # refresh token -> scope
        self.profile = {
            "sub": "782bbtaQ",
            "name": "Erika Mustermann",
            "given_name": "Erika",
            "family_name": "Mustermann",
            "picture": "https://media.licdn.com/dms/image/erika.jpg",
            "email": "erika@example.com",
            "email_verified": True,
            "locale": {"country": "DE", "language": "de"},
        }
        super().__init__()

    def route(self, call: Call) -> Reply:
        if call.method == "GET" and call.path == "/oauth/v2/authorization":
            return self._authorize(call)
        if call.method == "POST" and call.path == "/oauth/v2/accessToken":
            return self._token(call)
        token = self.tokens.get(call.headers.get("authorization", "").removeprefix("Bearer "))
        if token is None:
            return Reply(401, {"status": 401, "serviceErrorCode": 65600, "message": "Invalid access token"})
        if call.method == "GET" and call.path == "/v2/userinfo":
            return Reply(200, self.profile)
        if call.method == "POST" and call.path == "/rest/posts":
            return self._post(call, token)
        if call.method == "GET" and call.path == "/rest/memberCreatorPostAnalytics":
            query_type = call.query.get("queryType", "")
            element = {"count": self.analytics.get(query_type, 0), "metricType": query_type}
            return Reply(200, {"elements": [element], "paging": {}})
        return Reply(404, {"status": 404})

    def _authorize(self, call: Call) -> Reply:
        q = call.query
        if q.get("client_id") != self.client_id or q.get("response_type") != "code":
            return Reply(400, b"bad request", {"Content-Type": "text/plain"})
        code = secrets.token_urlsafe(12)
        self.codes[code] = {
            "redirect_uri": q["redirect_uri"],
            "scope": q.get("scope", ""),
            "challenge": q.get("code_challenge", ""),
        }
        return redirect(f"{q['redirect_uri']}?{urlencode({'code': code, 'state': q.get('state', '')})}")

    def _token(self, call: Call) -> Reply:
        form = call.form
        # LinkedIn wants the client credentials in the body, not in an Authorization header.
        if form.get("client_id") != self.client_id or form.get("client_secret") != self.client_secret:
            return Reply(
                401, {"error": "invalid_client", "error_description": "Client authentication failed"}
            )
        if form.get("grant_type") == "refresh_token":
            scope = self.refresh_tokens.pop(form.get("refresh_token", ""), None)
            if scope is None:
                return Reply(400, {"error": "invalid_grant", "error_description": "refresh token revoked"})
            return self._issue(scope)
        grant = self.codes.pop(form.get("code", ""), None)
        if grant is None or grant["redirect_uri"] != form.get("redirect_uri"):
            return Reply(400, {"error": "invalid_grant", "error_description": "bad code"})
        if grant["challenge"]:
            verifier = form.get("code_verifier", "")
            digest = (
                base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            )
            if digest != grant["challenge"]:
                return Reply(400, {"error": "invalid_grant", "error_description": "PKCE failed"})
        scope = self.grant_scopes if self.grant_scopes is not None else grant["scope"]
        return self._issue(scope)

    def _issue(self, scope: str) -> Reply:
        access = "li-" + secrets.token_urlsafe(24)
        self.tokens[access] = {"scope": scope}
        body: dict[str, Any] = {
            "access_token": access,
            "expires_in": self.expires_in,
            "scope": ",".join(scope.split()),  # LinkedIn returns scopes comma-separated
            "token_type": "Bearer",
            "id_token": "header.payload.signature",
        }
        if self.issue_refresh_tokens:
            refresh = "lr-" + secrets.token_urlsafe(24)
            self.refresh_tokens[refresh] = scope
            body.update(refresh_token=refresh, refresh_token_expires_in=365 * 24 * 3600)
        return Reply(200, body)

    def _post(self, call: Call, token: dict[str, Any]) -> Reply:
        if "w_member_social" not in token["scope"].split():
            return Reply(403, {"status": 403, "message": "Not enough permissions"})
        if call.headers.get("linkedin-version") != self.api_version:
            return Reply(426, {"status": 426, "code": "NONEXISTENT_VERSION"})
        if call.headers.get("x-restli-protocol-version") != "2.0.0":
            return Reply(400, {"status": 400, "message": "Restli protocol version required"})
        body = call.json
        if body.get("author") != f"urn:li:person:{self.profile['sub']}" or "commentary" not in body:
            return Reply(422, {"status": 422, "message": "invalid post"})
        self.posts.append(body)
        urn = f"urn:li:share:{7000 + len(self.posts)}"
        return Reply(201, b"", {"x-restli-id": urn, "Content-Type": "application/json"})


def settings_for(settings: Any, server: LinkedInServer, *, posting: bool = True) -> None:
    settings.LINKEDIN_CLIENT_ID = server.client_id
    settings.LINKEDIN_CLIENT_SECRET = server.client_secret
    settings.LINKEDIN_AUTHORIZE_URL = f"{server.url}/oauth/v2/authorization"
    settings.LINKEDIN_TOKEN_URL = f"{server.url}/oauth/v2/accessToken"
    settings.LINKEDIN_API_URL = server.url
    settings.LINKEDIN_API_VERSION = server.api_version
    settings.LINKEDIN_POSTING_ENABLED = posting
