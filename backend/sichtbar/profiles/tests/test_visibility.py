"""Every section × every visibility level × every audience: a visitor never sees what is not public."""

import pytest

from sichtbar.profiles.models import Audience, Section, Visibility
from sichtbar.profiles.selectors import can_see, expert_card, expert_detail, visible_profiles

from .factories import ProfileFactory, ProfileLanguageFactory, ProfileLinkFactory, ProfileSkillFactory

pytestmark = pytest.mark.django_db

DETAIL_KEY = {
    Section.BIO: "bio",
    Section.SKILLS: "skills",
    Section.LANGUAGES: "languages",
    Section.LINKS: "links",
    Section.AVAILABILITY: "availability",
}
SEES = {
    (Visibility.PRIVATE, Audience.INTERNAL): False,
    (Visibility.PRIVATE, Audience.PUBLIC): False,
    (Visibility.INTERNAL, Audience.INTERNAL): True,
    (Visibility.INTERNAL, Audience.PUBLIC): False,
    (Visibility.PUBLIC_NOINDEX, Audience.INTERNAL): True,
    (Visibility.PUBLIC_NOINDEX, Audience.PUBLIC): True,
    (Visibility.PUBLIC, Audience.INTERNAL): True,
    (Visibility.PUBLIC, Audience.PUBLIC): True,
}


def _full_profile(**kwargs):
    profile = ProfileFactory(**kwargs)
    ProfileSkillFactory(profile=profile)
    ProfileLanguageFactory(profile=profile)
    ProfileLinkFactory(profile=profile)
    return profile


@pytest.mark.parametrize("section", list(DETAIL_KEY))
@pytest.mark.parametrize("level", Visibility.values)
@pytest.mark.parametrize("audience", Audience.values)
def test_section_visibility(section, level, audience):
    profile = _full_profile(**{f"visibility_{section}": level})

    detail = expert_detail(profile=profile, audience=audience, language="de")

    value = detail[DETAIL_KEY[section]]
    if SEES[(level, audience)]:
        assert value, (section, level, audience)
    else:
        assert value is None, (section, level, audience)
        if section == Section.SKILLS:
            assert expert_card(profile=profile, audience=audience, language="de")["skills"] == []
        if section == Section.AVAILABILITY:
            assert expert_card(profile=profile, audience=audience, language="de")["availability"] is None


@pytest.mark.parametrize("level", Visibility.values)
@pytest.mark.parametrize("audience", Audience.values)
def test_basics_gate_the_whole_profile(level, audience):
    profile = _full_profile(visibility_basics=level)

    listed = visible_profiles(audience=audience).filter(pk=profile.pk).exists()

    assert listed is SEES[(level, audience)]
    assert can_see(profile=profile, audience=audience) is SEES[(level, audience)]
    if not listed:
        with pytest.raises(PermissionError):
            expert_detail(profile=profile, audience=audience, language="de")


def test_a_section_is_never_more_visible_than_the_basics():
    profile = _full_profile(visibility_basics=Visibility.PUBLIC_NOINDEX, visibility_bio=Visibility.PUBLIC)

    assert profile.section_visibility(Section.BIO) == Visibility.PUBLIC_NOINDEX
    assert expert_detail(profile=profile, audience=Audience.PUBLIC, language="de")["indexable"] is False


def test_unpublished_profiles_stay_inside_the_company():
    profile = _full_profile(is_published=False)

    assert not visible_profiles(audience=Audience.PUBLIC).filter(pk=profile.pk).exists()
    assert visible_profiles(audience=Audience.INTERNAL).filter(pk=profile.pk).exists()
    assert profile.section_visibility(Section.BIO) == Visibility.INTERNAL


def test_deactivated_employees_disappear_for_everyone():
    profile = _full_profile()
    profile.user.is_active = False
    profile.user.save()

    for audience in Audience.values:
        assert not visible_profiles(audience=audience).filter(pk=profile.pk).exists()


def test_public_and_indexable():
    profile = _full_profile()

    detail = expert_detail(profile=profile, audience=Audience.PUBLIC, language="en")

    assert detail["indexable"] is True
    assert detail["headline"] == "Cloud architect"
    assert detail["skills"][0]["level"] == 4
