"""Stable error codes of the privacy API (documented in docs/api.md)."""

from enum import StrEnum


class PrivacyErrorCode(StrEnum):
    CONFIRMATION_MISMATCH = "confirmation_mismatch"
    SELF_ERASURE = "self_erasure"
    INVALID_RETENTION = "invalid_retention"
