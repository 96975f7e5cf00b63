"""Stable error codes of the content app (documented in docs/api.md)."""

from enum import StrEnum


class ContentErrorCode(StrEnum):
    INVALID_TRANSITION = "content_invalid_transition"
    SHARE_TEXT_TOO_LONG = "share_text_too_long"
    SHARE_TEXT_BLOCKED = "share_text_blocked"
    NETWORK_UNKNOWN = "network_unknown"
    IMAGE_INVALID = "content_image_invalid"
    SLUG_TAKEN = "content_slug_taken"
    URL_INVALID = "content_url_invalid"
    TOPIC_UNKNOWN = "content_topic_unknown"
    TRANSLATION_INVALID = "content_translation_invalid"
    SOURCE_EXISTS = "content_source_exists"
    DATES_INVALID = "content_dates_invalid"
    SELF_APPROVAL = "content_self_approval"
    REVIEWER_INELIGIBLE = "content_reviewer_ineligible"
