"""Writes for profiles and the taxonomy. Every profile write marks the profile for re-indexing."""

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlparse

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sichtbar.accounts.models import User
from sichtbar.audit.services import audit_record
from sichtbar.core import images
from sichtbar.core.errors import ApplicationError
from sichtbar.core.events import AuthoredTexts, ProfilesChanged, TaxonomyChanged, ask, publish
from sichtbar.core.richtext import html_to_text, sanitize_html
from sichtbar.core.services import model_update

from . import selectors
from .error_codes import ProfilesErrorCode
from .evidence import SkillMatcher, activity_score, build_matcher
from .models import (
    LinkKind,
    Profile,
    ProfileLanguage,
    ProfileLink,
    ProfileSkill,
    Section,
    Skill,
    SkillAlias,
    SkillStatus,
    SkillSuggestion,
    SuggestionStatus,
    Visibility,
)
from .selectors import RESERVED_SLUGS, german_slugify

MAX_SKILLS = 40
MAX_LANGUAGES = 12
MAX_LINKS = 12
MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_SIZE = 512
ACTIVITY_SCORE_EPSILON = 0.001  # smaller moves are not worth a re-index


def _mark_dirty(profile: Profile) -> None:
    """The search index follows the database: flag the profile and let the search app pick it up.

    `updated_at` moves too, so the sitemap's lastmod follows changes to skills, links and languages."""
    Profile.objects.filter(pk=profile.pk).update(search_dirty=True, updated_at=timezone.now())
    profile.search_dirty = True
    publish(ProfilesChanged(profile_ids=[profile.pk]))


def profile_get_or_create(*, user: User) -> Profile:
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        profile = Profile.objects.create(
            user=user, slug=selectors.slug_free(base=f"{user.first_name} {user.last_name}")
        )
    return profile


@transaction.atomic
def profile_update(*, profile: Profile, data: dict[str, Any]) -> Profile:
    """Headlines, bios (sanitised), address, per-section visibility and availability."""
    data = dict(data)
    for field in ("bio_de", "bio_en"):
        if field in data:
            data[field] = sanitize_html(data[field])
    if "slug" in data:
        slug = german_slugify(data["slug"])
        if not slug:
            raise ApplicationError(
                _("Please choose an address."), fields={"slug": [_("Please choose an address.")]}
            )
        if slug in RESERVED_SLUGS or Profile.objects.exclude(pk=profile.pk).filter(slug=slug).exists():
            message = _("This address is taken. Please choose another one.")
            raise ApplicationError(message, code=ProfilesErrorCode.SLUG_TAKEN, fields={"slug": [message]})
        data["slug"] = slug
    for section, level in (data.pop("visibility", None) or {}).items():
        data[f"visibility_{Section(section)}"] = Visibility(level)
    availability = data.pop("availability", None) or {}
    mapping = {
        "press": "available_for_press",
        "talks": "available_for_talks",
        "customers": "available_for_customers",
        "mentoring": "available_for_mentoring",
        "until": "available_until",
        "note": "availability_note",
    }
    for key, field in mapping.items():
        if key in availability:
            data[field] = availability[key]
    fields = [
        "headline_de",
        "headline_en",
        "bio_de",
        "bio_en",
        "slug",
        *mapping.values(),
        *(f"visibility_{section}" for section in Section.values),
    ]
    profile, _changed = model_update(instance=profile, fields=fields, data=data)
    if "topics" in availability:
        profile.availability_topics.set(_approved_skills(availability["topics"]))
    _mark_dirty(profile)
    return profile


def _approved_skills(skills: Iterable[Skill | int]) -> list[Skill]:
    ids = [skill.pk if isinstance(skill, Skill) else skill for skill in skills]
    found = list(Skill.objects.filter(pk__in=ids, status=SkillStatus.APPROVED))
    if len(found) != len(set(ids)):
        message = _("Only skills from the taxonomy can be used. Propose a new skill if one is missing.")
        raise ApplicationError(message, code=ProfilesErrorCode.SKILL_UNKNOWN, fields={"skills": [message]})
    return found


