"""What both database engines share: the index generation and result cache, the name vocabulary, filters,
facet counting and paging in one query, highlights, and the search algorithm whose engine-specific steps
(matching, scoring, writing the text index) `PostgresBackend` and `SqliteBackend` fill in."""

import hashlib
import html
import itertools
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import partial
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, F, Max, Q, QuerySet, Value

from ...documents import DocumentData
from ...models import SearchDocument, SearchDocumentText, SearchTerm, TermFacet
from ...text import (
    SUGGEST_BELOW,
    TAXONOMY_VERSION_KEY,
    Matcher,
    QueryPlan,
    Taxonomy,
    compact,
    fold,
    load_taxonomy,
    plan_query,
    words,
)
from ..base import (
    FILL_BELOW,
    SORT_NAME,
    AutocompleteResult,
    ExpertSuggestion,
    FacetValue,
    RecognisedSkill,
    SearchFilters,
    SearchHit,
    SearchResult,
    fill_step,
    match_steps,
    strict_first,
)
from ..semantic import SEMANTIC_WINDOW, fuse_semantic, semantic_planned, semantic_rescue

# Raw SQL names the models' tables through _meta.
_DOCUMENTS = SearchDocument._meta.db_table
_TERMS = SearchTerm._meta.db_table

SKILL_FACET_SIZE = 25
SNIPPET_CHARS = 180
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


def _filled(
    run: Callable[..., SearchResult],
    strict: SearchResult,
    needs: tuple[int, int],
    window: tuple[int, int],
    ordering: str,
    with_facets: bool,
) -> SearchResult:
    """The experts with every concept first, then those with fewer of them, as one list that pages like any
    other; the total and facets are those of the wider set, which holds the first."""
    offset, limit = window
    strict_need, wider_need = needs
    if offset == 0 and strict.total <= limit:
        first = strict.hits
    else:  # fewer than FILL_BELOW: one short query has them all
        first = run(0, FILL_BELOW, ordering, strict_need, False).hits
    wider = run(0, offset + limit + len(first), ordering, wider_need, with_facets)
    return SearchResult(
        hits=strict_first(first, wider.hits, offset, limit),
        total=wider.total,
        facets=wider.facets,
        backend=wider.backend,
    )


def result_cache_timeout() -> int:
    """SEARCH_RESULT_CACHE_SECONDS less up to a quarter, at random: results cached in one burst (popular
    queries after a re-index, a deploy or a warm-up) must not all expire in the same second. They did: a
    stampede of uncached searches once a minute, the p99 tail of `make load-stack`'s search phase
    (docs/adr/0038-gunicorn-and-nginx-as-shipped.md)."""
    seconds = settings.SEARCH_RESULT_CACHE_SECONDS
    return max(1, round(seconds * random.uniform(0.75, 1.0)))  # noqa: S311  (spreading, not secrecy)


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


def _at_least(groups: list[str], need: int, and_op: str, or_op: str) -> str:
    """Groups joined so that `need` of them must match: all (AND), any (OR), or two (OR of the pairs)."""
    if need >= len(groups):
        return and_op.join(groups)
    if need <= 1:
        return or_op.join(groups)
    return or_op.join(f"({a}{and_op}{b})" for a, b in itertools.combinations(groups, 2))


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


