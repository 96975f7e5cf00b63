"""Stable error codes of the governance app (documented in docs/api.md; unchanged by the move)."""

from enum import StrEnum


class GovernanceErrorCode(StrEnum):
    RULE_PATTERN_INVALID = "rule_pattern_invalid"
    GUIDELINE_NOT_PUBLISHED = "guideline_not_published"
    GUIDELINE_ALREADY_PUBLISHED = "guideline_already_published"
