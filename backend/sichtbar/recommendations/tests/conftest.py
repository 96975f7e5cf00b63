import pytest


@pytest.fixture(autouse=True)
def _feed_uncached(settings):
    """Rankings are computed afresh for each call unless a test turns the cache on."""
    settings.RECOMMENDATIONS_FEED_CACHE_SECONDS = 0
