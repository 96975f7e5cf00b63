import pytest
from django.core.cache import cache

from sichtbar.search.embeddings import forget_vectors
from sichtbar.search.text import taxonomy_changed


@pytest.fixture(autouse=True)
def _search_settings(settings):
    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_RESULT_CACHE_SECONDS = 0  # tests of the result cache switch it on
    settings.SEARCH_SEMANTIC = False  # lexical behaviour; the semantic tests switch it on
    cache.clear()
    taxonomy_changed()
    forget_vectors()  # the index generation starts again at 0 with the cache
