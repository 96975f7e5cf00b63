"""The Elasticsearch backend (elasticsearch.dsl): one index per audience behind an alias, German analysis
with compound splitting, search-time synonyms from the taxonomy, nested skills, facets, more_like_this."""

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, helpers
from elasticsearch.dsl import Date as DateField
from elasticsearch.dsl import (
    DenseVector,
    Document,
    FacetedSearch,
    Float,
    InnerDoc,
    Integer,
    Keyword,
    Nested,
    NestedFacet,
    Q,
    Search,
    SearchAsYouType,
    TermsFacet,
    Text,
    analyzer,
    token_filter,
)
from elasticsearch.dsl import Index as EsIndex
from elasticsearch.dsl.query import Query

from ..documents import DocumentData
from ..embeddings import DIMENSIONS, from_bytes
from ..models import SearchDocument
from ..text import Taxonomy, load_taxonomy, plan_query, query_tokens, words
from .base import (
    FACETS,
    FILL_BELOW,
    SORT_NAME,
    AutocompleteResult,
    ExpertSuggestion,
    FacetValue,
    RecognisedSkill,
    SearchBackendUnavailable,
    SearchFilters,
    SearchHit,
    SearchResult,
    fill_step,
    match_steps,
    strict_first,
)
from .semantic import SEMANTIC_WINDOW, fuse_semantic, semantic_planned, semantic_rescue

logger = logging.getLogger(__name__)
ANALYSIS_DIR = Path(__file__).resolve().parents[4] / "infra" / "elasticsearch"
HIGHLIGHT_FIELDS = ("name", "headline_de", "headline_en", "bio", "skill_names")
# The `.en` twins stem English words with English rules (the German analyzer leaves "hiring" and "hire"
# apart): lower boosts, they catch what the German stems miss (search/text.py, english_variants, does the
# same for the database backend).
TEXT_FIELDS = [
    "name^4",
    "skill_names^3",
    "headline_de^2",
    "headline_en^2",
    "bio",
    "meta_text",
    "skill_names.en^1.5",
    "headline_en.en",
    "bio.en^0.5",
]


def prefix() -> str:
    return getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "sichtbar")


def alias_name(audience: str) -> str:
    return f"{prefix()}-experts-{audience}"


def synonyms_set_name() -> str:
    return f"{prefix()}-skills"


def client() -> Elasticsearch:
    return Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=3, max_retries=0, retry_on_timeout=False)


