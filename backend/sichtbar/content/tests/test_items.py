"""The content hub: items with share texts, workflow, comments, history, what employees see."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sichtbar.accounts.models import Role
from sichtbar.accounts.tests.factories import DepartmentFactory, UserFactory
from sichtbar.audit.models import AuditEvent
from sichtbar.content.models import ContentItem, ContentStatus, ShareText
from sichtbar.governance.tests.factories import RuleFactory
from sichtbar.notifications.models import Notification
from sichtbar.profiles.tests.factories import SkillFactory

from .factories import ContentItemFactory, PublishedContentFactory, ShareTextFactory

pytestmark = pytest.mark.django_db
ITEMS = "/api/v1/content/items/"


def _create(client, **extra):
    body = {"title": "Cloud Summit 2027", "url": "https://www.example.com/cloud-summit", **extra}
    return client.post(ITEMS, body, format="json")


def test_manager_creates_an_item_with_sanitised_summary_topics_audience_and_share_texts(client_for, manager):
    topic, department = SkillFactory(), DepartmentFactory()
    RuleFactory(name="Zahlen", kind="phrase", value="vorläufige Zahlen", action="warn")

    response = _create(
        client_for(manager),
        summary='<p onclick="x()">Hallo <script>alert(1)</script><strong>Welt</strong></p>',
        kind="event",
        topics=[topic.pk],
        departments=[department.pk],
        share_texts={
            "linkedin": "Kommt vorbei! Vorläufige Zahlen gibt es dort.",
            "x": "Kommt vorbei!",
            "xing": "",
        },
    )

    assert response.status_code == 201, response.content
    body = response.json()
    item = ContentItem.objects.get(pk=body["item"]["id"])
    assert item.slug == "cloud-summit-2027"
    assert item.summary == "<p>Hallo <strong>Welt</strong></p>"
    assert item.status == ContentStatus.DRAFT and item.created_by == manager
    assert [t["id"] for t in body["item"]["topics"]] == [topic.pk]
    assert [d["id"] for d in body["item"]["departments"]] == [department.pk]
    assert dict(item.share_texts.values_list("network", "text")) == {
        "linkedin": "Kommt vorbei! Vorläufige Zahlen gibt es dort.",
        "x": "Kommt vorbei!",
    }
    assert [(w["name"], w["matched_text"]) for w in body["warnings"]] == [("Zahlen", "Vorläufige Zahlen")]
    assert AuditEvent.objects.filter(action="content.create", target_id=str(item.pk)).count() == 1


def test_share_texts_are_stored_as_plain_text_without_markup(client_for, manager):
    response = _create(
        client_for(manager),
        share_texts={
            "linkedin": '<img src=x onerror="alert(1)">Hallo <script>alert(2)</script><b>Welt</b> &amp; Co'
        },
    )

    assert response.status_code == 201, response.content
    item = ContentItem.objects.get(pk=response.json()["item"]["id"])
    assert dict(item.share_texts.values_list("network", "text")) == {"linkedin": "Hallo Welt & Co"}


def test_share_texts_over_the_network_limit_or_blocked_are_rejected_and_nothing_is_stored(
    client_for, manager
):
    client = client_for(manager)
    too_long = _create(client, share_texts={"x": "x" * 281, "linkedin": "ok"})
    assert too_long.status_code == 400
    assert too_long.json()["code"] == "share_text_too_long"
    assert list(too_long.json()["extra"]["fields"]) == ["share_texts.x"]

    RuleFactory(name="Projekt", value="Falkenauge", action="block")
    blocked = _create(client, share_texts={"mastodon": "Neues von Projekt Falkenauge!"})
    assert blocked.status_code == 400
    assert blocked.json()["code"] == "share_text_blocked"
    assert blocked.json()["extra"]["matches"][0]["matched_text"] == "Falkenauge"

    unknown = _create(client, share_texts={"myspace": "Hallo"})
    assert unknown.json()["code"] == "network_unknown"
    assert ContentItem.objects.count() == 0 and ShareText.objects.count() == 0


def test_update_replaces_share_texts_and_links_a_language_version(client_for, manager):
    german = ContentItemFactory(language="de")
    item = ContentItemFactory(language="en")
    ShareTextFactory(content=item, network="linkedin", text="alt")
    ShareTextFactory(content=item, network="x", text="weg")

    response = client_for(manager).patch(
        f"{ITEMS}{item.pk}/",
        {"share_texts": {"linkedin": "neu", "x": ""}, "translation_of": german.pk, "important": True},
        format="json",
    )

    assert response.status_code == 200, response.content
    item.refresh_from_db()
    assert item.important is True and item.translation_group == german.translation_group
    assert dict(item.share_texts.values_list("network", "text")) == {"linkedin": "neu"}
    same_language = client_for(manager).patch(
        f"{ITEMS}{ContentItemFactory(language='de').pk}/", {"translation_of": german.pk}, format="json"
    )
    assert same_language.json()["code"] == "content_translation_invalid"


def test_workflow_submit_approve_archive_with_comments_history_and_notifications(client_for, manager):
    reviewer = UserFactory(role=Role.ADMIN)
    author = UserFactory(role=Role.MANAGER)
    item = ContentItemFactory(created_by=author)
    client = client_for(author)

    submitted = client.post(
        f"{ITEMS}{item.pk}/transition/", {"action": "submit", "reviewer": reviewer.pk}, format="json"
    )
    assert submitted.status_code == 200 and submitted.json()["status"] == "in_review"
    assert Notification.objects.filter(user=reviewer, kind="content_review").count() == 1

    changes = client_for(reviewer).post(
        f"{ITEMS}{item.pk}/transition/",
        {"action": "request_changes", "comment": "Titel kürzen"},
        format="json",
    )
    assert changes.json()["status"] == "draft"
    assert Notification.objects.filter(user=author, kind="content_request_changes").count() == 1
    client.post(f"{ITEMS}{item.pk}/transition/", {"action": "submit"}, format="json")
    approved = client_for(reviewer).post(
        f"{ITEMS}{item.pk}/transition/", {"action": "approve"}, format="json"
    )
    assert approved.json()["status"] == "published"
    assert approved.json()["published_at"] is not None
    assert approved.json()["reviewer"]["id"] == reviewer.pk

    again = client.post(f"{ITEMS}{item.pk}/transition/", {"action": "approve"}, format="json")
    assert again.status_code == 409
    assert again.json()["code"] == "content_invalid_transition"

    comments = client.get(f"{ITEMS}{item.pk}/comments/").json()
    assert [c["body"] for c in comments] == ["Titel kürzen"]
    history = client.get(f"{ITEMS}{item.pk}/history/").json()
    assert [h["action"] for h in history] == [
        "content.submit",
        "content.request_changes",
        "content.submit",
        "content.approve",
    ]
    assert history[-1]["changes"]["status"] == ["in_review", "published"]


def test_invalid_transitions_are_conflicts_and_change_nothing(client_for, manager):
    item = ContentItemFactory()
    for action in ("approve", "request_changes", "reopen"):
        response = client_for(manager).post(
            f"{ITEMS}{item.pk}/transition/", {"action": action}, format="json"
        )
        assert response.status_code == 409
    item.refresh_from_db()
    assert item.status == ContentStatus.DRAFT
    assert not AuditEvent.objects.filter(action__startswith="content.").exists()


def test_employees_see_only_live_items_of_their_audience(client_for, employee):
    live = PublishedContentFactory()
    ShareTextFactory(content=live, network="x", text="Teilen!")
    PublishedContentFactory(expires_at=timezone.now() - timedelta(hours=1))
    PublishedContentFactory().departments.set([DepartmentFactory()])
    ContentItemFactory(status=ContentStatus.IN_REVIEW)

    body = client_for(employee).get("/api/v1/content/available/").json()

    assert [r["id"] for r in body["results"]] == [live.pk]
    assert body["results"][0]["share_texts"] == [{"network": "x", "text": "Teilen!"}]
    assert client_for(employee).get(ITEMS).status_code == 403


def test_lists_use_a_fixed_number_of_queries(client_for, manager, django_assert_max_num_queries):
    topics = SkillFactory.create_batch(3)
    for _ in range(12):
        item = PublishedContentFactory()
        item.topics.set(topics)
        item.departments.set([manager.department])
        ShareTextFactory(content=item)
    client = client_for(manager)
    client.get(ITEMS)  # warm the session
    with django_assert_max_num_queries(10):
        assert len(client.get(ITEMS).json()["results"]) == 12
    with django_assert_max_num_queries(8):
        assert len(client.get("/api/v1/content/available/").json()["results"]) == 12
    with django_assert_max_num_queries(10):
        client.get("/api/v1/content/review-queue/")


def test_image_is_checked_resized_and_stored_as_webp(client_for, manager, tmp_path, settings):
    import io

    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    item = ContentItemFactory()
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 1500), "red").save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = "bild.png"
    client = client_for(manager)

    response = client.post(f"{ITEMS}{item.pk}/image/", {"image": buffer}, format="multipart")

    assert response.status_code == 200, response.content
    item.refresh_from_db()
    with Image.open(item.image.path) as stored:
        assert stored.format == "WEBP" and stored.size == (1200, 600)
    text = io.BytesIO(b"not an image")
    text.name = "x.png"
    bad = client.post(f"{ITEMS}{item.pk}/image/", {"image": text}, format="multipart")
    assert bad.json()["code"] == "content_image_invalid"


def test_detail_lists_the_other_language_versions(client_for, manager):
    german = ContentItemFactory(language="de", title="Wolke")
    english = ContentItemFactory(language="en", title="Cloud", translation_group=german.translation_group)
    ContentItemFactory(language="en")  # another group

    body = client_for(manager).get(f"{ITEMS}{german.pk}/").json()

    assert body["translations"] == [{"id": english.pk, "language": "en", "title": "Cloud", "status": "draft"}]


@pytest.mark.parametrize(
    ("role", "active", "eligible"),
    [
        (Role.MANAGER, True, True),
        (Role.ADMIN, True, True),
        (Role.EMPLOYEE, True, False),
        (Role.MANAGER, False, False),
    ],
)
def test_only_active_managers_and_admins_can_be_asked_to_review(client_for, manager, role, active, eligible):
    from sichtbar.content import selectors

    candidate = UserFactory(role=role, is_active=active)
    item = ContentItemFactory(created_by=manager)

    submitted = client_for(manager).post(
        f"{ITEMS}{item.pk}/transition/", {"action": "submit", "reviewer": candidate.pk}, format="json"
    )

    assert selectors.reviewers().filter(pk=candidate.pk).exists() is eligible
    assert submitted.status_code == (200 if eligible else 400)
    if not eligible:  # a field error on the picker, not a missing page
        assert submitted.json()["code"] == "content_reviewer_ineligible"
        assert "reviewer" in submitted.json()["extra"]["fields"]
    item.refresh_from_db()
    assert item.status == (ContentStatus.IN_REVIEW if eligible else ContentStatus.DRAFT)
