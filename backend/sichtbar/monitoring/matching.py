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
        """Matches in the text as written (case-sensitive terms) or in its lower-case form (the others).

        The word boundary before the term is checked by `_finds`, not by a lookbehind: a pattern that
        starts with a literal lets the regex engine skip ahead to candidates, which is ten times faster.
        """
        body = _phrase_pattern(self.text if self.case_sensitive else self.text.lower())
        if not body:
            return None
        return re.compile(rf"{body}(?!\w)" if self.whole_word else body)

    def fallback_pattern(self) -> re.Pattern[str] | None:
        """For the rare text whose lower-case form has another length (spans would shift)."""
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


def _finds(pattern: re.Pattern[str], text: str, *, bounded: bool) -> list[tuple[int, int]]:
    spans = []
    for hit in pattern.finditer(text):
        start = hit.start()
        if bounded and start > 0 and _WORD_CHAR.match(text, start - 1):
            continue  # inside a word
        spans.append(hit.span())
    return spans


_WORD_CHAR = re.compile(r"\w")
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")


def _tokens(name: str) -> tuple[str, ...]:
    return tuple(token.casefold() for token in _TOKEN.findall(normalise(name)))


class Matcher:
    """Compiled once per scan: one pattern per term; experts' names in a dictionary of word sequences.

    Names are looked up word by word (casefolded, so "WEISS" finds "Weiß"), which keeps a scan linear in
    the text's length however many employees there are; a regex alternation of thousands of names is
    not. The words of a name must be separated by whitespace only ("Anna, Schmidt" is not "Anna Schmidt").
    """

    def __init__(self, terms: Iterable[TermRule], experts: Iterable[Expert]) -> None:
        self.terms: list[tuple[TermRule, re.Pattern[str], re.Pattern[str], re.Pattern[str] | None]] = []
        for term in terms:
            pattern, fallback = term.pattern(), term.fallback_pattern()
            if pattern is not None and fallback is not None:
                self.terms.append((term, pattern, fallback, term.exclusions()))
        self.names: dict[tuple[str, ...], list[int]] = {}
        for expert in experts:
            key = _tokens(expert.full_name)
            if len(key) >= 2:  # a first name alone would match half the internet
                self.names.setdefault(key, []).append(expert.id)
        self.first_words = {key[0] for key in self.names}
        self.longest = max((len(key) for key in self.names), default=0)

    def match(self, text: str, *, exclude_expert: int | None = None) -> Match:
        text = normalise(text)[:MAX_TEXT_LENGTH]
        found = Match()
        lower = text.lower()
        same_length = len(lower) == len(text)
        for term, pattern, fallback, exclusions in self.terms:
            if not same_length:
                spans = [hit.span() for hit in fallback.finditer(text)]
            else:
                spans = _finds(pattern, text if term.case_sensitive else lower, bounded=term.whole_word)
            if not spans or (exclusions is not None and exclusions.search(text)):
                continue
            found.term_ids.append(term.id)
            found.spans += spans
        if self.names:
            found.expert_ids, name_spans = self._experts(text, exclude_expert)
            found.spans += name_spans
        found.spans.sort()
        return found

    def _experts(self, text: str, exclude_expert: int | None) -> tuple[list[int], list[tuple[int, int]]]:
        words = [(hit.group().casefold(), hit.start(), hit.end()) for hit in _TOKEN.finditer(text)]
        experts: set[int] = set()
        spans: list[tuple[int, int]] = []
        for index, (word, start, _end) in enumerate(words):
            if word not in self.first_words:
                continue
            for length in range(2, self.longest + 1):
                last = index + length - 1
                if last >= len(words) or not text[words[last - 1][2] : words[last][1]].isspace():
                    break
                ids = self.names.get(tuple(w for w, _s, _e in words[index : last + 1]))
                if ids:
                    ids = [i for i in ids if i != exclude_expert]
                    if ids:
                        experts.update(ids)
                        spans.append((start, words[last][2]))
        return sorted(experts), spans


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
