"""Which words of a query may be a (mistyped) name, against a company's name words (prints, never asserts).

The database backend sends only such words to PostgreSQL's trigram name match. A company of 100,000
people has tens of thousands of distinct name words; this compares the trigram index the backend keeps
per process (`NameVocabulary`) with comparing each word against every name word, on generated names.

  .venv/bin/python bench/search_names.py [--names 30000] [--repeat 20]
"""

import argparse
import random
import statistics
import time
from collections.abc import Callable

from search_common import setup_django

WORDS = ["wollen", "anwendungen", "cloud", "migrieren", "hofman"]  # a described problem and a typo


def brute_force(
    free: list[str], names: set[str], cutoff: float, trigrams: Callable[[str], set[str]]
) -> list[str]:
    """Every word against every name word: what the index replaced."""
    kept = []
    for word in free:
        grams = trigrams(word)
        if len(word) <= 3 or any(len(grams & trigrams(n)) / len(grams) >= cutoff for n in names):
            kept.append(word)
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--names", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    setup_django()
    from sichtbar.search.backends.database import NAME_LIKE_CUTOFF, NameVocabulary, _name_like, _trigrams

    rng = random.Random(1)  # noqa: S311
    names: set[str] = set()
    while len(names) < args.names:
        names.add("".join(rng.choice("aeioulnrstmkbdghwfz") for _ in range(rng.randint(4, 11))))

    vocabulary = NameVocabulary(names)
    started = time.perf_counter()
    indexed = _name_like(WORDS, vocabulary)  # the first call builds the index
    build_ms = (time.perf_counter() - started) * 1000
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        _name_like(WORDS, vocabulary)
        timings.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    reference = brute_force(WORDS, names, NAME_LIKE_CUTOFF, _trigrams)
    brute_ms = (time.perf_counter() - started) * 1000

    print(f"{len(names)} distinct name words, {len(WORDS)} query words {WORDS}")
    print(f"trigram index: first call (builds the index) {build_ms:8.1f} ms")
    print(f"trigram index: later calls, median            {statistics.median(timings):8.2f} ms")
    print(f"every word against every name                 {brute_ms:8.1f} ms")
    print(f"same words kept: {indexed == reference} ({indexed})")


if __name__ == "__main__":
    main()
