"""The monitoring API: manager CRUD with audit records, fetch now, the mentions list with filters, the
counts for the chips, the CSV export, and employees seeing only the mentions that name them."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.db import connection as db_connection
from django.test.utils import CaptureQueriesContext

from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.audit.models import AuditEvent
from sichtbar.integrations.tests.blog_server import rss
from sichtbar.integrations.tests.factories import ImportedPostFactory
from sichtbar.monitoring.models import Mention, MentionSource, MonitoredTerm, MonitoringFeed
from sichtbar.organisation.models import FiguresOptIn
from sichtbar.organisation.tests.helpers import works_council

from .factories import MentionFactory, MonitoredTermFactory, MonitoringFeedFactory

pytestmark = pytest.mark.django_db


def test_a_manager_adds_a_feed_and_the_change_is_audited(client_for, manager):
    response = client_for(manager).post(
        "/api/v1/monitoring/feeds/",
        {"name": "Google Alert", "url": "alerts.example.com/feeds/1", "kind": "alert"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["name"], body["url"], body["kind"], body["last_fetch_status"], body["mention_count"]) == (
        "Google Alert",
        "https://alerts.example.com/feeds/1",
        "alert",
        "pending",
        0,
    )
    event = AuditEvent.objects.get()
    assert (event.actor, event.action, event.target_id) == (
        manager,
        "monitoring.feed.create",
        str(body["id"]),
    )


def test_the_same_feed_twice_is_a_conflict_and_a_bad_address_a_field_error(client_for, manager):
    MonitoringFeedFactory(url="https://news.example.com/feed")
    client = client_for(manager)

    twice = client.post("/api/v1/monitoring/feeds/", {"name": "x", "url": "https://news.example.com/feed"})
    bad = client.post("/api/v1/monitoring/feeds/", {"name": "x", "url": "ftp://news.example.com/feed"})

    assert (twice.status_code, twice.json()["code"]) == (409, "monitoring_feed_exists")
    assert (bad.status_code, bad.json()["code"]) == (400, "monitoring_feed_url_invalid")
    assert list(bad.json()["extra"]["fields"]) == ["url"]
    assert MonitoringFeed.objects.count() == 1
    assert not AuditEvent.objects.exists()


def test_update_and_delete_a_feed(client_for, manager):
    feed = MonitoringFeedFactory(name="Alt")
    MentionFactory(feed=feed)
    client = client_for(manager)

    updated = client.patch(
        f"/api/v1/monitoring/feeds/{feed.pk}/", {"name": "Neu", "active": False}, format="json"
    )
    deleted = client.delete(f"/api/v1/monitoring/feeds/{feed.pk}/")

    assert (updated.status_code, updated.json()["name"], updated.json()["active"]) == (200, "Neu", False)
    assert deleted.status_code == 204
    assert not MonitoringFeed.objects.exists() and not Mention.objects.exists()
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "monitoring.feed.update",
        "monitoring.feed.delete",
    ]


def test_fetch_now_fetches_the_feed_and_reports_its_status(
    client_for, manager, news, allow, django_capture_on_commit_callbacks
):
    allow(news)
    news.pages["/feed"] = rss(
        {"title": "Sichtbar im Handelsblatt", "link": "https://n.example.com/1", "guid": "1"}
    )
    feed = MonitoringFeedFactory(url=f"{news.url}/feed")
    MonitoredTermFactory(text="Sichtbar")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(manager).post(f"/api/v1/monitoring/feeds/{feed.pk}/fetch/")

    assert response.status_code == 202
    feed.refresh_from_db()
    assert feed.last_fetch_status == "ok"
    assert Mention.objects.get().title == "Sichtbar im Handelsblatt"


def test_a_manager_manages_terms_with_exclusions(client_for, manager):
    client = client_for(manager)

    created = client.post(
        "/api/v1/monitoring/terms/",
        {"text": "  Jaguar ", "kind": "brand", "exclude_words": ["Zoo", "zoo", " Raubkatze "]},
        format="json",
    )
    twice = client.post("/api/v1/monitoring/terms/", {"text": "jaguar"}, format="json")
    term_id = created.json()["id"]
    updated = client.patch(f"/api/v1/monitoring/terms/{term_id}/", {"case_sensitive": True}, format="json")
    listed = client.get("/api/v1/monitoring/terms/")
    deleted = client.delete(f"/api/v1/monitoring/terms/{term_id}/")

    assert created.status_code == 201
    assert (created.json()["text"], created.json()["exclude_words"]) == ("Jaguar", ["Zoo", "Raubkatze"])
    assert (twice.status_code, twice.json()["code"]) == (409, "monitoring_term_exists")
    assert updated.json()["case_sensitive"] is True
    assert [term["text"] for term in listed.json()] == ["Jaguar"]
    assert deleted.status_code == 204 and not MonitoredTerm.objects.exists()
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "monitoring.term.create",
        "monitoring.term.update",
        "monitoring.term.delete",
    ]


def test_unknown_ids_are_404_with_a_code(client_for, manager):
    response = client_for(manager).patch("/api/v1/monitoring/terms/999999/", {"active": False}, format="json")

    assert (response.status_code, response.json()["code"]) == (404, "monitoring_term_not_found")


@pytest.fixture
def mentions():
    anna = UserFactory(first_name="Anna", last_name="Berg")
    ben = UserFactory(first_name="Ben", last_name="Kurz")
    brand = MonitoredTermFactory(text="Sichtbar")
    product = MonitoredTermFactory(text="Radar", kind="product")
    news = MonitoringFeedFactory(name="Presse")
    post = ImportedPostFactory(author=ben, connection__user=ben)
    old = MentionFactory(
        feed=news,
        title="Sichtbar im Oktober",
        text="Sichtbar im Oktober mit Anna Berg",
        published_at=datetime(2026, 10, 5, tzinfo=UTC),
        terms=[brand],
        experts=[anna],
    )
    new = MentionFactory(
        feed=news,
        title="Radar startet",
        text="Radar startet",
        published_at=datetime(2026, 11, 20, tzinfo=UTC),
        terms=[product],
    )
    network = MentionFactory(
        source=MentionSource.NETWORK,
        feed=None,
        post=post,
        title="Mein Projekt mit Anna Berg",
        text="Mein Projekt mit Anna Berg und Sichtbar",
        published_at=datetime(2026, 11, 21, tzinfo=UTC),
        terms=[brand],
        experts=[anna],
    )
    return {"anna": anna, "ben": ben, "brand": brand, "old": old, "new": new, "network": network}


def ids(response) -> list[int]:
    assert response.status_code == 200, response.json()
    return [item["id"] for item in response.json()["results"]]


def test_a_manager_filters_mentions_by_source_person_term_period_and_text(client_for, manager, mentions):
    client = client_for(manager)
    url = "/api/v1/monitoring/mentions/"
    m = mentions

    assert ids(client.get(url)) == [m["network"].pk, m["new"].pk, m["old"].pk]
    assert ids(client.get(url, {"source": "feed"})) == [m["new"].pk, m["old"].pk]
    assert ids(client.get(url, {"person": m["anna"].pk})) == [m["network"].pk, m["old"].pk]
    assert ids(client.get(url, {"term": m["brand"].pk, "source": "network"})) == [m["network"].pk]
    assert ids(client.get(url, {"date_from": "2026-11-01", "date_to": "2026-11-20"})) == [m["new"].pk]
    assert ids(client.get(url, {"search": "radar START"})) == [m["new"].pk]
    assert client.get(url, {"source": "fax"}).status_code == 400


def test_the_list_item_carries_the_highlighted_excerpt_origin_terms_and_people(client_for, manager, mentions):
    body = client_for(manager).get("/api/v1/monitoring/mentions/", {"source": "network"}).json()

    item = body["results"][0]
    assert (item["source"], item["feed"], item["network"], item["author"]) == (
        "network",
        None,
        "blog",
        "Ben Kurz",
    )
    assert item["excerpt"] == "Ein Artikel über <mark>Sichtbar</mark>"
    assert item["terms"] == [{"id": mentions["brand"].pk, "text": "Sichtbar", "kind": "brand"}]
    assert item["experts"] == [{"id": mentions["anna"].pk, "name": "Anna Berg"}]


def test_the_summary_counts_per_source_with_the_other_filters_applied(client_for, manager, mentions):
    works_council(False)
    body = (
        client_for(manager)
        .get("/api/v1/monitoring/mentions/summary/", {"source": "feed", "term": mentions["brand"].pk})
        .json()
    )

    assert (body["total"], body["sources"]) == (2, {"feed": 1, "network": 1})
    assert body["people"] == [{"id": mentions["anna"].pk, "name": "Anna Berg", "count": 2}]
    assert [(term["text"], term["count"]) for term in body["terms"]] == [("Sichtbar", 2), ("Radar", 1)]


def test_an_employee_sees_only_the_mentions_that_name_them(client_for, mentions):
    anna, ben = client_for(mentions["anna"]), client_for(mentions["ben"])

    assert ids(anna.get("/api/v1/monitoring/mentions/")) == [mentions["network"].pk, mentions["old"].pk]
    assert ids(ben.get("/api/v1/monitoring/mentions/")) == []  # his own post names Anna, not him
    assert ben.get("/api/v1/monitoring/mentions/summary/").json()["total"] == 0
    rows = list(csv.reader(io.StringIO(ben.get("/api/v1/monitoring/mentions/export/").getvalue().decode())))
    assert len(rows) == 1  # the header only


def test_the_csv_export_holds_the_filtered_list(client_for, manager, mentions):
    response = client_for(manager).get("/api/v1/monitoring/mentions/export/", {"source": "feed"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[0] == [
        "Veröffentlicht",
        "Quelle",
        "Herkunft",
        "Titel",
        "Adresse",
        "Begriffe",
        "Personen",
        "Auszug",
    ]
    english = client_for(manager).get("/api/v1/monitoring/mentions/export/", HTTP_ACCEPT_LANGUAGE="en")
    assert (
        english.getvalue().decode("utf-8-sig").splitlines()[0]
        == "Published,Source,Origin,Title,Address,Terms,People,Excerpt"
    )
    assert [(row[1], row[2], row[3], row[5], row[6]) for row in rows[1:]] == [
        ("feed", "Presse", "Radar startet", "Radar", ""),
        ("feed", "Presse", "Sichtbar im Oktober", "Sichtbar", "Anna Berg"),
    ]
    assert rows[1][7] == "Ein Artikel über Sichtbar"


def test_a_formula_in_a_title_is_defused_in_the_csv(client_for, manager):
    MentionFactory(title='=HYPERLINK("http://evil")')

    body = client_for(manager).get("/api/v1/monitoring/mentions/export/").getvalue().decode("utf-8-sig")

    assert "'=HYPERLINK" in body


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(db_connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/monitoring/mentions/",
        "/api/v1/monitoring/mentions/summary/",
        "/api/v1/monitoring/feeds/",
        "/api/v1/monitoring/terms/",
    ],
)
def test_list_queries_do_not_grow_with_the_rows(client_for, manager, url):
    client = client_for(manager)
    term = MonitoredTermFactory()
    person = UserFactory(first_name="A", last_name="B")
    MentionFactory(terms=[term], experts=[person])
    MentionFactory(source=MentionSource.NETWORK, feed=None, post=ImportedPostFactory(), terms=[term])
    few = _queries(client, url)

    for _ in range(6):
        MentionFactory(terms=[MonitoredTermFactory()], experts=[UserFactory()])
        MentionFactory(source=MentionSource.NETWORK, feed=None, post=ImportedPostFactory(), terms=[term])

    assert _queries(client, url) == few
    assert few <= 9  # the summary reads works-council mode and the opt-ins once


def test_errors_come_in_german_for_german_clients(client_for, manager):
    MonitoredTermFactory(text="Sichtbar")

    response = client_for(manager).post(
        "/api/v1/monitoring/terms/", {"text": "sichtbar"}, format="json", HTTP_ACCEPT_LANGUAGE="de"
    )

    assert response.json()["message"] == "Dieser Begriff wird bereits beobachtet."


def test_works_council_mode_shows_managers_a_person_s_count_only_with_their_opt_in(
    client_for, manager, mentions
):
    """A person's mention count includes their own imported posts: a figure of their activity."""
    works_council(True)
    client = client_for(manager)
    params = {"source": "feed", "term": mentions["brand"].pk}

    hidden = client.get("/api/v1/monitoring/mentions/summary/", params).json()["people"]
    FiguresOptIn.objects.create(user=mentions["anna"], share_figures=True)
    shown = client.get("/api/v1/monitoring/mentions/summary/", params).json()["people"]

    assert hidden == [{"id": mentions["anna"].pk, "name": "Anna Berg", "count": None}]
    assert shown == [{"id": mentions["anna"].pk, "name": "Anna Berg", "count": 2}]