@transaction.atomic
def profile_set_skills(*, profile: Profile, items: list[dict[str, Any]]) -> Profile:
    """Replace the profile's skills; one entry per skill, level 1–5."""
    if len(items) > MAX_SKILLS:
        raise ApplicationError(
            _("A profile can list at most %(count)d skills.") % {"count": MAX_SKILLS},
            code=ProfilesErrorCode.TOO_MANY,
        )
    skills = {skill.pk: skill for skill in _approved_skills(item["skill"] for item in items)}
    profile.skills.all().delete()
    ProfileSkill.objects.bulk_create(
        [
            ProfileSkill(
                profile=profile,
                skill=skills[item["skill"].pk if isinstance(item["skill"], Skill) else item["skill"]],
                level=item["level"],
                interest=item.get("interest", False),
                ask_me_about=item.get("ask_me_about", False),
                can_mentor=item.get("can_mentor", False),
            )
            for item in {  # the last entry for a skill wins
                (i["skill"].pk if isinstance(i["skill"], Skill) else i["skill"]): i for i in items
            }.values()
        ]
    )
    _mark_dirty(profile)
    return profile


@transaction.atomic
def profile_set_languages(*, profile: Profile, items: list[dict[str, str]]) -> Profile:
    if len(items) > MAX_LANGUAGES:
        raise ApplicationError(_("Too many languages."), code=ProfilesErrorCode.TOO_MANY)
    profile.languages.all().delete()
    unique = {item["code"].lower(): item for item in items}
    ProfileLanguage.objects.bulk_create(
        [ProfileLanguage(profile=profile, code=code, level=item["level"]) for code, item in unique.items()]
    )
    _mark_dirty(profile)
    return profile


_LINK_RULES: dict[str, tuple[set[str], re.Pattern[str]]] = {
    LinkKind.LINKEDIN: (
        {"linkedin.com", "www.linkedin.com", "de.linkedin.com"},
        re.compile(r"^/(in|company)/[^/]+"),
    ),
    LinkKind.XING: ({"xing.com", "www.xing.com"}, re.compile(r"^/profile/[^/]+")),
    LinkKind.ORCID: ({"orcid.org"}, re.compile(r"^/\d{4}-\d{4}-\d{4}-\d{3}[\dX]/?$")),
    LinkKind.GITHUB: ({"github.com"}, re.compile(r"^/[A-Za-z0-9-]+/?$")),
}


def link_validate(*, kind: str, url: str) -> str:
    """The link, or an ApplicationError saying what a link of this kind looks like."""
    parsed = urlparse(url.strip())
    examples = {
        LinkKind.LINKEDIN: "https://www.linkedin.com/in/name",
        LinkKind.XING: "https://www.xing.com/profile/Name",
        LinkKind.ORCID: "https://orcid.org/0000-0002-1825-0097",
        LinkKind.GITHUB: "https://github.com/name",
        LinkKind.MASTODON: "https://instance.social/@name",
    }
    ok = parsed.scheme in ("http", "https") and bool(parsed.netloc)
    if ok and kind in _LINK_RULES:
        hosts, path = _LINK_RULES[kind]
        ok = parsed.scheme == "https" and parsed.netloc.lower() in hosts and bool(path.match(parsed.path))
    elif ok and kind == LinkKind.MASTODON:
        ok = parsed.scheme == "https" and parsed.path.startswith("/@") and len(parsed.path) > 2
    if not ok:
        example = examples.get(LinkKind(kind), "https://example.com")
        message = _("This is not a valid %(kind)s address, e.g. %(example)s") % {
            "kind": LinkKind(kind).label,
            "example": example,
        }
        raise ApplicationError(message, code=ProfilesErrorCode.LINK_INVALID, fields={"links": [message]})
    return parsed.geturl()


@transaction.atomic
def profile_set_links(*, profile: Profile, items: list[dict[str, str]]) -> Profile:
    if len(items) > MAX_LINKS:
        raise ApplicationError(_("Too many links."), code=ProfilesErrorCode.TOO_MANY)
    links = {(item["kind"], link_validate(kind=item["kind"], url=item["url"])) for item in items}
    profile.links.all().delete()
    ProfileLink.objects.bulk_create([ProfileLink(profile=profile, kind=kind, url=url) for kind, url in links])
    _mark_dirty(profile)
    return profile


