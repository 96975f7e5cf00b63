"""Demo data for search: index every profile (after the profiles app has seeded them). Their passages'
embeddings ship with the code (`embeddings.SHIPPED_VECTORS`), so indexing the demo computes none."""

from sichtbar.profiles.models import Audience, Profile

from .documents import build_documents
from .embeddings import passage_text, text_digest
from .services import search_index_dirty
from .text import load_taxonomy


def seed() -> dict[str, int]:
    return {"indexed_profiles": search_index_dirty()}


def passages() -> dict[str, str]:
    """Digest -> passage of every profile's document for every audience in this database."""
    taxonomy = load_taxonomy()
    ids = list(Profile.objects.order_by("id").values_list("id", flat=True))
    found = {}
    for audience in Audience.values:
        for document in build_documents(profile_ids=ids, audience=audience, taxonomy=taxonomy):
            if text := passage_text(document):
                found[text_digest(text)] = text
    return found