def _count_facets_and_page(
    scored: Any,  # QuerySet[SearchDocument] annotated with `score`
    filters: SearchFilters,
    taxonomy: Taxonomy,
    language: str,
    with_facets: bool,
    page: tuple[int, int, str] | None,
    rescored: Any = None,  # QuerySet[SearchDocument] annotated with `score`, restricted to `c`
    also: Any = None,  # further matches, disjoint from `scored`, annotated alike
    *,
    terms_sql: str,  # the engine's count of the matches' facet terms (rows: facet label, value, '', count)
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
            terms_sql,
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


# --- writing --------------------------------------------------------------------------------------


def write_rows(*, profile_ids: list[int], audience: str, documents: list[DocumentData], engine: Any) -> None:
    """Replace the audience's rows of these profiles with `documents` (profiles without one vanish);
    `engine` adds what only it stores (PostgreSQL's search vector, SQLite's FTS5 rows)."""
    stale = list(
        SearchDocument.objects.filter(profile_id__in=profile_ids, audience=audience).values_list(
            "id", flat=True
        )
    )
    engine.forget_text_rows(stale)
    SearchDocument.objects.filter(id__in=stale).delete()
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
                search_vector=engine.search_vector(d),
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
    if rows and rows[0].pk is not None:
        created = {row.profile_id: row.pk for row in rows}
    else:
        created = dict(
            SearchDocument.objects.filter(profile_id__in=profile_ids, audience=audience).values_list(
                "profile_id", "id"
            )
        )
    SearchDocumentText.objects.bulk_create(
        [
            SearchDocumentText(
                document_id=created[d.profile_id],
                bio_text=d.bio_text,
                skills_text=d.skills_text,
                meta_text=d.meta_text,
                expansions=" ".join(d.expansions),
                cards=d.cards,
                embedding=d.embedding,
                embedding_digest=d.embedding_digest if d.embedding else "",
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
    if documents:
        engine.write_text_rows(created, documents)


# --- reading --------------------------------------------------------------------------------------


class DatabaseBackend:
    """The search algorithm both engines follow; subclasses say how words match and how matches score."""

    name = "database"
    # match the text in the engine's index (PostgreSQL: tsvector; SQLite: FTS5), by these hooks:

    def forget_text_rows(self, document_ids: list[int]) -> None:
        """Drop the engine's own text-index rows of these documents (before the documents go)."""

    def search_vector(self, document: DocumentData) -> Any:
        """The value of SearchDocument.search_vector for a new row (None where the engine has none)."""
        return None

    def write_text_rows(self, created: dict[int, int], documents: list[DocumentData]) -> None:
        """Write the engine's own text-index rows (profile id → new document id in `created`)."""

    def facet_terms_sql(self) -> str:
        """SQL counting the facet terms of the matches `m`: rows ('t:<facet>' or 'terms', value, '', n)."""
        raise NotImplementedError

    def plan_steps(
        self, plan: QueryPlan, base: QuerySet[SearchDocument], free: str, steps: list[int]
    ) -> list[int]:
        """The match steps (how many concepts a match needs) to try, in order."""
        return steps

    def free_names(self, plan: QueryPlan, names: "NameVocabulary") -> str:
        """The free words that go to a name match of their own, space-separated ('' for none)."""
        return ""

    def scored(
        self,
        plan: QueryPlan,
        base: QuerySet[SearchDocument],
        audience: str,
        free: str,
        taxonomy: Taxonomy,
        need: int,
    ) -> tuple[Any, Any, Any] | None:
        """(matches annotated with `score`, a full re-ranking of the candidates `c` or None, further matches
        by name or None); None when nothing can match."""
        raise NotImplementedError

    def in_row_filters(self, plan: QueryPlan) -> bool:
        return False

    # --- the shared algorithm ---

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
            cache.set(key, result, timeout=result_cache_timeout())
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
            in_row=self.in_row_filters(plan),
        )
        # A profile matching one common word of a described problem ("Anwendungen") is rarely an answer
        # when others match two of its concepts (and there are fewer of them to count and rank).
        every_step = match_steps(len(plan.groups), match_any=match_any)
        free = self.free_names(plan, names)
        steps = self.plan_steps(plan, base, free, every_step)
        # Long texts and described problems are fused with semantic retrieval: the lexical ranking of
        # the first SEMANTIC_WINDOW matches is needed for that.
        planned = semantic_planned(plan, match_any=match_any, ordering=ordering, offset=offset)
        window = (0, max(SEMANTIC_WINDOW, offset + limit)) if planned else (offset, limit)
        for need in steps:
            result = self._run(
                plan,
                base,
                audience,
                free,
                filters,
                taxonomy,
                language,
                window[0],
                window[1],
                ordering,
                need,
                with_facets,
            )
            if result.total:
                break
        wider_need = fill_step(every_step, need, result.total, ordering)
        if wider_need is not None:
            run = partial(self._run, plan, base, audience, free, filters, taxonomy, language)
            result = _filled(run, result, (need, wider_need), window, ordering, with_facets)
        if planned or semantic_rescue(plan, result, ordering=ordering, offset=offset, limit=limit):
            result = fuse_semantic(
                result,
                query=query,
                base=base,
                audience=audience,
                filters=filters,
                offset=offset,
                limit=limit,
                planned=planned,
            )
        # a did-you-mean only where the query finds little: a known word is never "corrected" anyway
        result.suggestions = [plan.suggestion] if plan.suggestion and result.total < SUGGEST_BELOW else []
        result.skills = _recognised(plan)
        return result

    def _run(
        self,
        plan: QueryPlan,
        base: QuerySet[SearchDocument],
        audience: str,
        free: str,  # the free words that may be a name, space-separated
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
            scored = base.annotate(score=F("quality"))
        else:
            found = self.scored(plan, base, audience, free, taxonomy, need)
            if found is None:
                return SearchResult(hits=[], total=0, backend=self.name)
            scored, rescored, scored_by_name = found
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
                terms_sql=self.facet_terms_sql(),
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
