"""The shipped vectors of the demo company (`embeddings.SHIPPED_VECTORS`) cover every passage the demo
indexes and are what the model computes for them, so `make run` embeds nothing on its first start."""

import numpy as np
import pytest

from sichtbar.core.layers import demo_seeders
from sichtbar.search import embeddings
from sichtbar.search.demo import passages
from sichtbar.search.documents import build_documents
from sichtbar.search.text import load_taxonomy


@pytest.fixture
def demo_profiles(db, django_capture_on_commit_callbacks):
    """The demo up to the floor below search: the profiles search indexes. Its taxonomy reaches this
    process's cached taxonomy on commit, as it does in a real run (an earlier test's may be cached)."""
    with django_capture_on_commit_callbacks(execute=True):
        for app, seed in demo_seeders():
            if app == "search":
                break
            seed()


def test_every_demo_passage_has_its_shipped_vector(demo_profiles):
    found = passages()
    assert len(found) > 300
    missing = set(found) - set(embeddings.shipped_vectors())
    assert not missing, "the demo changed: run `manage.py search_demo_vectors` on a fresh demo database"


def test_the_shipped_vectors_are_the_models_own(demo_profiles):
    found = passages()
    sample = sorted(found)[:: max(1, len(found) // 3)][:3]
    computed = embeddings.embed_passages([found[digest] for digest in sample])
    shipped = embeddings.shipped_vectors()
    for digest, vector in zip(sample, computed, strict=True):
        assert embeddings.from_bytes(shipped[digest]) == pytest.approx(vector, abs=2e-3)


def test_indexing_the_demo_uses_them_and_embeds_nothing(demo_profiles, settings):
    from sichtbar.profiles.models import Audience, Profile

    settings.SEARCH_SEMANTIC = True
    ids = list(Profile.objects.values_list("id", flat=True))
    documents = build_documents(profile_ids=ids, audience=Audience.PUBLIC, taxonomy=load_taxonomy())
    assert embeddings.attach_embeddings(documents) == 0
    with_text = [d for d in documents if d.embedding_digest]
    assert with_text and all(d.embedding is not None for d in with_text)
    first = with_text[0]
    assert np.array_equal(
        embeddings.from_bytes(first.embedding),
        embeddings.from_bytes(embeddings.shipped_vectors()[first.embedding_digest]),
    )
