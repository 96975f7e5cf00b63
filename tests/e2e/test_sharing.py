"""Issue 5 (sharing) end to end: an employee opens the personal feed, posts an item to Mastodon through the
connected account (a stand-in Mastodon on loopback) with a tracked link, sees it posted under "My
shares", and shares another item on XING through the share intent with the text to copy."""

from urllib.parse import unquote

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from sichtbar.accounts.models import User
from sichtbar.content.models import ContentItem, ContentStatus
from sichtbar.integrations.models import Connection
from sichtbar.integrations.services import token_store
from sichtbar.integrations.tests.mastodon_server import MastodonServer
from sichtbar.links.models import TrackedLink
from sichtbar.sharing.models import Share

from .conftest import log_in


@pytest.fixture
def mastodon(settings):
    server = MastodonServer()
    settings.OUTBOUND_HTTP_ALLOW_LOOPBACK = True
    settings.OUTBOUND_HTTP_EXTRA_PORTS = [server.port]
    settings.SICHTBAR_SHORT_LINK_BASE = "https://sb.example"
    settings.RECOMMENDATIONS_FEED_CACHE_SECONDS = 0
    yield server
    server.close()


@pytest.fixture
def lena(demo, mastodon):
    user = User.objects.get(email=demo["employee"].email)
    connection = Connection.objects.create(
        user=user,
        provider="mastodon",
        url=f"{mastodon.url}/@lena",
        instance_url=mastodon.url,
        status="connected",
        scopes="read write:statuses",
        external_account_id="109",
        followers=321,
    )
    mastodon.tokens["ma-e2e-token"] = {"client_id": "app"}
    token_store(connection=connection, access_token="ma-e2e-token", scopes="read write:statuses")
    return user


def _item(slug: str, title: str) -> ContentItem:
    return ContentItem.objects.create(
        slug=slug,
        title=title,
        summary="<p>Ein Erfahrungsbericht unseres Plattform-Teams.</p>",
        url=f"https://www.sichtbar-demo.example/blog/{slug}",
        status=ContentStatus.PUBLISHED,
        published_at=timezone.now(),
    )


def test_employee_posts_to_mastodon_and_shares_on_xing(page, lena, mastodon):
    _item("k8s-migration", "Wie wir 400 Services auf Kubernetes migriert haben")
    _item("cloud-tage", "Cloud-Tage 2026: Wir sind dabei")

    log_in(page, lena.email)
    page.goto("/feed")
    page.get_by_role("button", name="„Wie wir 400 Services auf Kubernetes migriert haben“ teilen").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_label("Netzwerk")).to_have_value("mastodon")
    dialog.get_by_label("Ihr Text").fill("Lesenswert: so haben wir migriert.")
    expect(dialog.get_by_test_id("char-counter")).to_have_text("34 von 475 Zeichen")
    dialog.get_by_role("button", name="Auf Mastodon posten").click()
    expect(dialog.get_by_text("Ihr Post ist unterwegs.", exact=False)).to_be_visible()
    dialog.get_by_role("button", name="Schließen").click()

    share = Share.objects.get(network="mastodon")
    link = TrackedLink.objects.get(share=share)
    [posted] = mastodon.posted.values()
    assert posted["content"] == f"Lesenswert: so haben wir migriert.\n\nhttps://sb.example/r/{link.code}"
    assert share.status == "posted" and share.external_url == posted["url"]

    # The shared item leaves the feed; the other one is still there.
    page.reload()
    expect(page.get_by_role("article", name="Cloud-Tage 2026: Wir sind dabei")).to_be_visible()
    expect(
        page.get_by_role("article", name="Wie wir 400 Services auf Kubernetes migriert haben")
    ).to_have_count(0)

    page.get_by_role("button", name="„Cloud-Tage 2026: Wir sind dabei“ teilen").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Netzwerk").select_option("xing")
    dialog.get_by_label("Ihr Text").fill("Wir sehen uns bei den Cloud-Tagen!")
    dialog.get_by_role("button", name="Text kopieren und Teilen-Link erhalten").click()
    intent = dialog.get_by_role("link", name="XING öffnen")
    expect(intent).to_be_visible()
    xing_link = TrackedLink.objects.get(network="xing")
    href = intent.get_attribute("href") or ""
    assert href.startswith("https://www.xing.com/spi/shares/new?url=")
    assert unquote(href.split("url=", 1)[1]) == f"https://sb.example/r/{xing_link.code}"
    expect(dialog.get_by_test_id("copy-text")).to_contain_text(f"https://sb.example/r/{xing_link.code}")
    dialog.get_by_role("button", name="Schließen").click()

    page.goto("/shares")
    rows = page.get_by_role("row")
    expect(rows).to_have_count(3)
    expect(page.get_by_role("row", name="Wie wir 400 Services").get_by_text("Gepostet")).to_be_visible()
    expect(
        page.get_by_role("row", name="Cloud-Tage 2026").get_by_text("Teilen-Seite geöffnet")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Post ansehen")).to_have_attribute("href", posted["url"])
