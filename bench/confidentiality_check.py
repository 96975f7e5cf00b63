"""Confidentiality check latency: how long the check of one share text takes (every share and every live
check in the editor and share dialog runs it), with a realistic rule set and with hostile input.

    cd backend && ../.venv/bin/python ../bench/confidentiality_check.py

Prints p50/p95/max per scenario. Rules: 30 words, 15 phrases, 5 patterns (the demo company has 5 rules).
The engine is sichtbar.governance.confidentiality (the `regex` module with per-rule timeouts); no database.
"""

import random
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))

from sichtbar.governance.confidentiality import PatternError, compile_rule, match_rules

RUNS = 300
WORDS = [f"Projekt{name}" for name in ("Falkenauge", "Nordlicht", "Eisvogel", "Kranich", "Adler")] + [
    f"Codename{i}" for i in range(25)
]
PHRASES = [f"vorläufige Zahlen {i}" for i in range(10)] + [f"streng vertraulich {i}" for i in range(5)]
PATTERNS = [
    r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}\b",  # IBAN
    r"\b\d{3}-\d{4}-\d{4}\b",
    r"(?:Umsatz|Gewinn)\s+Q[1-4]\s+\d{4}",
    r"\bKunde\s+[A-Z]\w+\s+GmbH\b",
    r"intern(?:e|es|er)?\s+Roadmap",
]


def rules() -> list[SimpleNamespace]:
    rows = [(word, "word", "block") for word in WORDS]
    rows += [(phrase, "phrase", "warn") for phrase in PHRASES]
    rows += [(pattern, "pattern", "block") for pattern in PATTERNS]
    return [
        SimpleNamespace(pk=i, name=f"rule {i}", kind=kind, value=value, action=action, description="")
        for i, (value, kind, action) in enumerate(rows)
    ]


def linkedin_text(rng: random.Random, hit: bool) -> str:
    words = ["Wir", "freuen", "uns", "auf", "den", "Cloud", "Summit", "in", "München", "und", "unsere"]
    text = " ".join(rng.choice(words) for _ in range(420))[:2990]
    return (
        (text[:1500] + " ProjektFalkenauge und DE12 3456 7890 1234 5678 90 " + text[1500:])[:3000]
        if hit
        else text
    )


def measure(label: str, texts: list[str], active: list[SimpleNamespace]) -> None:
    timings = []
    for text in texts:
        started = time.perf_counter()
        match_rules(text, active)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"{label:<48} p50 {statistics.median(timings):6.2f} ms   p95 {p95:6.2f} ms"
        f"   max {timings[-1]:6.2f} ms"
    )


def main() -> None:
    rng = random.Random(1)  # noqa: S311 (benchmark data)
    active = rules()
    match_rules("warm up", active)
    print(f"{len(active)} rules, {RUNS} texts per scenario")
    measure(
        "LinkedIn-length text (3,000 chars), no match",
        [linkedin_text(rng, False) for _ in range(RUNS)],
        active,
    )
    measure(
        "LinkedIn-length text with two block matches", [linkedin_text(rng, True) for _ in range(RUNS)], active
    )
    measure("X-length text (280 chars)", [linkedin_text(rng, False)[:280] for _ in range(RUNS)], active)
    hostile = ["a" * 20_000 + "!", "1" * 20_000, "ab " * 7000]
    measure("hostile 20,000-char inputs", hostile * (RUNS // 3), active)
    started = time.perf_counter()
    try:
        compile_rule("pattern", r"(a+)+$")
        verdict = "accepted (!)"
    except PatternError as error:
        verdict = f"rejected ({error})"
    print(
        f"vetting the catastrophic pattern (a+)+$: {verdict}"
        f" in {(time.perf_counter() - started) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