def compound_words(taxonomy: Taxonomy | None = None) -> list[str]:
    listed = [
        line.strip()
        for line in (ANALYSIS_DIR / "compound-words-de.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    from_taxonomy = sorted(w for w in (taxonomy.vocabulary if taxonomy else ()) if w.isalpha() and len(w) > 3)
    return sorted(set(listed) | set(from_taxonomy))


def synonym_rules(taxonomy: Taxonomy) -> list[dict[str, str]]:
    """One equivalence rule per skill: German name, English name and every alias."""
    rules = []
    for skill in taxonomy.skills.values():
        phrases = sorted({p.replace(",", " ").strip().lower() for p in skill.phrases if p.strip()})
        if len(phrases) > 1:
            rules.append({"id": skill.slug, "synonyms": ", ".join(phrases)})
    return rules


def german_analyzers(words_list: list[str]) -> tuple[Any, Any]:
    """The built-in `german` analyzer rebuilt with a decompounder; the search twin adds synonyms."""
    stop = token_filter("sichtbar_german_stop", type="stop", stopwords="_german_")
    decompound = token_filter(
        "sichtbar_german_decompounder",
        type="dictionary_decompounder",
        word_list=words_list,
        min_subword_size=3,
        only_longest_match=True,
    )
    if settings.ELASTICSEARCH_HYPHENATION_PATTERNS:
        # splits by the German hyphenation grammar, keeping the parts found in the word list
        decompound = token_filter(
            "sichtbar_german_decompounder",
            type="hyphenation_decompounder",
            hyphenation_patterns_path=settings.ELASTICSEARCH_HYPHENATION_PATTERNS,
            word_list=words_list,
            min_subword_size=3,
            only_longest_match=True,
        )
    # German Snowball, the algorithm the database backends stem with (PostgreSQL's `german`, PyStemmer)
    stemmer = token_filter("sichtbar_german_stemmer", type="snowball", language="German")
    synonyms = token_filter(
        "sichtbar_skill_synonyms", type="synonym_graph", synonyms_set=synonyms_set_name(), updateable=True
    )
    chain = ["lowercase", stop, decompound, "german_normalization", stemmer]
    index_analyzer = analyzer("sichtbar_german", tokenizer="standard", filter=chain)
    search_analyzer = analyzer(
        "sichtbar_german_search", tokenizer="standard", filter=["lowercase", synonyms, *chain[1:]]
    )
    return index_analyzer, search_analyzer


def german_text(*, english: bool = False, **kwargs: Any) -> Text:
    """Analyzers by name: their definitions (with the word list) are added per index in expert_index().
    With `english`, a subfield `en` analysed by Elasticsearch's built-in English analyzer."""
    if english:
        kwargs["fields"] = {"en": Text(analyzer="english")}
    return Text(analyzer="sichtbar_german", search_analyzer="sichtbar_german_search", **kwargs)


class SkillInner(InnerDoc):
    slug = Keyword()
    name_de = german_text()
    name_en = german_text()
    aliases = german_text()
    level = Integer()


class ExpertDocument(Document):
    """A profile as one audience may see it. Built from DocumentData only: no field of a section the
    audience may not see exists here (links, for instance, are never indexed)."""

    profile_id = Integer()
    slug = Keyword()
    name = Text(fields={"suggest": SearchAsYouType(), "folded": Text(analyzer="standard")})
    sort_name = Keyword()
    headline_de = german_text()
    headline_en = german_text(english=True)
    bio = german_text(english=True)
    skill_names = german_text(english=True)
    meta_text = german_text()
    skills = Nested(SkillInner)
    languages = Keyword()
    available = Keyword()
    department_id = Integer()
    department_name = Keyword()
    location_id = Integer()
    location_name = Keyword()
    quality = Float()
    activity = Float()
    updated_at = DateField()
    # multilingual-e5-small of what the audience sees (search/embeddings.py), L2-normalised
    embedding = DenseVector(dims=DIMENSIONS, index=True, similarity="dot_product")

    class Index:
        name = "sichtbar-experts"  # replaced per audience by expert_index()


def expert_index(name: str, taxonomy: Taxonomy | None = None) -> EsIndex:
    index = EsIndex(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index_analyzer, search_analyzer = german_analyzers(compound_words(taxonomy))
    index.analyzer(index_analyzer)
    index.analyzer(search_analyzer)
    index.document(ExpertDocument)
    return index


def to_es(doc: DocumentData) -> ExpertDocument:
    return ExpertDocument(
        meta={"id": doc.profile_id},
        profile_id=doc.profile_id,
        slug=doc.slug,
        name=doc.name,
        sort_name=doc.sort_name,
        headline_de=doc.headline_de,
        headline_en=doc.headline_en,
        bio=doc.bio_text,
        skill_names=[n for s in doc.skills for n in (s.name_de, s.name_en, *s.aliases)],
        meta_text=doc.meta_text,
        skills=[
            SkillInner(
                slug=s.slug, name_de=s.name_de, name_en=s.name_en, aliases=list(s.aliases), level=s.level
            )
            for s in doc.skills
        ],
        languages=doc.languages,
        available=doc.available,
        department_id=doc.department_id,
        department_name=doc.department_name,
        location_id=doc.location_id,
        location_name=doc.location_name,
        quality=doc.quality,
        activity=doc.activity,
        updated_at=doc.updated_at,
        embedding=[float(x) for x in from_bytes(doc.embedding)] if doc.embedding else None,
    )


# --- queries ----------------------------------------------------------------------------------------


class ExpertFacetedSearch(FacetedSearch):
    """Facets as filters (post_filter) with counts that ignore the facet's own selection."""

    fields = TEXT_FIELDS
    facets = {
        "skill": NestedFacet("skills", TermsFacet(field="skills.slug", size=25)),
        "level": NestedFacet("skills", TermsFacet(field="skills.level", size=5)),
        "language": TermsFacet(field="languages", size=20),
        "location": TermsFacet(field="location_id", size=50),
        "department": TermsFacet(field="department_id", size=50),
        "availability": TermsFacet(field="available", size=4),
    }

    def __init__(
        self,
        query: str,
        *,
        index: str,
        filters: SearchFilters,
        ordering: str = "relevance",
        match_any: bool = False,
        need: int | None = None,
        skill_slugs: tuple[str, ...] = (),
        es: Elasticsearch | None = None,
    ) -> None:
        self.index = index
        self.using = es or "default"  # type: ignore[assignment]
        self.match_any = match_any
        self.need = need
        self.min_level = filters.min_level
        self.skill_slugs = skill_slugs
        facet_filters: dict[str, Any] = {}
        for name, values in (
            ("skill", filters.skills),
            ("language", filters.languages),
            ("location", filters.locations),
            ("department", filters.departments),
            ("availability", filters.available),
        ):
            if values:
                facet_filters[name] = list(values)
        sort = ["sort_name"] if ordering == SORT_NAME else []
        super().__init__(query, facet_filters, sort)

    def search(self) -> Search:
        s = Search(index=self.index, using=self.using).extra(track_total_hits=True)
        if self.min_level:
            level = Q("range", **{"skills.level": {"gte": self.min_level}})
            if self.skill_slugs:
                level &= Q("terms", **{"skills.slug": list(self.skill_slugs)})
            s = s.filter("nested", path="skills", query=level)
        return s.source(["profile_id", "slug"])

    def query(self, search: Any, query: Any) -> Any:
        return search.query(relevance_query(str(query), match_any=self.match_any, need=self.need))

    def highlight(self, search: Any) -> Any:
        return search.highlight_options(
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            encoder="html",
            number_of_fragments=2,
            fragment_size=160,
        ).highlight(*HIGHLIGHT_FIELDS)


def _hits(response: Any) -> list[SearchHit]:
    hits = []
    for hit in response:
        highlights: dict[str, list[str]] = {}
        highlight = getattr(hit.meta, "highlight", None)
        for field, snippets in (highlight.to_dict() if highlight is not None else {}).items():
            key = {"headline_de": "headline", "headline_en": "headline", "skill_names": "skills"}.get(
                field, field
            )
            highlights.setdefault(key, []).extend(snippets)
        hits.append(
            SearchHit(
                profile_id=int(hit.profile_id),
                score=round(float(hit.meta.score or 0), 4),
                highlights=highlights,
            )
        )
    return hits


def relevance_query(text: str, *, match_any: bool = False, need: int | None = None) -> Query:
    """Text relevance (fuzzy, synonyms via the search analyzer) combined with the level of matching skills,
    the profile's completeness and its recency. Every word must match; with `need`, that many of them
    (the database backend's "two concepts" step); with `match_any`, any."""
    extra: dict[str, Any] = {"operator": "or", "minimum_should_match": need} if need else {}
    text_match = Q(
        "multi_match",
        query=text,
        fields=TEXT_FIELDS,
        type="most_fields",
        fuzziness="AUTO",
        prefix_length=1,
        **({"operator": "or" if match_any else "and"} | extra),
    )
    phrase = Q("multi_match", query=text, fields=["name^6", "skill_names^4"], type="phrase", boost=2)
    skill_level = Q(
        "nested",
        path="skills",
        score_mode="max",
        query=Q(
            "function_score",
            query=Q(
                "multi_match",
                query=text,
                fields=["skills.name_de", "skills.name_en", "skills.aliases"],
                fuzziness="AUTO",
            ),
            field_value_factor={"field": "skills.level", "factor": 0.5, "missing": 1},
            boost_mode="multiply",
        ),
    )
    if match_any:
        combined = Q("bool", should=[text_match, phrase, skill_level], minimum_should_match=1)
    else:
        combined = Q("bool", must=[text_match], should=[phrase, skill_level])
    return Q(
        "function_score",
        query=combined,
        functions=[
            {"field_value_factor": {"field": "quality", "factor": 1.0, "modifier": "log1p", "missing": 0}},
            {"gauss": {"updated_at": {"origin": "now", "scale": "180d", "decay": 0.5}}, "weight": 0.5},
            # activity from imported posts: a small evidence boost (at most log10(1.5) ≈ 0.18)
            {"field_value_factor": {"field": "activity", "factor": 0.5, "modifier": "log1p", "missing": 0}},
        ],
        score_mode="sum",
        boost_mode="sum",
    )


def more_like_this_query(*, like: list[Any], min_term_freq: int = 1) -> Query:
    return Q(
        "more_like_this",
        fields=["skill_names", "headline_de", "headline_en", "bio"],
        like=like,
        min_term_freq=min_term_freq,
        min_doc_freq=1,
        max_query_terms=40,
    )


def autocomplete_search(query: str, *, index: str, limit: int) -> Search:
    return (
        Search(index=index)
        .query(
            "multi_match",
            query=query,
            type="bool_prefix",
            fields=["name.suggest", "name.suggest._2gram", "name.suggest._3gram"],
        )
        .source(["profile_id", "slug", "name", "headline_de", "headline_en"])[:limit]
    )


# --- backend ----------------------------------------------------------------------------------------


def _unavailable(exc: Exception) -> SearchBackendUnavailable:
    return SearchBackendUnavailable(f"{type(exc).__name__}: {exc}")


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, es: Elasticsearch | None = None) -> None:
        self.es = es or client()

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
        taxonomy = load_taxonomy()
        slugs: set[str] = set()
        for slug in filters.skills:
            slugs |= taxonomy.descendants(slug)
        expanded = SearchFilters(
            skills=tuple(sorted(slugs)),
            min_level=filters.min_level,
            languages=filters.languages,
            locations=filters.locations,
            departments=filters.departments,
            available=filters.available,
        )
        # The steps of match_steps, over the words Elasticsearch matches (its analyzer knows the synonyms):
        # every word (operator and), two of them (minimum_should_match), any.
        count = len(query_tokens(query))
        plan = plan_query(query, taxonomy=taxonomy)
        planned = semantic_planned(plan, match_any=match_any, ordering=ordering, offset=offset)
        page_from, page_to = (
            (0, max(SEMANTIC_WINDOW, offset + limit)) if planned else (offset, offset + limit)
        )

        def step(need: int, start: int, stop: int) -> Any:
            every_word = need >= count and not match_any
            faceted = ExpertFacetedSearch(
                query.strip() or None,  # type: ignore[arg-type]
                index=alias_name(audience),
                filters=expanded,
                ordering=ordering,
                match_any=not every_word and need == 1,
                need=None if every_word or need == 1 else need,
                skill_slugs=expanded.skills,
                es=self.es,
            )[start:stop]
            try:
                return faceted.execute()
            except (TransportError, ApiError) as exc:
                raise _unavailable(exc) from exc

        steps = match_steps(count, match_any=match_any)
        for need in steps:
            response = step(need, page_from, page_to)
            total = int(response.hits.total.value)
            if total:
                break
        hits = _hits(response)
        wider_need = fill_step(steps, need, total, ordering)
        if wider_need is not None:  # as the database backend does (`_filled`)
            if page_from != 0 or total > page_to:
                hits = _hits(step(need, 0, FILL_BELOW))
            response = step(wider_need, 0, page_to + len(hits))
            hits = strict_first(hits, _hits(response), page_from, page_to - page_from)
            total = int(response.hits.total.value)
        facets = self._facets(response, taxonomy, language) if with_facets else {}
        recognised = [
            RecognisedSkill(s.id, s.slug, s.name_de, s.name_en)
            for s in taxonomy.skills.values()
            if any(_contains_phrase(query, p) for p in s.phrases)
        ]
        result = SearchResult(
            hits=hits,
            total=total,
            facets=facets,
            skills=recognised,
            backend=self.name,
        )
        if planned or semantic_rescue(plan, result, ordering=ordering, offset=offset, limit=limit):
            # the neighbours come from the database's vectors (written before Elasticsearch's), filtered
            # by the database index, so both backends fuse the same semantic ranking
            from .database.core import _filtered

            base = _filtered(SearchDocument.objects.filter(audience=audience), filters, taxonomy)
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
        return result

    def _facets(self, response: Any, taxonomy: Taxonomy, language: str) -> dict[str, list[FacetValue]]:
        from sichtbar.accounts.models import Department, Location

        raw: dict[str, list[tuple[str, int]]] = {
            name: [(str(value), int(count)) for value, count, _selected in getattr(response.facets, name, [])]
            for name in FACETS
        }
        departments = dict(
            Department.objects.filter(id__in=[int(v) for v, _ in raw["department"]]).values_list("id", "name")
        )
        locations = dict(
            Location.objects.filter(id__in=[int(v) for v, _ in raw["location"]]).values_list("id", "name")
        )
        out: dict[str, list[FacetValue]] = {}
        out["skill"] = [
            FacetValue(v, taxonomy.by_slug[v].name(language) if v in taxonomy.by_slug else v, c)
            for v, c in raw["skill"]
        ]
        out["department"] = [FacetValue(v, departments.get(int(v), v), c) for v, c in raw["department"]]
        out["location"] = [FacetValue(v, locations.get(int(v), v), c) for v, c in raw["location"]]
        out["language"] = [FacetValue(v, v, c) for v, c in raw["language"]]
        out["availability"] = [FacetValue(v, v, c) for v, c in raw["availability"]]
        # Skill entries per level, summed from the top into "at least n" like the database backend.
        per_level = {int(v): c for v, c in raw["level"]}
        running, levels = 0, []
        for level in range(5, 0, -1):
            running += per_level.get(level, 0)
            levels.append(FacetValue(str(level), f"≥ {level}", running))
        out["level"] = list(reversed(levels))
        return out

    def autocomplete(self, *, query: str, audience: str, language: str, limit: int) -> AutocompleteResult:
        from .database import database_engine

        skills = (
            database_engine()
            .autocomplete(query=query, audience=audience, language=language, limit=limit)
            .skills
        )
        try:
            response = (
                autocomplete_search(query, index=alias_name(audience), limit=limit).using(self.es).execute()
            )
        except (TransportError, ApiError) as exc:
            raise _unavailable(exc) from exc
        experts = [
            ExpertSuggestion(
                int(h.profile_id),
                h.slug,
                h.name,
                (h.headline_en or h.headline_de) if language == "en" else (h.headline_de or h.headline_en),
            )
            for h in response
        ]
        return AutocompleteResult(skills=skills, experts=experts)

    def related(self, *, profile_id: int, audience: str, limit: int) -> list[SearchHit]:
        index = alias_name(audience)
        s = (
            Search(index=index, using=self.es)
            .query(more_like_this_query(like=[{"_index": index, "_id": str(profile_id)}]))
            .source(["profile_id"])[:limit]
        )
        try:
            response = s.execute()
        except (TransportError, ApiError) as exc:
            raise _unavailable(exc) from exc
        return [
            SearchHit(profile_id=int(h.profile_id), score=round(float(h.meta.score), 4)) for h in response
        ]


def _contains_phrase(text: str, phrase: str) -> bool:
    haystack, needle = f" {' '.join(words(text))} ", f" {' '.join(words(phrase))} "
    return needle.strip() != "" and needle in haystack


# --- writing ----------------------------------------------------------------------------------------


def index_documents(*, profile_ids: list[int], audience: str, documents: list[DocumentData]) -> None:
    """Upsert the visible profiles and delete the others from the audience's index (raises on failure, so
    the dirty flags stay set). Writes go through the alias that search_rebuild created."""
    es = client()
    alias = alias_name(audience)
    if not es.indices.exists_alias(name=alias):
        raise SearchBackendUnavailable(f"index alias {alias} missing: run `manage.py search_rebuild`")
    present = {d.profile_id for d in documents}
    actions: list[dict[str, Any]] = [
        {"_op_type": "index", "_index": alias, "_id": d.profile_id, "_source": to_es(d).to_dict()}
        for d in documents
    ]
    actions += [
        {"_op_type": "delete", "_index": alias, "_id": pid} for pid in profile_ids if pid not in present
    ]
    _ok, errors = helpers.bulk(es, actions, raise_on_error=False, raise_on_exception=True, refresh=False)
    failures = [  # deleting what was never indexed is fine
        e
        for e in (errors if isinstance(errors, list) else [])
        if not isinstance(e, dict) or e.get("delete", {}).get("status") != 404
    ]
    if failures:
        raise SearchBackendUnavailable(f"{len(failures)} documents failed to index: {failures[:3]}")


def sync_synonyms(es: Elasticsearch, taxonomy: Taxonomy) -> None:
    """Put the taxonomy's synonyms into the synonyms set; analyzers using it reload without reindexing."""
    es.synonyms.put_synonym(id=synonyms_set_name(), synonyms_set=synonym_rules(taxonomy))


def rebuild(*, documents_by_audience: dict[str, list[DocumentData]], taxonomy: Taxonomy) -> dict[str, str]:
    """Build a fresh index per audience, fill it, then swap the alias in one atomic step."""
    es = client()
    sync_synonyms(es, taxonomy)
    stamp = datetime.now(tz=UTC).strftime("%Y%m%d%H%M%S%f")
    swapped = {}
    for audience, documents in documents_by_audience.items():
        alias = alias_name(audience)
        new_name = f"{alias}-{stamp}"
        expert_index(new_name, taxonomy).create(using=es)
        helpers.bulk(
            es,
            ({"_index": new_name, "_id": d.profile_id, "_source": to_es(d).to_dict()} for d in documents),
            refresh=True,
        )
        old = list(es.indices.get_alias(name=alias).keys()) if es.indices.exists_alias(name=alias) else []
        es.indices.update_aliases(
            actions=[{"remove": {"index": name, "alias": alias}} for name in old]
            + [{"add": {"index": new_name, "alias": alias}}]
        )
        for name in old:
            es.indices.delete(index=name)
        swapped[audience] = new_name
    return swapped
