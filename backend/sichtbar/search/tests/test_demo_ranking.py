"""Ranking on the demo company, where the synthetic profiles of test_ranking.py are too few to show it:
the holders of a skill come in the order of their level, whatever else their skill lists hold."""

import pytest

from sichtbar.core.layers import demo_seeders
from sichtbar.profiles.models import Audience
from sichtbar.search.backends.base import SearchFilters
from sichtbar.search.models import SearchTerm, TermFacet
from sichtbar.search.selectors import expert_search


@pytest.fixture
def demo_company(db, django_capture_on_commit_callbacks, settings):
    settings.SEARCH_SEMANTIC = False  # the lexical ranking alone
    with django_capture_on_commit_callbacks(execute=True):
        for _app, seed in demo_seeders():
            seed()


# skills whose many names (Barrierefreiheit, BITV, WCAG, a11y, …) matched every name in each holder's skill
# list, so that short lists of level-1 and level-2 holders outscored a level-4 expert's long one
@pytest.mark.parametrize("query, slug", [("Accessibility", "accessibility"), ("Docker", "docker")])
def test_the_holders_of_a_skill_come_in_the_order_of_their_level(demo_company, query, slug):
    page = expert_search(query=query, filters=SearchFilters(), audience=Audience.PUBLIC, language="de")
    levels = dict(
        SearchTerm.objects.filter(
            document__audience=Audience.PUBLIC, facet=TermFacet.SKILL, value=slug
        ).values_list("document__slug", "level")
    )
    shown = [levels[card["slug"]] for card in page.results if card["slug"] in levels]
    assert len(shown) >= 3
    assert shown == sorted(shown, reverse=True)
