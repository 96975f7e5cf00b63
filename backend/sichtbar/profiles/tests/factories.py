import factory
from django.utils.text import slugify

from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.profiles.models import (
    Profile,
    ProfileLanguage,
    ProfileLink,
    ProfileSkill,
    Skill,
    SkillAlias,
    SkillStatus,
    Visibility,
)


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    name_de = factory.Sequence(lambda n: f"Kompetenz {n}")
    name_en = factory.Sequence(lambda n: f"Skill {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name_en))
    status = SkillStatus.APPROVED


class SkillAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillAlias

    skill = factory.SubFactory(SkillFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class ProfileFactory(factory.django.DjangoModelFactory):
    """A published profile whose every section is public unless told otherwise."""

    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    slug = factory.Sequence(lambda n: f"expert-{n}")
    headline_de = "Cloud-Architektin"
    headline_en = "Cloud architect"
    bio_de = "<p>Ich migriere Anwendungen in die Cloud.</p>"
    bio_en = "<p>I move applications to the cloud.</p>"
    is_published = True
    visibility_basics = Visibility.PUBLIC
    visibility_bio = Visibility.PUBLIC
    visibility_skills = Visibility.PUBLIC
    visibility_languages = Visibility.PUBLIC
    visibility_links = Visibility.PUBLIC
    visibility_availability = Visibility.PUBLIC
    available_for_press = True


class ProfileSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfileSkill

    profile = factory.SubFactory(ProfileFactory)
    skill = factory.SubFactory(SkillFactory)
    level = 4


class ProfileLanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfileLanguage

    profile = factory.SubFactory(ProfileFactory)
    code = "de"
    level = "native"


class ProfileLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfileLink

    profile = factory.SubFactory(ProfileFactory)
    kind = "github"
    url = factory.Sequence(lambda n: f"https://github.com/expert{n}")
