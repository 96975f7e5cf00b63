"""Encryption at rest of the secrets of outside networks (OAuth tokens, Mastodon app secrets).

Keys come from `SICHTBAR_TOKEN_KEYS` (comma-separated Fernet keys, separate from SECRET_KEY): the first one
encrypts, every one decrypts, so a new key is put first and the old ones stay until `rotate_token_keys` has
re-encrypted every secret with the new key.
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class TokenDecryptionError(Exception):
    """A secret cannot be decrypted with any configured key (a key was removed before rotation)."""


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("SICHTBAR_TOKEN_KEYS is empty: set at least one Fernet key.")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "SICHTBAR_TOKEN_KEYS must be Fernet keys (32 url-safe base64-encoded bytes each)."
        ) from exc


def fernet() -> MultiFernet:
    keys = tuple(key.strip() for key in getattr(settings, "SICHTBAR_TOKEN_KEYS", []) if key.strip())
    return _fernet(keys)


def encrypt(plain: str) -> str:
    """Ciphertext (ASCII) of `plain`; the empty string stays empty."""
    if not plain:
        return ""
    return fernet().encrypt(plain.encode()).decode("ascii")


def decrypt(ciphertext: str) -> str:
    if not ciphertext:
        return ""
    try:
        return fernet().decrypt(ciphertext.encode("ascii")).decode()
    except InvalidToken as exc:
        raise TokenDecryptionError("no configured key decrypts this secret") from exc


def rotate(ciphertext: str) -> str:
    """The same secret encrypted with the first key (unchanged if it already is)."""
    if not ciphertext:
        return ""
    try:
        return fernet().rotate(ciphertext.encode("ascii")).decode("ascii")
    except InvalidToken as exc:
        raise TokenDecryptionError("no configured key decrypts this secret") from exc


def encrypted_with_first_key(ciphertext: str) -> bool:
    if not ciphertext:
        return True
    keys = [key.strip() for key in settings.SICHTBAR_TOKEN_KEYS if key.strip()]
    try:
        Fernet(keys[0].encode()).decrypt(ciphertext.encode("ascii"))
    except InvalidToken:
        return False
    return True


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")
