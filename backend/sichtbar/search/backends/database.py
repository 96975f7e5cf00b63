"""The database backend: SQLite FTS5 (embedded) or PostgreSQL full text (german, weights, pg_trgm)."""

import hashlib
import html
import itertools
import operator
import re
from collections import Counter, defaultdict
from functools import reduce
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import CombinedSearchVector, SearchQuery, SearchRank, SearchVector
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from ..documents import DocumentData
from ..models import SearchDocument, SearchDocumentText, SearchTerm, TermFacet
from ..text import (
    TAXONOMY_VERSION_KEY,
    Matcher,
    QueryPlan,
    Taxonomy,
    compact,
    fold,
    index_text,
    load_taxonomy,
    plan_query,
    words,
)
from .base import (
    SORT_NAME,
    AutocompleteResult,
    ExpertSuggestion,
    FacetValue,
    RecognisedSkill,
    SearchFilters,
    SearchHit,
    SearchResult,
    match_steps,
)

# Raw SQL names the models' tables through _meta (search_fts is SQLite's FTS5 table, which no model has).
_DOCUMENTS = SearchDocument._meta.db_table
_TERMS = SearchTerm._meta.db_table

SKILL_FACET_SIZE = 25
SNIPPET_CHARS = 180
PG_WEIGHTS = [0.1, 0.2, 0.4, 1.0]  # D meta, C bio, B headline, A name and skills
FTS_WEIGHTS = "10.0, 8.0, 4.0, 1.0, 0.5"  # name, skills, headline, bio, meta
# Activity (imported posts) is evidence, not relevance: a nudge between otherwise similar hits, about the
# size of the quality term, far below one skill level's worth of text match.
ACTIVITY_WEIGHT_PG = 0.04
ACTIVITY_WEIGHT_FTS = 0.5
_TSQUERY_WORD = re.compile(r"[^\w]+", re.UNICODE)
NAMES_CACHE_KEY = "search:names:{audience}:{generation}"
GENERATION_KEY = "search:generation"
RESULT_CACHE_KEY = "search:result:{digest}"
# PostgreSQL ranks in two phases: every match is counted for the total and the facets, but only the best
# RANK_CANDIDATES by a cheap rank read from the row (matched skill's level, quality, activity, name
# similarity) get the full text ranking. Below this many matches the ranking is exact.
RANK_CANDIDATES = 500
HIT_FIELDS = ("id", "profile_id", "name", "headline_de", "headline_en", "text__bio_text", "text__skills_text")


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def bump_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)


def _result_cache_key(*parts: Any) -> str | None:
    """The cache key of one search's result, or None when the result cache is off. It contains the index
    generation and the taxonomy version, so any re-index or taxonomy change makes earlier results
    unreachable (cards are re-checked against the database when served, in any case)."""
    if settings.SEARCH_RESULT_CACHE_SECONDS <= 0:
        return None
    versions = cache.get_many([GENERATION_KEY, TAXONOMY_VERSION_KEY])
    raw = repr((versions.get(GENERATION_KEY, 0), versions.get(TAXONOMY_VERSION_KEY, 0), parts))
    return RESULT_CACHE_KEY.format(digest=hashlib.sha256(raw.encode()).hexdigest()[:40])


def _recognised(plan: QueryPlan) -> list[RecognisedSkill]:
    return [RecognisedSkill(s.id, s.slug, s.name_de, s.name_en) for s in plan.skills]


# --- writing --------------------------------------------------------------------------------------


