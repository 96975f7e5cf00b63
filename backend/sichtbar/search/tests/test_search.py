"""Expert search on the database backend: visibility per section and audience, language features, facets,
highlighting, ordering and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sichtbar.profiles.models import Audience, SkillAlias, Visibility
from sichtbar.search.backends.base import SearchFilters
from sichtbar.search.selectors import expert_autocomplete, expert_match, expert_search, related_experts
from sichtbar.search.services import search_taxonomy_changed

from .helpers import index_all, profile, skill

pytestmark = pytest.mark.django_db

PUBLIC, INTERNAL = Audience.PUBLIC, Audience.INTERNAL


def slugs(query: str = "", audience: str = PUBLIC, **filters) -> list[str]:
    page = expert_search(query=query, filters=SearchFilters(**filters), audience=audience, language="de")
    return [card["slug"] for card in page.results]


def match_slugs(text: str, audience: str = PUBLIC) -> list[str]:
    cards, _ = expert_match(text=text, audience=audience, language="de")
    return [card["slug"] for card in cards]


def autocomplete(query: str, audience: str = PUBLIC) -> tuple[list[str], list[str]]:
    result = expert_autocomplete(query=query, audience=audience, language="de")
    return [s.slug for s in result.skills], [e.slug for e in result.experts]


# --- visibility: every section × audience ---------------------------------------------------------

EXPECTED = {  # section visibility → (visitor sees it, colleague sees it)
    Visibility.PUBLIC: (True, True),
    Visibility.PUBLIC_NOINDEX: (True, True),
    Visibility.INTERNAL: (False, True),
    Visibility.PRIVATE: (False, False),
}


@pytest.mark.parametrize("level", list(EXPECTED))
def test_basics_visibility_decides_whether_the_profile_is_found_at_all(level):
    quasar = skill("Quasarphysik")
    profile(
        last_name="Zyxwort",
        slug="zyx",
        visibility=Visibility.PUBLIC,
        sections={"basics": level},
        skills={quasar: 4},
    )
    index_all()

    for audience, expected in zip((PUBLIC, INTERNAL), EXPECTED[level], strict=True):
        found = ["zyx"] if expected else []
        assert slugs("Zyxwort", audience) == found
        assert slugs("Quasarphysik", audience) == found
        assert match_slugs("Wir brauchen jemanden für Quasarphysik", audience) == found
        assert autocomplete("Zyx", audience)[1] == found
        assert autocomplete("Quasar", audience)[0] == (["quasarphysik"] if expected else [])


@pytest.mark.parametrize("level", list(EXPECTED))
def test_bio_is_searchable_only_where_visible(level):
    profile(slug="bio", bio="<p>Ich kenne mich mit Flurbereinigung aus.</p>", sections={"bio": level})
    index_all()

    for audience, expected in zip((PUBLIC, INTERNAL), EXPECTED[level], strict=True):
        assert slugs("Flurbereinigung", audience) == (["bio"] if expected else [])
        assert match_slugs("Flurbereinigung im Dorf", audience) == (["bio"] if expected else [])


@pytest.mark.parametrize("level", list(EXPECTED))
def test_skills_are_searchable_filterable_and_counted_only_where_visible(level):
    secret = skill("Geheimwissen", aliases=("GW",))
    profile(slug="skilled", skills={secret: 5}, sections={"skills": level})
    index_all()

    for audience, expected in zip((PUBLIC, INTERNAL), EXPECTED[level], strict=True):
        found = ["skilled"] if expected else []
        assert slugs("Geheimwissen", audience) == found
        assert slugs("GW", audience) == found
        assert slugs("", audience, skills=("geheimwissen",)) == found
        page = expert_search(query="", filters=SearchFilters(), audience=audience, language="de")
        assert [f.value for f in page.facets.get("skill", [])] == (["geheimwissen"] if expected else [])
        assert autocomplete("Geheim", audience)[0] == (["geheimwissen"] if expected else [])


@pytest.mark.parametrize("level", list(EXPECTED))
def test_languages_filter_and_facet_only_where_visible(level):
    profile(slug="polyglot", languages=("ja",), sections={"languages": level})
    index_all()

    for audience, expected in zip((PUBLIC, INTERNAL), EXPECTED[level], strict=True):
        assert slugs("", audience, languages=("ja",)) == (["polyglot"] if expected else [])
        page = expert_search(query="", filters=SearchFilters(), audience=audience, language="de")
        assert [f.value for f in page.facets["language"]] == (["ja"] if expected else [])


@pytest.mark.parametrize("level", list(EXPECTED))
def test_availability_filter_and_facet_only_where_visible(level):
    profile(slug="press", press=True, sections={"availability": level})
    index_all()

    for audience, expected in zip((PUBLIC, INTERNAL), EXPECTED[level], strict=True):
        assert slugs("", audience, available=("press",)) == (["press"] if expected else [])
        page = expert_search(query="", filters=SearchFilters(), audience=audience, language="de")
        assert [(f.value, f.count) for f in page.facets["availability"]] == (
            [("press", 1)] if expected else []
        )
        card = page.results[0] if page.results else None
        if card is not None:
            assert (card["availability"] is not None) == expected


def test_links_are_never_indexed():
    p = profile(slug="linked")
    p.links.create(kind="github", url="https://github.com/geheimeradresse")
    index_all()

    assert slugs("geheimeradresse", INTERNAL) == []
    assert slugs("github", INTERNAL) == []


def test_unpublished_and_inactive_profiles_are_not_public():
    profile(slug="draft", last_name="Entwurf", published=False)
    profile(slug="gone", last_name="Entwurf", user_kwargs={"is_active": False})
    index_all()

    assert slugs("Entwurf", PUBLIC) == []
    assert slugs("Entwurf", INTERNAL) == ["draft"]


def test_a_section_made_private_after_indexing_loses_its_highlight():
    p = profile(slug="late", bio="<p>Flurbereinigung ist mein Thema.</p>")
    index_all()
    p.visibility_bio = Visibility.PRIVATE
    p.save()

    page = expert_search(query="Flurbereinigung", filters=SearchFilters(), audience=PUBLIC, language="de")

    assert [c["slug"] for c in page.results] == ["late"]  # the index is stale until the task runs
    assert page.results[0]["highlights"] == {}


# --- language features -------------------------------------------------------------------------------


@pytest.fixture
def cloud_people():
    k8s = skill("Kubernetes", aliases=("K8s",))
    migration = skill("Cloud-Migration", "Cloud Migration")
    tax = skill("Steuerrecht", "Tax Law")
    profile(slug="lena", first_name="Lena", last_name="Hoffmann", skills={k8s: 5, migration: 4})
    profile(slug="tom", first_name="Tom", last_name="Berger", skills={k8s: 2})
    profile(slug="tina", first_name="Tina", last_name="Steuer", skills={tax: 5})
    index_all()
    return k8s


def test_typos_are_tolerated_and_suggested(cloud_people):
    page = expert_search(query="Kubernets", filters=SearchFilters(), audience=PUBLIC, language="de")

    assert [c["slug"] for c in page.results] == ["lena", "tom"]
    assert page.suggestions == ["Kubernetes"]
    assert slugs("Hofman") == ["lena"]


def test_synonyms_and_abbreviations(cloud_people):
    assert slugs("K8s") == ["lena", "tom"]
    assert slugs("tax law") == ["tina"]


def test_a_new_alias_works_without_reindexing(cloud_people, django_capture_on_commit_callbacks):
    assert slugs("Kube") == []

    with django_capture_on_commit_callbacks(execute=True):
        SkillAlias.objects.create(skill=cloud_people, name="Kube")
        search_taxonomy_changed(skill_ids=[cloud_people.id])  # what the taxonomy services call

    assert slugs("Kube") == ["lena", "tom"]


@pytest.mark.parametrize("query", ["Cloud-Migration", "Cloudmigration", "Cloud Migration", "cloudmigration"])
def test_compound_variants_meet(cloud_people, query):
    assert slugs(query) == ["lena"]


def test_compounds_in_free_text_meet():
    profile(slug="dsfa", bio="<p>Ich schreibe jede Datenschutz-Folgenabschätzung selbst.</p>")
    index_all()

    assert slugs("Datenschutzfolgenabschätzung") == ["dsfa"]
    assert slugs("Datenschutz Folgenabschätzung") == ["dsfa"]


def test_relevance_prefers_the_higher_skill_level(cloud_people):
    assert slugs("Kubernetes") == ["lena", "tom"]


def test_ordering_by_name(cloud_people):
    page = expert_search(query="", filters=SearchFilters(), audience=PUBLIC, language="de", ordering="name")

    assert [c["slug"] for c in page.results] == ["tom", "lena", "tina"]


def test_match_recognises_skills_in_a_problem_description(cloud_people):
    cards, skills = expert_match(
        text="Wir wollen in die Cloud umziehen und brauchen Hilfe mit K8s und Steuerrecht.",
        audience=PUBLIC,
        language="de",
    )

    assert {s.slug for s in skills} == {"kubernetes", "tax-law"}
    ranked = [c["slug"] for c in cards]
    assert set(ranked[:2]) == {"lena", "tina"}  # experts at level 5 in a recognised skill first
    assert ranked[2:] == ["tom"]


def test_related_experts_share_skills(cloud_people):
    from sichtbar.profiles.models import Profile

    cards = related_experts(profile=Profile.objects.get(slug="lena"), audience=PUBLIC, language="de")

    assert [c["slug"] for c in cards] == ["tom"]


# --- facets, highlighting, query counts ------------------------------------------------------------


def test_facet_counts():
    k8s, go = skill("Kubernetes"), skill("Go")
    a = profile(slug="a", skills={k8s: 5, go: 2}, languages=("de", "en"), press=True)
    profile(slug="b", skills={k8s: 3}, languages=("de",))
    profile(slug="c", skills={go: 4}, languages=("en",), user_kwargs={"department": a.user.department})
    index_all()

    page = expert_search(query="", filters=SearchFilters(), audience=PUBLIC, language="de")
    facets = {name: [(f.value, f.count) for f in values] for name, values in page.facets.items()}

    assert page.total == 3
    assert facets["skill"] == [("go", 2), ("kubernetes", 2)]
    assert facets["language"] == [("de", 2), ("en", 2)]
    assert facets["availability"] == [("press", 1)]
    assert facets["level"] == [("1", 3), ("2", 3), ("3", 3), ("4", 2), ("5", 1)]
    assert sorted(f[1] for f in facets["department"]) == [1, 2]

    filtered = expert_search(
        query="", filters=SearchFilters(skills=("kubernetes",), min_level=4), audience=PUBLIC, language="de"
    )
    assert [c["slug"] for c in filtered.results] == ["a"]
    assert [(f.value, f.count) for f in filtered.facets["level"]] == [
        ("1", 1),
        ("2", 1),
        ("3", 1),
        ("4", 1),
        ("5", 1),
    ]


def test_highlights_escape_html_from_bios():
    profile(
        slug="xss",
        headline="Kubernetes <img src=x onerror=alert(1)>",
        bio="<p>&lt;script&gt;alert(1)&lt;/script&gt; Kubernetes <b onclick='x()'>Profi</b></p>"
        "<script>alert(2)</script>",
    )
    index_all()

    page = expert_search(query="Kubernetes", filters=SearchFilters(), audience=PUBLIC, language="de")
    highlights = page.results[0]["highlights"]

    assert highlights["headline"] == ["<mark>Kubernetes</mark> &lt;img src=x onerror=alert(1)&gt;"]
    assert highlights["bio"] == ["&lt;script&gt;alert(1)&lt;/script&gt; <mark>Kubernetes</mark> Profi"]
    assert "<script" not in str(highlights) and "alert(2)" not in str(highlights)


def test_query_count_does_not_grow_with_page_size():
    k8s = skill("Kubernetes")
    for i in range(12):
        profile(slug=f"p{i}", skills={k8s: 1 + i % 5}, languages=("de",), press=i % 2 == 0)
    index_all()
    counts = []
    for size in (2, 12):
        expert_search(
            query="Kubernetes", filters=SearchFilters(), audience=PUBLIC, language="de", page_size=size
        )
        with CaptureQueriesContext(connection) as ctx:
            page = expert_search(
                query="Kubernetes", filters=SearchFilters(), audience=PUBLIC, language="de", page_size=size
            )
        assert len(page.results) == size
        counts.append(len(ctx.captured_queries))

    assert counts[0] == counts[1]


def test_activity_score_breaks_the_tie_between_otherwise_equal_profiles():
    k8s = skill("Kubernetes")
    quiet = profile(slug="quiet", first_name="Alex", last_name="Muster", skills={k8s: 4})
    active = profile(slug="active", first_name="Alex", last_name="Muster", skills={k8s: 4})
    type(quiet).objects.filter(pk=quiet.pk).update(activity_score=0.1)
    type(active).objects.filter(pk=active.pk).update(activity_score=0.9)
    index_all()

    assert slugs("Kubernetes") == ["active", "quiet"]

    type(quiet).objects.filter(pk=quiet.pk).update(activity_score=1.0)
    type(active).objects.filter(pk=active.pk).update(activity_score=0.0)
    index_all()

    assert slugs("Kubernetes") == ["quiet", "active"]


def test_activity_never_outranks_a_higher_skill_level():
    k8s = skill("Kubernetes")
    expert = profile(slug="expert", skills={k8s: 5})
    busy = profile(slug="busy", skills={k8s: 2})
    type(busy).objects.filter(pk=busy.pk).update(activity_score=1.0)
    type(expert).objects.filter(pk=expert.pk).update(activity_score=0.0)
    index_all()

    assert slugs("Kubernetes") == ["expert", "busy"]


def test_cards_come_from_the_index_but_a_section_hidden_since_indexing_never_shows():
    k8s = skill("Kubernetes")
    p = profile(slug="stale", skills={k8s: 4}, press=True)
    index_all()
    p.visibility_skills = Visibility.PRIVATE
    p.visibility_availability = Visibility.INTERNAL
    p.save()

    with CaptureQueriesContext(connection) as ctx:
        page = expert_search(query="Kubernetes", filters=SearchFilters(), audience=PUBLIC, language="de")
    internal = expert_search(query="Kubernetes", filters=SearchFilters(), audience=INTERNAL, language="de")

    card = page.results[0]
    assert card["slug"] == "stale"  # the index is stale until the task runs
    assert card["skills"] == [] and card["availability"] is None
    assert "skills" not in card["highlights"]
    assert not any("profiles_profileskill" in q["sql"] for q in ctx.captured_queries)
    assert internal.results[0]["skills"] == [] and internal.results[0]["availability"]["press"] is True


def _search_sql(queries) -> list[str]:
    return [q["sql"] for q in queries if "search_searchterm" in q["sql"] or "WITH m AS" in q["sql"]]


def test_results_are_cached_until_the_index_or_the_taxonomy_changes(
    settings, django_capture_on_commit_callbacks
):
    settings.SEARCH_RESULT_CACHE_SECONDS = 60
    k8s = skill("Kubernetes")
    profile(slug="first", skills={k8s: 3})
    index_all()
    assert slugs("Kubernetes") == ["first"]

    with CaptureQueriesContext(connection) as ctx:
        assert slugs("Kubernetes") == ["first"]
    assert _search_sql(ctx.captured_queries) == []  # answered from the cache; cards still checked

    with django_capture_on_commit_callbacks(execute=True):
        profile(slug="second", skills={k8s: 5})
        index_all()
    assert slugs("Kubernetes") == ["second", "first"]  # a re-index bumps the generation

    with django_capture_on_commit_callbacks(execute=True):
        SkillAlias.objects.create(skill=k8s, name="Kuberneddies")
        search_taxonomy_changed(skill_ids=[])
    assert slugs("Kuberneddies") == ["second", "first"]


def test_cached_results_never_show_a_profile_that_became_invisible(settings):
    settings.SEARCH_RESULT_CACHE_SECONDS = 60
    k8s = skill("Kubernetes")
    gone = profile(slug="gone", skills={k8s: 3})
    profile(slug="stays", skills={k8s: 2})
    index_all()
    assert slugs("Kubernetes") == ["gone", "stays"]

    type(gone).objects.filter(pk=gone.pk).update(visibility_basics=Visibility.INTERNAL)

    assert slugs("Kubernetes") == ["stays"]


def test_only_words_resembling_a_name_go_to_the_trigram_name_match():
    from sichtbar.search.backends.database import _name_like

    names = {"hoffmann", "berger", "steuer"}

    assert _name_like(["hofman", "pyhton", "bergr", "anwendungen", "ki"], names) == ["hofman", "bergr", "ki"]


def test_a_mistyped_name_is_found_among_many_free_words(cloud_people):
    assert match_slugs("Wir suchen Frau Hofman für einen Vortrag")[:1] == ["lena"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the two-phase ranking is PostgreSQL's")
def test_only_the_best_candidates_are_fully_ranked_but_every_match_is_counted(monkeypatch):
    from sichtbar.search.backends.database import core
    from sichtbar.search.models import SearchDocument

    monkeypatch.setattr(core, "RANK_CANDIDATES", 3)
    k8s = skill("Kubernetes")
    for level in (2, 5, 3, 4):
        profile(slug=f"level-{level}", skills={k8s: level}, languages=("de",))
    for name in ("bio-a", "bio-b"):
        profile(slug=name, bio="<p>Ich betreibe Kubernetes-Cluster.</p>", languages=("en",))
    index_all()
    assert SearchDocument.objects.get(profile__slug="level-5", audience=PUBLIC).facet_terms == (
        "skill:kubernetes:5 language:de"
    )

    def page(number: int, **filters) -> tuple[int, list[str], dict[str, int]]:
        result = expert_search(
            query="Kubernetes",
            filters=SearchFilters(**filters),
            audience=PUBLIC,
            language="de",
            page=number,
            page_size=2,
        )
        facets = {f"{name}:{f.value}": f.count for name, values in result.facets.items() for f in values}
        return result.total, [card["slug"] for card in result.results], facets

    total, first, facets = page(1)
    assert (total, first) == (6, ["level-5", "level-4"])
    assert facets["skill:kubernetes"] == 4  # counted over every match, levels folded into one value
    assert (facets["language:de"], facets["language:en"]) == (4, 2)
    # pages past the candidates are ranked too (the candidate set grows to reach them)
    assert page(2)[1] == ["level-3", "level-2"]
    assert sorted(page(3)[1]) == ["bio-a", "bio-b"]
    total, english, _ = page(1, languages=("en",))
    assert (total, sorted(english)) == (2, ["bio-a", "bio-b"])
    assert page(1, languages=("e",))[0] == 0  # the row's facet words match whole, never a prefix


def test_a_skill_ranks_its_experts_by_the_best_level_in_its_subtree():
    from sichtbar.search.models import SearchDocument

    cloud = skill("Cloud-Computing", "Cloud Computing")
    k8s = skill("Kubernetes", parent=cloud)
    helm = skill("Helm", parent=k8s)
    bio = "<p>Ich berate zu Cloud Computing.</p>"  # both match by their bio alone, equally well
    profile(slug="helm-5", first_name="Zora", last_name="Zimmer", bio=bio, skills={helm: 5})
    profile(slug="k8s-4", first_name="Anna", last_name="Adler", bio=bio, skills={k8s: 4})
    index_all()

    stored = SearchDocument.objects.get(profile__slug="helm-5", audience=PUBLIC).skill_levels
    assert stored == " cloud-computing:4 helm:5 kubernetes:4"
    # Cloud Computing's level counts its sub-skills one level lower: Helm 5 (as 4) before Kubernetes 4 (as
    # 3), not by name
    assert slugs("Cloud Computing") == ["helm-5", "k8s-4"]


def test_moving_a_skill_reindexes_the_profiles_of_its_sub_skills(django_capture_on_commit_callbacks):
    from sichtbar.profiles.services import skill_update
    from sichtbar.search.models import SearchDocument

    cloud = skill("Cloud-Computing", "Cloud Computing")
    ops = skill("Operations")
    k8s = skill("Kubernetes", parent=cloud)
    helm = skill("Helm", parent=k8s)
    expert = profile(slug="helm-4", skills={helm: 4})
    index_all()
    assert " cloud-computing:3" in SearchDocument.objects.get(profile=expert, audience=PUBLIC).skill_levels

    with django_capture_on_commit_callbacks(execute=True):
        skill_update(skill=k8s, data={"parent": ops})

    # re-indexed although it has neither skill that changed: Helm sits below the moved skill
    stored = SearchDocument.objects.get(profile=expert, audience=PUBLIC).skill_levels
    assert stored == " helm:4 kubernetes:3 operations:3"
    assert slugs(skills=("operations",)) == ["helm-4"]


def test_a_described_problem_finds_profiles_with_two_of_its_concepts_before_those_with_one():
    profile(slug="both", bio="<p>Ich migriere Datenbanken in die Cloud.</p>")
    profile(slug="cloud-only", bio="<p>Ich betreibe Cloud-Plattformen.</p>")
    profile(slug="apps-only", bio="<p>Ich entwickle Anwendungen.</p>")
    index_all()

    # nobody has all three concepts: the profile with two of them first, then those with one (a few
    # matches of the stricter step no longer end the list)
    def search(**paging):
        return expert_search(
            query="Wir wollen Anwendungen in die Cloud migrieren",
            filters=SearchFilters(),
            audience=PUBLIC,
            language="de",
            **paging,
        )

    page = search()
    assert page.results[0]["slug"] == "both"
    assert sorted(card["slug"] for card in page.results[1:]) == ["apps-only", "cloud-only"]
    assert page.total == 3
    # and it pages as one list: the second page starts after the first
    pages = [search(page=number, page_size=2) for number in (1, 2)]
    assert [c["slug"] for p in pages for c in p.results] == [c["slug"] for c in page.results]
    # nobody has two of these: every profile with one of them
    assert sorted(slugs("Anwendungen Plattformen Steuerrecht")) == ["apps-only", "cloud-only"]


def test_the_name_vocabulary_and_its_trigram_index_are_reused_until_the_index_changes(
    django_capture_on_commit_callbacks,
):
    from sichtbar.search.backends.database import _name_like, _name_vocabulary

    profile(slug="lena", first_name="Lena", last_name="Hoffmann")
    index_all()
    first = _name_vocabulary(PUBLIC)
    assert _name_like(["hofman", "pyhton"], first) == ["hofman"]
    assert _name_vocabulary(PUBLIC) is first  # the trigram index is built once per process

    profile(slug="tom", first_name="Tom", last_name="Zander")
    with django_capture_on_commit_callbacks(execute=True):  # indexing bumps the generation on commit
        index_all()
    second = _name_vocabulary(PUBLIC)
    assert second is not first and {"hoffmann", "zander"} <= second
    assert _name_like(["zandr"], second) == ["zandr"]


def test_the_match_steps_every_backend_follows():
    from sichtbar.search.backends.base import match_steps

    assert match_steps(0) == [1] and match_steps(1) == [1]
    assert match_steps(2) == [2, 1]  # two words: both, else either
    assert match_steps(4) == [4, 2, 1]
    assert match_steps(11) == [11, 1]  # too many for the pairs
    assert match_steps(4, match_any=True) == [1]


def test_cached_results_expire_spread_over_the_last_quarter_of_their_lifetime(settings):
    from sichtbar.search.backends.database.core import result_cache_timeout

    settings.SEARCH_RESULT_CACHE_SECONDS = 60
    lifetimes = [result_cache_timeout() for _ in range(400)]
    assert min(lifetimes) >= 45 and max(lifetimes) <= 60
    # results cached in one burst expire over 15 s, not in one second (a stampede of uncached searches)
    assert len(set(lifetimes)) >= 10
