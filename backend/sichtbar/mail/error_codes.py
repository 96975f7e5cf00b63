"""Stable error codes of the mail app (documented in docs/api.md)."""

from enum import StrEnum


class MailErrorCode(StrEnum):
    MAIL_ALREADY_SENT = "mail_already_sent"
