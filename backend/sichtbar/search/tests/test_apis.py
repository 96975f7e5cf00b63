"""The search endpoints: shapes, pagination, validation, throttling, audiences."""

import pytest
from rest_framework.throttling import ScopedRateThrottle

from .helpers import index_all, profile, skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    k8s = skill("Kubernetes", aliases=("K8s",))
    for i in range(3):
        profile(slug=f"pub{i}", last_name=f"Public{i}", skills={k8s: 3 + i})
    profile(slug="colleague", last_name="Intern", skills={k8s: 5}, sections={"basics": "internal"})
    index_all()


def test_public_search_shape_and_pagination(api_client, people):
    response = api_client.get("/api/v1/public/experts/", {"q": "K8s", "page_size": 2})

    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 3
    assert [r["slug"] for r in body["results"]] == ["pub2", "pub1"]
    assert body["next"].endswith("page=2&page_size=2") or "page=2" in body["next"]
    assert body["previous"] is None
    assert set(body["facets"]) == {"skill", "level", "language", "location", "department", "availability"}
    assert body["results"][0]["highlights"]["skills"] == ["<mark>Kubernetes</mark>", "<mark>K8s</mark>"]
    assert body["suggestions"] == []

    second = api_client.get(body["next"]).json()
    assert [r["slug"] for r in second["results"]] == ["pub0"]
    assert (
        api_client.get("/api/v1/public/experts/", {"q": "K8s", "page_size": 2, "page": 3}).status_code == 404
    )


def test_internal_search_sees_colleagues_only_when_signed_in(client_for, employee, people):
    public = client_for(None).get("/api/v1/public/experts/", {"q": "Intern"}).json()
    internal = client_for(employee).get("/api/v1/directory/experts/", {"q": "Intern"}).json()

    assert public["count"] == 0
    assert [r["slug"] for r in internal["results"]] == ["colleague"]
    assert client_for(None).get("/api/v1/directory/experts/").status_code == 403


def test_invalid_filters_are_validation_errors(api_client):
    response = api_client.get("/api/v1/public/experts/", {"min_level": 9, "available": "never"})

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert set(response.json()["extra"]["fields"]) == {"min_level", "available"}


def test_autocomplete_and_match(api_client, people):
    auto = api_client.get("/api/v1/public/experts/autocomplete/", {"q": "Publ"}).json()
    match = api_client.post(
        "/api/v1/public/experts/match/", {"text": "Wer hilft bei K8s?"}, format="json"
    ).json()

    assert auto["skills"] == []
    assert [e["slug"] for e in auto["experts"]] == ["pub0", "pub1", "pub2"]
    assert [r["slug"] for r in match["results"]] == ["pub2", "pub1", "pub0"]
    assert [s["slug"] for s in match["skills"]] == ["kubernetes"]


def test_public_search_is_throttled(api_client, monkeypatch):
    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "public_search", "2/min")

    codes = [api_client.get("/api/v1/public/experts/").status_code for _ in range(3)]

    assert codes == [200, 200, 429]
    assert api_client.get("/api/v1/public/experts/").json()["code"] == "throttled"


def test_search_body_matches_its_output_serializer(api_client, client_for, employee, people):
    from sichtbar.profiles.models import Profile
    from sichtbar.search.serializers import ExpertSearchOutputSerializer

    Profile.objects.filter(slug="pub1").update(available_until="2031-01-31")
    index_all()
    for client, url in (
        (api_client, "/api/v1/public/experts/"),
        (client_for(employee), "/api/v1/directory/experts/"),
    ):
        body = client.get(url, {"q": "K8s"}, HTTP_ACCEPT_LANGUAGE="en").json()

        assert body["results"] and body["facets"]["skill"]
        assert ExpertSearchOutputSerializer(body).data == body  # no field more, none missing, same values