def profile_photo_set(*, profile: Profile, upload: UploadedFile) -> Profile:
    """Check type and size, strip metadata, scale to at most 512 px and store as WebP (`core/images.py`)."""
    message = _("Please upload a JPEG, PNG or WebP image of at most 5 MB.")
    try:
        data = images.webp(
            upload, size=upload.size, max_side=PHOTO_SIZE, quality=85, max_bytes=MAX_PHOTO_BYTES
        )
    except images.ImageRejected:
        raise ApplicationError(
            message, code=ProfilesErrorCode.PHOTO_INVALID, fields={"photo": [message]}
        ) from None
    images.replace_file(profile.photo, name=f"{profile.slug}-{timezone.now():%Y%m%d%H%M%S}.webp", data=data)
    _mark_dirty(profile)
    return profile


def profile_photo_delete(*, profile: Profile) -> Profile:
    if profile.photo:
        profile.photo.delete(save=True)
        _mark_dirty(profile)
    return profile


def profile_publish(*, profile: Profile, published: bool) -> Profile:
    profile.is_published = published
    profile.published_at = timezone.now() if published else None
    profile.save(update_fields=["is_published", "published_at", "updated_at"])
    _mark_dirty(profile)
    return profile


def profile_completeness(*, profile: Profile) -> dict[str, Any]:
    """A score from 0 to 100 with concrete hints for what is missing (also of a profile not created yet)."""
    saved = profile.pk is not None
    checks: list[tuple[int, bool, str, str]] = [
        (10, bool(profile.headline_de or profile.headline_en), "headline", _("Add a headline.")),
        (15, bool(profile.bio_de or profile.bio_en), "bio", _("Write a few sentences about yourself.")),
        (10, bool(profile.photo), "photo", _("Add a photo.")),
        (20, saved and profile.skills.count() >= 3, "skills", _("Add at least three skills with a level.")),
        (
            5,
            saved and profile.skills.filter(ask_me_about=True).exists(),
            "ask_me_about",
            _("Mark a skill as “ask me about”."),
        ),
        (10, saved and profile.languages.exists(), "languages", _("Add the languages you speak.")),
        (
            10,
            saved and profile.links.filter(kind=LinkKind.LINKEDIN).exists(),
            "linkedin",
            _("Add your LinkedIn link."),
        ),
        (5, saved and profile.links.filter(kind=LinkKind.XING).exists(), "xing", _("Add your XING link.")),
        (
            5,
            any(
                [
                    profile.available_for_press,
                    profile.available_for_talks,
                    profile.available_for_customers,
                    profile.available_for_mentoring,
                ]
            ),
            "availability",
            _("Say what you are available for (press, talks, customer questions, mentoring)."),
        ),
        (
            10,
            profile.is_published,
            "published",
            _("Publish your profile so colleagues and visitors find you."),
        ),
    ]
    score = sum(weight for weight, done, _code, _message in checks if done)
    hints = [{"code": code, "message": message} for _weight, done, code, message in checks if not done]
    return {"score": score, "hints": hints}


# --- taxonomy ---------------------------------------------------------------------------------


def _skill_name_taken(name: str, *, exclude_pk: int | None = None) -> bool:
    name = name.strip()
    query = Skill.objects.filter(status=SkillStatus.APPROVED).filter(
        Q(name_de__iexact=name) | Q(name_en__iexact=name) | Q(aliases__name__iexact=name)
    )
    return query.exclude(pk=exclude_pk).exists() if exclude_pk else query.exists()


