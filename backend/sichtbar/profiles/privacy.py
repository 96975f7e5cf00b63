"""What the profiles app holds about a person, for export and erasure (see sichtbar/privacy/registry.py)."""

from typing import Any

from sichtbar.accounts.models import User
from sichtbar.core.events import ProfilesRemoved, publish
from sichtbar.core.privacy import PersonalData

from .models import Profile, Section, Skill

PERSONAL_DATA = [
    PersonalData(
        "profiles.Profile",
        person=("user",),
        texts=("slug", "headline_de", "headline_en", "bio_de", "bio_en", "availability_note"),
        owned=True,
        erasure="deleted with its photo, skills, languages, links and suggestions; search entries removed",
    ),
    *[
        PersonalData(f"profiles.{model}", person=("profile__user",), owned=True, erasure="deleted")
        for model in ("ProfileLanguage", "ProfileLink", "ProfileSkill", "SkillSuggestion")
    ],
    PersonalData(
        "profiles.Skill",
        person=("proposed_by",),
        texts=("description",),
        erasure="a skill the person proposed stays in the taxonomy without its proposer",
    ),
]


def export_user_data(user: User) -> dict[str, Any]:
    profile = Profile.objects.filter(user=user).first()
    data: dict[str, Any] = {
        "proposed_skills": list(
            Skill.objects.filter(proposed_by=user).values("name_de", "status", "created_at")
        )
    }
    if profile is None:
        return {**data, "profile": None}
    data["profile"] = {
        "slug": profile.slug,
        "headline_de": profile.headline_de,
        "headline_en": profile.headline_en,
        "bio_de": profile.bio_de,
        "bio_en": profile.bio_en,
        "skills": [
            {
                "skill": item.skill.name_de,
                "level": item.level,
                "interest": item.interest,
                "ask_me_about": item.ask_me_about,
                "can_mentor": item.can_mentor,
            }
            for item in profile.skills.select_related("skill")
        ],
        "languages": list(profile.languages.values("code", "level")),
        "links": list(profile.links.values("kind", "url")),
        "availability": {
            "press": profile.available_for_press,
            "talks": profile.available_for_talks,
            "customers": profile.available_for_customers,
            "mentoring": profile.available_for_mentoring,
            "topics": [skill.name_de for skill in profile.availability_topics.all()],
            "until": profile.available_until,
            "note": profile.availability_note,
        },
        "visibility": {section: getattr(profile, f"visibility_{section}") for section in Section.values},
        "is_published": profile.is_published,
        "published_at": profile.published_at,
        "activity_score": profile.activity_score,
        # Skills found in imported posts, with the answer given (LinkedIn export ZIPs are never stored).
        "skill_suggestions": [
            {
                "skill": item.skill.name_de,
                "evidence_count": item.evidence_count,
                "last_seen": item.last_seen,
                "status": item.status,
            }
            for item in profile.skill_suggestions.select_related("skill").order_by("id")
        ],
    }
    return data


def export_user_files(user: User) -> list[tuple[str, bytes]]:
    profile = Profile.objects.filter(user=user).first()
    if profile is None or not profile.photo:
        return []
    with profile.photo.open("rb") as photo:
        return [((profile.photo.name or "photo").rsplit("/", 1)[-1], photo.read())]


def erase_user_data(user: User) -> None:
    """Delete the profile with everything on it (skill suggestions included), the photo file too. Search
    indexes drop it as well."""
    Skill.objects.filter(proposed_by=user).update(proposed_by=None)
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return
    if profile.photo:
        profile.photo.delete(save=False)
    publish(ProfilesRemoved(profile_ids=[profile.pk]))
    profile.delete()
