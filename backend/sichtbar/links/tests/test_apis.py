"""Links API: my links with counts, one link's statistics, conversions (API token, idempotent, limited)."""

from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection as db_connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from sichtbar.accounts.models import Role
from sichtbar.accounts.services import api_token_create
from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.audit.models import AuditEvent
from sichtbar.links.models import Conversion
from sichtbar.links.selectors import link_counts_for_shares
from sichtbar.organisation.tests.helpers import works_council

from .factories import ClickFactory, ConversionFactory, LinksShareFactory, TrackedLinkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def employee():
    return UserFactory(role=Role.EMPLOYEE)


@pytest.fixture
def manager():
    return UserFactory(role=Role.MANAGER)


@pytest.fixture
def open_mode():
    """Works-council mode off: managers may see per-person link figures."""
    works_council(False)


def _token_client(user) -> APIClient:
    _, secret = api_token_create(user=user, name="careers site", expires_in_days=None)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def test_my_links_with_their_counts(client_for, employee, settings):
    settings.SICHTBAR_SHORT_LINK_BASE = "https://go.example.com"
    mine = TrackedLinkFactory(share=LinksShareFactory(user=employee))
    ClickFactory.create_batch(3, link=mine)
    ClickFactory(link=mine, unique_of_day=False)
    ConversionFactory(link=mine)
    TrackedLinkFactory()  # someone else's

    response = client_for(employee).get("/api/v1/links/")

    assert response.status_code == 200
    assert response.json()["count"] == 1
    row = response.json()["results"][0]
    assert (row["id"], row["clicks"], row["unique_visitors"], row["conversions"]) == (mine.id, 4, 3, 1)
    assert row["short_url"] == f"https://go.example.com/r/{mine.code}"
    assert row["share_id"] == mine.share_id


def test_only_managers_list_everyones_links(client_for, employee, manager, open_mode):
    TrackedLinkFactory(share=LinksShareFactory(user=employee))
    TrackedLinkFactory()

    as_employee = client_for(employee).get("/api/v1/links/?scope=all").json()
    as_manager = client_for(manager).get("/api/v1/links/?scope=all").json()

    assert as_employee["count"] == 1
    assert as_manager["count"] == 2


def test_the_link_list_needs_a_constant_number_of_queries(client_for, manager, open_mode):
    client = client_for(manager)
    ClickFactory(link=TrackedLinkFactory())
    client.get("/api/v1/links/?scope=all")
    with CaptureQueriesContext(db_connection) as few:
        client.get("/api/v1/links/?scope=all")
    for _ in range(8):
        link = TrackedLinkFactory()
        ClickFactory.create_batch(2, link=link)
        ConversionFactory(link=link)

    with CaptureQueriesContext(db_connection) as many:
        response = client.get("/api/v1/links/?scope=all")

    assert response.json()["count"] == 9
    assert len(many.captured_queries) == len(few.captured_queries)


def test_stats_of_my_link(client_for, employee):
    link = TrackedLinkFactory(share=LinksShareFactory(user=employee))
    today = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)
    yesterday = today - timedelta(days=1)
    ClickFactory(link=link, occurred_at=yesterday, referrer_host="www.xing.com", device_class="mobile")
    ClickFactory(link=link, occurred_at=today, referrer_host="www.xing.com", device_class="desktop")
    ClickFactory(link=link, occurred_at=today, referrer_host="", device_class="mobile", unique_of_day=False)
    ClickFactory(link=link, occurred_at=today - timedelta(days=200), device_class="tablet")  # not in by_day
    ConversionFactory(link=link, kind="application")

    before = timezone.now()
    response = client_for(employee).get(f"/api/v1/links/{link.id}/stats/")

    assert response.status_code == 200
    data = response.json()
    assert (data["clicks"], data["unique_visitors"], data["conversions"]) == (4, 3, 1)
    assert before <= datetime.fromisoformat(data["computed_at"]) <= timezone.now()  # counted live
    assert data["by_day"] == [
        {"day": yesterday.date().isoformat(), "clicks": 1, "unique_visitors": 1},
        {"day": today.date().isoformat(), "clicks": 2, "unique_visitors": 1},
    ]
    assert data["referrers"] == [
        {"host": "www.xing.com", "clicks": 2},
        {"host": "", "clicks": 1},
        {"host": "www.linkedin.com", "clicks": 1},
    ]
    assert data["devices"] == [
        {"device_class": "mobile", "clicks": 2},
        {"device_class": "desktop", "clicks": 1},
        {"device_class": "tablet", "clicks": 1},
    ]
    assert data["conversions_by_kind"] == [{"kind": "application", "conversions": 1}]
    assert data["link"]["clicks"] == 4


