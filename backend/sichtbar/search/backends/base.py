"""The search-backend interface and the one result shape every backend returns."""

from dataclasses import dataclass, field
from typing import Protocol

SORT_RELEVANCE = "relevance"
SORT_NAME = "name"
# A query whose words no profile has all of first looks for profiles with two of them when it has three
# to this many (the database backend ORs all pairs: 45 at 10), and only then for any one.
PAIRED_GROUPS_MAX = 10


# Fewer matches than a page at the step that found something (every concept, or two of a text's): the list
# goes on with the experts of the next step ("Python Spark": both, then either), in every backend.
FILL_BELOW = 10


def match_steps(concepts: int, *, match_any: bool = False) -> list[int]:
    """How many of the query's concepts a match needs, in the order to try until something matches:
    every one; else two (a text of 3 to PAIRED_GROUPS_MAX concepts); else any one. Every backend follows
    it, so a described problem finds the same kind of experts whichever answers."""
    if match_any or concepts <= 1:
        return [1]
    steps = [concepts]
    if 3 <= concepts <= PAIRED_GROUPS_MAX:
        steps.append(2)
    return [*steps, 1]


def fill_step(steps: list[int], need: int, total: int, ordering: str) -> int | None:
    """The step whose experts continue a short list found at `need` (FILL_BELOW), or None."""
    fewer = [step for step in steps if step < need]
    return fewer[0] if fewer and 0 < total < FILL_BELOW and ordering != SORT_NAME else None


def strict_first(
    first: list["SearchHit"], wider: list["SearchHit"], offset: int, limit: int
) -> list["SearchHit"]:
    """One page of the filled list: every strict match (`first`, all of them), then the wider step's rest."""
    ahead = {hit.profile_id for hit in first}
    return [*first, *(hit for hit in wider if hit.profile_id not in ahead)][offset : offset + limit]


AVAILABILITY_KINDS = ("press", "talks", "customers", "mentoring")
FACETS = ("skill", "level", "language", "location", "department", "availability")


@dataclass(frozen=True)
class SearchFilters:
    skills: tuple[str, ...] = ()  # skill slugs (a parent includes its children)
    min_level: int | None = None
    languages: tuple[str, ...] = ()
    locations: tuple[int, ...] = ()
    departments: tuple[int, ...] = ()
    available: tuple[str, ...] = ()


MATCH_TEXT = "text"  # the query's words (or a skill they name) are in what the audience sees
MATCH_SIMILAR = "similar_topic"  # found by semantic similarity only: "ähnliches Thema" / "similar topic"


@dataclass
class SearchHit:
    profile_id: int
    score: float
    highlights: dict[str, list[str]] = field(default_factory=dict)
    match: str = MATCH_TEXT


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class RecognisedSkill:
    id: int
    slug: str
    name_de: str
    name_en: str

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_de


@dataclass
class SearchResult:
    hits: list[SearchHit]
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestions: list[str] = field(default_factory=list)
    skills: list[RecognisedSkill] = field(default_factory=list)  # recognised in the query
    backend: str = ""


@dataclass(frozen=True)
class ExpertSuggestion:
    profile_id: int
    slug: str
    name: str
    headline: str


@dataclass
class AutocompleteResult:
    skills: list[RecognisedSkill]
    experts: list[ExpertSuggestion]


class SearchBackendUnavailable(Exception):
    """The backend cannot answer now (e.g. Elasticsearch is down); callers fall back to the database."""


class SearchBackend(Protocol):
    name: str

    def search(
        self,
        *,
        query: str,
        filters: SearchFilters,
        audience: str,
        language: str,
        offset: int,
        limit: int,
        ordering: str,
        match_any: bool = False,
        with_facets: bool = True,
    ) -> SearchResult: ...

    def autocomplete(self, *, query: str, audience: str, language: str, limit: int) -> AutocompleteResult: ...

    def related(self, *, profile_id: int, audience: str, limit: int) -> list[SearchHit]: ...
