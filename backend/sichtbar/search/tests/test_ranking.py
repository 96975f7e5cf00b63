"""Ranking on both database engines: the skill level and evidence weigh visibly, a long skill list is no
penalty, and a name's similarity counts only for a query that looks like a name."""

import pytest

from sichtbar.profiles.models import Audience
from sichtbar.search.backends.base import SearchFilters
from sichtbar.search.selectors import expert_search

from .helpers import index_all, profile, skill

pytestmark = pytest.mark.django_db


def slugs(query: str) -> list[str]:
    page = expert_search(query=query, filters=SearchFilters(), audience=Audience.PUBLIC, language="de")
    return [card["slug"] for card in page.results]


def test_a_long_skill_list_is_no_penalty():
    k8s = skill("Kubernetes")
    others = [skill(f"Fachgebiet {n}", f"Field {n}") for n in range(12)]
    profile(slug="broad", last_name="Breit", skills={k8s: 5, **dict.fromkeys(others, 3)})
    profile(slug="narrow", last_name="Schmal", skills={k8s: 4})
    index_all()

    assert slugs("Kubernetes") == ["broad", "narrow"]  # the higher level wins, however many skills


@pytest.mark.parametrize("low, high", [(1, 5), (2, 4), (3, 4)])
def test_the_level_decides_between_otherwise_equal_profiles(low, high):
    sap = skill("SAP")
    profile(slug="low", last_name="Aaa", skills={sap: low}, bio="<p>SAP SAP SAP im Alltag.</p>")
    profile(slug="high", last_name="Zzz", skills={sap: high})
    index_all()

    assert slugs("SAP") == ["high", "low"]  # a bio repeating the word does not beat a higher level


def test_availability_is_evidence_between_equal_profiles():
    tax = skill("Steuerrecht")
    profile(slug="quiet", last_name="Aaa", skills={tax: 4})
    profile(slug="available", last_name="Zzz", skills={tax: 4}, press=True)
    index_all()

    assert slugs("Steuerrecht") == ["available", "quiet"]


def test_a_name_resembling_a_skill_query_does_not_outrank_the_experts():
    security = skill("IT-Sicherheit", "IT Security")
    profile(slug="expert", first_name="Eva", last_name="Schulz", skills={security: 5})
    profile(slug="namesake", first_name="Security", last_name="Sicherheitsmann", skills={security: 2})
    index_all()

    assert slugs("IT-Sicherheit")[0] == "expert"
    assert slugs("Sicherheitsmann")[0] == "namesake"  # a query that is a name still finds the person


def test_a_narrower_skill_counts_one_level_below_the_skill_itself():
    ml = skill("Maschinelles Lernen", "Machine Learning")
    genai = skill("Generative KI", "Generative AI", parent=ml)
    others = [skill(f"Fachgebiet {n}", f"Field {n}") for n in range(8)]
    profile(slug="own-5", last_name="Zzz", skills={ml: 5, **dict.fromkeys(others, 3)})
    profile(
        slug="narrower-5",
        last_name="Aaa",
        headline="Data Scientist",  # a fuller profile: its quality would break a tie of levels
        bio="<p>Ich baue Sprachmodelle für den Kundenservice.</p>",
        skills={genai: 5, ml: 1},
    )
    profile(slug="own-3", last_name="Bbb", skills={ml: 3})
    index_all()

    # a level-5 Generative AI expert answers "Machine Learning" like a level-4 one: after the level-5 expert
    # of the skill itself, before a level-3 one
    assert slugs("Maschinelles Lernen") == ["own-5", "narrower-5", "own-3"]
    assert slugs("Generative KI") == ["narrower-5"]
