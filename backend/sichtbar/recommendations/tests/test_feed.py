from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sichtbar.accounts.tests.factories import DepartmentFactory, UserFactory
from sichtbar.content.models import ContentStatus
from sichtbar.content.tests.factories import FeedContentItemFactory
from sichtbar.core.networks import Network
from sichtbar.profiles.tests.factories import ProfileFactory, ProfileSkillFactory, SkillFactory
from sichtbar.recommendations import privacy
from sichtbar.recommendations.models import Dismissal
from sichtbar.recommendations.selectors import personal_feed
from sichtbar.recommendations.services import engagement_refresh
from sichtbar.sharing.models import Share, ShareMethod, ShareStatus

pytestmark = pytest.mark.django_db


def _share(user, item, status=ShareStatus.POSTED):
    return Share.objects.create(
        user=user, content=item, network=Network.LINKEDIN, method=ShareMethod.INTENT, status=status
    )


@pytest.fixture
def skills():
    cloud = SkillFactory(slug="cloud", name_de="Cloud", name_en="Cloud")
    return {
        "cloud": cloud,
        "kubernetes": SkillFactory(
            slug="kubernetes", name_de="Kubernetes", name_en="Kubernetes", parent=cloud
        ),
        "sap": SkillFactory(slug="sap", name_de="SAP", name_en="SAP"),
        "design": SkillFactory(slug="design", name_de="Gestaltung", name_en="Design"),
    }


@pytest.fixture
def person(skills):
    profile = ProfileFactory()
    ProfileSkillFactory(profile=profile, skill=skills["kubernetes"], level=5)
    return profile.user


def _ids(user, **kwargs):
    entries, _more = personal_feed(user=user, language="en", **kwargs)
    return [e.item.pk for e in entries]


def test_skill_match_ranks_first_and_says_why(person, skills):
    other = FeedContentItemFactory(topics=[skills["sap"]])
    match = FeedContentItemFactory(
        topics=[skills["kubernetes"]], published_at=timezone.now() - timedelta(days=5)
    )

    entries, has_more = personal_feed(user=person, language="en")

    assert [e.item.pk for e in entries] == [match.pk, other.pk]
    assert has_more is False
    assert entries[0].reasons[0].code == "skill"
    assert entries[0].reasons[0].params == {"skill": "Kubernetes"}
    assert "skill" not in [r.code for r in entries[1].reasons]


def test_parent_skill_counts_partly_and_is_explained(person, skills):
    parent_item = FeedContentItemFactory(topics=[skills["cloud"]])
    exact = FeedContentItemFactory(topics=[skills["kubernetes"]])
    unrelated = FeedContentItemFactory(topics=[skills["design"]])

    entries, _ = personal_feed(user=person, language="de")

    assert [e.item.pk for e in entries] == [exact.pk, parent_item.pk, unrelated.pk]
    assert entries[1].reasons[0].code == "related_skill"
    assert entries[1].reasons[0].params == {"skill": "Kubernetes"}


def test_excludes_shared_dismissed_expired_and_other_audiences(person, skills):
    shown = FeedContentItemFactory(topics=[skills["kubernetes"]])
    shared = FeedContentItemFactory(topics=[skills["kubernetes"]])
    _share(person, shared)
    failed = FeedContentItemFactory(topics=[skills["kubernetes"]])
    _share(person, failed, status=ShareStatus.FAILED)  # a failed share does not hide the item
    dismissed = FeedContentItemFactory(topics=[skills["kubernetes"]])
    Dismissal.objects.create(user=person, content=dismissed)
    FeedContentItemFactory(topics=[skills["kubernetes"]], expires_at=timezone.now() - timedelta(minutes=1))
    FeedContentItemFactory(topics=[skills["kubernetes"]], status=ContentStatus.DRAFT)
    FeedContentItemFactory(topics=[skills["kubernetes"]], departments=[DepartmentFactory()])

    assert sorted(_ids(person)) == sorted([shown.pk, failed.pk])


def test_dismissing_a_topic_lowers_it(person, skills):
    ProfileSkillFactory(profile=person.profile, skill=skills["sap"], level=2)
    kube = [FeedContentItemFactory(topics=[skills["kubernetes"]]) for _ in range(2)]
    sap = FeedContentItemFactory(topics=[skills["sap"]])
    assert _ids(person)[0] in {k.pk for k in kube}

    response_before = _ids(person)
    Dismissal.objects.create(user=person, content=kube[0], reason="topic", topic=skills["kubernetes"])

    after = _ids(person)
    assert kube[0].pk not in after
    assert response_before.index(sap.pk) > response_before.index(kube[1].pk)
    assert after == [sap.pk, kube[1].pk]


