"""Imported activity as evidence: which taxonomy skills a text mentions, and how active a person is."""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

# A post of today counts 1, one of 90 days ago 1/e; the sum is squashed into 0..1 so that a handful of
# recent posts gives a clear signal and hundreds of old ones do not dominate the ranking.
DECAY_DAYS = 90.0
SATURATION = 5.0
MIN_TERM_LENGTH = 2


@dataclass(frozen=True)
class SkillMatcher:
    """One case-insensitive alternation of every skill name and synonym, with word boundaries that also
    work for names ending in symbols ("C++", "C#", ".NET")."""

    pattern: re.Pattern[str] | None
    skills_by_term: dict[str, frozenset[int]]

    def skills_in(self, text: str) -> set[int]:
        if self.pattern is None or not text:
            return set()
        found: set[int] = set()
        for match in self.pattern.finditer(text):
            found |= self.skills_by_term.get(_normalise(match.group(0)), frozenset())
        return found


def _normalise(term: str) -> str:
    return " ".join(term.split()).casefold()


def build_matcher(terms: Iterable[tuple[int, str]]) -> SkillMatcher:
    """`terms` are (skill id, name or synonym) pairs; German and English names and synonyms alike."""
    by_term: dict[str, set[int]] = {}
    for skill_id, term in terms:
        key = _normalise(term)
        if len(key) >= MIN_TERM_LENGTH:
            by_term.setdefault(key, set()).add(skill_id)
    if not by_term:
        return SkillMatcher(pattern=None, skills_by_term={})
    # Longest first, so "Machine Learning Ops" wins over "Machine Learning"; inner whitespace is flexible.
    alternatives = [
        r"\s+".join(re.escape(word) for word in term.split())
        for term in sorted(by_term, key=lambda t: (-len(t), t))
    ]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
    return SkillMatcher(pattern=pattern, skills_by_term={k: frozenset(v) for k, v in by_term.items()})


def activity_score(dates: Iterable[datetime], *, now: datetime) -> float:
    """0..1 from the volume and recency of posts: 1 - exp(-Σ exp(-age/90 d) / 5)."""
    total = 0.0
    for when in dates:
        age_days = max((now - when).total_seconds(), 0.0) / 86400
        total += math.exp(-age_days / DECAY_DAYS)
    return round(1.0 - math.exp(-total / SATURATION), 4)
