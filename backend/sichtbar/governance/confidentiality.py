"""Matching confidentiality rules against text, safely: user patterns run in the `regex` engine with a
length cap and a per-rule timeout, so no pattern can hang a request (no catastrophic backtracking)."""

import logging
from dataclasses import dataclass, field
from typing import Any

import regex

logger = logging.getLogger(__name__)

MAX_PATTERN_LENGTH = 200
MAX_TEXT_LENGTH = 70_000  # above Facebook's 63,206 limit: longer texts are cut before matching
MATCH_TIMEOUT_SECONDS = 0.05
MAX_MATCHES_PER_RULE = 20
# Inputs that make backtracking patterns explode; a new pattern must finish on them in time.
PROBES = ("a" * 5000 + "!", "1" * 5000 + "x", ("ab " * 2000) + "!", "x" * 20000)
FLAGS = regex.IGNORECASE | regex.UNICODE | regex.V0


class PatternError(ValueError):
    pass


@dataclass(frozen=True)
class RuleMatch:
    rule_id: int
    name: str
    action: str  # "block" or "warn"
    matched_text: str
    start: int
    end: int
    description: str = ""


@dataclass(frozen=True)
class CheckResult:
    matches: list[RuleMatch] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        return any(match.action == "block" for match in self.matches)

    @property
    def warnings(self) -> list[RuleMatch]:
        return [match for match in self.matches if match.action == "warn"]


def rule_expression(kind: str, value: str) -> str:
    """The regular expression for a rule: words match whole words, phrases any whitespace between words."""
    value = value.strip()
    if kind == "pattern":
        return value
    words = [regex.escape(word) for word in value.split()]
    body = r"\s+".join(words) if kind == "phrase" else regex.escape(value)
    return rf"(?<!\w){body}(?!\w)"


def compile_rule(kind: str, value: str) -> Any:
    """Compile and vet a rule. Raises PatternError for invalid, too long or too slow patterns."""
    if not value.strip():
        raise PatternError("empty")
    if len(value) > MAX_PATTERN_LENGTH:
        raise PatternError("too_long")
    try:
        compiled = regex.compile(rule_expression(kind, value), FLAGS)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise PatternError("invalid") from exc
    if kind == "pattern":
        if compiled.search("") is not None:
            raise PatternError("matches_empty")  # would match every text
        for probe in PROBES:
            try:
                compiled.search(probe, timeout=MATCH_TIMEOUT_SECONDS * 4)
            except TimeoutError as exc:
                raise PatternError("too_slow") from exc
    return compiled


_cache: dict[tuple[str, str], Any] = {}


def _compiled(kind: str, value: str) -> Any | None:
    key = (kind, value)
    if key not in _cache:
        try:
            _cache[key] = regex.compile(rule_expression(kind, value), FLAGS)
        except (regex.error, OverflowError, RecursionError):
            _cache[key] = None
        if len(_cache) > 2000:
            _cache.clear()
    return _cache[key]


def match_rules(text: str, rules: list[Any]) -> CheckResult:
    """Every match of every rule in `text`. A rule that times out is logged and reported as a match of
    the whole text when it blocks (fail closed), skipped when it only warns."""
    text = text[:MAX_TEXT_LENGTH]
    matches: list[RuleMatch] = []
    for rule in rules:
        compiled = _compiled(rule.kind, rule.value)
        if compiled is None:
            continue
        try:
            found = 0
            for hit in compiled.finditer(text, timeout=MATCH_TIMEOUT_SECONDS):
                if hit.end() == hit.start():
                    continue
                matches.append(
                    RuleMatch(
                        rule.pk,
                        rule.name,
                        rule.action,
                        hit.group(0),
                        hit.start(),
                        hit.end(),
                        rule.description,
                    )
                )
                found += 1
                if found >= MAX_MATCHES_PER_RULE:
                    break
        except TimeoutError:
            logger.warning("confidentiality rule %s timed out", rule.pk)
            if rule.action == "block":
                matches.append(RuleMatch(rule.pk, rule.name, rule.action, "", 0, 0, rule.description))
    matches.sort(key=lambda m: (m.start, m.end, m.rule_id))
    return CheckResult(matches)
