"""German morphology and precise correction on the database backend: Snowball stems, dictionary-based
compound splitting, hyphenated words, acronyms that look like stop words, everyday words through the
taxonomy's synonyms, and the rules of the did-you-mean (a test per rule)."""

import pytest

from sichtbar.profiles.models import Audience
from sichtbar.search.backends.base import SearchFilters
from sichtbar.search.selectors import expert_search
from sichtbar.search.text import (
    english_variants,
    is_known,
    load_taxonomy,
    plan_query,
    split_compound,
    stem,
)

from .helpers import index_all, profile, skill

pytestmark = pytest.mark.django_db


def search(query: str) -> tuple[list[str], list[str]]:
    page = expert_search(query=query, filters=SearchFilters(), audience=Audience.PUBLIC, language="de")
    return [card["slug"] for card in page.results], page.suggestions


@pytest.fixture
def law_and_talks():
    contracts = skill("Vertragsrecht", "Contract Law", aliases=("Vertrag", "Verträge"))
    labour = skill("Arbeitsrecht", "Labour Law", aliases=("Arbeitsvertrag",))
    talks = skill("Vorträge und Moderation", "Public Speaking", aliases=("Vorträge", "Keynotes"))
    profile(slug="jurist", last_name="Klein", skills={contracts: 5})
    profile(slug="arbeitsrechtlerin", last_name="Lang", skills={labour: 4})
    profile(slug="rednerin", last_name="Weiss", skills={talks: 5})
    index_all()


def test_the_snowball_stem_joins_german_inflections_alike_at_index_and_query_time():
    assert stem("vertrage") == stem("vertrag") == "vertrag"  # "Verträge", folded
    assert stem("vortrage") != stem("vertrage")
    assert stem("contracts") == "contract"


def test_a_dictionary_word_is_known_and_a_typo_is_not():
    assert is_known("vertrag", set()) and is_known("vertrage", set()) and is_known("presse", set())
    assert not is_known("kubernets", set())
    assert not is_known("pyhton", set())


def test_rule_a_known_word_is_never_corrected_into_another_skill(law_and_talks):
    for query in ("Vertrag", "Verträge"):
        found, suggestions = search(query)
        # the contract lawyer first (the labour lawyer's "Arbeitsvertrag" holds "Vertrag"), not the speaker
        assert found == ["jurist", "arbeitsrechtlerin"]
        assert suggestions == []


def test_rule_an_unknown_word_that_finds_little_gets_a_suggestion(law_and_talks):
    found, suggestions = search("Vertragsrechd")
    assert found[:1] == ["jurist"] and "rednerin" not in found
    assert suggestions == ["Vertragsrecht"]


def test_rule_no_suggestion_when_the_query_finds_enough():
    k8s = skill("Kubernetes")
    for n in range(3):
        profile(slug=f"k{n}", last_name=f"Person{n}", skills={k8s: 3})
    index_all()

    found, suggestions = search("Kubernets")
    assert sorted(found) == ["k0", "k1", "k2"]
    assert suggestions == []  # three experts found: nothing to suggest


def test_a_closed_compound_is_split_with_the_dictionary():
    assert split_compound("arbeitsvertrag", set()) == ("arbeit", "vertrag")
    assert split_compound("steuererklarung", set()) == ("steuer", "erklarung")
    assert split_compound("vertrage", set()) is None  # never "ver" + "träge"


def test_a_compound_finds_the_skill_named_by_its_part(law_and_talks):
    # "Arbeitsvertrag" is a synonym; "Musterarbeitsvertrag" only contains "Arbeitsvertrag"'s parts
    assert search("Arbeitsvertrag")[0] == ["arbeitsrechtlerin"]
    found, _ = search("Vertragsprüfung")  # "Vertrag" + "Prüfung": the part names Vertragsrecht
    assert found[:1] == ["jurist"] and "rednerin" not in found


def test_a_part_of_a_compound_in_a_profile_finds_it():
    profile(slug="pr", headline="Pressearbeit und Kommunikation")
    index_all()

    assert search("Presse")[0] == ["pr"]


@pytest.mark.parametrize("query", ["Docker-Image", "Dockerimage", "SAP-Einführung"])
def test_a_hyphenated_word_or_compound_with_a_skill_in_it_recognises_the_skill(query):
    docker, sap = skill("Docker"), skill("SAP")
    profile(slug="docker", last_name="Dock", skills={docker: 4})
    profile(slug="sap", last_name="Sapp", skills={sap: 4})
    index_all()

    plan = plan_query(query, taxonomy=load_taxonomy())
    expected = "sap" if query.startswith("SAP") else "docker"
    assert [s.slug for s in plan.skills] == [expected]
    assert search(query)[0] == [expected]


def test_it_written_as_an_acronym_is_no_stop_word():
    security = skill("IT-Sicherheit", "IT Security")
    web = skill("Web Security")
    profile(slug="it", last_name="Eins", skills={security: 4})
    profile(slug="web", last_name="Zwei", skills={web: 4})
    index_all()

    plan = plan_query("IT Security", taxonomy=load_taxonomy())
    assert [s.slug for s in plan.skills] == ["it-security"]
    assert search("IT Security")[0] == ["it"]
    assert plan_query("make it secure", taxonomy=load_taxonomy()).raw_words == ["make", "secure"]


def test_everyday_words_reach_skills_through_synonyms_and_managers_can_add_more(law_and_talks):
    from sichtbar.profiles.models import Skill, SkillAlias
    from sichtbar.search.services import search_taxonomy_changed

    assert search("Kündigungsschutzklage")[0] == []
    labour = Skill.objects.get(name_de="Arbeitsrecht")
    SkillAlias.objects.create(skill=labour, name="Kündigungsschutzklage")
    search_taxonomy_changed(skill_ids=[labour.id])
    from sichtbar.search.text import taxonomy_changed

    taxonomy_changed()
    assert search("Kündigungsschutzklage")[0] == ["arbeitsrechtlerin"]
    assert search("Kündigungsschutzklagen")[0] == ["arbeitsrechtlerin"]  # any inflected form


def test_an_english_word_meets_its_other_forms_but_never_becomes_a_skill():
    recruiting = skill("Recruiting", aliases=("hiring",))
    profile(slug="recruiter", last_name="Roth", skills={recruiting: 4})
    profile(slug="engineer", last_name="Ernst", bio="<p>I lead our software engineering team.</p>")
    index_all()

    # the index stems with German Snowball: "hire" and "hiring", "engineers" and "engineering" never met
    assert "hiring" in english_variants("hire") and "engineering" in english_variants("engineers")
    assert english_variants("vertrag") == () and english_variants("verträge") == ()  # German words stay
    assert search("hire")[0] == ["recruiter"]
    assert search("software engineers")[0] == ["engineer"]
    # a form is a word of the text, not the skill it names: "a new hire" is no recruiting question
    assert plan_query("hire", taxonomy=load_taxonomy()).skills == []
