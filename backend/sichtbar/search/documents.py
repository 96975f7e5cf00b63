"""What a profile looks like to one audience, flattened for indexing. Built only from the profile
selectors' audience views, so a section the audience may not see never reaches any index."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone

from sichtbar.core.richtext import html_to_text
from sichtbar.profiles.models import Audience, Profile
from sichtbar.profiles.selectors import expert_card, expert_detail, visible_profiles

from .text import SPLIT, Taxonomy, compact, split_compound, words

# What a visitor may call an availability ("jemand für die Presse"), indexed with the lowest weight.
AVAILABILITY_WORDS = {
    "press": "Presse press",
    "talks": "Vorträge talks",
    "customers": "Kundenanfragen customers",
    "mentoring": "Mentoring",
}


# A narrower skill shows its parent one level lower: a level-5 "Generative KI" expert answers "Maschinelles
# Lernen" like a level-4 one, below a level-5 machine-learning expert (never below level 1: the person does
# work in the field). The ranking of every database engine reads levels so (skill_levels; SQLite's terms).
NARROWER_LEVEL_STEP = 1


def narrower_level(level: int) -> int:
    """The level a skill of this level gives each of its ancestors."""
    return max(1, level - NARROWER_LEVEL_STEP)


@dataclass(frozen=True)
class IndexedSkill:
    slug: str
    name_de: str
    name_en: str
    aliases: tuple[str, ...]
    level: int


@dataclass
class DocumentData:
    profile_id: int
    audience: str
    slug: str
    name: str
    sort_name: str
    headline_de: str
    headline_en: str
    bio_text: str
    skills: list[IndexedSkill]
    languages: list[str]
    available: list[str]
    availability_topics: list[str]
    department_id: int | None
    department_name: str
    location_id: int | None
    location_name: str
    location_city: str
    quality: float
    updated_at: Any = None
    expansions: list[str] = field(default_factory=list)
    activity: float = 0.0
    cards: dict[str, dict[str, Any]] = field(default_factory=dict)  # language → ExpertCard
    # every visible skill and every ancestor of one: the skill's own level, or for an ancestor the highest
    # level in its subtree one step lower (narrower_level)
    subtree_levels: dict[str, int] = field(default_factory=dict)
    embedding: bytes | None = None  # embeddings.attach_embeddings()
    embedding_digest: str = ""

    @property
    def skills_text(self) -> str:
        return " | ".join(" | ".join(dict.fromkeys((s.name_de, s.name_en, *s.aliases))) for s in self.skills)

    @property
    def meta_text(self) -> str:
        parts = [
            self.department_name,
            self.location_name,
            self.location_city,
            *self.availability_topics,
            *(AVAILABILITY_WORDS[kind] for kind in self.available),
        ]
        return " | ".join(p for p in parts if p)

    @property
    def max_level(self) -> int:
        return max((s.level for s in self.skills), default=0)


def _available(availability: dict[str, Any] | None) -> list[str]:
    if not availability:
        return []
    until = availability.get("until")
    if isinstance(until, date) and until < timezone.localdate():
        return []
    return [kind for kind in ("press", "talks", "customers", "mentoring") if availability.get(kind)]


def _quality(profile: Profile, detail: dict[str, Any]) -> float:
    """Completeness of what this audience sees, and recency of the last edit, in 0..1."""
    filled = [
        bool(detail.get("headline")),
        bool(detail.get("bio")),
        len(detail.get("skills") or []) >= 3,
        bool(detail.get("languages")),
        bool(detail.get("links")),
        bool(detail.get("availability")),
        bool(detail.get("photo_url")),
    ]
    completeness = sum(filled) / len(filled)
    age_days = (timezone.now() - profile.updated_at).days if profile.updated_at else 365
    recency = max(0.0, 1.0 - age_days / 365)
    return round(0.7 * completeness + 0.3 * recency, 4)


def expansions_for(texts: list[str], taxonomy: Taxonomy) -> list[str]:
    """Compound variants that the tokenizer would not produce: joined multi-word skill names
    ("cloudmigration" for "Cloud Migration") and known parts of closed compounds."""
    out: list[str] = []
    for text in texts:
        folded_words = words(text)
        for word in folded_words:
            parts = [p for p in SPLIT.split(word) if p]
            if len(parts) > 1:
                out.append("".join(parts))  # "Datenschutz-Folgenabschätzung" also as one word
            for part in parts:
                split = split_compound(part, taxonomy.vocabulary) if len(part) >= 8 else None
                if split:  # "Pressearbeit" also as "presse", "arbeit"; "Datenschutz-Folgenabschätzung" too
                    out.extend(split)
        if 1 < len(folded_words) <= 4:
            out.append(compact(text))
    return list(dict.fromkeys(out))


def build_documents(*, profile_ids: list[int], audience: str, taxonomy: Taxonomy) -> list[DocumentData]:
    """Documents for the profiles this audience may see now (the others get none)."""
    profiles = list(visible_profiles(audience=audience).filter(id__in=profile_ids))
    documents = []
    for profile in profiles:
        de = expert_detail(profile=profile, audience=audience, language="de", with_posts=False)
        en = expert_detail(profile=profile, audience=audience, language="en", with_posts=False)
        skills = []
        for item in de.get("skills") or []:
            ref = item["skill"]
            known = taxonomy.skills.get(ref["id"])
            skills.append(
                IndexedSkill(
                    slug=ref["slug"],
                    name_de=known.name_de if known else ref["name"],
                    name_en=known.name_en if known else ref["name"],
                    aliases=known.aliases if known else (),
                    level=item["level"],
                )
            )
        bios = [
            html_to_text(text) for text in dict.fromkeys([de.get("bio") or "", en.get("bio") or ""]) if text
        ]
        availability = de.get("availability")
        topics = [t["name"] for t in (availability or {}).get("topics", [])]
        user = profile.user
        department, location = de.get("department"), de.get("location")
        doc = DocumentData(
            profile_id=profile.id,
            audience=str(Audience(audience)),
            slug=profile.slug,
            name=de["name"],
            sort_name=f"{user.last_name} {user.first_name}".strip().lower() or de["name"].lower(),
            headline_de=de.get("headline") or "",
            headline_en=en.get("headline") or "",
            bio_text="\n".join(bios),
            skills=skills,
            languages=[lang["code"] for lang in de.get("languages") or []],
            available=_available(availability),
            availability_topics=topics,
            department_id=department["id"] if department else None,
            department_name=department["name"] if department else "",
            location_id=location["id"] if location else None,
            location_name=location["name"] if location else "",
            location_city=location["city"] if location else "",
            quality=_quality(profile, de),
            updated_at=profile.updated_at,
            activity=min(1.0, max(0.0, profile.activity_score or 0.0)),
            cards={
                language: expert_card(profile=profile, audience=audience, language=language)
                for language in ("de", "en")
            },
        )
        for skill in skills:
            doc.subtree_levels[skill.slug] = max(skill.level, doc.subtree_levels.get(skill.slug, 0))
            below = narrower_level(skill.level)
            for slug in taxonomy.ancestors(skill.slug):
                doc.subtree_levels[slug] = max(below, doc.subtree_levels.get(slug, 0))
        doc.expansions = expansions_for(
            [doc.headline_de, doc.headline_en, doc.bio_text]
            + [n for s in skills for n in (s.name_de, s.name_en, *s.aliases)],
            taxonomy,
        )
        documents.append(doc)
    return documents
