"""An employee edits, publishes and previews their own profile."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from sichtbar.profiles.models import Profile, Visibility

from .factories import ProfileFactory, SkillFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def _image(fmt="PNG", size=(2000, 1000)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format=fmt)
    return SimpleUploadedFile(f"photo.{fmt.lower()}", buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def test_first_visit_shows_a_private_draft_without_creating_it(client_for, employee):
    employee.first_name, employee.last_name = "Jürgen", "Groß"
    employee.save()
    client = client_for(employee)

    response = client.get("/api/v1/profile/")

    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == "juergen-gross"
    assert body["is_published"] is False
    assert body["visibility"]["basics"] == Visibility.INTERNAL
    assert {hint["code"] for hint in body["completeness"]["hints"]} >= {
        "headline",
        "skills",
        "linkedin",
        "xing",
    }
    assert body["skills"] == [] and body["links"] == [] and body["availability"]["topics"] == []
    assert not Profile.objects.filter(user=employee).exists()  # reading is no write

    written = client.patch("/api/v1/profile/", {"headline_de": "Datenschutz"}, format="json")

    assert written.status_code == 200
    assert written.json()["slug"] == "juergen-gross"  # the draft shown is the one the first write creates
    assert Profile.objects.get(user=employee).slug == "juergen-gross"


def test_bio_is_sanitised(client_for, employee):
    payload = (
        '<p onclick="steal()">Hallo <script>alert(1)</script><a href="javascript:alert(1)">x</a>'
        "<img src=x onerror=alert(1)><strong>Cloud</strong></p>"
    )

    response = client_for(employee).patch("/api/v1/profile/", {"bio_de": payload}, format="json")

    bio = response.json()["bio_de"]
    assert "<strong>Cloud</strong>" in bio
    for bad in ("script", "onclick", "onerror", "javascript:", "<img"):
        assert bad not in bio


def test_partial_visibility_and_availability_update(client_for, employee):
    topic = SkillFactory()
    client = client_for(employee)

    response = client.patch(
        "/api/v1/profile/",
        {
            "visibility": {"bio": "public"},
            "availability": {"press": True, "topics": [topic.id], "note": "ab März"},
        },
        format="json",
    )

    body = response.json()
    assert body["visibility"]["bio"] == "public"
    assert body["visibility"]["skills"] == "internal"
    assert body["availability"]["press"] is True
    assert body["availability"]["topics"] == [{"id": topic.id, "slug": topic.slug, "name": topic.name_de}]
    assert Profile.objects.get(user=employee).search_dirty is True


def test_taken_address_is_refused(client_for, employee):
    ProfileFactory(slug="lena")

    response = client_for(employee).patch("/api/v1/profile/", {"slug": "Lena"}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "slug_taken"
    assert list(response.json()["extra"]["fields"]) == ["slug"]


def test_skills_are_replaced_and_validated(client_for, employee):
    kubernetes, python = SkillFactory(name_de="Kubernetes"), SkillFactory(name_de="Python")
    client = client_for(employee)

    client.put(
        "/api/v1/profile/skills/", [{"skill": kubernetes.id, "level": 5, "can_mentor": True}], format="json"
    )
    response = client.put(
        "/api/v1/profile/skills/", [{"skill": python.id, "level": 3, "ask_me_about": True}], format="json"
    )

    skills = response.json()["skills"]
    assert [(s["skill"]["id"], s["level"], s["ask_me_about"]) for s in skills] == [(python.id, 3, True)]
    bad_level = client.put("/api/v1/profile/skills/", [{"skill": python.id, "level": 6}], format="json")
    assert bad_level.status_code == 400
    unknown = client.put("/api/v1/profile/skills/", [{"skill": 999999, "level": 2}], format="json")
    assert unknown.json()["code"] == "skill_unknown"
    assert Profile.objects.get(user=employee).skills.get().skill == python


@pytest.mark.parametrize(
    ("kind", "url", "ok"),
    [
        ("linkedin", "https://www.linkedin.com/in/lena-hoffmann", True),
        ("linkedin", "https://evil.example/in/lena", False),
        ("xing", "https://www.xing.com/profile/Lena_Hoffmann", True),
        ("orcid", "https://orcid.org/0000-0002-1825-0097", True),
        ("orcid", "https://orcid.org/lena", False),
        ("github", "https://github.com/lena", True),
        ("mastodon", "https://chaos.social/@lena", True),
        ("mastodon", "https://chaos.social/lena", False),
        ("blog", "https://lena.example/blog", True),
        ("blog", "ftp://lena.example", False),
    ],
)
def test_links_are_validated_per_network(client_for, employee, kind, url, ok):
    response = client_for(employee).put("/api/v1/profile/links/", [{"kind": kind, "url": url}], format="json")

    assert (response.status_code == 200) is ok
    if ok:
        assert response.json()["links"] == [{"kind": kind, "url": url}]


def test_languages(client_for, employee):
    response = client_for(employee).put(
        "/api/v1/profile/languages/",
        [{"code": "de", "level": "native"}, {"code": "en", "level": "C1"}],
        format="json",
    )

    assert response.json()["languages"] == [{"code": "de", "level": "native"}, {"code": "en", "level": "C1"}]


def test_photo_is_resized_and_stored_as_webp(client_for, employee):
    client = client_for(employee)

    response = client.post("/api/v1/profile/photo/", {"photo": _image()}, format="multipart")

    assert response.status_code == 200
    profile = Profile.objects.get(user=employee)
    with Image.open(profile.photo.path) as stored:
        assert stored.format == "WEBP"
        assert max(stored.size) == 512
    assert response.json()["photo_url"].endswith(".webp")
    assert client.delete("/api/v1/profile/photo/").json()["photo_url"] is None


def test_non_images_and_huge_files_are_refused(client_for, employee):
    client = client_for(employee)
    fake = SimpleUploadedFile("photo.png", b"<svg onload=alert(1)>", content_type="image/png")
    gif = _image("GIF", (10, 10))

    for upload in (fake, gif):
        response = client.post("/api/v1/profile/photo/", {"photo": upload}, format="multipart")
        assert response.status_code == 400
        assert response.json()["code"] == "photo_invalid"
    assert not Profile.objects.filter(user=employee).exclude(photo="").exists()


def test_publish_and_preview_as_visitor(client_for, employee):
    client = client_for(employee)
    client.patch(
        "/api/v1/profile/",
        {
            "headline_de": "Datenschutz",
            "visibility": {"basics": "public", "bio": "private"},
            "bio_de": "<p>x</p>",
        },
        format="json",
    )

    before = client.get("/api/v1/profile/preview/?audience=public").json()
    client.post("/api/v1/profile/publish/")
    after = client.get("/api/v1/profile/preview/?audience=public").json()
    colleague = client.get("/api/v1/profile/preview/?audience=internal").json()

    assert before["visible"] is False
    assert after["headline"] == "Datenschutz"
    assert after["bio"] is None
    assert colleague["bio"] is None  # private means only me
    assert client.post("/api/v1/profile/unpublish/").json()["is_published"] is False


def test_preview_before_the_first_write_shows_the_draft_and_creates_nothing(client_for, employee):
    employee.first_name, employee.last_name = "Jürgen", "Groß"
    employee.save()
    client = client_for(employee)

    public = client.get("/api/v1/profile/preview/?audience=public")
    colleague = client.get("/api/v1/profile/preview/?audience=internal")

    assert public.status_code == colleague.status_code == 200
    assert public.json()["visible"] is False  # not published yet
    assert colleague.json()["slug"] == "juergen-gross"  # the address the first write will take
    assert colleague.json()["skills"] == [] and colleague.json()["links"] == []
    assert not Profile.objects.filter(user=employee).exists()  # a preview is no write


def test_profile_read_has_constant_queries(client_for, employee):
    client = client_for(employee)
    skills = SkillFactory.create_batch(12)
    client.put("/api/v1/profile/skills/", [{"skill": skills[0].id, "level": 2}], format="json")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/profile/")
    client.put("/api/v1/profile/skills/", [{"skill": s.id, "level": 2} for s in skills], format="json")
    with CaptureQueriesContext(connection) as many:
        client.get("/api/v1/profile/")

    assert len(many) == len(few)


def test_the_preview_rule_hides_every_section_but_the_basics_from_an_audience_that_cannot_see(employee):
    from sichtbar.profiles import selectors

    profile = ProfileFactory(user=employee, is_published=False, headline_de="Datenschutz", bio_de="<p>x</p>")
    profile.visibility_basics = profile.visibility_bio = Visibility.PUBLIC
    profile.save()
    profile = selectors.profile_queryset().get(pk=profile.pk)

    hidden, hidden_visible = selectors.expert_preview(profile=profile, audience="public", language="de")
    shown, shown_visible = selectors.expert_preview(profile=profile, audience="internal", language="de")

    assert hidden_visible is False and shown_visible is True
    assert hidden["headline"] == "Datenschutz" and hidden["indexable"] is False
    assert [hidden[key] for key in ("bio", "skills", "languages", "links", "availability")] == [None] * 5
    assert shown["bio"] is not None
