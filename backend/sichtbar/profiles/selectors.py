"""Reads of profiles and skills, always through an audience: what a colleague or a visitor may see."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.text import slugify

from sichtbar.accounts.models import User
from sichtbar.core.events import AuthorsWithPosts, ShownPosts, ask

from .models import (
    VISIBLE_TO,
    Audience,
    Profile,
    ProfileSkill,
    Section,
    Skill,
    SkillAlias,
    SkillStatus,
    SkillSuggestion,
    SuggestionStatus,
)

CARD_SKILLS = 5


RESERVED_SLUGS = {"autocomplete", "match", "search", "new", "me"}  # paths beside /experts/<slug>


def german_slugify(text: str) -> str:
    """Readable URLs for German names: "Jürgen Groß" becomes "juergen-gross", not "jurgen-gro"."""
    for umlaut, ascii_ in (
        ("ä", "ae"),
        ("ö", "oe"),
        ("ü", "ue"),
        ("Ä", "Ae"),
        ("Ö", "Oe"),
        ("Ü", "Ue"),
        ("ß", "ss"),
    ):
        text = text.replace(umlaut, ascii_)
    return slugify(text)


def slug_free(*, base: str) -> str:
    """The first free profile address for a name: `anna-schmidt`, else `anna-schmidt-2`, …"""
    base = german_slugify(base)[:100] or "expert"
    slug, counter = base, 2
    while slug in RESERVED_SLUGS or Profile.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def my_profile(*, user: User) -> Profile:
    """The caller's own profile with everything the profile page shows. Reading never creates it: before the
    first write the answer is the unsaved profile that write would create (no skills, languages or links)."""
    profile = profile_queryset().filter(user=user).first()
    if profile is None:
        profile = Profile(user=user, slug=slug_free(base=f"{user.first_name} {user.last_name}"))
    return profile


def rows_of(profile: Profile, relation: str) -> list[Any]:
    """A profile's related rows (`skills`, `languages`, `links`, ...); none for the unsaved profile that
    `my_profile` gives before the first write."""
    return list(getattr(profile, relation).all()) if profile.pk is not None else []


def profile_queryset() -> QuerySet[Profile]:
    """Everything a card or a detail needs, in a constant number of queries."""
    return Profile.objects.select_related("user", "user__department", "user__location").prefetch_related(
        Prefetch(
            "skills",
            queryset=ProfileSkill.objects.select_related("skill").order_by("-level", "skill__name_de"),
        ),
        "languages",
        "links",
        "availability_topics",
    )


def visible_profiles(*, audience: str) -> QuerySet[Profile]:
    """Profiles whose basics the audience may see (sections are filtered per profile by expert_detail)."""
    allowed = VISIBLE_TO[Audience(audience)]
    queryset = profile_queryset().filter(user__is_active=True, visibility_basics__in=allowed)
    if audience == Audience.PUBLIC:
        queryset = queryset.filter(is_published=True)
    return queryset


def _language(language: str) -> str:
    return "en" if language == "en" else "de"


def skill_ref(skill: Skill, language: str) -> dict[str, Any]:
    return {"id": skill.id, "slug": skill.slug, "name": skill.name(_language(language))}


def _headline(profile: Profile, language: str) -> str:
    if _language(language) == "en":
        return profile.headline_en or profile.headline_de
    return profile.headline_de or profile.headline_en


def _bio(profile: Profile, language: str) -> str:
    if _language(language) == "en":
        return profile.bio_en or profile.bio_de
    return profile.bio_de or profile.bio_en


def _skills(profile: Profile, language: str, limit: int | None = None) -> list[dict[str, Any]]:
    items = rows_of(profile, "skills")[:limit] if limit else rows_of(profile, "skills")
    return [
        {
            "skill": skill_ref(item.skill, language),
            "level": item.level,
            "interest": item.interest,
            "ask_me_about": item.ask_me_about,
            "can_mentor": item.can_mentor,
        }
        for item in items
    ]


def availability_of(profile: Profile, language: str) -> dict[str, Any]:
    return {
        "press": profile.available_for_press,
        "talks": profile.available_for_talks,
        "customers": profile.available_for_customers,
        "mentoring": profile.available_for_mentoring,
        "topics": [skill_ref(skill, language) for skill in rows_of(profile, "availability_topics")]
        if profile.pk
        else [],
        "until": profile.available_until,
        "note": profile.availability_note,
    }


def photo_url(profile: Profile) -> str | None:
    return profile.photo.url if profile.photo else None


def _basics(profile: Profile, language: str) -> dict[str, Any]:
    user: User = profile.user
    department = user.department
    location = user.location
    return {
        "slug": profile.slug,
        "name": user.full_name,
        "headline": _headline(profile, language),
        "photo_url": photo_url(profile),
        "department": {"id": department.id, "name": department.name} if department else None,
        "location": {"id": location.id, "name": location.name, "city": location.city} if location else None,
    }


def can_see(*, profile: Profile, audience: str) -> bool:
    return profile.visible_to(Section.BASICS, audience) and (
        audience != Audience.PUBLIC or profile.is_published
    )


def expert_card(*, profile: Profile, audience: str, language: str) -> dict[str, Any]:
    """A search hit as `audience` may see it (callers only pass profiles from visible_profiles)."""
    if not can_see(profile=profile, audience=audience):
        raise PermissionError("profile not visible to this audience")
    card = _basics(profile, language)
    card["skills"] = (
        _skills(profile, language, CARD_SKILLS) if profile.visible_to(Section.SKILLS, audience) else []
    )
    card["availability"] = (
        availability_of(profile, language) if profile.visible_to(Section.AVAILABILITY, audience) else None
    )
    card["highlights"] = {}
    card["score"] = None
    return card


def expert_detail(
    *, profile: Profile, audience: str, language: str, with_posts: bool = True
) -> dict[str, Any]:
    """The whole profile as `audience` may see it; sections it may not see are None. Indexing passes
    `with_posts=False`: posts are not indexed, and fetching them costs a query per profile."""
    if not can_see(profile=profile, audience=audience):
        raise PermissionError("profile not visible to this audience")
    detail = _basics(profile, language)
    visible = {section: profile.visible_to(section, audience) for section in Section.values}
    detail["bio"] = _bio(profile, language) if visible[Section.BIO] else None
    detail["skills"] = _skills(profile, language) if visible[Section.SKILLS] else None
    detail["languages"] = (
        [{"code": item.code, "level": item.level} for item in rows_of(profile, "languages")]
        if visible[Section.LANGUAGES]
        else None
    )
    detail["links"] = (
        [{"kind": item.kind, "url": item.url} for item in rows_of(profile, "links")]
        if visible[Section.LINKS]
        else None
    )
    detail["availability"] = availability_of(profile, language) if visible[Section.AVAILABILITY] else None
    detail["indexable"] = audience == Audience.PUBLIC and profile.is_indexable
    detail["posts"] = _chosen_posts(profile) if with_posts else []
    detail["related"] = []
    return detail


def expert_preview(*, profile: Profile, audience: str, language: str) -> tuple[dict[str, Any], bool]:
    """The own profile as `audience` would see it, and whether that audience sees it at all. When it does
    not, the answer is the basics as colleagues see them with every other section empty, not indexable."""
    if can_see(profile=profile, audience=audience):
        return expert_detail(profile=profile, audience=audience, language=language), True
    detail: dict[str, Any] = {
        **expert_detail(profile=profile, audience="internal", language=language),
        "bio": None,
        "skills": None,
        "languages": None,
        "links": None,
        "availability": None,
        "indexable": False,
    }
    return detail, False


def _chosen_posts(profile: Profile) -> list[dict[str, Any]]:
    """Imported posts the expert chose to show on the profile (their own, public writing)."""
    return [
        {
            "title": post.title,
            "url": post.url,
            "published_at": post.published_at,
            "network": post.network,
            "excerpt": post.excerpt,
        }
        for answer in ask(ShownPosts(user_id=profile.user_id))
        for post in answer
    ]


def profile_get_for(*, slug: str, audience: str) -> Profile | None:
    return visible_profiles(audience=audience).filter(slug=slug).first()


# --- taxonomy ---------------------------------------------------------------------------------


def skill_list() -> QuerySet[Skill]:
    return (
        Skill.objects.select_related("parent")
        .prefetch_related(Prefetch("aliases", queryset=SkillAlias.objects.order_by("name")))
        .annotate(profile_count=Count("profile_skills", distinct=True))
    )


def skill_autocomplete(*, query: str, limit: int = 10) -> list[Skill]:
    """Approved skills whose German or English name or a synonym contains the query; prefix matches first."""
    query = query.strip()
    if not query:
        return []
    matches = Q(name_de__icontains=query) | Q(name_en__icontains=query) | Q(aliases__name__icontains=query)
    skills = list(Skill.objects.filter(matches, status=SkillStatus.APPROVED).distinct()[: limit * 3])
    lowered = query.lower()

    def rank(skill: Skill) -> tuple[int, int, str]:
        names = (skill.name_de.lower(), skill.name_en.lower())
        exact = lowered in names
        prefix = any(name.startswith(lowered) for name in names)
        return (0 if exact else 1 if prefix else 2, len(skill.name_de), skill.name_de.lower())

    return sorted(skills, key=rank)[:limit]


# --- imported activity as evidence -------------------------------------------------------------


def skill_suggestion_list(*, profile: Profile) -> QuerySet[SkillSuggestion]:
    """Open suggestions of approved skills, the best evidenced first."""
    return (
        SkillSuggestion.objects.filter(
            profile=profile, status=SuggestionStatus.OPEN, skill__status=SkillStatus.APPROVED
        )
        .select_related("skill")
        .order_by("-evidence_count", "-last_seen", "id")
    )


def users_with_activity() -> list[int]:
    """People with imported posts or a non-zero score (a score must fall back to 0 when posts go)."""
    with_posts = set().union(*ask(AuthorsWithPosts()))
    scored = set(
        Profile.objects.filter(activity_score__gt=0, user__is_active=True).values_list("user_id", flat=True)
    )
    return sorted(with_posts | scored)
