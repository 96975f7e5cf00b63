"""Password reset, invitation and API tokens, each end to end in the browser."""

import json
import urllib.error
import urllib.request

from playwright.sync_api import expect
from sichtbar.accounts.models import User

from .conftest import link_path, log_in


def test_forgotten_password_is_reset_by_email(page, demo, mailoutbox):
    email = demo["employee"].email
    page.goto("/login")
    page.get_by_role("link", name="Passwort vergessen?").click()
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_role("button", name="Link anfordern").click()
    expect(page.get_by_text("ist eine E-Mail mit einem Link unterwegs")).to_be_visible()

    assert [m.to for m in mailoutbox] == [[email]]
    page.goto(link_path(mailoutbox[0].body, "/reset-password/"))
    page.get_by_label("Neues Passwort").fill("Frisch-Gesetzt-2026")
    page.get_by_label("Passwort wiederholen").fill("Frisch-Gesetzt-2026")
    page.get_by_role("button", name="Passwort speichern").click()
    expect(page.get_by_text("Ihr Passwort wurde geändert")).to_be_visible()

    log_in(page, email, "Frisch-Gesetzt-2026")
    expect(page.get_by_test_id("home-heading")).to_contain_text("Hallo, ")


def test_admin_invites_a_colleague_who_sets_a_password(page, new_page, demo, mailoutbox):
    log_in(page, demo["admin"].email)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Administration").click()
    page.get_by_role("navigation", name="Bereich Administration").get_by_role(
        "link", name="Einladungen"
    ).click()
    page.get_by_label("E-Mail-Adresse").fill("neu.kollegin@sichtbar.example")
    page.get_by_label("Vorname").fill("Nele")
    page.get_by_label("Nachname").fill("Neumann")
    page.get_by_role("button", name="Einladung senden").click()
    expect(
        page.get_by_text("Die Einladung an neu.kollegin@sichtbar.example wurde verschickt.")
    ).to_be_visible()
    expect(page.get_by_role("row", name="Nele Neumann")).to_contain_text("Offen")

    invitee = new_page()
    invitee.goto(link_path(mailoutbox[-1].body, "/invite/"))
    expect(invitee.get_by_text("Willkommen, Nele")).to_be_visible()
    invitee.get_by_label("Neues Passwort").fill("Willkommen-im-Team-26")
    invitee.get_by_label("Passwort wiederholen").fill("Willkommen-im-Team-26")
    invitee.get_by_role("button", name="Konto aktivieren").click()

    expect(invitee.get_by_test_id("home-heading")).to_contain_text("Hallo, ")
    assert User.objects.get(email="neu.kollegin@sichtbar.example").role == "employee"


def _me_with_token(base_url: str, secret: str) -> int:
    request = urllib.request.Request(
        f"{base_url}/api/v1/auth/me/", headers={"Authorization": f"Token {secret}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.load(response)["email"]
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_api_token_is_created_used_and_revoked(page, demo, live_server):
    log_in(page, demo["employee"].email)
    page.locator(".user-menu__toggle").click()  # tokens live in the user menu
    settings_menu = page.get_by_role("navigation", name="Persönliche Einstellungen")
    settings_menu.get_by_role("link", name="API-Tokens").click()
    page.get_by_label("Bezeichnung").fill("Intranet-Widget")
    page.get_by_role("button", name="Token erstellen").click()

    secret = page.get_by_test_id("token-secret").inner_text()
    assert secret.startswith("sb_")
    assert _me_with_token(live_server.url, secret) == 200

    page.get_by_role("button", name="Ich habe das Token gespeichert").click()
    expect(page.get_by_test_id("token-secret")).to_have_count(0)
    page.get_by_role("button", name="Token „Intranet-Widget“ widerrufen").click()
    page.get_by_role("button", name="Endgültig widerrufen").click()
    expect(page.get_by_text("Token „Intranet-Widget“ wurde widerrufen.")).to_be_visible()
    assert _me_with_token(live_server.url, secret) == 403