def write_documents(*, profile_ids: list[int], audience: str, documents: list[DocumentData]) -> None:
    """Replace the audience's rows of these profiles with `documents` (profiles without one vanish)."""
    stale = list(
        SearchDocument.objects.filter(profile_id__in=profile_ids, audience=audience).values_list(
            "id", flat=True
        )
    )
    if stale and connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM search_fts WHERE rowid IN ({','.join('%s' for _ in stale)})",  # noqa: S608
                stale,
            )
    SearchDocument.objects.filter(id__in=stale).delete()
    postgres = is_postgres()
    rows = SearchDocument.objects.bulk_create(
        [
            SearchDocument(
                profile_id=d.profile_id,
                audience=audience,
                slug=d.slug,
                name=d.name,
                sort_name=d.sort_name,
                headline_de=d.headline_de,
                headline_en=d.headline_en,
                # computed by PostgreSQL in the INSERT itself: a row written twice (insert, then an
                # UPDATE setting the vector) left a dead version of every row, twice the pages to scan
                search_vector=_search_vector(d) if postgres else None,
                department_id_value=d.department_id,
                department_name=d.department_name,
                location_id_value=d.location_id,
                location_name=d.location_name,
                max_level=d.max_level,
                quality=d.quality,
                activity=d.activity,
                skill_levels="".join(f" {slug}:{level}" for slug, level in sorted(d.subtree_levels.items())),
                facet_terms=" ".join(
                    [f"{TermFacet.SKILL}:{sk.slug}:{sk.level}" for sk in d.skills]
                    + [f"{TermFacet.LANGUAGE}:{code}" for code in d.languages]
                    + [f"{TermFacet.AVAILABILITY}:{kind}" for kind in d.available]
                ),
            )
            for d in documents
        ]
    )
    if connection.vendor != "sqlite" or not rows or rows[0].pk is None:
        created = dict(
            SearchDocument.objects.filter(profile_id__in=profile_ids, audience=audience).values_list(
                "profile_id", "id"
            )
        )
    else:
        created = {row.profile_id: row.pk for row in rows}
    SearchDocumentText.objects.bulk_create(
        [
            SearchDocumentText(
                document_id=created[d.profile_id],
                bio_text=d.bio_text,
                skills_text=d.skills_text,
                meta_text=d.meta_text,
                expansions=" ".join(d.expansions),
                cards=d.cards,
            )
            for d in documents
        ],
        batch_size=500,
    )
    terms = []
    for d in documents:
        doc_id = created[d.profile_id]
        terms += [
            SearchTerm(document_id=doc_id, facet=TermFacet.SKILL, value=s.slug, level=s.level)
            for s in d.skills
        ]
        terms += [
            SearchTerm(document_id=doc_id, facet=TermFacet.LANGUAGE, value=code) for code in d.languages
        ]
        terms += [SearchTerm(document_id=doc_id, facet=TermFacet.AVAILABILITY, value=k) for k in d.available]
    SearchTerm.objects.bulk_create(terms, batch_size=1000)
    if not documents:
        return
    if connection.vendor == "sqlite":
        new_ids = list(created.values())
        with connection.cursor() as cursor:
            # SQLite may reuse the rowid of a deleted document: never let an old FTS row stand for a new one.
            cursor.execute(
                f"DELETE FROM search_fts WHERE rowid IN ({','.join('%s' for _ in new_ids)})",  # noqa: S608
                new_ids,
            )
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


def delete_documents(*, profile_ids: list[int]) -> None:
    """Drop every audience's documents of these profiles (erasure, deletion)."""
    ids = list(SearchDocument.objects.filter(profile_id__in=profile_ids).values_list("id", flat=True))
    if ids and connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM search_fts WHERE rowid IN ({','.join('%s' for _ in ids)})",  # noqa: S608
                ids,
            )
    SearchDocument.objects.filter(id__in=ids).delete()


def delete_all() -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")
    SearchDocument.objects.all().delete()


# --- reading --------------------------------------------------------------------------------------


def _at_least(groups: list[str], need: int, and_op: str, or_op: str) -> str:
    """Groups joined so that `need` of them must match: all (AND), any (OR), or two (OR of the pairs)."""
    if need >= len(groups):
        return and_op.join(groups)
    if need <= 1:
        return or_op.join(groups)
    return or_op.join(f"({a}{and_op}{b})" for a, b in itertools.combinations(groups, 2))


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


NAME_LIKE_CUTOFF = 0.3  # below pg_trgm's word_similarity_threshold (0.6), so nothing it would match is lost


def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "  # as pg_trgm pads a word
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class NameVocabulary(frozenset[str]):
    """Folded words (longer than three letters) of an audience's names, with a trigram index built on
    first use, so a word is compared with the names sharing a trigram with it, not with every name (a
    company of 100,000 people has tens of thousands of distinct name words)."""

    _postings: dict[str, list[str]] | None = None

    def resembles(self, word: str) -> bool:
        """Does the word share at least NAME_LIKE_CUTOFF of its trigrams with a word of a name?"""
        if self._postings is None:
            postings: dict[str, list[str]] = defaultdict(list)
            for name in self:
                for gram in _trigrams(name):
                    postings[gram].append(name)
            self._postings = dict(postings)
        grams = _trigrams(word)
        shared: Counter[str] = Counter()
        for gram in grams:
            shared.update(self._postings.get(gram, ()))
        needed = NAME_LIKE_CUTOFF * len(grams)
        return any(count >= needed for count in shared.values())


