"""Stable error codes of the accounts app (documented in docs/api.md)."""

from enum import StrEnum


class AccountsErrorCode(StrEnum):
    INVALID_CREDENTIALS = "invalid_credentials"
    LOGIN_LOCKED = "login_locked"
    INVALID_TOKEN = "invalid_token"
    INVITATION_INVALID = "invitation_invalid"
    INVITATION_NOT_PENDING = "invitation_not_pending"
    EMAIL_TAKEN = "email_taken"
    LAST_ADMIN = "last_admin"
    SELF_DEACTIVATION = "self_deactivation"
    IMPORT_INVALID = "import_invalid"
    IN_USE = "in_use"
