"""Issue 14 flows in a browser: reconnecting LinkedIn against a stand-in LinkedIn, one feed card per item with
its other language version, a tracked link's statistics from My shares, a date typed as the German UI
writes it, and a public profile's imported posts as cards."""

import re
import uuid

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from sichtbar.accounts.models import User
from sichtbar.content.models import ContentItem, ContentStatus
from sichtbar.integrations.models import Connection, ImportedPost, OAuthToken
from sichtbar.integrations.tests.linkedin_server import LinkedInServer
from sichtbar.integrations.tests.linkedin_server import settings_for as linkedin_settings_for
from sichtbar.links.models import TrackedLink
from sichtbar.profiles.models import Profile
from sichtbar.profiles.tests.factories import ProfileFactory
from sichtbar.sharing.models import Share

from .conftest import log_in


@pytest.fixture
def linkedin(settings, live_server, monkeypatch):
    server = LinkedInServer()
    settings.OUTBOUND_HTTP_ALLOW_LOOPBACK = True
    settings.OUTBOUND_HTTP_EXTRA_PORTS = [server.port]
    settings.SITE_URL = live_server.url
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    linkedin_settings_for(settings, server)
    yield server
    server.close()


def test_reconnect_linkedin_goes_to_the_consent_and_back(page, demo, linkedin):
    user = User.objects.get(email=demo["employee"].email)
    connection = Connection.objects.create(
        user=user,
        provider="linkedin",
        title="Lena Hoffmann",
        status="needs_reconsent",
        external_account_id="x",
    )
    log_in(page, user.email)

    page.goto("/connections")
    card = page.locator("section", has=page.get_by_role("heading", name="LinkedIn", level=2))
    card.get_by_role("button", name="Lena Hoffmann neu verbinden").click()

    expect(page.get_by_text("LinkedIn ist verbunden.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/connections\?connected=linkedin$"))
    expect(page.get_by_text("Bitte korrigieren Sie die markierten Felder")).to_have_count(0)
    connection.refresh_from_db()
    assert connection.status == "connected"
    assert OAuthToken.objects.filter(connection=connection).exists()


def test_employees_are_not_offered_linkedin_when_it_is_not_set_up(page, demo, settings):
    settings.LINKEDIN_CLIENT_ID = ""
    log_in(page, demo["employee"].email)
    page.goto("/connections")
    expect(page.get_by_role("heading", name="Mastodon", level=2)).to_be_visible()
    expect(page.get_by_role("heading", name="LinkedIn", level=2)).to_have_count(0)

    admin = page.context.browser.new_context(base_url=page.url.split("/connections")[0]).new_page()
    log_in(admin, demo["admin"].email)
    admin.goto("/connections")
    card = admin.locator("section", has=admin.get_by_role("heading", name="LinkedIn", level=2))
    expect(card.get_by_text("LINKEDIN_CLIENT_ID")).to_be_visible()
    admin.context.close()


def _item(title: str, language: str, group: uuid.UUID) -> ContentItem:
    return ContentItem.objects.create(
        slug=f"{language}-{group.hex[:8]}",
        title=title,
        summary=f"<p>{title}</p>",
        url=f"https://www.sichtbar-demo.example/{language}/{group.hex[:8]}",
        language=language,
        translation_group=group,
        status=ContentStatus.PUBLISHED,
        published_at=timezone.now(),
    )


def test_one_feed_card_per_item_switches_language_and_the_share_has_link_statistics(page, demo, settings):
    settings.RECOMMENDATIONS_FEED_CACHE_SECONDS = 0
    settings.SICHTBAR_SHORT_LINK_BASE = "https://sb.example"
    group = uuid.uuid4()
    german = _item("Plattform-Tag 2027: Wir sind dabei", "de", group)
    english = _item("Platform Day 2027: we are there", "en", group)
    log_in(page, demo["employee"].email)

    page.goto("/feed")
    card = page.get_by_role("article", name=german.title)
    expect(card).to_be_visible()
    expect(page.get_by_role("article", name=english.title)).to_have_count(0)
    card.get_by_role("button", name="Englisch").click()
    card = page.get_by_role("article", name=english.title)  # the card is named by the version it shows
    expect(card.get_by_role("link", name=english.title)).to_be_visible()

    card.get_by_role("button", name=f"„{english.title}“ teilen").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Netzwerk").select_option("xing")
    dialog.get_by_label("Ihr Text").fill("Bis bald!")
    dialog.get_by_role("button", name="Text kopieren und Teilen-Link erhalten").click()
    expect(dialog.get_by_role("link", name="XING öffnen")).to_be_visible()
    dialog.get_by_role("button", name="Schließen").click()
    assert Share.objects.get().content_id == english.pk

    page.goto("/shares")
    page.get_by_role("link", name=f"Statistik des Links zu „{english.title}“").click()
    link = TrackedLink.objects.get()
    expect(page).to_have_url(re.compile(rf"/shares/links/{link.pk}$"))
    expect(page.get_by_role("heading", name=f"Statistik: {english.title}", level=1)).to_be_visible()
    expect(page.get_by_text("Klicks", exact=True).first).to_be_visible()
    expect(page.get_by_text("XING", exact=False).first).to_be_visible()


def test_a_date_is_typed_as_the_german_ui_writes_it(page, demo):
    log_in(page, demo["employee"].email)
    page.goto("/profile")
    field = page.get_by_label("Verfügbar bis")
    expect(field).to_have_attribute("placeholder", "TT.MM.JJJJ")
    field.fill("11.07.2027")
    field.blur()
    field.locator("xpath=ancestor::form").get_by_role("button", name="Verfügbarkeit speichern").click()
    expect(page.get_by_text("Gespeichert", exact=False).first).to_be_visible()
    profile = Profile.objects.get(user__email=demo["employee"].email)
    assert str(profile.available_until) == "2027-07-11"
    page.reload()
    expect(page.get_by_label("Verfügbar bis")).to_have_value("11.07.2027")


def test_public_profile_shows_imported_posts_as_cards(page, demo):
    user = User.objects.get(email=demo["employee"].email)
    profile = Profile.objects.filter(user=user).first() or ProfileFactory(user=user, slug="lena-hoffmann")
    connection = Connection.objects.create(
        user=user, provider="mastodon", instance_url="https://social.example"
    )
    ImportedPost.objects.create(
        connection=connection,
        author=user,
        external_id="1",
        url="https://social.example/@lena/1",
        summary="<p>Heute über <strong>Kubernetes</strong> im Mittelstand gesprochen.</p>",
        published_at=timezone.now(),
        show_on_profile=True,
    )

    log_in(page, user.email)
    page.goto(f"/directory/{profile.slug}")
    card = page.get_by_test_id("post-card")
    expect(card).to_contain_text("Mastodon")
    expect(card).to_contain_text("Heute über Kubernetes im Mittelstand gesprochen.")
    expect(card.get_by_role("link")).to_have_attribute("href", "https://social.example/@lena/1")
    expect(page.get_by_text("https://social.example/@lena/1")).to_have_count(0)
