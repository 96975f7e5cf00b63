from datetime import timedelta
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.db import connection as db_connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sichtbar.accounts.tests.factories import DepartmentFactory
from sichtbar.content.models import ShareText
from sichtbar.content.tests.factories import FeedContentItemFactory
from sichtbar.governance.models import GuidelineVersion
from sichtbar.integrations.tests.stand_in import Reply
from sichtbar.links.models import TrackedLink
from sichtbar.profiles.tests.factories import ProfileFactory
from sichtbar.sharing import privacy, services, tasks
from sichtbar.sharing.models import Share, ShareMethod, ShareStatus

from .conftest import posts

pytestmark = pytest.mark.django_db


def _share(client, item, network="xing", text="Lesenswert!", **extra):
    body = {"content": item.pk, "network": network, "text": text, **extra}
    return client.post("/api/v1/shares/", body, format="json")


# --- share intent ---------------------------------------------------------------------------------


def test_xing_share_opens_the_intent_with_a_tracked_link(client_for, sharer, item, settings):
    settings.SICHTBAR_SHORT_LINK_BASE = "https://sb.example"

    response = _share(
        client_for(sharer), item, text="<script>alert(1)</script>Cloud-Tage: <b>dabei</b> &amp; gern"
    )

    assert response.status_code == 201, response.content
    body = response.json()
    share = Share.objects.get()
    link = TrackedLink.objects.get()
    assert (share.method, share.status, share.text) == (
        ShareMethod.INTENT,
        ShareStatus.OPENED,
        "Cloud-Tage: dabei & gern",
    )
    assert share.shared_at is not None
    assert link.share == share and link.network == "xing"
    assert parse_qs(urlsplit(link.destination).query) == {
        "ref": ["x"],
        "utm_source": ["xing"],
        "utm_medium": ["employee_advocacy"],
        "utm_campaign": ["cloud-tage-2026"],
    }
    short = f"https://sb.example/r/{link.code}"
    assert body["link_url"] == short
    assert body["intent_url"] == f"https://www.xing.com/spi/shares/new?url={quote(short, safe='')}"
    assert body["copy_text"] == f"Cloud-Tage: dabei & gern\n\n{short}"
    assert body["share"]["short_url"] == short
    assert body["share"]["status"] == "opened"


def test_guidelines_must_be_accepted_first(client_for, item):
    user = ProfileFactory().user
    GuidelineVersion.objects.create(
        version=3, title_de="R", title_en="G", text_de="x", text_en="x", published_at=timezone.now()
    )

    response = _share(client_for(user), item)

    assert response.status_code == 409
    assert response.json()["code"] == "guideline_not_accepted"
    assert response.json()["extra"]["guideline_version"] == 3
    assert not Share.objects.exists()
    assert not TrackedLink.objects.exists()


def test_text_too_long_for_the_network(client_for, sharer, item):
    client = client_for(sharer)

    too_long = _share(client, item, network="x", text="a" * 256)
    fits = _share(client, item, network="x", text="a" * 255)

    assert too_long.status_code == 400
    assert too_long.json()["code"] == "share_text_too_long"
    assert (too_long.json()["extra"]["length"], too_long.json()["extra"]["limit"]) == (256, 255)
    assert fits.status_code == 201
    assert Share.objects.count() == 1


def test_blocked_text_lists_the_matched_rules(client_for, sharer, item, rules):
    response = _share(client_for(sharer), item, text="Bald mehr zu Projekt  Falke!")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "share_text_blocked"
    assert body["extra"]["matches"] == [
        {
            "rule": rules["block"].pk,
            "name": "Projekt Falke",
            "action": "block",
            "matched_text": "Projekt  Falke",
            "description": "Interner Projektname",
        }
    ]
    assert not Share.objects.exists()


def test_warnings_need_to_be_acknowledged(client_for, sharer, item, rules):
    client = client_for(sharer)

    refused = _share(client, item, text="Unser Umsatz wächst")
    accepted = _share(client, item, text="Unser Umsatz wächst", acknowledge_warnings=True)

    assert refused.status_code == 409
    assert refused.json()["code"] == "share_warnings_not_acknowledged"
    assert [w["name"] for w in refused.json()["extra"]["warnings"]] == ["Umsatz"]
    assert accepted.status_code == 201
    assert [w["name"] for w in accepted.json()["warnings"]] == ["Umsatz"]
    assert Share.objects.get().acknowledged_warnings[0]["matched_text"] == "Umsatz"


def test_content_for_another_audience_cannot_be_shared(client_for, sharer):
    hidden = FeedContentItemFactory(departments=[DepartmentFactory()])

    response = _share(client_for(sharer), hidden)

    assert response.status_code == 404
    assert response.json()["code"] == "share_content_not_found"


