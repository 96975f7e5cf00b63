"""A stand-in Mastodon instance on loopback: app registration (`POST /api/v1/apps`), OAuth 2.0 with PKCE
(consents at once), verify_credentials, the account's statuses (paginated by max_id with a Link header),
posting with Idempotency-Key, and token revocation. Reusable by other apps' tests."""

import base64
import hashlib
import secrets
from typing import Any
from urllib.parse import urlencode

from .stand_in import Call, Reply, StandInServer, redirect


def status(n: int, **extra: Any) -> dict[str, Any]:
    """A public status with id `n` (bigger is newer) and some metrics."""
    return {
        "id": str(n),
        "created_at": f"2026-11-{1 + n % 28:02d}T10:00:00.000Z",
        "url": f"https://social.example/@erika/{n}",
        "uri": f"https://social.example/users/erika/statuses/{n}",
        "content": f"<p>Beitrag {n} über <a href='https://x.example'>Cloud</a></p><script>x</script>",
        "spoiler_text": "",
        "language": "de",
        "visibility": "public",
        "favourites_count": n,
        "reblogs_count": n // 2,
        "replies_count": 1,
        "reblog": None,
        **extra,
    }


class MastodonServer(StandInServer):
    def __init__(self) -> None:
        self.apps: dict[str, dict[str, Any]] = {}
        self.codes: dict[str, dict[str, Any]] = {}
        self.tokens: dict[str, dict[str, Any]] = {}
        self.revoked: list[str] = []
        self.statuses: list[dict[str, Any]] = []  # newest first
        self.posted: dict[str, dict[str, Any]] = {}  # by Idempotency-Key
        self.followers = 321
        self.account_id = "109"
        super().__init__()

    def route(self, call: Call) -> Reply:
        handlers = {
            ("POST", "/api/v1/apps"): self._apps,
            ("GET", "/oauth/authorize"): self._authorize,
            ("POST", "/oauth/token"): self._token,
            ("POST", "/oauth/revoke"): self._revoke,
        }
        handler = handlers.get((call.method, call.path))
        if handler is not None:
            return handler(call)
        token = call.headers.get("authorization", "").removeprefix("Bearer ")
        if token not in self.tokens:
            return Reply(401, {"error": "The access token is invalid"})
        if call.method == "GET" and call.path == "/api/v1/accounts/verify_credentials":
            return Reply(200, self.account())
        if call.method == "GET" and call.path == f"/api/v1/accounts/{self.account_id}/statuses":
            return self._statuses(call)
        if call.method == "POST" and call.path == "/api/v1/statuses":
            return self._post(call)
        return Reply(404, {"error": "Record not found"})

    def account(self) -> dict[str, Any]:
        return {
            "id": self.account_id,
            "username": "erika",
            "acct": "erika",
            "display_name": "Erika M.",
            "url": f"{self.url}/@erika",
            "followers_count": self.followers,
        }

    def _apps(self, call: Call) -> Reply:
        form = call.form
        client_id = "app-" + secrets.token_urlsafe(8)
        self.apps[client_id] = {
            "secret": "sec-" + secrets.token_urlsafe(12),
            "redirect_uri": form.get("redirect_uris", ""),
            "scopes": form.get("scopes", ""),
        }
        return Reply(
            200,
            {
                "id": str(len(self.apps)),
                "name": form.get("client_name", ""),
                "client_id": client_id,
                "client_secret": self.apps[client_id]["secret"],
                "redirect_uri": form.get("redirect_uris", ""),
            },
        )

    def _authorize(self, call: Call) -> Reply:
        q = call.query
        app = self.apps.get(q.get("client_id", ""))
        if app is None or app["redirect_uri"] != q.get("redirect_uri"):
            return Reply(400, b"invalid client or redirect", {"Content-Type": "text/plain"})
        code = secrets.token_urlsafe(12)
        self.codes[code] = {"client_id": q["client_id"], "challenge": q.get("code_challenge", "")}
        return redirect(f"{q['redirect_uri']}?{urlencode({'code': code, 'state': q.get('state', '')})}")

    def _token(self, call: Call) -> Reply:
        form = call.form
        app = self.apps.get(form.get("client_id", ""))
        if app is None or app["secret"] != form.get("client_secret"):
            return Reply(401, {"error": "invalid_client"})
        grant = self.codes.pop(form.get("code", ""), None)
        if grant is None or grant["client_id"] != form.get("client_id"):
            return Reply(400, {"error": "invalid_grant"})
        if grant["challenge"]:
            verifier = form.get("code_verifier", "")
            digest = (
                base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            )
            if digest != grant["challenge"]:
                return Reply(400, {"error": "invalid_grant", "error_description": "PKCE verification failed"})
        access = "ma-" + secrets.token_urlsafe(24)
        self.tokens[access] = {"client_id": form["client_id"]}
        return Reply(
            200, {"access_token": access, "token_type": "Bearer", "scope": app["scopes"], "created_at": 1}
        )

    def _revoke(self, call: Call) -> Reply:
        form = call.form
        app = self.apps.get(form.get("client_id", ""))
        if app is None or app["secret"] != form.get("client_secret"):
            return Reply(403, {"error": "unauthorized_client"})
        if self.tokens.pop(form.get("token", ""), None) is not None:
            self.revoked.append(form["token"])
        return Reply(200, {})

    def _statuses(self, call: Call) -> Reply:
        limit = min(int(call.query.get("limit", "20")), 40)
        items = self.statuses
        if call.query.get("max_id"):
            items = [s for s in items if int(s["id"]) < int(call.query["max_id"])]
        page = items[:limit]
        headers = {}
        if len(items) > limit:
            next_url = f"{self.url}{call.path}?{urlencode({'limit': limit, 'max_id': page[-1]['id']})}"
            headers["Link"] = f'<{next_url}>; rel="next"'
        return Reply(200, page, headers)

    def _post(self, call: Call) -> Reply:
        key = call.headers.get("idempotency-key", "")
        if key and key in self.posted:
            return Reply(200, self.posted[key])
        form = call.form
        n = 90000 + len(self.posted) + 1
        created = {**status(n), "content": form.get("status", ""), "visibility": form.get("visibility", "")}
        self.posted[key or str(n)] = created
        return Reply(200, created)