def _set_aliases(skill: Skill, aliases: list[str]) -> None:
    names = {alias.strip(): None for alias in aliases if alias.strip()}
    clash = SkillAlias.objects.filter(name__in=list(names)).exclude(skill=skill).first()
    if clash:
        message = _("“%(name)s” is already a synonym of another skill.") % {"name": clash.name}
        raise ApplicationError(message, code=ProfilesErrorCode.SKILL_EXISTS, fields={"aliases": [message]})
    skill.aliases.exclude(name__in=list(names)).delete()
    existing = set(skill.aliases.values_list("name", flat=True))
    SkillAlias.objects.bulk_create(
        [SkillAlias(skill=skill, name=name) for name in names if name not in existing]
    )


def _skills_changed(skill_ids: list[int]) -> None:
    """Profiles with these skills need re-indexing (names and synonyms are part of the index)."""
    publish(TaxonomyChanged(skill_ids=skill_ids))


@transaction.atomic
def skill_create(
    *,
    name_de: str,
    name_en: str,
    parent: Skill | None = None,
    aliases: list[str] | None = None,
    description: str = "",
    actor: User | None = None,
) -> Skill:
    if _skill_name_taken(name_de) or _skill_name_taken(name_en):
        message = _("A skill with this name or synonym exists already.")
        raise ApplicationError(message, code=ProfilesErrorCode.SKILL_EXISTS, fields={"name_de": [message]})
    skill = Skill(
        name_de=name_de.strip(),
        name_en=name_en.strip(),
        parent=parent,
        description=description,
        slug=_unique_skill_slug(name_en or name_de),
    )
    skill.full_clean()
    skill.save()
    _set_aliases(skill, aliases or [])
    if actor is not None:
        audit_record(actor=actor, action="skill.create", target=skill, changes={"aliases": aliases or []})
    return skill


def _unique_skill_slug(name: str) -> str:
    base = german_slugify(name)[:100] or "skill"
    slug, counter = base, 2
    while Skill.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


@transaction.atomic
def skill_update(*, skill: Skill, data: dict[str, Any], actor: User | None = None) -> Skill:
    for key in ("name_de", "name_en"):
        if key in data and _skill_name_taken(data[key], exclude_pk=skill.pk):
            message = _("A skill with this name or synonym exists already.")
            raise ApplicationError(message, code=ProfilesErrorCode.SKILL_EXISTS, fields={key: [message]})
    if data.get("parent") is not None and data["parent"].pk == skill.pk:
        raise ApplicationError(
            _("A skill cannot be its own parent."), fields={"parent": [_("Choose another.")]}
        )
    skill, _changed = model_update(
        instance=skill, fields=["name_de", "name_en", "parent", "description"], data=data
    )
    if "aliases" in data:
        _set_aliases(skill, data["aliases"])
    audit_record(actor=actor, action="skill.update", target=skill, changes=dict(data))
    _skills_changed([skill.pk])
    return skill


def skill_propose(*, user: User, name: str, note: str = "") -> Skill:
    """An employee proposes a missing skill; it goes to the review queue (names are completed on review)."""
    name = name.strip()
    if _skill_name_taken(name):
        message = _("This skill exists already: search for it in the skill list.")
        raise ApplicationError(message, code=ProfilesErrorCode.SKILL_EXISTS, fields={"name": [message]})
    skill = Skill(
        name_de=name,
        name_en=name,
        description=note,
        status=SkillStatus.PROPOSED,
        proposed_by=user,
        slug=_unique_skill_slug(name),
    )
    skill.full_clean()
    skill.save()
    return skill


@transaction.atomic
def skill_review(*, skill: Skill, approve: bool, actor: User | None = None) -> Skill:
    if skill.status != SkillStatus.PROPOSED:
        raise ApplicationError(
            _("Only proposed skills can be reviewed."), code=ProfilesErrorCode.SKILL_NOT_PROPOSED
        )
    if approve and (_skill_name_taken(skill.name_de) or _skill_name_taken(skill.name_en)):
        raise ApplicationError(
            _("A skill with this name exists already: merge the proposal into it instead."),
            code=ProfilesErrorCode.SKILL_EXISTS,
        )
    skill.status = SkillStatus.APPROVED if approve else SkillStatus.REJECTED
    try:
        skill.full_clean()
    except DjangoValidationError as exc:
        raise ApplicationError("; ".join(exc.messages), code=ProfilesErrorCode.SKILL_EXISTS) from exc
    skill.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="skill.approve" if approve else "skill.reject", target=skill)
    return skill


