"""PostgreSQL's engine: full text with the `german` configuration (weights A–D), pg_trgm name similarity,
and a two-phase ranking (a cheap pre-rank read from the row, then the text ranking of the best)."""

import operator
import re
from functools import reduce
from typing import Any

from django.contrib.postgres.search import CombinedSearchVector, SearchQuery, SearchRank, SearchVector
from django.db.models import BooleanField, Case, ExpressionWrapper, F, FloatField, Func, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from ...documents import DocumentData
from ...models import SearchDocument
from ...text import QueryPlan, Taxonomy, fold
from . import core
from .core import _DOCUMENTS, DatabaseBackend, NameVocabulary, _at_least, _name_like

PG_WEIGHTS = [0.1, 0.2, 0.4, 1.0]  # D meta, C bio, B headline, A name and skills
# Activity (imported posts) is evidence, not relevance: a nudge between otherwise similar hits, about the
# size of the quality term, far below one skill level's worth of text match.
ACTIVITY_WEIGHT_PG = 0.04
AVAILABLE_WEIGHT_PG = 0.03
LEVEL_WEIGHT_PG = 0.15


def _available_bonus(weight: float) -> Case:
    """`weight` for a profile available for anything (press, talks, customers, mentoring)."""
    return Case(
        When(facet_terms__contains="availability:", then=Value(weight)),
        default=Value(0.0),
        output_field=FloatField(),
    )


_TSQUERY_WORD = re.compile(r"[^\w]+", re.UNICODE)


def _search_vector(d: DocumentData) -> SearchVector | CombinedSearchVector:
    """The document's PostgreSQL search vector: name and skills weigh most (A), then headlines (B), bio (C)
    and department, location and availability topics (D); german configuration (stemming, stop words)."""
    parts = (
        (f"{d.name} {d.skills_text} {' '.join(d.expansions)}", "A"),
        (f"{d.headline_de} {d.headline_en}", "B"),
        (d.bio_text, "C"),
        (d.meta_text, "D"),
    )
    vectors = [SearchVector(Value(text), weight=weight, config="german") for text, weight in parts]
    return reduce(operator.add, vectors)


def _tsquery(plan: QueryPlan, *, need: int) -> str:
    """A to_tsquery('german', …) expression built from sanitised words."""
    groups = []
    for group in plan.groups:
        alternatives = []
        for alt in group.alternatives:
            tokens = [t for word in alt for t in _TSQUERY_WORD.split(fold(word)) if t]
            if tokens:
                alternatives.append("(" + " & ".join(tokens) + ")")
        if alternatives:
            groups.append("(" + " | ".join(alternatives) + ")")
    return _at_least(groups, need, " & ", " | ")


def _name_hit(free: str) -> ExpressionWrapper:
    """Does a word of `free` resemble a word of the name (pg_trgm word similarity, GIN index)?"""
    return ExpressionWrapper(
        Func(Value(free), F("name"), template="%(expressions)s", arg_joiner=" <%% "),
        output_field=BooleanField(),
    )


def _finds_any(plan: QueryPlan, base: QuerySet[SearchDocument], free: str, need: int) -> bool:
    """Would a search requiring `need` of the words find anything (PostgreSQL)? Two index probes, far
    cheaper than running that search to learn it finds nothing (a described problem rarely has all its
    words in one profile)."""
    words_needed = SearchQuery(_tsquery(plan, need=need), config="german", search_type="raw")
    if base.filter(search_vector=words_needed).exists():
        return True
    return bool(free) and base.alias(hit=_name_hit(free)).filter(hit=True).exists()


# The pre-rank's skill part by level 0..5: 1 for having a recognised skill at all plus 0.03 per level
# (LEAST(level, 1) + 0.03 * level, looked up so the level is read once per row).
PRERANK_BY_LEVEL = (
    "ARRAY[" + ", ".join(["0"] + [f"{1 + 0.03 * level:.2f}" for level in range(1, 6)]) + "]::float8[]"
)


def _stored_level(skill_slugs: list[str], *, as_rank: bool = False) -> RawSQL:
    """The highest level of these skills, their descendants included, read from the row's `skill_levels`
    (" slug:level" per skill and per ancestor of one, written at indexing time; 0 without one): the digit
    after " <slug>:", found by strpos (no probe of the terms table, no unnest, no regular expression).
    One lookup per recognised skill, however many skills lie below it. `as_rank`: the pre-rank's skill
    part (PRERANK_BY_LEVEL)."""
    if not skill_slugs:
        return RawSQL("0", (), output_field=FloatField())
    one = (
        f"CAST(substr({_DOCUMENTS}.skill_levels,"
        f" NULLIF(strpos({_DOCUMENTS}.skill_levels, %s), 0) + %s, 1) AS integer)"
    )
    level = "GREATEST(0, " + ", ".join(one for _ in skill_slugs) + ")"
    params: list[Any] = []
    for slug in skill_slugs:
        needle = f" {slug}:"
        params += [needle, len(needle)]
    if as_rank:
        return RawSQL(  # noqa: S611  (fixed SQL, the needles are bound parameters)
            f"({PRERANK_BY_LEVEL})[{level} + 1]", tuple(params), output_field=FloatField()
        )
    return RawSQL(f"CAST({level} AS float8)", tuple(params), output_field=FloatField())  # noqa: S611


