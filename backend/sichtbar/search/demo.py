"""Demo data for search: index every profile (after the profiles app has seeded them)."""

from .services import search_index_dirty


def seed() -> dict[str, int]:
    return {"indexed_profiles": search_index_dirty()}
