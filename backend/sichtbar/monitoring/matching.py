"""Finding monitored terms and experts' names in a text, and the highlighted excerpt of a match.

Texts and names are compared in Unicode NFC, so "Müller" written with a combining umlaut matches too.
Word boundaries are Unicode-aware lookarounds (a term "Bär" does not match inside "Bärenstark"), and they
also work for terms that start or end with a non-letter ("C++", "S/4HANA").
"""

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

EXCERPT_RADIUS = 140
MAX_TEXT_LENGTH = 20_000


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def _phrase_pattern(phrase: str) -> str:
    """The phrase with any run of whitespace between its words matching any run of whitespace."""
    return r"\s+".join(re.escape(part) for part in normalise(phrase).split())


def _bounded(pattern: str) -> str:
    return rf"(?<!\w){pattern}(?!\w)"


@dataclass(frozen=True)
class TermRule:
    id: int
    text: str
    case_sensitive: bool = False
    whole_word: bool = True
    exclude_words: tuple[str, ...] = ()

    def pattern(self) -> re.Pattern[str] | None:
        body = _phrase_pattern(self.text)
        if not body:
            return None
        flags = 0 if self.case_sensitive else re.IGNORECASE
        return re.compile(_bounded(body) if self.whole_word else body, flags)

    def exclusions(self) -> re.Pattern[str] | None:
        words = [_phrase_pattern(word) for word in self.exclude_words if word and word.strip()]
        if not words:
            return None
        return re.compile(_bounded("(?:" + "|".join(words) + ")"), re.IGNORECASE)


@dataclass(frozen=True)
class Expert:
    id: int
    full_name: str


@dataclass
class Match:
    term_ids: list[int] = field(default_factory=list)
    expert_ids: list[int] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.term_ids or self.expert_ids)


def _name_key(name: str) -> str:
    return " ".join(normalise(name).casefold().split())


class Matcher:
    """Compiled once per scan: one pattern per term, one alternation for all experts' names."""

    def __init__(self, terms: Iterable[TermRule], experts: Iterable[Expert]) -> None:
        self.terms: list[tuple[TermRule, re.Pattern[str], re.Pattern[str] | None]] = []
        for term in terms:
            pattern = term.pattern()
            if pattern is not None:
                self.terms.append((term, pattern, term.exclusions()))
        self.experts_by_name: dict[str, list[int]] = {}
        spellings: set[str] = set()
        for expert in experts:
            key = _name_key(expert.full_name)
            if len(key.split()) >= 2:  # a first name alone would match half the internet
                self.experts_by_name.setdefault(key, []).append(expert.id)
                spellings.add(" ".join(normalise(expert.full_name).split()))
        # Patterns from the names as written ("Weiß" must not turn into "weiss" before matching).
        names = sorted(spellings, key=len, reverse=True)
        self.names = (
            re.compile(
                _bounded("(?:" + "|".join(_phrase_pattern(name) for name in names) + ")"), re.IGNORECASE
            )
            if names
            else None
        )

    def match(self, text: str, *, exclude_expert: int | None = None) -> Match:
        text = normalise(text)[:MAX_TEXT_LENGTH]
        found = Match()
        for term, pattern, exclusions in self.terms:
            spans = [hit.span() for hit in pattern.finditer(text)]
            if not spans or (exclusions is not None and exclusions.search(text)):
                continue
            found.term_ids.append(term.id)
            found.spans += spans
        if self.names is not None:
            experts: set[int] = set()
            for hit in self.names.finditer(text):
                ids = [i for i in self.experts_by_name.get(_name_key(hit.group()), []) if i != exclude_expert]
                if ids:
                    experts.update(ids)
                    found.spans.append(hit.span())
            found.expert_ids = sorted(experts)
        found.spans.sort()
        return found


def excerpt_html(text: str, spans: list[tuple[int, int]], *, radius: int = EXCERPT_RADIUS) -> str:
    """Escaped text around the first match with every match in that window wrapped in <mark>."""
    text = normalise(text)[:MAX_TEXT_LENGTH]
    if not spans:
        cut = text[: 2 * radius]
        return html.escape(cut) + ("…" if len(text) > len(cut) else "")
    first_start = spans[0][0]
    start = max(0, first_start - radius)
    end = min(len(text), spans[0][1] + radius)
    if start > 0:  # begin at a word
        space = text.find(" ", start, first_start)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", spans[0][1], end)
        end = space if space != -1 else end
    parts = ["…"] if start > 0 else []
    cursor = start
    for span_start, span_end in _merged(spans):
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts.append(html.escape(text[cursor:span_start]))
        parts.append(f"<mark>{html.escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    parts.append(html.escape(text[cursor:end]))
    if end < len(text):
        parts.append("…")
    return "".join(parts)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
