"""Suggestions with fetched link metadata, company feed imports and e-mail digests, against real servers."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from PIL import Image

from sichtbar.accounts.models import Role
from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.content import services, tasks
from sichtbar.content.models import ContentItem, ContentStatus
from sichtbar.integrations.tests.blog_server import Page, atom, rss
from sichtbar.notifications import services as notification_services
from sichtbar.notifications.models import DigestDelivery, Notification
from sichtbar.profiles.tests.factories import ProfileFactory, ProfileSkillFactory, SkillFactory

from .factories import ContentSourceFactory, PublishedContentFactory

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), "blue").save(buffer, format="PNG")
    return buffer.getvalue()


def test_suggestion_lands_in_the_review_queue_and_gets_the_pages_metadata(
    client_for, employee, site, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    manager = UserFactory(role=Role.MANAGER)
    site.pages["/artikel"] = Page(
        b'<html lang="en"><head><title>Fallback</title>'
        b'<meta property="og:title" content="Cloud &amp; Kosten">'
        b'<meta property="og:description" content="Wie wir <b>sparen</b>."><meta property="og:image" '
        b'content="/bild.png"></head><body></body></html>'
    )
    site.pages["/bild.png"] = Page(_png(), content_type="image/png")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(employee).post(
            "/api/v1/content/suggestions/",
            {"url": f"{site.url}/artikel", "note": "Passt zu uns"},
            format="json",
        )

    assert response.status_code == 201, response.content
    item = ContentItem.objects.get()
    assert item.status == ContentStatus.DRAFT and item.suggested_by == employee
    assert item.title == "Cloud & Kosten"
    assert item.summary == "<p>Wie wir sparen.</p>"
    assert item.language == "en" and item.metadata_fetched_at is not None
    assert item.image.name.endswith(".webp")
    queue = client_for(manager).get("/api/v1/content/review-queue/").json()
    assert [r["id"] for r in queue["results"]] == [item.pk]
    assert queue["results"][0]["suggestion_note"] == "Passt zu uns"
    assert Notification.objects.filter(user=manager, kind="content_suggestion").count() == 1
    assert services.content_fetch_metadata(content_id=item.pk) is False  # once
    assert site.paths() == ["/artikel", "/bild.png"]


def test_suggestions_of_private_addresses_are_not_fetched(
    client_for, employee, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(employee).post(
            "/api/v1/content/suggestions/", {"url": "http://127.0.0.1:9/admin"}, format="json"
        )
    assert response.status_code == 201
    item = ContentItem.objects.get()
    assert item.title == "127.0.0.1" and item.summary == "" and item.metadata_fetched_at is not None


def test_feed_import_creates_drafts_once_by_entry_id_and_url(site):
    site.pages["/feed.xml"] = rss(
        {
            "title": "Neuer Standort",
            "link": "https://firma.example/standort",
            "guid": "a-1",
            "description": "<p>Wien</p>",
        },
        {"title": "Ohne Link", "guid": "a-2"},
    )
    source = ContentSourceFactory(feed_url=f"{site.url}/feed.xml", kind="press", language="de")

    first = services.source_import(source_id=source.pk)
    assert first.created == 1
    item = ContentItem.objects.get()
    assert (item.title, item.kind, item.status, item.source_id) == (
        "Neuer Standort",
        "press",
        "draft",
        source.pk,
    )
    assert item.summary == "<p>Wien</p>"
    assert services.source_import(source_id=source.pk).not_modified is True  # ETag → 304

    item.delete()  # a manager discards the draft: it is not imported again
    site.pages["/feed.xml"] = rss(
        {"title": "Neuer Standort (geändert)", "link": "https://firma.example/standort", "guid": "a-1b"},
        {"title": "Zweiter Beitrag", "link": "https://firma.example/zwei", "guid": "a-3"},
        etag='"rss-2"',
    )
    assert services.source_import(source_id=source.pk).created == 1
    assert list(ContentItem.objects.values_list("title", flat=True)) == ["Zweiter Beitrag"]


def test_atom_sources_and_errors_are_recorded(site):
    site.pages["/atom"] = atom(
        {"id": "urn:1", "title": "Atom-Eintrag", "link": "https://firma.example/atom-1"}
    )
    good = ContentSourceFactory(feed_url=f"{site.url}/atom")
    missing = ContentSourceFactory(feed_url=f"{site.url}/gibt-es-nicht")

    assert services.source_import(source_id=good.pk).created == 1
    assert services.source_import(source_id=missing.pk).error == "http_error"
    missing.refresh_from_db()
    assert (missing.last_error, missing.last_error_code) == (
        "Der Feed antwortete mit HTTP-Status 404.",  # in the site's language
        "http_error",
    )
    assert missing.last_fetch_at is not None


def test_fan_out_enqueues_one_import_per_active_source(django_capture_on_commit_callbacks, monkeypatch):
    active = ContentSourceFactory.create_batch(2)
    ContentSourceFactory(is_active=False)
    sent = []
    monkeypatch.setattr(tasks.source_import, "apply_async", lambda kwargs: sent.append(kwargs["source_id"]))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.sources_import_all() == 2
    assert sorted(sent) == sorted(s.pk for s in active)


def test_digest_lists_matching_and_important_items_in_the_users_language_once_per_period(
    mailoutbox, django_capture_on_commit_callbacks
):
    kubernetes, sap = SkillFactory(name_en="Kubernetes"), SkillFactory(name_en="SAP")
    user = ProfileFactory(user=UserFactory(language="en")).user
    ProfileSkillFactory(profile=user.profile, skill=kubernetes)
    matching = PublishedContentFactory(title="K8s at scale")
    matching.topics.set([kubernetes])
    PublishedContentFactory(title="SAP news").topics.set([sap])
    PublishedContentFactory(title="Important for all", important=True)
    PublishedContentFactory(title="Old news", published_at=timezone.now() - timedelta(days=9)).topics.set(
        [kubernetes]
    )
    notification_services.notification_preference_set(user=user, digest="weekly")

    with django_capture_on_commit_callbacks(execute=True):
        assert notification_services.digest_send(user_id=user.pk, frequency="weekly") is True
        assert notification_services.digest_send(user_id=user.pk, frequency="weekly") is False
        assert (
            notification_services.digest_send(user_id=user.pk, frequency="daily") is False
        )  # not their preference

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [user.email]
    assert "2 new items" in mail.subject
    assert "K8s at scale" in mail.body and "Important for all" in mail.body
    assert "SAP news" not in mail.body and "Old news" not in mail.body
    assert "Hello" in mail.body
    assert DigestDelivery.objects.get(user=user).item_count == 2


def test_digest_is_skipped_when_off_and_fan_out_targets_the_right_people(monkeypatch):
    off, daily, default = UserFactory(), UserFactory(), UserFactory()
    notification_services.notification_preference_set(user=off, digest="off")
    notification_services.notification_preference_set(user=daily, digest="daily")
    assert notification_services.digest_user_ids(frequency="daily") == [daily.pk]
    assert off.pk not in notification_services.digest_user_ids(frequency="weekly")
    assert default.pk in notification_services.digest_user_ids(frequency="weekly")
    assert notification_services.digest_send(user_id=off.pk, frequency="weekly") is False


def test_important_items_notify_their_audience_once_in_their_language(django_assert_max_num_queries):
    audience = UserFactory(language="en")
    colleague = UserFactory(language="de", department=audience.department)
    outside = UserFactory()
    item = PublishedContentFactory(important=True, title="Summit")
    item.departments.set([audience.department])

    with django_assert_max_num_queries(6):
        assert services.content_published_notify(content_id=item.pk) == 2
    assert services.content_published_notify(content_id=item.pk) == 0
    assert Notification.objects.get(user=audience, kind="content_important").title == "Important: Summit"
    assert Notification.objects.get(user=colleague).title == "Wichtig: Summit"
    assert not Notification.objects.filter(user=outside).exists()


def test_other_items_notify_the_people_whose_skills_match_their_topics():
    kubernetes = SkillFactory()
    expert = ProfileFactory().user
    ProfileSkillFactory(profile=expert.profile, skill=kubernetes)
    ProfileFactory()  # a colleague without the skill
    item = PublishedContentFactory(title="K8s")
    item.topics.set([kubernetes])
    draft = PublishedContentFactory(status=ContentStatus.DRAFT)
    draft.topics.set([kubernetes])

    assert services.content_published_notify(content_id=item.pk) == 1
    assert services.content_published_notify(content_id=draft.pk) == 0
    assert list(Notification.objects.values_list("user_id", "kind")) == [(expert.pk, "content_interest")]


def test_digest_is_written_in_german_for_german_speakers(mailoutbox, django_capture_on_commit_callbacks):
    user = UserFactory(language="de", first_name="Lena")
    PublishedContentFactory(title="Wichtig für alle", important=True)
    notification_services.notification_preference_set(user=user, digest="daily")

    with django_capture_on_commit_callbacks(execute=True):
        assert notification_services.digest_send(user_id=user.pk, frequency="daily") is True

    mail = mailoutbox[0]
    assert mail.subject == "Sichtbar: 1 neue Beiträge zum Teilen"
    assert mail.body.startswith("Hallo Lena,")
    assert "[Wichtig] Wichtig für alle" in mail.body
    assert "vom letzten Tag" in mail.body


def test_feed_import_keeps_entries_that_share_one_link_apart(site):
    site.pages["/jobs.xml"] = rss(
        {"title": "Entwicklerin (m/w/d)", "link": "https://firma.example/karriere", "guid": "job-1"},
        {"title": "Buchhalter (m/w/d)", "link": "https://firma.example/karriere", "guid": "job-2"},
    )
    source = ContentSourceFactory(feed_url=f"{site.url}/jobs.xml", kind="job")

    assert services.source_import(source_id=source.pk).created == 2
    assert sorted(ContentItem.objects.values_list("title", flat=True)) == [
        "Buchhalter (m/w/d)",
        "Entwicklerin (m/w/d)",
    ]


def test_a_refused_port_is_a_translated_code_not_an_exception_name(site, settings):
    settings.OUTBOUND_HTTP_EXTRA_PORTS = []
    source = ContentSourceFactory(feed_url=f"{site.url}/feed.xml")

    with translation.override("en"):
        result = services.source_import(source_id=source.pk)

    source.refresh_from_db()
    assert (result.error, source.last_error_code) == ("blocked_port", "blocked_port")
    assert source.last_error == (
        f"Port {site.port} is not allowed for outgoing connections. An administrator can allow it with the "
        "setting OUTBOUND_HTTP_EXTRA_PORTS."
    )
    assert "Outbound" not in source.last_error
    assert ContentItem.objects.count() == 0