@transaction.atomic
def skill_merge(*, source: Skill, target: Skill, actor: User | None = None) -> Skill:
    """Merge a duplicate into `target`: profiles follow (keeping the higher level), names become synonyms."""
    if source.pk == target.pk or target.status != SkillStatus.APPROVED or source.status == SkillStatus.MERGED:
        raise ApplicationError(
            _("Choose a different, approved skill to merge into."), code=ProfilesErrorCode.SKILL_MERGE_INVALID
        )
    affected = list(ProfileSkill.objects.filter(skill=source).values_list("profile_id", flat=True))
    for item in ProfileSkill.objects.select_for_update().filter(skill=source):
        existing = ProfileSkill.objects.filter(profile_id=item.profile_id, skill=target).first()
        if existing is None:
            item.skill = target
            item.save(update_fields=["skill"])
            continue
        existing.level = max(existing.level, item.level)
        existing.interest |= item.interest
        existing.ask_me_about |= item.ask_me_about
        existing.can_mentor |= item.can_mentor
        existing.save(update_fields=["level", "interest", "ask_me_about", "can_mentor"])
        item.delete()
    for profile in Profile.objects.filter(availability_topics=source):
        profile.availability_topics.remove(source)
        profile.availability_topics.add(target)
    Skill.objects.filter(parent=source).update(parent=target)
    SkillAlias.objects.filter(skill=source).update(skill=target)
    known = {name.lower() for name in target.aliases.values_list("name", flat=True)} | {
        target.name_de.lower(),
        target.name_en.lower(),
    }
    for name in {source.name_de, source.name_en}:
        if name.lower() not in known and not SkillAlias.objects.filter(name__iexact=name).exists():
            SkillAlias.objects.create(skill=target, name=name)
            known.add(name.lower())
    source.status = SkillStatus.MERGED
    source.merged_into = target
    source.save(update_fields=["status", "merged_into", "updated_at"])
    Profile.objects.filter(pk__in=affected).update(search_dirty=True)
    audit_record(
        actor=actor,
        action="skill.merge",
        target=target,
        changes={"merged": source, "profiles": len(affected)},
    )
    _skills_changed([target.pk])
    return target


# --- imported activity as evidence: skill suggestions and the activity score -------------------------


def skill_suggestions_refresh_enqueue(*, user_id: int) -> None:
    """Recompute the person's skill suggestions and activity score after the current transaction commits.

    Every import (blog sync, LinkedIn archive, Mastodon) calls this once per run. A lost message is
    caught up by the daily sweep (`activity_refresh_all`)."""
    from sichtbar.core.tasks import enqueue_on_commit

    from . import tasks

    enqueue_on_commit(tasks.skill_suggestions_refresh, user_id=user_id)


_matcher_cache: dict[str, Any] = {}


def _skill_matcher() -> SkillMatcher:
    """The taxonomy's matcher, rebuilt in this process only when skills or synonyms changed (a worker
    refreshes many people in a row; the taxonomy rarely changes)."""
    approved = Skill.objects.filter(status=SkillStatus.APPROVED)
    aliases = SkillAlias.objects.filter(skill__status=SkillStatus.APPROVED)
    fingerprint = (
        tuple(approved.aggregate(n=Count("id"), changed=Max("updated_at")).values()),
        tuple(aliases.aggregate(n=Count("id"), last=Max("id")).values()),
    )
    if _matcher_cache.get("fingerprint") == fingerprint:
        return _matcher_cache["matcher"]
    terms: list[tuple[int, str]] = []
    for skill_id, name_de, name_en in approved.values_list("id", "name_de", "name_en"):
        terms += [(skill_id, name_de), (skill_id, name_en)]
    terms += list(aliases.values_list("skill_id", "name"))
    matcher = build_matcher(terms)
    _matcher_cache.update(fingerprint=fingerprint, matcher=matcher)
    return matcher


