"""What the directory does when a search shows experts: count the appearances (see sichtbar.core.events)."""

from sichtbar.core.events import SearchResultsShown, subscribe

from .services import search_appearances_record


def on_search_results_shown(event: SearchResultsShown) -> None:
    search_appearances_record(profile_ids=event.profile_ids, audience=event.audience)


def register() -> None:
    subscribe(SearchResultsShown, on_search_results_shown)