class PostgresBackend(DatabaseBackend):
    def search_vector(self, document: DocumentData) -> Any:
        # computed by PostgreSQL in the INSERT itself: a row written twice (insert, then an UPDATE setting
        # the vector) left a dead version of every row, twice the pages to scan
        return _search_vector(document)

    def facet_terms_sql(self) -> str:
        # one pass over the matches' own facet words, no join
        return (
            "SELECT 'terms', x, '', COUNT(*) FROM m, unnest(string_to_array(m.facet_terms, ' ')) AS x"
            " GROUP BY x"
        )

    def in_row_filters(self, plan: QueryPlan) -> bool:
        return not plan.empty

    def free_names(self, plan: QueryPlan, names: NameVocabulary) -> str:
        return " ".join(_name_like(plan.free_words, names))

    def plan_steps(
        self, plan: QueryPlan, base: QuerySet[SearchDocument], free: str, steps: list[int]
    ) -> list[int]:
        # learn which step finds something by index probes, then run that one only
        return [next((need for need in steps[:-1] if _finds_any(plan, base, free, need)), steps[-1])]

    def scored(
        self,
        plan: QueryPlan,
        base: QuerySet[SearchDocument],
        audience: str,
        free: str,
        taxonomy: Taxonomy,
        need: int,
    ) -> tuple[Any, Any, Any] | None:
        tsquery = _tsquery(plan, need=need)
        raw = " ".join(plan.raw_words)
        search_query = SearchQuery(tsquery, config="german", search_type="raw")
        docs = base.filter(search_vector=search_query)
        name_similarity = Func(Value(raw), F("name"), function="word_similarity", output_field=FloatField())
        # evidence: imported posts (activity) and a declared availability weigh visibly, below a skill level
        quality = (
            0.05 * F("quality") + ACTIVITY_WEIGHT_PG * F("activity") + _available_bonus(AVAILABLE_WEIGHT_PG)
        )
        recognised = sorted({s.slug for s in plan.skills})  # skill_levels covers their descendants
        # one skill level is worth more than the text ranking's usual spread between two profiles
        static = LEVEL_WEIGHT_PG * _stored_level(recognised) + quality
        # Phase one, over every match: having a recognised skill first (its name matched in the
        # heaviest field), then level, quality and activity.
        prerank = _stored_level(recognised, as_rank=True) + quality
        scored_by_name = None
        if free:  # names and typos: trigram word similarity on the name (GIN pg_trgm index)
            name_hit = _name_hit(free)
            named = SearchDocument.objects.filter(audience=audience).alias(hit=name_hit).filter(hit=True)
            # A second, disjoint set of matches (united with the text matches in SQL), not an OR in
            # one scan: an OR makes PostgreSQL re-check the text query on every matching row, which
            # reads each row's search vector.
            by_name = base.alias(hit=name_hit).filter(hit=True).exclude(search_vector=search_query)
            # the words that may be a name lift the rows whose name they match, looked up in the
            # name hits (one trigram index scan) rather than a similarity computed for every match
            prerank = prerank + Case(
                When(id__in=named.values("id"), then=Value(0.5)),
                default=Value(0.0),
                output_field=FloatField(),
            )
            scored_by_name = by_name.annotate(score=ExpressionWrapper(prerank, output_field=FloatField()))
        scored = docs.annotate(score=ExpressionWrapper(prerank, output_field=FloatField()))
        # Phase two, over the best RANK_CANDIDATES only (the CTE `c`): the full text ranking.
        text_score = (
            SearchRank(
                F("search_vector"), search_query, weights=PG_WEIGHTS, normalization=32, cover_density=True
            )
            # name similarity only where a word of the query resembles a name in the index
            + (0.5 * name_similarity if free else Value(0.0))
        )
        rescored = SearchDocument.objects.filter(id__in=RawSQL("SELECT id FROM c", ())).annotate(
            score=ExpressionWrapper(text_score + static, output_field=FloatField())
        )
        return scored, rescored, scored_by_name


__all__ = ["PostgresBackend", "core"]
