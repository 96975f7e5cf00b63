"""The company's identity provider for the browser SSO tests: the certified `oidc-provider` npm package
(tests/e2e/oidc_provider/, installed by `make test-e2e`), started on loopback as its own Node process."""

import http.client
import json
import os
import queue
import subprocess
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

HERE = Path(__file__).parent / "oidc_provider"
CLIENT_ID = "sichtbar"
CLIENT_SECRET = "sichtbar-test-client-secret-0123456789"


class IdentityProvider:
    def __init__(self, *, redirect_uri: str, accounts: dict[str, dict[str, Any]]) -> None:
        if not (HERE / "node_modules" / "oidc-provider").is_dir():
            pytest.fail("oidc-provider is missing: `make test-e2e` installs it (tests/e2e/oidc_provider).")
        config = {
            "port": int(os.environ.get("E2E_OIDC_PROVIDER_PORT", "0")),
            "client": {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uris": [redirect_uri],
            },
            "accounts": accounts,
        }
        # Started twice at most: on CI's busiest minute one start printed nothing for 120 s (it needs half a
        # second alone). What the first attempt looked like is kept for the failure message.
        seen: list[str] = []
        for _attempt in range(2):
            first = self._start(config, ready_within=90)
            if first is not None:
                break
            seen.append(self._diagnosis())
            self.stop()
        else:
            pytest.fail("oidc-provider did not start: " + " / ".join(seen))
        assert first.startswith("ready "), first
        self.issuer = first.split()[1]
        self.discovery = self._call("GET", "/.well-known/openid-configuration")

    def _start(self, config: dict[str, Any], *, ready_within: float) -> str | None:
        """The provider's first line (`ready <issuer>`), or None when it printed none in time."""
        self.process = subprocess.Popen(
            ["node", str(HERE / "server.mjs")],
            cwd=HERE,
            env={**os.environ, "OIDC_TEST_CONFIG": json.dumps(config)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        lines: queue.Queue[str] = queue.Queue()
        stdout, stderr = self.process.stdout, self.process.stderr
        threading.Thread(target=lambda: [lines.put(line) for line in stdout], daemon=True).start()
        self.errors: list[str] = []
        threading.Thread(target=lambda: self.errors.extend(stderr), daemon=True).start()
        try:
            return lines.get(timeout=ready_within)  # an explicit wait for the ready line
        except queue.Empty:
            return None

    def _diagnosis(self) -> str:
        """Whether the silent process still ran, its state and CPU time, and what it wrote to stderr."""
        pid, code = self.process.pid, self.process.poll()
        if code is not None:
            return f"exited with {code}: {''.join(self.errors)}"
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            state = f"state {fields[0]}, {cpu:.2f} s of CPU"
        except OSError:
            state = "no /proc entry"
        return f"pid {pid} still running ({state}); stderr: {''.join(self.errors)}"

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        address = urlparse(self.issuer)
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        connection.request(method, path, body=json.dumps(body) if body is not None else None)
        response = connection.getresponse()
        data = json.loads(response.read())
        assert response.status == 200, data
        return data

    def update_account(self, account_id: str, **changes: Any) -> None:
        """Change an account at the provider, as its administrator would (groups, names)."""
        self._call("POST", f"/__control/accounts/{account_id}", changes)

    def forge_jwks(self) -> None:
        """From now on the provider's published JWKS holds another key under the signing key's id."""
        self._call("POST", "/__control/forge-jwks", {"on": True})

    def settings(self) -> dict[str, Any]:
        """Sichtbar's OIDC settings for this provider, from its discovery document."""
        return {
            "OIDC_ENABLED": True,
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": self.discovery["authorization_endpoint"],
            "OIDC_OP_TOKEN_ENDPOINT": self.discovery["token_endpoint"],
            "OIDC_OP_USER_ENDPOINT": self.discovery["userinfo_endpoint"],
            "OIDC_OP_JWKS_ENDPOINT": self.discovery["jwks_uri"],
            "OIDC_OP_ISSUER": self.discovery["issuer"],
            "OIDC_RP_SCOPES": "openid email profile groups",
            "OIDC_ROLE_MAP": {"sichtbar-admins": "admin", "sichtbar-managers": "manager"},
            "AUTHENTICATION_BACKENDS": [
                "sichtbar.accounts.backends.LockoutModelBackend",
                "sichtbar.accounts.oidc.SichtbarOIDCBackend",
            ],
        }

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
