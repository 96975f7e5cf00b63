"""Mention detection throughput: prints how many feed entries per second one process scans.

    cd backend && ../.venv/bin/python ../bench/monitoring_scan.py

The matcher is built the way a fetch builds it: BENCH_EXPERTS (default 2,000) employees' full names in
one alternation and BENCH_TERMS (default 20) terms with word boundaries, some with exclusion words. It then
scans BENCH_ENTRIES (default 5,000) generated German entries of about 1,500 characters (title + summary
HTML turned into text, as for real feeds), a tenth of them naming a term or an expert, and builds the
highlighted excerpt for every hit. No database: this is the CPU part of a feed fetch or a post scan.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from sichtbar.monitoring.matching import Expert, Matcher, TermRule, excerpt_html  # noqa: E402
from sichtbar.monitoring.services import plain_text  # noqa: E402

EXPERTS = int(os.environ.get("BENCH_EXPERTS", "2000"))
TERMS = int(os.environ.get("BENCH_TERMS", "20"))
ENTRIES = int(os.environ.get("BENCH_ENTRIES", "5000"))
FIRST = ["Anna", "Jürgen", "Lena", "Özlem", "Markus", "Sören", "Ida", "Noah", "Björn", "Ülkü", "Paul", "Maja"]
LAST = ["Müller", "Weiß", "Hoffmann", "Schäfer", "Krüger", "Yılmaz", "Groß", "Becker", "Lorenz", "Berger"]
WORDS = [
    "Unternehmen",
    "Markt",
    "Wachstum",
    "Digitalisierung",
    "Plattform",
    "Cloud",
    "Daten",
    "Kunden",
    "Mittelstand",
    "Strategie",
    "Zukunft",
    "Innovation",
    "Fachkräfte",
    "Umsatz",
    "Quartal",
    "Bericht",
    "Analyse",
    "Wettbewerb",
    "Technologie",
    "Sicherheit",
    "Nachhaltigkeit",
]


def main() -> None:
    rng = random.Random(7)  # noqa: S311 - benchmark data
    experts = [
        Expert(
            i,
            f"{rng.choice(FIRST)} {rng.choice(LAST)}-{i}"
            if i % 3
            else f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        )
        for i in range(EXPERTS)
    ]
    terms = [
        TermRule(id=i, text=f"Marke{i}", exclude_words=("Zoo",) if i % 5 == 0 else ())
        for i in range(TERMS - 1)
    ] + [TermRule(id=TERMS, text="Sichtbar", exclude_words=("unsichtbar",))]
    entries = []
    for i in range(ENTRIES):
        words = [rng.choice(WORDS) for _ in range(170)]
        if i % 10 == 0:
            words.insert(
                rng.randrange(len(words)), rng.choice(["Sichtbar", experts[rng.randrange(EXPERTS)].full_name])
            )
        paragraphs = " ".join(f"<p>{' '.join(words[j : j + 30])}.</p>" for j in range(0, len(words), 30))
        entries.append((f"Nachricht {i}: {words[0]} {words[1]}", paragraphs))

    started = time.perf_counter()
    matcher = Matcher(terms, experts)
    build_ms = (time.perf_counter() - started) * 1000

    per_entry: list[float] = []
    hits = 0
    started = time.perf_counter()
    for title, summary in entries:
        t0 = time.perf_counter()
        text = f"{title} {plain_text(summary)}"
        found = matcher.match(text)
        if found:
            hits += 1
            excerpt_html(text, found.spans)
        per_entry.append((time.perf_counter() - t0) * 1000)
    elapsed = time.perf_counter() - started

    per_entry.sort()
    p95 = per_entry[int(len(per_entry) * 0.95) - 1]
    print(f"experts {EXPERTS}, terms {TERMS}, entries {ENTRIES} (~{len(entries[0][1])} chars of HTML each)")
    print(f"matcher built in {build_ms:.0f} ms")
    print(
        f"scanned {ENTRIES} entries in {elapsed:.2f} s: {ENTRIES / elapsed:.0f} entries/s, "
        f"per entry p50 {statistics.median(per_entry):.2f} ms, p95 {p95:.2f} ms; {hits} with mentions"
    )


if __name__ == "__main__":
    main()