def skill_suggestions_refresh(*, user_id: int) -> dict[str, int]:
    """Match the person's imported posts (title and summary) against the taxonomy and store what they
    mention as open suggestions; refresh the activity score and re-index the profile when it moved.

    Idempotent. Skills on the profile are not suggested; accepted and dismissed ones keep their status
    (a dismissed skill is never suggested again); open suggestions without evidence any more go away."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return {"open": 0}
    posts = [text for answer in ask(AuthoredTexts(user_id=user_id)) for text in answer]
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        if not posts:
            return {"open": 0}
        profile = profile_get_or_create(user=user)
    matcher = _skill_matcher()
    evidence: dict[int, tuple[int, Any]] = {}
    dates = []
    for post in posts:
        when = post.written_at
        dates.append(when)
        for skill_id in matcher.skills_in(f"{post.title}\n{html_to_text(post.summary)}"):
            count, last = evidence.get(skill_id, (0, None))
            evidence[skill_id] = (count + 1, when if last is None or when > last else last)
    score = activity_score(dates, now=timezone.now())

    with transaction.atomic():
        profile = Profile.objects.select_for_update().get(pk=profile.pk)  # one refresh per person at a time
        on_profile = set(profile.skills.values_list("skill_id", flat=True))
        existing = {item.skill_id: item for item in profile.skill_suggestions.all()}
        stale = [
            item.pk
            for skill_id, item in existing.items()
            if item.status == SuggestionStatus.OPEN and (skill_id not in evidence or skill_id in on_profile)
        ]
        SkillSuggestion.objects.filter(pk__in=stale).delete()
        new, changed = [], []
        for skill_id, (count, last) in evidence.items():
            item = existing.get(skill_id)
            if item is None:
                if skill_id not in on_profile:
                    new.append(
                        SkillSuggestion(
                            profile=profile, skill_id=skill_id, evidence_count=count, last_seen=last
                        )
                    )
            elif item.pk not in stale and (item.evidence_count, item.last_seen) != (count, last):
                item.evidence_count, item.last_seen = count, last
                changed.append(item)
        SkillSuggestion.objects.bulk_create(new)
        SkillSuggestion.objects.bulk_update(changed, ["evidence_count", "last_seen"])
        if abs(profile.activity_score - score) >= ACTIVITY_SCORE_EPSILON:
            Profile.objects.filter(pk=profile.pk).update(activity_score=score)
            profile.activity_score = score
            _mark_dirty(profile)
    return {
        "open": profile.skill_suggestions.filter(status=SuggestionStatus.OPEN).count(),
        "created": len(new),
    }


def _suggestion_open(suggestion: SkillSuggestion) -> None:
    if suggestion.status != SuggestionStatus.OPEN:
        raise ApplicationError(
            _("This suggestion has been answered already."), code=ProfilesErrorCode.SUGGESTION_CLOSED
        )


@transaction.atomic
def skill_suggestion_accept(*, suggestion: SkillSuggestion, level: int) -> SkillSuggestion:
    """Add the suggested skill to the profile with the level the person chose."""
    _suggestion_open(suggestion)
    profile = suggestion.profile
    skill = _approved_skills([suggestion.skill_id])[0]
    if not profile.skills.filter(skill=skill).exists():
        if profile.skills.count() >= MAX_SKILLS:
            raise ApplicationError(
                _("A profile can list at most %(count)d skills.") % {"count": MAX_SKILLS},
                code=ProfilesErrorCode.TOO_MANY,
            )
        ProfileSkill.objects.create(profile=profile, skill=skill, level=level)
    suggestion, _changed = model_update(
        instance=suggestion, fields=["status"], data={"status": SuggestionStatus.ACCEPTED}
    )
    _mark_dirty(profile)
    return suggestion


def skill_suggestion_dismiss(*, suggestion: SkillSuggestion) -> SkillSuggestion:
    """Never suggest this skill to this person again."""
    _suggestion_open(suggestion)
    suggestion, _changed = model_update(
        instance=suggestion, fields=["status"], data={"status": SuggestionStatus.DISMISSED}
    )
    return suggestion
