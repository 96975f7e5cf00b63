from urllib.parse import parse_qs, urlsplit

import pytest

from sichtbar.core.networks import Network
from sichtbar.links.models import TrackedLink
from sichtbar.links.selectors import short_url
from sichtbar.links.services import link_destination_build, link_for_share

from .factories import LinksContentItemFactory, LinksShareFactory

pytestmark = pytest.mark.django_db


def test_destination_keeps_query_and_fragment_and_replaces_existing_utm():
    url = "https://jobs.example.com/stelle/42?lang=de&utm_source=old#apply"

    destination = link_destination_build(url=url, network="xing", campaign="devops-stelle")

    parts = urlsplit(destination)
    assert (parts.scheme, parts.netloc, parts.path, parts.fragment) == (
        "https",
        "jobs.example.com",
        "/stelle/42",
        "apply",
    )
    assert parse_qs(parts.query) == {
        "lang": ["de"],
        "utm_source": ["xing"],
        "utm_medium": ["employee_advocacy"],
        "utm_campaign": ["devops-stelle"],
    }


def test_link_for_share_creates_one_link_per_user_content_network():
    content = LinksContentItemFactory(slug="kubernetes-meetup", url="https://www.example.com/e/1")
    share = LinksShareFactory(content=content, network=Network.MASTODON)

    link = link_for_share(share=share)
    again = link_for_share(
        share=LinksShareFactory(user=share.user, content=content, network=Network.MASTODON)
    )
    other_network = link_for_share(share=LinksShareFactory(user=share.user, content=content))

    assert again.pk == link.pk
    assert other_network.pk != link.pk
    assert TrackedLink.objects.count() == 2
    assert link.share_id == share.pk
    assert (link.user_id, link.content_id, link.network) == (share.user_id, content.pk, "mastodon")
    assert len(link.code) == 10 and link.code.isalnum()
    assert link.code != other_network.code
    assert link.destination == (
        "https://www.example.com/e/1?utm_source=mastodon&utm_medium=employee_advocacy"
        "&utm_campaign=kubernetes-meetup"
    )


def test_short_url_uses_the_configured_base(settings):
    settings.SICHTBAR_SHORT_LINK_BASE = "https://go.example.com"
    link = link_for_share(share=LinksShareFactory())

    assert short_url(link=link) == f"https://go.example.com/r/{link.code}"
