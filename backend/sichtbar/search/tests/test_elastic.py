"""The Elasticsearch backend: mappings and query bodies (no cluster needed), the fallback to the database
when the cluster is unreachable, the relaxed steps of a text no profile matches entirely (against a stand-in
speaking Elasticsearch's search API on loopback), and a round trip against a real cluster when
ELASTICSEARCH_URL is set."""

import json
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from sichtbar.profiles.models import Audience
from sichtbar.search.backends import elastic
from sichtbar.search.backends.base import SearchFilters
from sichtbar.search.documents import build_documents
from sichtbar.search.selectors import expert_autocomplete, expert_search
from sichtbar.search.text import load_taxonomy

from .helpers import index_all, profile, skill


def test_index_mapping_has_german_analysis_nested_skills_and_search_as_you_type():
    body = elastic.expert_index("sichtbar-experts-public-1").to_dict()
    analysis = body["settings"]["analysis"]
    props = body["mappings"]["properties"]

    assert analysis["analyzer"]["sichtbar_german"]["filter"] == [
        "lowercase",
        "sichtbar_german_stop",
        "sichtbar_german_decompounder",
        "german_normalization",
        "sichtbar_german_stemmer",
    ]
    assert analysis["analyzer"]["sichtbar_german_search"]["filter"][1] == "sichtbar_skill_synonyms"
    assert analysis["filter"]["sichtbar_skill_synonyms"] == {
        "type": "synonym_graph",
        "synonyms_set": "sichtbar-skills",
        "updateable": True,
    }
    assert "migration" in analysis["filter"]["sichtbar_german_decompounder"]["word_list"]
    assert analysis["filter"]["sichtbar_german_decompounder"]["type"] == "dictionary_decompounder"
    # the German Snowball stemmer, as PostgreSQL's `german` configuration and the SQLite index use
    assert analysis["filter"]["sichtbar_german_stemmer"] == {"type": "snowball", "language": "German"}
    assert props["embedding"] == {
        "type": "dense_vector",
        "dims": 384,
        "index": True,
        "similarity": "dot_product",
    }
    assert props["skills"]["type"] == "nested"
    assert props["skills"]["properties"]["level"] == {"type": "integer"}
    assert props["name"]["fields"]["suggest"] == {"type": "search_as_you_type"}
    assert props["bio"] == {
        "type": "text",
        "analyzer": "sichtbar_german",
        "search_analyzer": "sichtbar_german_search",
        "fields": {"en": {"type": "text", "analyzer": "english"}},  # "hire" meets "hiring"
    }
    assert "fields" not in props["headline_de"]
    assert "links" not in props


def test_with_a_hyphenation_grammar_compounds_are_split_by_hyphenation(settings):
    settings.ELASTICSEARCH_HYPHENATION_PATTERNS = "analysis/de_DR.xml"
    analysis = elastic.expert_index("sichtbar-experts-public-1").to_dict()["settings"]["analysis"]

    decompounder = analysis["filter"]["sichtbar_german_decompounder"]
    assert decompounder["type"] == "hyphenation_decompounder"
    assert decompounder["hyphenation_patterns_path"] == "analysis/de_DR.xml"
    assert "migration" in decompounder["word_list"]


def test_the_document_carries_its_embedding():
    from sichtbar.search.documents import DocumentData
    from sichtbar.search.embeddings import to_bytes

    vector = np.zeros(384, dtype=np.float32)
    vector[3] = 1.0
    doc = DocumentData(
        profile_id=1, audience="public", slug="a", name="A", sort_name="a", headline_de="", headline_en="",
        bio_text="", skills=[], languages=[], available=[], availability_topics=[], department_id=None,
        department_name="", location_id=None, location_name="", location_city="", quality=0.0,
        embedding=to_bytes(vector),
    )  # fmt: skip
    embedded = elastic.to_es(doc).to_dict()["embedding"]

    assert len(embedded) == 384 and embedded[3] == 1.0 and sum(embedded) == 1.0


def test_search_body_combines_fuzzy_text_skill_level_and_recency_with_facets_and_highlights():
    search = elastic.ExpertFacetedSearch(
        "Kubernetes",
        index="sichtbar-experts-public",
        filters=SearchFilters(skills=("kubernetes",), min_level=3, languages=("de",), available=("press",)),
        skill_slugs=("kubernetes",),
    )
    body = search._s.to_dict()
    score = body["query"]["bool"]["must"][0]["function_score"]

    text = score["query"]["bool"]["must"][0]["multi_match"]
    assert text["fuzziness"] == "AUTO" and text["operator"] == "and"
    assert {"bio", "bio.en^0.5", "skill_names.en^1.5"} <= set(text["fields"])  # German and English stems
    nested = score["query"]["bool"]["should"][1]["nested"]
    assert nested["path"] == "skills"
    assert nested["query"]["function_score"]["functions"][0]["field_value_factor"]["field"] == "skills.level"
    assert score["functions"][1]["gauss"]["updated_at"]["scale"] == "180d"
    assert score["functions"][2]["field_value_factor"]["field"] == "activity"  # evidence from posts
    assert body["query"]["bool"]["filter"][0]["nested"]["query"]["bool"]["must"][0] == {
        "range": {"skills.level": {"gte": 3}}
    }
    assert set(body["aggs"]) == {
        f"_filter_{n}" for n in ("skill", "level", "language", "location", "department", "availability")
    }
    assert body["highlight"]["encoder"] == "html"
    assert body["highlight"]["pre_tags"] == ["<mark>"]
    assert body["post_filter"]["bool"]["must"][0]["nested"]["query"] == {
        "terms": {"skills.slug": ["kubernetes"]}
    }


