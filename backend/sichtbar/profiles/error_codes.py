"""Stable error codes of the profiles app (documented in docs/api.md)."""

from enum import StrEnum


class ProfilesErrorCode(StrEnum):
    SLUG_TAKEN = "slug_taken"
    SKILL_UNKNOWN = "skill_unknown"
    SKILL_NOT_PROPOSED = "skill_not_proposed"
    SKILL_MERGE_INVALID = "skill_merge_invalid"
    SKILL_EXISTS = "skill_exists"
    PHOTO_INVALID = "photo_invalid"
    LINK_INVALID = "link_invalid"
    TOO_MANY = "too_many"
    SUGGESTION_CLOSED = "suggestion_closed"