def test_one_topic_does_not_fill_the_top(person, skills):
    ProfileSkillFactory(profile=person.profile, skill=skills["sap"], level=2)
    now = timezone.now()
    for n in range(10):
        FeedContentItemFactory(topics=[skills["kubernetes"]], published_at=now - timedelta(hours=n))
    sap = [
        FeedContentItemFactory(topics=[skills["sap"]], published_at=now - timedelta(days=3)) for _ in range(3)
    ]

    top = _ids(person, limit=6)

    assert {s.pk for s in sap} <= set(top)


def test_colleagues_in_the_department_make_an_item_popular(person, skills):
    quiet = FeedContentItemFactory(topics=[skills["design"]], published_at=timezone.now() - timedelta(days=1))
    popular = FeedContentItemFactory(
        topics=[skills["design"]], published_at=timezone.now() - timedelta(days=2)
    )
    for _ in range(3):
        _share(UserFactory(department=person.department), popular)
    _share(UserFactory(), quiet)  # another department

    assert _ids(person) == [quiet.pk, popular.pk]  # counters not built yet: fresher first
    engagement_refresh()

    entries, _ = personal_feed(user=person, language="en")
    assert [e.item.pk for e in entries] == [popular.pk, quiet.pk]
    assert entries[0].reasons[0].code == "department_popular"
    assert entries[0].reasons[0].params == {"department": person.department.name, "count": 3}


def test_new_and_important_reasons(person):
    item = FeedContentItemFactory(important=True)
    old = FeedContentItemFactory(published_at=timezone.now() - timedelta(days=30))

    entries, _ = personal_feed(user=person, language="en")

    assert [e.item.pk for e in entries] == [item.pk, old.pk]
    assert [r.code for r in entries[0].reasons] == ["new", "important"]
    assert entries[1].reasons == []


def test_pages_do_not_overlap(person, skills):
    items = [FeedContentItemFactory(topics=[skills["kubernetes"]]) for _ in range(5)]

    first, more = personal_feed(user=person, language="en", limit=3)
    second, more2 = personal_feed(user=person, language="en", limit=3, offset=3)

    assert more is True and more2 is False
    assert sorted([e.item.pk for e in first + second]) == sorted(i.pk for i in items)


def _feed_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/feed/")
    assert response.status_code == 200
    return len(queries), len(response.json()["results"])


def test_query_count_does_not_grow_with_the_catalogue(client_for, person, skills):
    colleague = UserFactory(department=person.department)
    for _n in range(3):
        _share(colleague, FeedContentItemFactory(topics=[skills["kubernetes"], skills["cloud"]]))
    engagement_refresh()
    client = client_for(person)
    client.get("/api/v1/feed/")  # the first request of the day also notes the reader (FeedReader)
    small, small_count = _feed_queries(client)

    for _ in range(30):
        item = FeedContentItemFactory(topics=[skills["kubernetes"], skills["sap"]])
        _share(colleague, item)
    engagement_refresh()
    large, large_count = _feed_queries(client)

    assert (small_count, large_count) == (3, 20)
    assert large == small
    assert large <= 25


def test_privacy_export_and_erase(person, skills):
    item = FeedContentItemFactory(title="Kubernetes im Mittelstand", topics=[skills["kubernetes"]])
    Dismissal.objects.create(user=person, content=item, reason="topic", topic=skills["kubernetes"])

    exported = privacy.export_user_data(person)
    assert exported["dismissals"][0]["content__title"] == "Kubernetes im Mittelstand"
    assert exported["dismissals"][0]["topic__slug"] == "kubernetes"

    privacy.erase_user_data(person)
    assert not Dismissal.objects.filter(user=person).exists()


def test_cached_ranking_is_refreshed_by_feedback_and_rechecked_on_serving(person, skills, settings):
    settings.RECOMMENDATIONS_FEED_CACHE_SECONDS = 120
    first = FeedContentItemFactory(topics=[skills["kubernetes"]])
    second = FeedContentItemFactory(
        topics=[skills["kubernetes"]], published_at=timezone.now() - timedelta(days=1)
    )
    assert _ids(person) == [first.pk, second.pk]

    # a publication marks the catalogue changed: the cached ranking is not served any more
    newer = FeedContentItemFactory(topics=[skills["kubernetes"]])
    assert sorted(_ids(person)) == sorted([first.pk, second.pk, newer.pk])

    second.expires_at = timezone.now() - timedelta(seconds=1)  # expired since: dropped
    second.save()
    assert sorted(_ids(person)) == sorted([first.pk, newer.pk])

    Dismissal.objects.create(user=person, content=first)
    from sichtbar.recommendations.selectors import feed_cache_invalidate

    feed_cache_invalidate(user_id=person.pk)  # what the dismiss service does
    assert _ids(person) == [newer.pk]