_name_vocabularies: dict[str, NameVocabulary] = {}  # per process: the index is built once per generation


def _name_vocabulary(audience: str) -> NameVocabulary:
    """Folded words of the audience's names, for typo correction and _name_like (cached per index
    generation; the trigram index is kept in the process while the cached words are the same)."""
    key = NAMES_CACHE_KEY.format(audience=audience, generation=cache.get(GENERATION_KEY, 0))
    vocabulary = cache.get(key)
    if vocabulary is None:
        vocabulary = set()
        for name in SearchDocument.objects.filter(audience=audience).values_list("name", flat=True):
            vocabulary.update(w for w in words(name) if len(w) > 3)
        cache.set(key, vocabulary, timeout=3600)
    known = _name_vocabularies.get(key)
    if known is None or known != vocabulary:
        known = NameVocabulary(vocabulary)
        if len(_name_vocabularies) >= 8:
            _name_vocabularies.clear()
        _name_vocabularies[key] = known
    return known


def _name_like(free: list[str], names: set[str] | frozenset[str]) -> list[str]:
    """The free words that may be a (mistyped) name: those sharing enough trigrams with a word of a
    name in the index. Only they go to the trigram name match, which is an expensive index scan for
    words no name resembles ("Pyhton", a paragraph of problem text); exact names match the text index."""
    vocabulary = names if isinstance(names, NameVocabulary) else NameVocabulary(names)
    return [word for word in free if len(word) <= 3 or vocabulary.resembles(word)]


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


def _has_term(word: str) -> Q:
    """The row's stored facet column contains this whole word."""
    return (
        Q(facet_terms=word)
        | Q(facet_terms__startswith=f"{word} ")
        | Q(facet_terms__endswith=f" {word}")
        | Q(facet_terms__contains=f" {word} ")
    )


def _filtered(
    queryset: QuerySet[SearchDocument], filters: SearchFilters, taxonomy: Taxonomy, *, in_row: bool = False
) -> Any:
    """`in_row`: language and availability are checked on the row's own facet column (for a text query,
    whose few thousand matches are read anyway) instead of joining the terms table, where a common
    value ("en") has tens of thousands of rows."""
    if filters.skills:
        slugs: set[str] = set()
        for slug in filters.skills:
            slugs |= taxonomy.descendants(slug)
        terms = SearchTerm.objects.filter(facet=TermFacet.SKILL, value__in=slugs)
        if filters.min_level:
            terms = terms.filter(level__gte=filters.min_level)
        queryset = queryset.filter(id__in=terms.values("document_id"))
    elif filters.min_level:
        queryset = queryset.filter(max_level__gte=filters.min_level)
    for code in filters.languages:
        if in_row:
            queryset = queryset.filter(_has_term(f"{TermFacet.LANGUAGE}:{code}"))
            continue
        queryset = queryset.filter(
            id__in=SearchTerm.objects.filter(facet=TermFacet.LANGUAGE, value=code).values("document_id")
        )
    for kind in filters.available:
        if in_row:
            queryset = queryset.filter(_has_term(f"{TermFacet.AVAILABILITY}:{kind}"))
            continue
        queryset = queryset.filter(
            id__in=SearchTerm.objects.filter(facet=TermFacet.AVAILABILITY, value=kind).values("document_id")
        )
    if filters.locations:
        queryset = queryset.filter(location_id_value__in=filters.locations)
    if filters.departments:
        queryset = queryset.filter(department_id_value__in=filters.departments)
    return queryset


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


