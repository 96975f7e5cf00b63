"""Connecting Mastodon for real in a browser: the employee enters the instance, the SPA sends the browser to
the stand-in instance's consent page (a real HTTP server on loopback), which redirects back to the callback
page; the server trades the code (PKCE), stores the token encrypted, imports the public statuses with their
metrics, and disconnecting revokes the token at the instance."""

import re

import pytest
from playwright.sync_api import expect
from sichtbar.integrations.models import Connection, ImportedPost, OAuthToken
from sichtbar.integrations.tests.mastodon_server import MastodonServer, status

from .conftest import log_in


@pytest.fixture
def mastodon(settings, live_server, monkeypatch):
    server = MastodonServer()
    server.statuses = [status(2), status(1)]
    settings.OUTBOUND_HTTP_ALLOW_LOOPBACK = True
    settings.OUTBOUND_HTTP_EXTRA_PORTS = [server.port]
    settings.SITE_URL = live_server.url  # the stand-in redirects the browser back to this server
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")  # oauthlib wants https; loopback speaks http
    yield server
    server.close()


def test_connect_mastodon_import_its_posts_and_disconnect(page, demo, mastodon):
    log_in(page, demo["employee"].email)

    page.goto("/connections")
    card = page.locator("section", has=page.get_by_role("heading", name="Mastodon", level=2))
    card.get_by_label("Ihre Mastodon-Instanz").fill(mastodon.url)
    card.get_by_role("button", name="Mastodon verbinden").click()

    expect(page.get_by_text("Mastodon ist verbunden.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/connections\?connected=mastodon$"))
    expect(card.get_by_text("Erika M.")).to_be_visible()
    expect(card.get_by_text("321")).to_be_visible()
    connection = Connection.objects.get(user__email=demo["employee"].email, provider="mastodon")
    assert connection.instance_url == mastodon.url
    assert sorted(ImportedPost.objects.filter(connection=connection).values_list("external_id", "likes")) == [
        ("1", 1),
        ("2", 2),
    ]
    access = OAuthToken.objects.get(connection=connection).access_token
    assert access in mastodon.tokens and access not in OAuthToken.objects.get().access_token_encrypted
    assert mastodon.calls_to("/oauth/token")[0].form["code_verifier"]

    card.get_by_role("button", name="Erika M. trennen").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Trennen").click()

    expect(card.get_by_text("Nicht verbunden.")).to_be_visible()
    assert mastodon.revoked == [access]
    assert not OAuthToken.objects.exists() and not Connection.objects.filter(provider="mastodon").exists()
