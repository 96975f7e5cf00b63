"""GET /r/<code>: the redirect, the friendly 404, and which clicks count (stored directly here; the
stream path is in test_pipeline.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sichtbar.links.models import Click, DailySalt
from sichtbar.links.visitors import daily_salt_forget

from .factories import TrackedLinkFactory

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)
PHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"
)


def _get(client, link, *, ua=BROWSER, ip="203.0.113.7", **extra):
    return client.get(f"/r/{link.code}", HTTP_USER_AGENT=ua, REMOTE_ADDR=ip, **extra)


def test_redirects_to_the_stored_destination_and_records_the_click(client):
    link = TrackedLinkFactory(destination="https://www.example.com/jobs/7?utm_source=xing#x")

    response = _get(client, link, HTTP_REFERER="https://www.xing.com/feed/some/person?id=9")

    assert response.status_code == 302
    assert response["Location"] == "https://www.example.com/jobs/7?utm_source=xing#x"
    assert "no-store" in response["Cache-Control"]
    click = Click.objects.get()
    assert (click.link_id, click.user_id_at_click, click.content_id_at_click, click.network) == (
        link.pk,
        link.user_id,
        link.content_id,
        link.network,
    )
    assert click.referrer_host == "www.xing.com"  # the domain only, never the path
    assert click.device_class == "desktop"
    assert click.unique_of_day is True
    assert len(click.visitor_hash) == 64
    assert "203.0.113.7" not in click.visitor_hash


def test_the_request_cannot_change_the_target(client):
    link = TrackedLinkFactory(destination="https://www.example.com/a")

    response = client.get(f"/r/{link.code}?next=https://evil.example.net/&url=//evil.example.net")

    assert response["Location"] == "https://www.example.com/a"


@pytest.mark.parametrize(
    ("accept_language", "phrase"),
    [("de-DE,de;q=0.9", "Diesen Link gibt es nicht (mehr)"), ("en-GB,en;q=0.8", "This link does not exist")],
)
def test_unknown_code_gets_a_friendly_page_in_the_visitors_language(client, accept_language, phrase):
    response = client.get("/r/doesNotExist1", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert phrase in response.content.decode()
    assert Click.objects.count() == 0


def test_expired_link_is_not_found_and_not_counted(client):
    link = TrackedLinkFactory(expires_at=timezone.now() - timedelta(minutes=1))

    response = _get(client, link)

    assert response.status_code == 404
    assert Click.objects.count() == 0


def test_guessing_codes_is_rate_limited(client, settings):
    settings.LINKS_NOT_FOUND_RATE = (3, 60)
    statuses = [client.get(f"/r/guess{n}", REMOTE_ADDR="198.51.100.9").status_code for n in range(5)]

    assert statuses == [404, 404, 404, 429, 429]
    assert client.get("/r/guess9", REMOTE_ADDR="198.51.100.10").status_code == 404  # another client


@pytest.mark.parametrize(
    "ua",
    [
        "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Twitterbot/1.0",
        "WhatsApp/2.23.20.0 A",
        "TelegramBot (like TwitterBot)",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mastodon/4.3.0 (http.rb/5.2.0; +https://mastodon.social/) Bot",
        "curl/8.5.0",
        "",
    ],
)
def test_bots_and_preview_fetchers_are_redirected_but_not_counted(client, ua):
    link = TrackedLinkFactory()

    response = _get(client, link, ua=ua)

    assert response.status_code == 302
    assert Click.objects.count() == 0


def test_head_is_redirected_but_not_counted(client):
    link = TrackedLinkFactory()

    response = client.head(f"/r/{link.code}", HTTP_USER_AGENT=BROWSER)

    assert response.status_code == 302
    assert response["Location"] == link.destination
    assert Click.objects.count() == 0


def test_other_methods_are_refused(client):
    link = TrackedLinkFactory()

    assert client.post(f"/r/{link.code}").status_code == 405
    assert Click.objects.count() == 0


def test_a_repeat_by_the_same_visitor_within_30_minutes_counts_once(client):
    link = TrackedLinkFactory()
    other_link = TrackedLinkFactory()

    for _ in range(3):
        _get(client, link)
    _get(client, link, ip="203.0.113.8")  # another visitor
    _get(client, link, ua=PHONE)  # same address, another browser: another visitor
    _get(client, other_link)  # the same visitor on another link

    assert Click.objects.filter(link=link).count() == 3
    assert Click.objects.filter(link=other_link).count() == 1
    assert sorted(Click.objects.filter(link=link).values_list("device_class", flat=True)) == [
        "desktop",
        "desktop",
        "mobile",
    ]


def test_the_same_visitor_counts_again_after_30_minutes_but_not_as_a_new_unique(client):
    link = TrackedLinkFactory()
    _get(client, link)
    first = Click.objects.get()
    # The counted click happened 31 minutes ago (same UTC day unless the test runs right after midnight).
    earlier = timezone.now() - timedelta(minutes=31)
    if earlier.date() != timezone.now().date():
        pytest.skip("too close to midnight UTC")
    Click.objects.filter(pk=first.pk).update(occurred_at=earlier)

    _get(client, link)

    assert Click.objects.count() == 2
    assert list(Click.objects.order_by("occurred_at").values_list("unique_of_day", flat=True)) == [
        True,
        False,
    ]


def test_the_daily_salt_rotates_and_yesterdays_hash_cannot_be_linked(client):
    link = TrackedLinkFactory()
    _get(client, link)
    today = DailySalt.objects.get()
    first_hash = Click.objects.get().visitor_hash

    # A new day: a new salt, so the same visitor gets a hash unrelated to yesterday's.
    DailySalt.objects.filter(pk=today.pk).update(day=today.day - timedelta(days=1))
    Click.objects.update(occurred_at=timezone.now() - timedelta(hours=1))
    daily_salt_forget()
    Click.objects.update(occurred_at=timezone.now() - timedelta(minutes=40))
    _get(client, link)

    hashes = list(Click.objects.order_by("id").values_list("visitor_hash", flat=True))
    assert len(hashes) == 2
    assert hashes[0] == first_hash
    assert hashes[1] != first_hash
    assert DailySalt.objects.count() == 2