def test_scheduling_needs_a_connected_account(client_for, sharer, item):
    response = _share(
        client_for(sharer),
        item,
        network="xing",
        scheduled_for=(timezone.now() + timedelta(hours=2)).isoformat(),
    )

    assert response.status_code == 400
    assert response.json()["code"] == "share_schedule_needs_connection"
    assert not Share.objects.exists()


# --- posting through the API (Mastodon stand-in) ---------------------------------------------------


def test_mastodon_share_is_posted_by_the_task(
    client_for, sharer, item, mastodon, mastodon_account, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _share(client_for(sharer), item, network="mastodon", text="Kommt vorbei!")

    assert response.status_code == 201, response.content
    assert response.json()["intent_url"] == ""
    share = Share.objects.get()
    link = TrackedLink.objects.get()
    assert (share.method, share.status) == (ShareMethod.API, ShareStatus.POSTED)
    assert share.external_id == "90001"
    assert share.external_url == "https://social.example/@erika/90001"
    assert share.followers_at_share == 321
    [post] = posts(mastodon)
    assert post.form["status"] == f"Kommt vorbei!\n\nhttps://sb.example/r/{link.code}"
    assert post.headers["idempotency-key"] == f"share-{share.pk}"


def _queued(client, item):
    response = _share(client, item, network="mastodon", text="Neu!")
    assert response.status_code == 201
    share = Share.objects.get()
    assert share.status == ShareStatus.QUEUED  # on-commit hooks do not run inside the test transaction
    return share


def test_rate_limited_post_is_retried_and_posted_once(client_for, sharer, item, mastodon, mastodon_account):
    share = _queued(client_for(sharer), item)
    mastodon.failures["/api/v1/statuses"].append(Reply(429, {"error": "slow down"}, {"Retry-After": "30"}))

    first = services.share_publish(share_id=share.pk)
    share.refresh_from_db()
    assert (first.retry, first.retry_after) == (True, 30)
    assert (share.status, share.error_code, share.attempts) == (ShareStatus.QUEUED, "rate_limited", 1)

    second = services.share_publish(share_id=share.pk)
    again = services.share_publish(share_id=share.pk)  # a duplicate task message

    share.refresh_from_db()
    assert (second.status, again.status) == (ShareStatus.POSTED, "")
    assert (share.status, share.error_code, share.attempts) == (ShareStatus.POSTED, "", 2)
    assert len(posts(mastodon)) == 2  # the refused one and the successful one
    assert len(mastodon.posted) == 1


def test_a_retried_task_after_a_lost_result_never_posts_twice(
    client_for, sharer, item, mastodon, mastodon_account
):
    share = _queued(client_for(sharer), item)
    services.share_publish(share_id=share.pk)
    # The worker died after posting but before the status was seen: the share is queued again.
    Share.objects.filter(pk=share.pk).update(status=ShareStatus.QUEUED)

    outcome = services.share_publish(share_id=share.pk)

    assert outcome.status == ShareStatus.POSTED
    assert len(posts(mastodon)) == 1


def test_server_errors_fail_after_the_last_attempt(client_for, sharer, item, mastodon, mastodon_account):
    share = _queued(client_for(sharer), item)
    mastodon.failures["/api/v1/statuses"].append(Reply(503, {"error": "down"}))
    mastodon.failures["/api/v1/statuses"].append(Reply(503, {"error": "down"}))

    assert services.share_publish(share_id=share.pk).retry is True
    last = services.share_publish(share_id=share.pk, final_attempt=True)

    share.refresh_from_db()
    assert last.status == ShareStatus.FAILED
    assert (share.status, share.error_code) == (ShareStatus.FAILED, "provider_error")
    assert "Mastodon" in share.error


def test_expired_access_fails_with_a_clear_message(client_for, sharer, item, mastodon, mastodon_account):
    share = _queued(client_for(sharer), item)
    mastodon.tokens.clear()  # the instance no longer knows the token: 401

    outcome = services.share_publish(share_id=share.pk)

    share.refresh_from_db()
    assert outcome.status == ShareStatus.FAILED
    assert share.error_code == "auth_expired"
    # Stored in the author's language (German here; the client can also translate `error_code`).
    assert (
        share.error
        == "Ihr Mastodon-Zugang ist abgelaufen. Verbinden Sie Mastodon erneut und teilen Sie noch einmal."
    )
    response = client_for(sharer).get("/api/v1/shares/")
    assert response.json()["results"][0]["error_code"] == "auth_expired"


def test_scheduled_share_is_posted_when_due_and_can_be_cancelled_before(
    client_for, sharer, item, mastodon, mastodon_account, django_capture_on_commit_callbacks
):
    client = client_for(sharer)
    later = timezone.now() + timedelta(hours=1)
    first = _share(client, item, network="mastodon", text="Später", scheduled_for=later.isoformat())
    other = FeedContentItemFactory()
    second = _share(client, other, network="mastodon", text="Auch später", scheduled_for=later.isoformat())
    assert first.json()["share"]["status"] == second.json()["share"]["status"] == "scheduled"

    cancelled = client.post(f"/api/v1/shares/{second.json()['share']['id']}/cancel/")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.shares_publish_due() == 0
    assert posts(mastodon) == []

    Share.objects.update(scheduled_for=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.shares_publish_due() == 1

    statuses = dict(Share.objects.values_list("content_id", "status"))
    assert statuses == {item.pk: ShareStatus.POSTED, other.pk: ShareStatus.CANCELLED}
    assert [p.form["status"].split("\n")[0] for p in posts(mastodon)] == ["Später"]
    again = client.post(f"/api/v1/shares/{first.json()['share']['id']}/cancel/")
    assert again.status_code == 409
    assert again.json()["code"] == "share_not_cancellable"


def test_schedule_must_be_in_the_future(client_for, sharer, item, mastodon_account):
    response = _share(
        client_for(sharer),
        item,
        network="mastodon",
        scheduled_for=(timezone.now() - timedelta(minutes=1)).isoformat(),
    )
    assert response.status_code == 400
    assert response.json()["code"] == "share_schedule_in_past"


def test_errors_are_translated(client_for, sharer, item, mastodon_account):
    past = (timezone.now() - timedelta(minutes=1)).isoformat()
    client = client_for(sharer)
    body = {"content": item.pk, "network": "mastodon", "text": "x", "scheduled_for": past}

    german = client.post("/api/v1/shares/", body, format="json", HTTP_ACCEPT_LANGUAGE="de")
    english = client.post("/api/v1/shares/", body, format="json", HTTP_ACCEPT_LANGUAGE="en")

    assert german.json()["message"] == "Bitte wählen Sie einen Zeitpunkt in der Zukunft."
    assert english.json()["message"] == "Please choose a time in the future."


# --- reading ---------------------------------------------------------------------------------------


def test_compose_offers_networks_with_texts_and_connection(client_for, sharer, item, mastodon_account):
    ShareText.objects.create(content=item, network="linkedin", text="Wir sind dabei.")

    response = client_for(sharer).get(f"/api/v1/shares/compose/{item.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["guideline_accepted"] is True
    networks = {n["network"]: n for n in body["networks"]}
    assert networks["linkedin"]["suggested_text"] == "Wir sind dabei."
    assert (networks["mastodon"]["method"], networks["mastodon"]["connected"]) == ("api", True)
    assert (networks["xing"]["method"], networks["xing"]["limit"]) == ("intent", 420 - 25)


def test_check_reports_length_and_rules(client_for, sharer, rules):
    response = client_for(sharer).post(
        "/api/v1/shares/check/",
        {"network": "mastodon", "text": "Umsatz <i>und</i> Projekt Falke"},
        format="json",
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["text"], body["length"], body["limit"]) == ("Umsatz und Projekt Falke", 24, 475)
    assert [b["name"] for b in body["blocks"]] == ["Projekt Falke"]
    assert [w["name"] for w in body["warnings"]] == ["Umsatz"]


def test_my_shares_only_mine_with_constant_queries(client_for, sharer, item):
    client = client_for(sharer)
    _share(client, item)
    other_user = ProfileFactory().user
    Share.objects.create(user=other_user, content=item, network="x", method="intent", status="opened")

    with CaptureQueriesContext(db_connection) as few:
        one = client.get("/api/v1/shares/")
    for _n in range(5):
        _share(client, FeedContentItemFactory(), network="x")
    with CaptureQueriesContext(db_connection) as many:
        six = client.get("/api/v1/shares/")

    assert one.json()["count"] == 1 and six.json()["count"] == 6
    assert all(
        s["short_url"].endswith(TrackedLink.objects.get(share_id=s["id"]).code) for s in six.json()["results"]
    )
    assert all(s["link_id"] == TrackedLink.objects.get(share_id=s["id"]).pk for s in six.json()["results"])
    assert len(many) == len(few)


def test_privacy_export_and_erase(client_for, sharer, item):
    _share(client_for(sharer), item, text="Mein Text")

    exported = privacy.export_user_data(sharer)
    assert exported["shares"][0]["text"] == "Mein Text"
    assert exported["shares"][0]["network"] == "xing"

    privacy.erase_user_data(sharer)
    assert not Share.objects.filter(user=sharer).exists()
    assert TrackedLink.objects.get().share is None


def test_the_sweep_re_enqueues_a_queued_share_whose_message_was_lost(
    client_for, sharer, item, mastodon, mastodon_account, django_capture_on_commit_callbacks
):
    share = _queued(client_for(sharer), item)  # its task message never ran (broker outage)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.shares_publish_due() == 0  # too recent: its task may still be on the way
    assert posts(mastodon) == []

    Share.objects.filter(pk=share.pk).update(updated_at=timezone.now() - timedelta(minutes=20))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.shares_publish_due() == 1

    share.refresh_from_db()
    assert share.status == ShareStatus.POSTED
    assert len(posts(mastodon)) == 1