def test_more_like_this_and_autocomplete_bodies():
    mlt = elastic.more_like_this_query(like=[{"_index": "i", "_id": "7"}]).to_dict()["more_like_this"]
    auto = elastic.autocomplete_search("Len", index="i", limit=5).to_dict()

    assert mlt["like"] == [{"_index": "i", "_id": "7"}] and "skill_names" in mlt["fields"]
    assert auto["query"]["multi_match"]["type"] == "bool_prefix"
    assert auto["size"] == 5


@pytest.mark.django_db
def test_documents_for_the_public_index_contain_no_internal_section():
    secret = skill("Geheimwissen")
    p = profile(
        slug="mixed",
        bio="<p>intern</p>",
        skills={secret: 4},
        sections={"bio": "internal", "skills": "internal"},
    )
    p.links.create(kind="github", url="https://github.com/x")

    [doc] = build_documents(profile_ids=[p.id], audience=Audience.PUBLIC, taxonomy=load_taxonomy())
    source = elastic.to_es(doc).to_dict()

    assert source["bio"] == "" and "skills" not in source and "skill_names" not in source
    assert "github" not in str(source)
    # the stored result cards are the audience's view too
    assert doc.cards["de"]["skills"] == [] and "Geheimwissen" not in str(doc.cards)


@pytest.mark.django_db
def test_synonym_rules_come_from_the_taxonomy():
    skill("Kubernetes", aliases=("K8s",))

    assert elastic.synonym_rules(load_taxonomy()) == [{"id": "kubernetes", "synonyms": "k8s, kubernetes"}]


@pytest.mark.django_db
def test_unreachable_elasticsearch_falls_back_to_the_database(settings, caplog):
    k8s = skill("Kubernetes")
    profile(slug="lena", first_name="Lena", skills={k8s: 5})
    index_all()
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port

    page = expert_search(query="Kubernetes", filters=SearchFilters(), audience=Audience.PUBLIC, language="de")
    suggestions = expert_autocomplete(query="Len", audience=Audience.PUBLIC, language="de")

    assert page.backend == "database"
    assert [c["slug"] for c in page.results] == ["lena"]
    assert [e.slug for e in suggestions.experts] == ["lena"]
    assert "unavailable, answering from the database" in caplog.text


class _SearchStandIn(BaseHTTPRequestHandler):
    """Answers `_search` like a cluster holding a profile (id 7) that has two of the query's words and
    one (id 8) that has one: nothing for every word, 7 for two of them, 8 and 7 for any."""

    bodies: list[dict] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
        type(self).bodies.append(body)
        words = _text_match(body)
        ids = [] if words["operator"] != "or" else [7] if words.get("minimum_should_match") else [8, 7]
        hits = [
            {"_index": "i", "_id": str(pk), "_score": 1.0, "_source": {"profile_id": pk, "slug": f"p{pk}"}}
            for pk in ids
        ]
        payload = json.dumps(
            {
                "took": 1,
                "timed_out": False,
                "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
                "hits": {
                    "total": {"value": len(ids), "relation": "eq"},
                    "max_score": 1.0 if ids else None,
                    "hits": hits,
                },
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def search_stand_in() -> Iterator[str]:
    _SearchStandIn.bodies = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SearchStandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _text_match(body: dict) -> dict:
    text = json.dumps(body)
    start = text.index('"multi_match"')
    return json.loads(text[text.index("{", start) : text.index("}", start) + 1])


@pytest.mark.django_db
def test_a_text_no_profile_matches_entirely_asks_for_two_of_its_words_then_any(search_stand_in):
    from elasticsearch import Elasticsearch

    backend = elastic.ElasticsearchBackend(Elasticsearch(search_stand_in, request_timeout=3, max_retries=0))
    search = {
        "filters": SearchFilters(),
        "audience": Audience.PUBLIC,
        "language": "de",
        "offset": 0,
        "limit": 10,
        "ordering": "relevance",
        "with_facets": False,
    }

    result = backend.search(query="Wir wollen Anwendungen in die Cloud migrieren", **search)

    # the one profile with two of the words first, then the list goes on with those that have one
    assert [h.profile_id for h in result.hits] == [7, 8] and result.total == 2
    steps = [_text_match(body) for body in _SearchStandIn.bodies]
    assert [(m["operator"], m.get("minimum_should_match")) for m in steps] == [
        ("and", None),
        ("or", 2),
        ("or", None),
    ]

    _SearchStandIn.bodies = []
    backend.search(query="Cloud Kubernetes", **search)  # two words: every word, then any
    assert [_text_match(b).get("minimum_should_match") for b in _SearchStandIn.bodies] == [None, None]
    assert [_text_match(b)["operator"] for b in _SearchStandIn.bodies] == ["and", "or"]


@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="needs a cluster (ELASTICSEARCH_URL)")
@pytest.mark.django_db
def test_real_cluster_round_trip(settings):
    from django.core.management import call_command

    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX_PREFIX = "sichtbar-test"
    k8s = skill("Kubernetes", aliases=("K8s",))
    migration = skill("Cloud-Migration", "Cloud Migration")
    profile(slug="lena", first_name="Lena", last_name="Hoffmann", skills={k8s: 5, migration: 4})
    profile(slug="intern", last_name="Intern", skills={k8s: 5}, sections={"basics": "internal"})
    call_command("search_rebuild")

    for query in ("K8s", "Kubernets", "Cloudmigration"):
        page = expert_search(query=query, filters=SearchFilters(), audience=Audience.PUBLIC, language="de")
        assert page.backend == "elasticsearch"
        assert [c["slug"] for c in page.results] == ["lena"], query