def test_stats_of_someone_elses_link_are_hidden_from_employees_not_managers(
    client_for, employee, manager, open_mode
):
    link = TrackedLinkFactory()

    assert client_for(employee).get(f"/api/v1/links/{link.id}/stats/").status_code == 404
    assert client_for(manager).get(f"/api/v1/links/{link.id}/stats/").status_code == 200


def test_works_council_mode_keeps_per_person_figures_with_the_person(client_for, manager):
    works_council(True)
    someone_elses = TrackedLinkFactory()
    own = TrackedLinkFactory(share=LinksShareFactory(user=manager))

    listed = client_for(manager).get("/api/v1/links/?scope=all").json()
    stats = client_for(manager).get(f"/api/v1/links/{someone_elses.id}/stats/")

    assert [row["id"] for row in listed["results"]] == [own.id]
    assert stats.status_code == 404


def test_link_counts_for_shares(django_assert_num_queries):
    link = TrackedLinkFactory()
    quiet = TrackedLinkFactory()
    ClickFactory.create_batch(2, link=link)
    ClickFactory(link=link, unique_of_day=False)
    ConversionFactory(link=link)

    with django_assert_num_queries(3):
        counts = link_counts_for_shares(share_ids=[link.share_id, quiet.share_id, 999_999])

    assert {k: (v.clicks, v.unique_visitors, v.conversions) for k, v in counts.items()} == {
        link.share_id: (3, 2, 1),
        quiet.share_id: (0, 0, 0),
    }


def test_a_conversion_is_recorded_once_per_key(manager):
    link = TrackedLinkFactory()
    client = _token_client(manager)
    body = {"link": link.code, "key": "bewerbung-4711", "kind": "application", "value": "1.00"}

    first = client.post("/api/v1/conversions/", body, format="json")
    again = client.post("/api/v1/conversions/", body, format="json")

    assert first.status_code == 201
    assert again.status_code == 200
    assert first.json()["id"] == again.json()["id"]
    assert (first.json()["created"], again.json()["created"]) == (True, False)
    conversion = Conversion.objects.get()
    assert (conversion.link_id, conversion.key, conversion.kind) == (link.id, "bewerbung-4711", "application")
    assert conversion.created_by_token  # which token reported it
    assert AuditEvent.objects.filter(action="links.conversion_recorded").count() == 1


def test_a_conversion_for_an_unknown_code_is_refused(manager):
    response = _token_client(manager).post(
        "/api/v1/conversions/", {"link": "nope1234", "key": "k"}, format="json"
    )

    assert (response.status_code, response.json()["code"]) == (400, "conversion_link_unknown")
    assert "link" in response.json()["extra"]["fields"]
    assert Conversion.objects.count() == 0


def test_conversions_need_a_manager_token(employee):
    link = TrackedLinkFactory()

    anonymous = APIClient().post("/api/v1/conversions/", {"link": link.code, "key": "k"}, format="json")
    as_employee = _token_client(employee).post(
        "/api/v1/conversions/", {"link": link.code, "key": "k"}, format="json"
    )

    assert anonymous.status_code == 403
    assert as_employee.status_code == 403
    assert Conversion.objects.count() == 0


def test_conversions_are_rate_limited(manager, settings):
    cache.clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "conversions": "2/min",
        },
    }
    link = TrackedLinkFactory()
    client = _token_client(manager)

    codes = [
        client.post("/api/v1/conversions/", {"link": link.code, "key": f"k{n}"}, format="json").status_code
        for n in range(3)
    ]

    assert codes == [201, 201, 429]
    assert Conversion.objects.count() == 2
