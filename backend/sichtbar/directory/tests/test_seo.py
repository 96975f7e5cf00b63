"""The server-rendered head of public profile pages, the sitemap and robots.txt: public sections only."""

import json
import re
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import localtime

from sichtbar.profiles.models import Visibility

from .conftest import ALL_LEVELS, SECRET, SECTIONS, make_profile

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def _json_ld(html: str) -> dict:
    scripts = JSON_LD.findall(html)
    assert len(scripts) == 1
    return json.loads(scripts[0])


@pytest.mark.django_db
def test_public_profile_page_has_title_description_canonical_and_person(client, dist, expert):
    with override_settings(COMPANY_NAME="Beispiel AG"):
        response = client.get(f"/experts/{expert.slug}", HTTP_ACCEPT_LANGUAGE="de")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<!-- spa -->" in html
    assert "csrftoken" in response.cookies
    name = expert.user.full_name
    assert html.count("<title>") == 1
    assert f"<title>{name} – Cloud-Architektin | Sichtbar</title>" in html
    assert f'<link rel="canonical" href="https://experten.example.com/experts/{expert.slug}">' in html
    assert '<meta name="description" content="GEHEIMBIO Ich migriere Anwendungen.">' in html
    assert '<meta property="og:type" content="profile">' in html
    assert 'name="robots"' not in html
    person = _json_ld(html)
    assert person["@type"] == "Person"
    assert person["name"] == name
    assert person["jobTitle"] == "Cloud-Architektin"
    assert person["url"] == f"https://experten.example.com/experts/{expert.slug}"
    assert person["worksFor"] == {"@type": "Organization", "name": "Beispiel AG"}
    assert person["knowsAbout"] == [f"{SECRET['skills']} {expert.pk}"]
    assert person["sameAs"] == [SECRET["links"]]


@pytest.mark.django_db
def test_english_visitors_get_the_english_headline(client, dist, expert):
    html = client.get(f"/experts/{expert.slug}", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "– Cloud architect | Sichtbar</title>" in html
    assert _json_ld(html)["jobTitle"] == "Cloud architect"


@pytest.mark.django_db
@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize(
    "level", [level for level in ALL_LEVELS if level not in {"public", "public_noindex"}]
)
def test_a_section_visitors_may_not_see_never_reaches_the_page(client, dist, section, level):
    profile = make_profile(**{f"visibility_{section}": level})

    html = client.get(f"/experts/{profile.slug}").content.decode()

    assert SECRET[section] not in html
    person = _json_ld(html)
    key = {"bio": "description", "skills": "knowsAbout", "links": "sameAs", "languages": "knowsLanguage"}
    if section in key:
        assert key[section] not in person


@pytest.mark.django_db
def test_a_photo_becomes_an_absolute_image(client, dist, expert):
    expert.photo.name = "profiles/photos/a.webp"
    expert.save()

    html = client.get(f"/experts/{expert.slug}").content.decode()

    assert _json_ld(html)["image"] == "https://experten.example.com/media/profiles/photos/a.webp"
    assert (
        '<meta property="og:image" content="https://experten.example.com/media/profiles/photos/a.webp">'
        in html
    )


@pytest.mark.django_db
def test_markup_in_names_and_headlines_cannot_break_out(client, dist, expert):
    payload = "</script><script>alert(1)</script>"
    expert.user.first_name = payload
    expert.user.save()
    expert.headline_de = f'{payload}" onload="alert(2)'
    expert.bio_de = "<p>Hallo &lt;/script&gt;&lt;script&gt;alert(3)&lt;/script&gt;</p>"
    expert.save()

    html = client.get(f"/experts/{expert.slug}", HTTP_ACCEPT_LANGUAGE="de").content.decode()

    assert "<script>alert" not in html
    assert 'onload="alert' not in html
    assert html.count("</script>") == 1  # only the JSON-LD element's own end tag
    person = _json_ld(html)
    assert person["name"].startswith(payload)
    assert person["jobTitle"] == f'{payload}" onload="alert(2)'
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in html  # the title shows it as text


@pytest.mark.django_db
def test_public_noindex_tier_sends_noindex(client, dist):
    profile = make_profile(visibility_basics=Visibility.PUBLIC_NOINDEX)

    html = client.get(f"/experts/{profile.slug}").content.decode()

    assert '<meta name="robots" content="noindex">' in html
    assert _json_ld(html)["name"] == profile.user.full_name


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides",
    [
        {"visibility_basics": Visibility.INTERNAL},
        {"visibility_basics": Visibility.PRIVATE},
        {"is_published": False},
    ],
)
def test_hidden_or_unknown_profiles_get_the_spa_as_404_with_noindex(client, dist, overrides):
    profile = make_profile(**overrides)

    for slug in (profile.slug, "niemand"):
        response = client.get(f"/experts/{slug}")
        html = response.content.decode()
        assert response.status_code == 404
        assert "<!-- spa -->" in html
        assert '<meta name="robots" content="noindex">' in html
        assert profile.user.last_name not in html
        assert SECRET["bio"] not in html
        assert "application/ld+json" not in html


@pytest.mark.django_db
def test_colleagues_get_the_spa_for_an_internal_profile_without_its_data(client_for, dist, employee):
    profile = make_profile(visibility_basics=Visibility.INTERNAL)
    client = client_for(employee)

    response = client.get(f"/experts/{profile.slug}")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert SECRET["bio"] not in html


@pytest.mark.django_db
def test_sitemap_lists_published_indexable_profiles_only(client, dist):
    indexable = make_profile()
    noindex = make_profile(visibility_basics=Visibility.PUBLIC_NOINDEX)
    internal = make_profile(visibility_basics=Visibility.INTERNAL)
    unpublished = make_profile(is_published=False)
    inactive = make_profile()
    inactive.user.is_active = False
    inactive.user.save()

    response = client.get("/sitemap.xml")
    indexable.refresh_from_db()

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.fromstring(response.content)
    urls = [(u.find("s:loc", ns).text, u.find("s:lastmod", ns).text) for u in root.findall("s:url", ns)]
    assert urls == [
        # the sitemap writes the date in the site's time zone (Europe/Berlin), not UTC
        (
            f"https://experten.example.com/experts/{indexable.slug}",
            localtime(indexable.updated_at, ZoneInfo(settings.TIME_ZONE)).strftime("%Y-%m-%d"),
        )
    ]
    body = response.content.decode()
    for hidden in (noindex, internal, unpublished, inactive):
        assert f"/experts/{hidden.slug}<" not in body


@pytest.mark.django_db
def test_sitemap_runs_a_constant_number_of_queries(client, dist):
    make_profile()
    with CaptureQueriesContext(connection) as few:
        client.get("/sitemap.xml")
    for _ in range(6):
        make_profile()
    with CaptureQueriesContext(connection) as many:
        client.get("/sitemap.xml")

    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client, dist):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: https://experten.example.com/sitemap.xml" in lines
    assert "Disallow: /api/" in lines


@pytest.mark.django_db
def test_other_client_routes_keep_the_plain_spa_title(client, dist):
    html = client.get("/experts").content.decode()

    assert "<title>Sichtbar</title>" in html
    assert "application/ld+json" not in html
