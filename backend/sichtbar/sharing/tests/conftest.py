from collections.abc import Iterator

import pytest
from django.utils import timezone

from sichtbar.content.tests.factories import FeedContentItemFactory
from sichtbar.governance.models import ConfidentialityRule, GuidelineAcceptance, GuidelineVersion
from sichtbar.integrations.models import Connection
from sichtbar.integrations.services import token_store
from sichtbar.integrations.tests.mastodon_server import MastodonServer
from sichtbar.profiles.tests.factories import ProfileFactory


@pytest.fixture
def sharer(db):
    """An employee who accepted the current guidelines."""
    user = ProfileFactory().user
    version = GuidelineVersion.objects.create(
        version=1,
        title_de="Richtlinie",
        title_en="Guideline",
        text_de="<p>x</p>",
        text_en="<p>x</p>",
        published_at=timezone.now(),
    )
    GuidelineAcceptance.objects.create(user=user, version=version, accepted_at=timezone.now())
    return user


@pytest.fixture
def item(db):
    return FeedContentItemFactory(
        slug="cloud-tage-2026", url="https://www.example.com/events/cloud-tage?ref=x"
    )


@pytest.fixture
def rules(db):
    return {
        "block": ConfidentialityRule.objects.create(
            name="Projekt Falke",
            kind="phrase",
            value="Projekt Falke",
            action="block",
            description="Interner Projektname",
        ),
        "warn": ConfidentialityRule.objects.create(name="Umsatz", kind="word", value="Umsatz", action="warn"),
    }


@pytest.fixture
def mastodon(settings, monkeypatch) -> Iterator[MastodonServer]:
    server = MastodonServer()
    settings.OUTBOUND_HTTP_ALLOW_LOOPBACK = True
    settings.OUTBOUND_HTTP_EXTRA_PORTS = [server.port]
    settings.SICHTBAR_SHORT_LINK_BASE = "https://sb.example"
    yield server
    server.close()


@pytest.fixture
def mastodon_account(sharer, mastodon) -> Connection:
    """The sharer's Mastodon account at the stand-in, with a token the stand-in knows."""
    connection = Connection.objects.create(
        user=sharer,
        provider="mastodon",
        url=f"{mastodon.url}/@erika",
        instance_url=mastodon.url,
        status="connected",
        scopes="read write:statuses",
        external_account_id="109",
        followers=321,
    )
    mastodon.tokens["ma-test-token"] = {"client_id": "app"}
    token_store(connection=connection, access_token="ma-test-token", scopes="read write:statuses")
    return connection


def posts(server: MastodonServer) -> list:
    return [call for call in server.calls if call.method == "POST" and call.path == "/api/v1/statuses"]
