"""SQLite's engine (the embedded default): the FTS5 table `search_fts` (no model has it) with BM25 over
stemmed tokens written at indexing time, the matched skill's level read from the terms table."""

from typing import Any

from django.db import connection
from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Greatest

from ...documents import NARROWER_LEVEL_STEP, DocumentData
from ...models import SearchDocument, SearchTerm, TermFacet
from ...text import QueryPlan, Taxonomy, index_text
from .core import _DOCUMENTS, _TERMS, DatabaseBackend, _at_least

FTS_WEIGHTS = "10.0, 8.0, 4.0, 1.0, 0.5"  # name, skills, headline, bio, meta
# Activity (imported posts) is evidence, not relevance: a nudge between otherwise similar hits.
ACTIVITY_WEIGHT_FTS = 0.5
AVAILABLE_WEIGHT_FTS = 0.3
# One level outweighs the spread of BM25 between the holders of one skill (on the demo company up to about
# 15 points: a skill with five names meets the query's alternatives unevenly), so that the holders come in
# the order of their level (test_demo_ranking.py) and text decides among equal levels.
LEVEL_WEIGHT_FTS = 25.0
SKILL_BONUS_FTS = 2.0


def _fts_match(plan: QueryPlan, *, need: int, prefix_last: bool = False) -> str:
    """An FTS5 MATCH expression: `need` groups must match (_at_least), alternatives by OR, parts by AND."""
    groups = []
    for g_index, group in enumerate(plan.groups):
        alternatives = []
        for alt in group.alternatives:
            tokens = [t for word in alt for t in index_text(word).split()]
            if not tokens:
                continue
            star = "*" if prefix_last and g_index == len(plan.groups) - 1 else ""
            alternatives.append("(" + " AND ".join(f'"{t}"{star}' for t in tokens) + ")")
        if alternatives:
            groups.append("(" + " OR ".join(alternatives) + ")")
    return _at_least(groups, need, " AND ", " OR ")


# The BM25 score of each match, computed once per search into a table of the connection's own (every thread
# has its connection, and a search's queries run before the next search of that thread begins): as a
# correlated subquery per row, FTS5 ran the whole full-text query again for every matching row (881 rows of
# "Pressearbeit" at 10,000 profiles: 289 ms against 7 ms once; the search took 1.8 s, docs/performance.md).
_RANK = "temp.search_rank"


def _score_matches(match: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {_RANK} (id INTEGER PRIMARY KEY, score REAL NOT NULL)"
        )
        cursor.execute(f"DELETE FROM {_RANK}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {_RANK} (id, score) SELECT rowid, -bm25(search_fts, {FTS_WEIGHTS})"  # noqa: S608
            " FROM search_fts WHERE search_fts MATCH %s",
            [match],
        )


def _delete_fts(ids: list[int]) -> None:
    if ids:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM search_fts WHERE rowid IN ({','.join('%s' for _ in ids)})",  # noqa: S608
                ids,
            )


class SqliteBackend(DatabaseBackend):
    def forget_text_rows(self, document_ids: list[int]) -> None:
        _delete_fts(document_ids)

    def write_text_rows(self, created: dict[int, int], documents: list[DocumentData]) -> None:
        # SQLite may reuse the rowid of a deleted document: never let an old FTS row stand for a new one.
        _delete_fts(list(created.values()))
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts(rowid, name, skills, headline, bio, meta)"
                " VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    (
                        created[d.profile_id],
                        index_text(d.name),
                        index_text(d.skills_text + " " + " ".join(d.expansions)),
                        index_text(d.headline_de + " " + d.headline_en),
                        index_text(d.bio_text),
                        index_text(d.meta_text),
                    )
                    for d in documents
                ],
            )

    def delete_all_text_rows(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")

    def facet_terms_sql(self) -> str:
        return (
            f"SELECT 't:' || t.facet, t.value, '', COUNT(*) FROM {_TERMS} t"  # noqa: S608
            " JOIN m ON t.document_id = m.id GROUP BY t.facet, t.value"
        )

    def scored(
        self,
        plan: QueryPlan,
        base: QuerySet[SearchDocument],
        audience: str,
        free: str,
        taxonomy: Taxonomy,
        need: int,
    ) -> tuple[Any, Any, Any] | None:
        match = _fts_match(plan, need=need)
        if not match:
            return None
        _score_matches(match)
        docs = base.filter(id__in=RawSQL(f"SELECT id FROM {_RANK}", []))  # noqa: S608, S611
        bm25 = RawSQL(  # noqa: S611
            f"(SELECT score FROM {_RANK} WHERE {_RANK}.id = {_DOCUMENTS}.id)",  # noqa: S608
            [],
            output_field=FloatField(),
        )
        own = sorted({s.slug for s in plan.skills})
        skill_slugs = sorted({slug for slug in own for slug in taxonomy.descendants(slug)})
        # the best level among the recognised skills and their descendants, a descendant's one step lower
        # (narrower_level, as PostgreSQL's skill_levels column holds it)
        term_level = Case(
            When(value__in=own, then=F("level")),
            default=Greatest(F("level") - NARROWER_LEVEL_STEP, Value(1)),
        )
        level = Coalesce(
            Subquery(
                SearchTerm.objects.filter(
                    document=OuterRef("pk"), facet=TermFacet.SKILL, value__in=skill_slugs
                )
                .values("document")
                .annotate(m=Max(term_level))
                .values("m")[:1]
            ),
            0,
        )
        has_level = Q(skill_level__gt=0)
        docs = docs.alias(skill_level=level)
        scored = docs.annotate(
            score=ExpressionWrapper(
                bm25
                # a recognised skill counts by its level, not by how it shares the skills column with the
                # person's other skills (BM25 normalises by the column's length: a long list ranked lower)
                + Case(
                    When(has_level, then=Value(SKILL_BONUS_FTS)),
                    default=Value(0.0),
                    output_field=FloatField(),
                )
                + LEVEL_WEIGHT_FTS * F("skill_level")
                + 1.0 * F("quality")
                + ACTIVITY_WEIGHT_FTS * F("activity")
                + Case(
                    When(facet_terms__contains="availability:", then=Value(AVAILABLE_WEIGHT_FTS)),
                    default=Value(0.0),
                    output_field=FloatField(),
                ),
                output_field=FloatField(),
            )
        )
        return scored, None, None
