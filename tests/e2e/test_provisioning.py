"""An administrator sets up SCIM provisioning in the browser: the base URL and a token from the page work for
an identity provider's SCIM client, the token's last use shows, and revoking it locks the client out."""

import http.client
import json
from urllib.parse import urlparse

from playwright.sync_api import expect
from sichtbar.accounts.models import User

from .conftest import log_in


def _scim(base_url: str, token: str, method: str, path: str, body: dict | None = None) -> int:
    address = urlparse(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/scim+json"}
    connection.request(
        method, f"{address.path}/{path}", body=json.dumps(body) if body else None, headers=headers
    )
    response = connection.getresponse()
    response.read()
    return response.status


def test_an_admin_creates_a_scim_token_the_provider_uses_it_and_the_admin_revokes_it(page, demo):
    log_in(page, demo["admin"].email)
    page.goto("/administration/provisioning")
    base_url = page.get_by_test_id("scim-base-url").inner_text()
    page.get_by_label("Bezeichnung").fill("Microsoft Entra ID")
    page.get_by_role("button", name="Token erstellen").click()
    secret = page.get_by_test_id("token-secret").inner_text()

    created = _scim(
        base_url,
        secret,
        "POST",
        "Users",
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "userName": "neu.eingestellt@example.com",
            "name": {"givenName": "Neu", "familyName": "Eingestellt"},
            "active": True,
        },
    )

    assert created == 201
    assert User.objects.filter(email="neu.eingestellt@example.com", is_active=True).exists()
    page.get_by_role("button", name="Ich habe das Token eingetragen").click()
    page.reload()
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Microsoft Entra ID"))
    expect(row).not_to_contain_text("Nie")  # its last use is shown
    row.get_by_role("button", name="SCIM-Token „Microsoft Entra ID“ widerrufen").click()
    page.get_by_role("button", name="Endgültig widerrufen").click()
    expect(page.get_by_text("SCIM-Token „Microsoft Entra ID“ wurde widerrufen.")).to_be_visible()
    assert _scim(base_url, secret, "GET", "Users") == 401
