"""Test helpers of the search app: skills, profiles and indexing without the profiles app's factories."""

from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.profiles.models import Profile, ProfileLanguage, ProfileSkill, Skill, SkillAlias, Visibility

from ..services import search_index_profiles

SECTIONS = ("basics", "bio", "skills", "languages", "links", "availability")


def skill(
    name_de: str, name_en: str | None = None, *, aliases: tuple[str, ...] = (), parent: Skill | None = None
) -> Skill:
    obj = Skill.objects.create(
        slug=slugify(name_en or name_de), name_de=name_de, name_en=name_en or name_de, parent=parent
    )
    for alias in aliases:
        SkillAlias.objects.create(skill=obj, name=alias)
    return obj


def profile(
    *,
    first_name: str = "Erika",
    last_name: str = "Muster",
    slug: str | None = None,
    headline: str = "",
    bio: str = "",
    skills: dict[Skill, int] | None = None,
    languages: tuple[str, ...] = (),
    visibility: str = Visibility.PUBLIC,
    published: bool = True,
    press: bool = False,
    user_kwargs: dict[str, Any] | None = None,
    sections: dict[str, str] | None = None,
) -> Profile:
    section_visibility = sections or {}
    user = UserFactory(first_name=first_name, last_name=last_name, **(user_kwargs or {}))
    fields = {f"visibility_{s}": section_visibility.get(s, visibility) for s in SECTIONS}
    obj = Profile.objects.create(
        user=user,
        slug=slug or slugify(f"{first_name}-{last_name}-{user.pk}"),
        headline_de=headline,
        headline_en=headline,
        bio_de=bio,
        is_published=published,
        published_at=timezone.now() if published else None,
        available_for_press=press,
        **fields,
    )
    for sk, level in (skills or {}).items():
        ProfileSkill.objects.create(profile=obj, skill=sk, level=level)
    for code in languages:
        ProfileLanguage.objects.create(profile=obj, code=code, level="C1")
    return obj


def index_all() -> None:
    search_index_profiles(profile_ids=list(Profile.objects.values_list("id", flat=True)))