def _count_facets_and_page(
    scored: Any,  # QuerySet[SearchDocument] annotated with `score`
    filters: SearchFilters,
    taxonomy: Taxonomy,
    language: str,
    with_facets: bool,
    page: tuple[int, int, str] | None,
    rescored: Any = None,  # QuerySet[SearchDocument] annotated with `score`, restricted to `c`
    also: Any = None,  # further matches, disjoint from `scored`, annotated alike
) -> tuple[int, dict[str, list[FacetValue]], list[tuple[int, float]]]:
    """The total, every facet's counts and the page's (document id, score) in one query: the matching rows
    are computed once (a CTE), then grouped several ways and ranked. With `rescored`, the `score` of the
    matches is only a cheap pre-rank: the best RANK_CANDIDATES of them (CTE `c`) are ranked by `rescored`."""
    columns = (
        "id",
        "location_id_value",
        "location_name",
        "department_id_value",
        "department_name",
        "max_level",
        "sort_name",
        "facet_terms",
        "score",
    )
    inner, params = scored.order_by().values(*columns).query.sql_with_params()
    if also is not None:
        also_sql, also_params = also.order_by().values(*columns).query.sql_with_params()
        inner, params = f"({inner}) UNION ALL ({also_sql})", (*params, *also_params)
    parts = ["SELECT 'total', '', '', COUNT(*) FROM m"]
    extra: list[str] = []
    tail: list[Any] = []
    ctes = [f"m AS ({inner})"]
    if page is not None:
        offset, limit, ordering = page
        order = "sort_name, id" if ordering == SORT_NAME else "score DESC, sort_name, id"
        source = "m"
        if rescored is not None and ordering != SORT_NAME:
            rescored_sql, rescored_params = (
                rescored.order_by().values("id", "sort_name", "score").query.sql_with_params()
            )
            ctes += [
                "c AS (SELECT id FROM m ORDER BY score DESC, sort_name, id LIMIT %s)",
                f"s AS ({rescored_sql})",
            ]
            params = (*params, max(RANK_CANDIDATES, offset + limit), *rescored_params)
            source = "s"
        parts.append(
            "SELECT 'hit', CAST(id AS TEXT), CAST(score AS TEXT), rn FROM"  # noqa: S608  (fixed ORDER BY)
            f" (SELECT id, score, ROW_NUMBER() OVER (ORDER BY {order}) AS rn FROM {source}) ranked"
            " WHERE rn > %s AND rn <= %s"
        )
        tail = [offset, offset + limit]
    if with_facets:
        parts += [
            "SELECT 'location', CAST(location_id_value AS TEXT), location_name, COUNT(*) FROM m"
            " WHERE location_id_value IS NOT NULL GROUP BY location_id_value, location_name",
            "SELECT 'department', CAST(department_id_value AS TEXT), department_name, COUNT(*) FROM m"
            " WHERE department_id_value IS NOT NULL GROUP BY department_id_value, department_name",
            # one pass over the matches' own facet words, no join (PostgreSQL); SQLite joins the terms
            "SELECT 'terms', x, '', COUNT(*) FROM m, unnest(string_to_array(m.facet_terms, ' ')) AS x"
            " GROUP BY x"
            if is_postgres()
            else f"SELECT 't:' || t.facet, t.value, '', COUNT(*) FROM {_TERMS} t"  # noqa: S608
            " JOIN m ON t.document_id = m.id GROUP BY t.facet, t.value",
        ]
        if filters.skills:
            extra = sorted({slug for s in filters.skills for slug in taxonomy.descendants(s)})
            placeholders = ", ".join("%s" for _ in extra)
            parts.append(
                "SELECT 'level', CAST(t.level AS TEXT), '', COUNT(DISTINCT t.document_id)"  # noqa: S608
                f" FROM {_TERMS} t JOIN m ON t.document_id = m.id WHERE t.facet = 'skill'"
                f" AND t.value IN ({placeholders}) GROUP BY t.level"
            )
        else:
            parts.append("SELECT 'level', CAST(max_level AS TEXT), '', COUNT(*) FROM m GROUP BY max_level")
    sql = "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(parts)
    rows: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *tail, *extra])
        for facet, value, label, count in cursor.fetchall():
            rows[facet].append((value, label, count))
    total = rows["total"][0][2] if rows["total"] else 0
    # "skill:kubernetes:4" counts for skill kubernetes (whatever the level), "language:de" for language de
    per_term: dict[tuple[str, str], int] = defaultdict(int)
    for word, _label, count in rows.pop("terms", []):
        facet, _, rest = word.partition(":")
        per_term[(f"t:{facet}", rest.partition(":")[0])] += count
    for (facet, value), count in per_term.items():
        rows[facet].append((value, "", count))
    hits = [(int(value), float(label or 0)) for value, label, _rn in sorted(rows["hit"], key=lambda r: r[2])]
    if not with_facets:
        return total, {}, hits

    def ordered(items: list[FacetValue]) -> list[FacetValue]:
        return sorted(items, key=lambda f: (-f.count, f.label.lower(), f.value))

    skills = ordered(
        [
            FacetValue(slug, taxonomy.by_slug[slug].name(language), count)
            for slug, _label, count in rows["t:skill"]
            if slug in taxonomy.by_slug
        ]
    )
    per_level = {int(value): count for value, _label, count in rows["level"]}
    levels, running = [], 0
    for level in range(5, 0, -1):
        running += per_level.get(level, 0)
        levels.append(FacetValue(str(level), f"≥ {level}", running))
    levels.reverse()
    return (
        total,
        {
            "skill": skills[:SKILL_FACET_SIZE],
            "level": levels,
            "language": ordered([FacetValue(v, v, c) for v, _label, c in rows["t:language"]]),
            "location": ordered([FacetValue(v, label, c) for v, label, c in rows["location"]]),
            "department": ordered([FacetValue(v, label, c) for v, label, c in rows["department"]]),
            "availability": ordered([FacetValue(v, v, c) for v, _label, c in rows["t:availability"]]),
        },
        hits,
    )


