import pytest

from sichtbar.accounts.tests.factories import DepartmentFactory
from sichtbar.content.tests.factories import FeedContentItemFactory
from sichtbar.profiles.tests.factories import ProfileFactory, ProfileSkillFactory, SkillFactory
from sichtbar.recommendations.models import Dismissal

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    profile = ProfileFactory()
    ProfileSkillFactory(
        profile=profile,
        skill=SkillFactory(slug="kubernetes", name_de="Kubernetes", name_en="Kubernetes"),
        level=4,
    )
    return profile.user


def test_feed_lists_items_with_reasons(client_for, person):
    skill = person.profile.skills.get().skill
    item = FeedContentItemFactory(title="K8s im Betrieb", topics=[skill], important=True)

    response = client_for(person).get("/api/v1/feed/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    body = response.json()
    assert body["has_more"] is False
    [entry] = body["results"]
    assert entry["id"] == item.pk
    assert entry["title"] == "K8s im Betrieb"
    assert entry["topics"] == [{"id": skill.pk, "slug": "kubernetes", "name": "Kubernetes"}]
    assert entry["reasons"][0] == {"code": "skill", "params": {"skill": "Kubernetes"}}
    assert {"code": "important", "params": {}} in entry["reasons"]


def test_feed_rejects_an_oversized_page(client_for, person):
    response = client_for(person).get("/api/v1/feed/?limit=500")
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"


def test_not_interested_hides_the_item_and_can_be_undone(client_for, person):
    item = FeedContentItemFactory()
    client = client_for(person)

    response = client.post(f"/api/v1/feed/{item.pk}/dismiss/", {"reason": "item"}, format="json")

    assert response.status_code == 201
    assert response.json()["reason"] == "item"
    assert client.get("/api/v1/feed/").json()["results"] == []

    assert client.delete(f"/api/v1/feed/{item.pk}/dismiss/").status_code == 204
    assert [e["id"] for e in client.get("/api/v1/feed/").json()["results"]] == [item.pk]
    assert client.delete(f"/api/v1/feed/{item.pk}/dismiss/").status_code == 404


def test_dismiss_topic_defaults_to_the_items_first_topic(client_for, person):
    skill = person.profile.skills.get().skill
    item = FeedContentItemFactory(topics=[skill])

    response = client_for(person).post(f"/api/v1/feed/{item.pk}/dismiss/", {"reason": "topic"}, format="json")

    assert response.status_code == 201
    assert Dismissal.objects.get(user=person).topic == skill


def test_dismiss_topic_must_be_one_of_the_items(client_for, person):
    item = FeedContentItemFactory(topics=[SkillFactory()])
    other = SkillFactory()

    response = client_for(person).post(
        f"/api/v1/feed/{item.pk}/dismiss/", {"reason": "topic", "topic": other.pk}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "dismiss_topic_invalid"
    assert not Dismissal.objects.exists()


def test_cannot_dismiss_content_meant_for_others(client_for, person):
    item = FeedContentItemFactory(departments=[DepartmentFactory()])

    response = client_for(person).post(f"/api/v1/feed/{item.pk}/dismiss/", {"reason": "item"}, format="json")

    assert response.status_code == 404
    assert response.json()["code"] == "content_not_found"
    assert not Dismissal.objects.exists()


def test_feedback_shows_at_once_with_the_feed_cache_on(client_for, person, settings):
    settings.RECOMMENDATIONS_FEED_CACHE_SECONDS = 120
    items = [FeedContentItemFactory() for _ in range(2)]
    client = client_for(person)
    assert len(client.get("/api/v1/feed/").json()["results"]) == 2

    client.post(f"/api/v1/feed/{items[0].pk}/dismiss/", {"reason": "item"}, format="json")

    assert [e["id"] for e in client.get("/api/v1/feed/").json()["results"]] == [items[1].pk]


def test_feed_body_matches_the_output_serializer(client_for, person):
    """The API returns the body as built (no re-serialising): it must be what the schema promises."""
    from datetime import timedelta

    from django.utils import timezone

    from sichtbar.accounts.tests.factories import UserFactory
    from sichtbar.core.networks import Network
    from sichtbar.recommendations.serializers import FeedPageOutputSerializer
    from sichtbar.recommendations.services import engagement_refresh
    from sichtbar.sharing.models import Share, ShareMethod, ShareStatus

    skill = person.profile.skills.get().skill
    popular = FeedContentItemFactory(topics=[skill], expires_at=timezone.now() + timedelta(days=3))
    for _ in range(3):
        Share.objects.create(
            user=UserFactory(department=person.department),
            content=popular,
            network=Network.LINKEDIN,
            method=ShareMethod.INTENT,
            status=ShareStatus.POSTED,
        )
    engagement_refresh()
    FeedContentItemFactory(important=True, published_at=timezone.now() - timedelta(days=40))

    body = client_for(person).get("/api/v1/feed/", HTTP_ACCEPT_LANGUAGE="de").json()

    assert len(body["results"]) == 2
    assert {r["code"] for r in body["results"][0]["reasons"]} >= {"skill", "department_popular"}
    assert body["results"][0]["expires_at"] is not None
    rendered = FeedPageOutputSerializer(body).data
    assert body == {"results": [dict(r) for r in rendered["results"]], "has_more": rendered["has_more"]}


def _versions(skill, **extra):
    """The same item in German and English (one translation group)."""
    german = FeedContentItemFactory(title="Kubernetes im Betrieb", language="de", topics=[skill], **extra)
    english = FeedContentItemFactory(
        title="Running Kubernetes",
        language="en",
        topics=[skill],
        translation_group=german.translation_group,
        **extra,
    )
    return german, english


@pytest.mark.parametrize(("reader", "shown", "other"), [("de", "de", "en"), ("en", "en", "de")])
def test_one_card_per_item_in_the_readers_language_with_the_other_version(
    client_for, person, reader, shown, other
):
    skill = person.profile.skills.get().skill
    versions = dict(zip(("de", "en"), _versions(skill), strict=True))
    single = FeedContentItemFactory(title="Nur Deutsch", language="de", topics=[skill])

    body = client_for(person).get("/api/v1/feed/", HTTP_ACCEPT_LANGUAGE=reader).json()

    by_id = {entry["id"]: entry for entry in body["results"]}
    assert set(by_id) == {versions[shown].pk, single.pk}
    entry = by_id[versions[shown].pk]
    assert (entry["language"], entry["title"]) == (shown, versions[shown].title)
    assert entry["translations"] == [
        {
            "id": versions[other].pk,
            "language": other,
            "title": versions[other].title,
            "summary": versions[other].summary,
            "url": versions[other].url,
        }
    ]
    assert by_id[single.pk]["translations"] == []


def test_dismissing_one_version_takes_the_item_out_in_every_language(client_for, person):
    _german, english = _versions(person.profile.skills.get().skill)
    client = client_for(person)

    client.post(f"/api/v1/feed/{english.pk}/dismiss/", {"reason": "item"}, format="json")

    assert client.get("/api/v1/feed/", HTTP_ACCEPT_LANGUAGE="de").json()["results"] == []


def test_a_version_the_reader_may_not_see_is_not_offered(client_for, person):
    german, english = _versions(person.profile.skills.get().skill)
    english.status = "draft"
    english.save(update_fields=["status"])

    [entry] = client_for(person).get("/api/v1/feed/", HTTP_ACCEPT_LANGUAGE="en").json()["results"]

    assert (entry["id"], entry["translations"]) == (german.pk, [])
