"""Semantic retrieval fused with a backend's lexical ranking by reciprocal rank fusion (RRF).

Used for long texts and described problems (planned: the lexical ranking of the first SEMANTIC_WINDOW
matches is computed for it) and for queries the lexical search answers poorly (fewer than POOR_BELOW
matches: all of them are on the page already). A hit found only by similarity says so
(`match=similar_topic`) and has no highlights."""

from typing import Any

from django.conf import settings

from ..embeddings import embed_query, vector_index
from ..text import QueryPlan
from .base import MATCH_SIMILAR, SORT_NAME, SearchFilters, SearchHit, SearchResult

SEMANTIC_WINDOW = 50  # lexical and semantic candidates fused
LONG_QUERY_WORDS = 4  # a query of this many words (after stop words) is a text, not a keyword
POOR_BELOW = 5  # fewer lexical matches than this: the semantic part may add some
# multilingual-e5 puts unrelated texts at a cosine of about 0.75-0.85: a neighbour must reach the floor and
# stand out from the audience's documents (z standard deviations above their mean cosine). A text or
# described problem (planned) needs less than a short query that found nothing (rescue).
PLANNED_FLOOR, PLANNED_Z = 0.80, 3.0
RESCUE_FLOOR, RESCUE_Z = 0.86, 3.0
RRF_K = 60  # the usual constant of reciprocal rank fusion (Cormack et al. 2009)
# The semantic ranks count half, and only clear neighbours (z 3) join a text's ranking: at full weight and
# z 2 the model's neighbours pushed down better text matches of described problems (ADR 0032, measured
# on bench/judged_queries.yaml).
SEMANTIC_WEIGHT = 0.5


def semantic_enabled() -> bool:
    return bool(getattr(settings, "SEARCH_SEMANTIC", False))


def semantic_planned(plan: QueryPlan, *, match_any: bool, ordering: str, offset: int) -> bool:
    if not semantic_enabled() or plan.empty or ordering == SORT_NAME or offset >= SEMANTIC_WINDOW:
        return False
    return match_any or len(plan.raw_words) >= LONG_QUERY_WORDS


def semantic_rescue(plan: QueryPlan, result: SearchResult, *, ordering: str, offset: int, limit: int) -> bool:
    """A short query that found (almost) nothing: every lexical match is on this page."""
    if not semantic_enabled() or plan.empty or ordering == SORT_NAME or offset != 0:
        return False
    return result.total < POOR_BELOW and result.total <= limit


def fuse_semantic(
    result: SearchResult,
    *,
    query: str,
    base: Any,  # QuerySet[SearchDocument] of the audience, with the filters applied
    audience: str,
    filters: SearchFilters,
    offset: int,
    limit: int,
    planned: bool,
) -> SearchResult:
    """`result` holds the lexical ranking from the first hit; returns the fused page."""
    floor, min_z = (PLANNED_FLOOR, PLANNED_Z) if planned else (RESCUE_FLOOR, RESCUE_Z)
    neighbours = vector_index(audience).nearest(embed_query(query), SEMANTIC_WINDOW, floor=floor, min_z=min_z)
    if neighbours:  # the filters, and documents gone since the vectors were read (one primary-key query)
        ids = [doc_id for doc_id, _p, _s in neighbours]
        allowed = set(base.filter(id__in=ids).values_list("id", flat=True))
        neighbours = [n for n in neighbours if n[0] in allowed]
    lexical = {hit.profile_id: hit for hit in result.hits}
    scores: dict[int, float] = {}
    for rank, hit in enumerate(result.hits):
        scores[hit.profile_id] = 1.0 / (RRF_K + rank + 1)
    for rank, (_doc_id, profile_id, _cosine) in enumerate(neighbours):
        scores[profile_id] = scores.get(profile_id, 0.0) + SEMANTIC_WEIGHT / (RRF_K + rank + 1)
    if planned:  # a text: both rankings count alike
        ordered = sorted(scores, key=lambda pid: (-scores[pid], pid))
    else:  # a short query that found little: what it found first, then similar topics
        ordered = [h.profile_id for h in result.hits] + [p for _d, p, _s in neighbours if p not in lexical]
    hits = [
        SearchHit(
            profile_id=pid,
            score=round(scores[pid] * 1000, 4),
            highlights=lexical[pid].highlights if pid in lexical else {},
            match=lexical[pid].match if pid in lexical else MATCH_SIMILAR,
        )
        for pid in ordered
    ]
    added = sum(1 for pid in ordered if pid not in lexical)
    result.hits = hits[offset : offset + limit]
    result.total += added
    return result
