"""Write the shipped vectors of the demo company's passages (`sichtbar/search/demo_vectors.npz`).

Run it on a database that holds the freshly seeded demo and nothing else (`make run`'s var/ directory
after a reset) whenever the demo's profiles or the passage text change; `search/tests/test_demo_vectors.py`
says when that is due."""

from typing import Any

import numpy as np
from django.core.management.base import BaseCommand

from sichtbar.search.demo import passages
from sichtbar.search.embeddings import SHIPPED_VECTORS, embed_passages, write_shipped_vectors


class Command(BaseCommand):
    help = "Embed every passage of the demo company with the model and write them to demo_vectors.npz."

    def handle(self, *args: Any, **options: Any) -> None:
        found = passages()
        digests = sorted(found)
        vectors: dict[str, np.ndarray] = {}
        for start in range(0, len(digests), 32):
            chunk = digests[start : start + 32]
            vectors.update(zip(chunk, embed_passages([found[d] for d in chunk]), strict=True))
        write_shipped_vectors(vectors)
        self.stdout.write(self.style.SUCCESS(f"{len(vectors)} passages written to {SHIPPED_VECTORS}."))
