"""Reads of the expert search: search, autocomplete, "describe your problem" and related experts.

Every result comes from a backend as ids; cards are built from the profile selectors for the audience, so
what a hit shows is decided in one place. An unreachable Elasticsearch falls back to the database."""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sichtbar.profiles.models import Audience, Profile, Section
from sichtbar.profiles.selectors import expert_card, visible_profiles

from .backends import SearchBackendUnavailable, database_backend, get_backend
from .backends.base import (
    AutocompleteResult,
    FacetValue,
    RecognisedSkill,
    SearchFilters,
    SearchHit,
    SearchResult,
)
from .models import SearchDocument
from .text import dictionary, english_forms, load_taxonomy

logger = logging.getLogger(__name__)
T = TypeVar("T")
MATCH_RESULTS = 10
HIGHLIGHT_SECTIONS = {"bio": Section.BIO, "skills": Section.SKILLS}
CARD_VISIBILITY_FIELDS = (
    "id",
    "is_published",
    "user__is_active",
    *(f"visibility_{section}" for section in Section.values),
)


@dataclass
class ExpertSearchPage:
    total: int
    results: list[dict[str, Any]]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestions: list[str] = field(default_factory=list)
    skills: list[RecognisedSkill] = field(default_factory=list)
    backend: str = ""
    profile_ids: list[int] = field(default_factory=list)  # of `results`, in order


def _with_fallback(call: Callable[[Any], T]) -> T:
    backend = get_backend()
    try:
        return call(backend)
    except SearchBackendUnavailable as exc:
        logger.warning("search backend %s unavailable, answering from the database: %s", backend.name, exc)
        return call(database_backend())


def cards_for(*, hits: list[SearchHit], audience: str, language: str) -> list[dict[str, Any]]:
    """ExpertCards in hit order; profiles that stopped being visible since indexing are dropped, and a
    highlight is kept only while its section is still visible. Constant queries for any number of hits."""
    return [card for _pid, card in _cards(hits=hits, audience=audience, language=language)]


def _cards(*, hits: list[SearchHit], audience: str, language: str) -> list[tuple[int, dict[str, Any]]]:
    """(profile id, card) in hit order, in one query: the cards rendered at indexing time of the profiles
    still visible, with their sections' visibility. A card whose profile was not re-indexed since cards
    were stored is built from the profile instead (one more batch)."""
    ids = [h.profile_id for h in hits]
    if not ids:
        return []
    language = "en" if language == "en" else "de"
    documents = (
        SearchDocument.objects.filter(
            audience=audience,
            profile_id__in=ids,
            profile__in=visible_profiles(audience=audience).filter(id__in=ids).values("id"),
        )
        .select_related("profile__user", "text")
        .only("profile_id", "text__cards", *(f"profile__{name}" for name in CARD_VISIBILITY_FIELDS))
    )
    visible = {}
    stored = {}
    for document in documents:
        visible[document.profile_id] = document.profile
        text = getattr(document, "text", None)
        stored[document.profile_id] = text.cards if text else {}
    missing = [pid for pid in visible if language not in (stored.get(pid) or {})]
    rebuilt = {
        p.id: expert_card(profile=p, audience=audience, language=language)
        for p in (visible_profiles(audience=audience).filter(id__in=missing) if missing else [])
    }
    cards = []
    for hit in hits:
        profile = visible.get(hit.profile_id)
        if profile is None:
            continue
        card = dict(rebuilt.get(profile.id) or stored[profile.id][language])
        # A section hidden since indexing never shows, even before the re-index catches up.
        if not profile.visible_to(Section.SKILLS, audience):
            card["skills"] = []
        if not profile.visible_to(Section.AVAILABILITY, audience):
            card["availability"] = None
        card["highlights"] = {
            key: snippets
            for key, snippets in hit.highlights.items()
            if key not in HIGHLIGHT_SECTIONS or profile.visible_to(HIGHLIGHT_SECTIONS[key], audience)
        }
        card["score"] = hit.score
        card["match"] = hit.match
        cards.append((profile.id, card))
    return cards


def expert_search(
    *,
    query: str,
    filters: SearchFilters,
    audience: str,
    language: str,
    page: int = 1,
    page_size: int = 25,
    ordering: str = "relevance",
) -> ExpertSearchPage:
    offset = (page - 1) * page_size

    def run(backend: Any) -> SearchResult:
        return backend.search(
            query=query,
            filters=filters,
            audience=audience,
            language=language,
            offset=offset,
            limit=page_size,
            ordering=ordering,
        )

    result = _with_fallback(run)
    cards = _cards(hits=result.hits, audience=audience, language=language)
    return ExpertSearchPage(
        total=result.total,
        results=[card for _pid, card in cards],
        facets=result.facets,
        suggestions=result.suggestions,
        skills=result.skills,
        backend=result.backend,
        profile_ids=[pid for pid, _card in cards],
    )


def expert_autocomplete(*, query: str, audience: str, language: str, limit: int = 8) -> AutocompleteResult:
    return _with_fallback(
        lambda backend: backend.autocomplete(query=query, audience=audience, language=language, limit=limit)
    )


def expert_match(
    *, text: str, audience: str, language: str, limit: int = MATCH_RESULTS
) -> tuple[list[dict[str, Any]], list[RecognisedSkill]]:
    """ "Describe your problem": any word may match; experts in the recognised skills rank first."""

    def run(backend: Any) -> SearchResult:
        return backend.search(
            query=text,
            filters=SearchFilters(),
            audience=audience,
            language=language,
            offset=0,
            limit=limit,
            ordering="relevance",
            match_any=True,
            with_facets=False,
        )

    result = _with_fallback(run)
    return cards_for(hits=result.hits, audience=audience, language=language), result.skills


def related_experts(
    *, profile: Profile, audience: str, language: str, limit: int = 5
) -> list[dict[str, Any]]:
    hits = _with_fallback(
        lambda backend: backend.related(profile_id=profile.id, audience=audience, limit=limit)
    )
    return cards_for(hits=hits, audience=audience, language=language)


def search_warm_up() -> None:
    """Load what every search of this process reads and keeps: the German and English word list, the
    English forms by stem, the taxonomy, the modules and per-process caches one search per audience
    touches. A web worker calls this before it serves (config.wsgi.warm_up), so that no visitor waits for
    it and the garbage collector can set all of it aside (gc.freeze)."""
    dictionary()
    english_forms()
    load_taxonomy()
    for audience in (Audience.PUBLIC, Audience.INTERNAL):
        expert_search(
            query="Cloud Kubernetes", filters=SearchFilters(), audience=audience, language="de", page_size=1
        )