def _mark(text: str, matches: Matcher) -> tuple[str, bool]:
    """Escape the text, then wrap matching words in <mark>; nothing else in it is HTML."""
    if not matches.might_match(text):
        return html.escape(text), False
    out, found, pos = [], False, 0
    for match in re.finditer(r"[^\W_]+(?:[-/][^\W_]+)*[+#]*", text):
        out.append(html.escape(text[pos : match.start()]))
        word = match.group(0)
        if matches(word):
            out.append(f"<mark>{html.escape(word)}</mark>")
            found = True
        else:
            out.append(html.escape(word))
        pos = match.end()
    out.append(html.escape(text[pos:]))
    return "".join(out), found


def _snippet(text: str, matches: Matcher) -> str | None:
    if not matches.might_match(text):
        return None
    if len(text) <= SNIPPET_CHARS:
        marked, found = _mark(text, matches)
        return marked if found else None
    for match in re.finditer(r"[^\W_]+(?:[-/][^\W_]+)*", text):
        if matches(match.group(0)):
            start = max(0, match.start() - SNIPPET_CHARS // 3)
            piece = text[start : start + SNIPPET_CHARS]
            marked, _ = _mark(piece, matches)
            return ("…" if start else "") + marked + ("…" if start + SNIPPET_CHARS < len(text) else "")
    return None


def highlights_for(doc: SearchDocument, plan: QueryPlan, language: str) -> dict[str, list[str]]:
    matches = plan.matcher
    if not matches:
        return {}
    out: dict[str, list[str]] = {}
    headline = (
        (doc.headline_en or doc.headline_de) if language == "en" else (doc.headline_de or doc.headline_en)
    )
    for field, value in (("name", doc.name), ("headline", headline)):
        marked, found = _mark(value, matches)
        if found:
            out[field] = [marked]
    texts: SearchDocumentText | None = getattr(doc, "text", None)  # written with the row, same transaction
    snippet = _snippet(texts.bio_text, matches) if texts else None
    if snippet:
        out["bio"] = [snippet]
    skills = []
    if texts and matches.might_match(texts.skills_text):  # one cheap check of the whole list
        skills = [m for m in (_mark(p.strip(), matches) for p in texts.skills_text.split("|")) if m[1]]
    if skills:
        out["skills"] = [m[0] for m in skills[:5]]
    return out


class DatabaseBackend:
    name = "database"

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
    ) -> SearchResult:
        key = _result_cache_key(
            audience, language, query, filters, offset, limit, ordering, match_any, with_facets
        )
        if key is not None:
            cached = cache.get(key)
            if isinstance(cached, SearchResult):
                return cached
        result = self._search(
            query, filters, audience, language, offset, limit, ordering, match_any, with_facets
        )
        if key is not None:
            cache.set(key, result, timeout=settings.SEARCH_RESULT_CACHE_SECONDS)
        return result

    def _search(
        self,
        query: str,
        filters: SearchFilters,
        audience: str,
        language: str,
        offset: int,
        limit: int,
        ordering: str,
        match_any: bool,
        with_facets: bool,
    ) -> SearchResult:
        taxonomy = load_taxonomy()
        names = _name_vocabulary(audience)
        plan = plan_query(query, taxonomy=taxonomy, extra_vocabulary=names)
        base = _filtered(
            SearchDocument.objects.filter(audience=audience),
            filters,
            taxonomy,
            in_row=is_postgres() and not plan.empty,
        )
        # A profile matching one common word of a described problem ("Anwendungen") is rarely an answer
        # when others match two of its concepts (and there are fewer of them to count and rank).
        steps = match_steps(len(plan.groups), match_any=match_any)
        free = " ".join(_name_like(plan.free_words, names)) if is_postgres() else ""
        if is_postgres():  # learn which step finds something by index probes, then run that one only
            steps = [next((need for need in steps[:-1] if _finds_any(plan, base, free, need)), steps[-1])]
        for need in steps:
            result = self._run(
                plan,
                base,
                audience,
                free,
                filters,
                taxonomy,
                language,
                offset,
                limit,
                ordering,
                need,
                with_facets,
            )
            if result.total:
                break
        result.suggestions = [plan.suggestion] if plan.suggestion else []
        result.skills = _recognised(plan)
        return result

    def _run(
        self,
        plan: QueryPlan,
        base: QuerySet[SearchDocument],
        audience: str,
        free: str,  # the free words that may be a name (PostgreSQL), space-separated
        filters: SearchFilters,
        taxonomy: Taxonomy,
        language: str,
        offset: int,
        limit: int,
        ordering: str,
        need: int,  # how many of the query's concept groups a match must have
        with_facets: bool,
    ) -> SearchResult:
        rescored = None
        scored_by_name = None
        if plan.empty:
            docs = base
            scored = docs.annotate(score=F("quality"))
        elif is_postgres():
            tsquery = _tsquery(plan, need=need)
            raw = " ".join(plan.raw_words)
            search_query = SearchQuery(tsquery, config="german", search_type="raw")
            docs = base.filter(search_vector=search_query)
            name_similarity = Func(
                Value(raw), F("name"), function="word_similarity", output_field=FloatField()
            )
            quality = 0.05 * F("quality") + ACTIVITY_WEIGHT_PG * F("activity")
            recognised = sorted({s.slug for s in plan.skills})  # skill_levels covers their descendants
            static = 0.03 * _stored_level(recognised) + quality
            # Phase one, over every match: having a recognised skill first (its name matched in the
            # heaviest field), then level, quality and activity.
            prerank = _stored_level(recognised, as_rank=True) + quality
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
            scored = docs.annotate(score=ExpressionWrapper(prerank, output_field=FloatField()))
            if free:
                scored_by_name = by_name.annotate(score=ExpressionWrapper(prerank, output_field=FloatField()))
            # Phase two, over the best RANK_CANDIDATES only (the CTE `c`): the full text ranking.
            text_score = (
                SearchRank(
                    F("search_vector"), search_query, weights=PG_WEIGHTS, normalization=32, cover_density=True
                )
                + 0.5 * name_similarity
            )
            rescored = SearchDocument.objects.filter(id__in=RawSQL("SELECT id FROM c", ())).annotate(
                score=ExpressionWrapper(text_score + static, output_field=FloatField())
            )
        else:
            match = _fts_match(plan, need=need)
            if not match:
                return SearchResult(hits=[], total=0, backend=self.name)
            docs = base.filter(
                id__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [match])
            )
            bm25 = RawSQL(  # noqa: S611  (only bound parameters are user input)
                f"(SELECT -bm25(search_fts, {FTS_WEIGHTS}) FROM search_fts"  # noqa: S608
                f" WHERE search_fts MATCH %s AND search_fts.rowid = {_DOCUMENTS}.id)",
                [match],
                output_field=FloatField(),
            )
            skill_slugs = sorted({slug for s in plan.skills for slug in taxonomy.descendants(s.slug)})
            level = Coalesce(  # SQLite has no skill_levels column: the best level from the terms
                Subquery(
                    SearchTerm.objects.filter(
                        document=OuterRef("pk"), facet=TermFacet.SKILL, value__in=skill_slugs
                    )
                    .values("document")
                    .annotate(m=Max("level"))
                    .values("m")[:1]
                ),
                0,
            )
            scored = docs.annotate(
                score=ExpressionWrapper(
                    bm25 + 0.6 * level + 1.0 * F("quality") + ACTIVITY_WEIGHT_FTS * F("activity"),
                    output_field=FloatField(),
                )
            )
        browse_key = None
        if plan.empty and filters == SearchFilters() and with_facets:  # the directory's landing page
            browse_key = f"search:browse:{audience}:{language}:{cache.get(GENERATION_KEY, 0)}"
        cached = cache.get(browse_key) if browse_key else None
        if cached is not None:
            total, facets = cached
            order = ["sort_name", "id"] if ordering == SORT_NAME else ["-score", "sort_name", "id"]
            ranked = [
                (d.id, d.score)
                for d in scored.order_by(*order).only("id", "quality")[offset : offset + limit]
            ]
        else:
            total, facets, ranked = _count_facets_and_page(
                scored,
                filters,
                taxonomy,
                language,
                with_facets,
                (offset, limit, ordering),
                rescored,
                also=scored_by_name,
            )
            if browse_key:
                cache.set(browse_key, (total, facets), timeout=300)
        # only what the hits and their highlights need (not the stored cards nor the vector)
        documents = (
            SearchDocument.objects.select_related("text")
            .only(*HIT_FIELDS)
            .in_bulk([doc_id for doc_id, _score in ranked])
        )
        hits = [
            SearchHit(
                profile_id=documents[doc_id].profile_id,
                score=round(float(score or 0), 4),
                highlights=highlights_for(documents[doc_id], plan, language),
            )
            for doc_id, score in ranked
            if doc_id in documents
        ]
        return SearchResult(hits=hits, total=total, facets=facets, backend=self.name)

    def autocomplete(self, *, query: str, audience: str, language: str, limit: int) -> AutocompleteResult:
        prefix = compact(query)
        folded = fold(query).strip()
        if len(prefix) < 1:
            return AutocompleteResult(skills=[], experts=[])
        taxonomy = load_taxonomy()
        candidates = [
            skill
            for skill in taxonomy.skills.values()
            if any(compact(p).startswith(prefix) or f" {folded}" in f" {fold(p)}" for p in skill.phrases)
        ]
        present = set(
            SearchTerm.objects.filter(
                document__audience=audience, facet=TermFacet.SKILL, value__in=[s.slug for s in candidates]
            )
            .values_list("value", flat=True)
            .distinct()
        )
        skills = sorted(
            (s for s in candidates if s.slug in present),
            key=lambda s: (not compact(s.name(language)).startswith(prefix), s.name(language).lower()),
        )[:limit]
        docs = (
            SearchDocument.objects.filter(audience=audience)
            .filter(Q(name__istartswith=query.strip()) | Q(name__icontains=" " + query.strip()))
            .order_by("sort_name")[:limit]
        )
        experts = [
            ExpertSuggestion(
                d.profile_id,
                d.slug,
                d.name,
                (d.headline_en or d.headline_de) if language == "en" else (d.headline_de or d.headline_en),
            )
            for d in docs
        ]
        return AutocompleteResult(
            skills=[RecognisedSkill(s.id, s.slug, s.name_de, s.name_en) for s in skills], experts=experts
        )

    def related(self, *, profile_id: int, audience: str, limit: int) -> list[SearchHit]:
        """Profiles sharing the most visible skills (weighted by both levels), like more_like_this."""
        own = SearchTerm.objects.filter(
            document__profile_id=profile_id, document__audience=audience, facet=TermFacet.SKILL
        )
        rows = (
            SearchTerm.objects.filter(
                document__audience=audience, facet=TermFacet.SKILL, value__in=own.values("value")
            )
            .exclude(document__profile_id=profile_id)
            .values("document__profile_id")
            .annotate(score=Count("id") * Value(1.0) + Max("level") * Value(0.1))
            .order_by("-score", "document__sort_name")[:limit]
        )
        return [SearchHit(profile_id=r["document__profile_id"], score=round(r["score"], 4)) for r in rows]
