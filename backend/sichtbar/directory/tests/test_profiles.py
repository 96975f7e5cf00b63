"""Profile detail as visitors and colleagues see it: no hidden section ever leaks; views are counted."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sichtbar.directory.models import ProfileView
from sichtbar.profiles.models import VISIBLE_TO, Audience, Visibility
from sichtbar.profiles.tests.factories import ProfileSkillFactory

from .conftest import ALL_LEVELS, IN_JSON, SECRET, SECTIONS, make_profile

PUBLIC_URL = "/api/v1/public/experts/{}/"
INTERNAL_URL = "/api/v1/directory/experts/{}/"


def _get(client_for, employee, audience, slug):
    if audience == Audience.PUBLIC:
        return client_for(None).get(PUBLIC_URL.format(slug))
    return client_for(employee).get(INTERNAL_URL.format(slug))


@pytest.mark.django_db
@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("level", ALL_LEVELS)
@pytest.mark.parametrize("audience", [Audience.PUBLIC, Audience.INTERNAL])
def test_a_section_shows_only_to_the_audiences_its_visibility_allows(
    client_for, employee, section, level, audience
):
    profile = make_profile(**{f"visibility_{section}": level})

    response = _get(client_for, employee, audience, profile.slug)

    assert response.status_code == 200
    visible = level in VISIBLE_TO[audience]
    assert (response.json()[section] is not None) is visible
    assert (IN_JSON[section] in response.content.decode()) is visible


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("basics", "public_status", "internal_status"),
    [
        (Visibility.PRIVATE, 404, 404),
        (Visibility.INTERNAL, 404, 200),
        (Visibility.PUBLIC_NOINDEX, 200, 200),
        (Visibility.PUBLIC, 200, 200),
    ],
)
def test_basics_gate_the_whole_profile(client_for, employee, basics, public_status, internal_status):
    profile = make_profile(visibility_basics=basics)

    public = client_for(None).get(PUBLIC_URL.format(profile.slug))
    internal = client_for(employee).get(INTERNAL_URL.format(profile.slug))

    assert public.status_code == public_status
    assert internal.status_code == internal_status
    if public_status == 404:
        assert public.json()["code"] == "not_found"
        assert SECRET["bio"] not in public.content.decode()


@pytest.mark.django_db
def test_sections_never_outrank_the_basics(client_for, expert):
    expert.visibility_basics = Visibility.PUBLIC_NOINDEX
    expert.save()

    body = client_for(None).get(PUBLIC_URL.format(expert.slug)).json()

    assert body["indexable"] is False
    assert body["bio"] is not None  # public sections under public-noindex basics stay visible, unindexed


@pytest.mark.django_db
def test_an_unpublished_profile_is_for_colleagues_only(client_for, employee):
    profile = make_profile(is_published=False)

    assert client_for(None).get(PUBLIC_URL.format(profile.slug)).status_code == 404
    internal = client_for(employee).get(INTERNAL_URL.format(profile.slug))
    assert internal.status_code == 200
    assert internal.json()["bio"] is not None


@pytest.mark.django_db
def test_an_inactive_users_profile_is_gone_for_everyone(client_for, employee):
    profile = make_profile()
    profile.user.is_active = False
    profile.user.save()

    assert client_for(None).get(PUBLIC_URL.format(profile.slug)).status_code == 404
    assert client_for(employee).get(INTERNAL_URL.format(profile.slug)).status_code == 404


@pytest.mark.django_db
def test_unknown_slug_is_a_404_in_the_error_shape(client_for):
    response = client_for(None).get(PUBLIC_URL.format("niemand"))

    assert response.status_code == 404
    assert set(response.json()) == {"message", "code", "extra"}


@pytest.mark.django_db
def test_detail_answers_in_the_requested_language(client_for, expert):
    de = client_for(None).get(PUBLIC_URL.format(expert.slug), HTTP_ACCEPT_LANGUAGE="de").json()
    en = client_for(None).get(PUBLIC_URL.format(expert.slug), HTTP_ACCEPT_LANGUAGE="en").json()

    assert de["headline"] == "Cloud-Architektin"
    assert en["headline"] == "Cloud architect"
    assert de["contactable"] is True
    assert de["related"] == []


@pytest.mark.django_db
def test_views_are_counted_per_audience_and_day_without_the_viewer(
    client_for, employee, expert, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            client_for(None).get(PUBLIC_URL.format(expert.slug))
        client_for(employee).get(INTERNAL_URL.format(expert.slug))
        client_for(expert.user).get(INTERNAL_URL.format(expert.slug))  # the expert's own visit

    today = timezone.localdate()
    counts = {(v.audience, v.day, v.count) for v in ProfileView.objects.filter(profile=expert)}
    assert counts == {(Audience.PUBLIC, today, 3), (Audience.INTERNAL, today, 1)}
    field_names = {field.name for field in ProfileView._meta.get_fields()}
    assert field_names == {"id", "profile", "audience", "day", "count"}


@pytest.mark.django_db
def test_a_hidden_profile_records_no_view(client_for):
    profile = make_profile(visibility_basics=Visibility.INTERNAL)

    client_for(None).get(PUBLIC_URL.format(profile.slug))

    assert not ProfileView.objects.exists()


@pytest.mark.django_db
def test_detail_runs_a_constant_number_of_queries(client_for):
    small = make_profile()
    big = make_profile()
    for _ in range(10):
        ProfileSkillFactory(profile=big)
    client = client_for(None)

    with CaptureQueriesContext(connection) as few:
        client.get(PUBLIC_URL.format(small.slug))
    with CaptureQueriesContext(connection) as many:
        client.get(PUBLIC_URL.format(big.slug))

    assert len(many.captured_queries) == len(few.captured_queries)
