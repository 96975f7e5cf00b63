"""Stable error codes of the recommendations app (documented in docs/api.md)."""

from enum import StrEnum


class RecommendationsErrorCode(StrEnum):
    CONTENT_NOT_FOUND = "content_not_found"
    TOPIC_INVALID = "dismiss_topic_invalid"
