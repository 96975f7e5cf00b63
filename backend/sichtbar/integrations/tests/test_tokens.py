"""Tokens at rest: only ciphertext in the database, readable with any configured key, rotation."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection as db

from sichtbar.integrations import crypto, services
from sichtbar.integrations.models import MastodonApp, OAuthToken, Provider

from .factories import ConnectionFactory

pytestmark = pytest.mark.django_db

ACCESS = "AQX-plain-access-token-1234567890"
REFRESH = "refresh-token-abcdefghijkl"


def _raw_columns(pk: int) -> tuple[str, str]:
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT access_token_encrypted, refresh_token_encrypted FROM integrations_oauthtoken"
            " WHERE id = %s",
            [pk],
        )
        return cursor.fetchone()


def _oauth_connection():
    return ConnectionFactory(provider=Provider.MASTODON, feed_url="", url="https://social.example/@a")


def test_the_database_never_holds_the_plain_token(settings):
    token = services.token_store(connection=_oauth_connection(), access_token=ACCESS, refresh_token=REFRESH)

    access_column, refresh_column = _raw_columns(token.pk)

    assert ACCESS not in access_column and REFRESH not in refresh_column
    assert ACCESS.encode() not in access_column.encode()
    fresh = OAuthToken.objects.get(pk=token.pk)
    assert (fresh.access_token, fresh.refresh_token) == (ACCESS, REFRESH)


def test_a_token_is_unreadable_without_its_key(settings):
    token = services.token_store(connection=_oauth_connection(), access_token=ACCESS)
    settings.SICHTBAR_TOKEN_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(crypto.TokenDecryptionError):
        _ = OAuthToken.objects.get(pk=token.pk).access_token


def test_rotation_re_encrypts_with_the_first_key_and_the_old_key_can_go(settings):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.SICHTBAR_TOKEN_KEYS = [old_key]
    token = services.token_store(connection=_oauth_connection(), access_token=ACCESS, refresh_token=REFRESH)
    app = MastodonApp.objects.create(
        instance_url="https://social.example",
        redirect_uri="https://sichtbar.example/connections/callback/mastodon",
        scopes="read",
        client_id="cid",
        client_secret_encrypted=crypto.encrypt("app-secret"),
    )
    before = _raw_columns(token.pk)
    settings.SICHTBAR_TOKEN_KEYS = [new_key, old_key]
    assert not crypto.encrypted_with_first_key(before[0])

    call_command("rotate_token_keys")

    after = _raw_columns(token.pk)
    assert after != before
    assert crypto.encrypted_with_first_key(after[0]) and crypto.encrypted_with_first_key(after[1])
    settings.SICHTBAR_TOKEN_KEYS = [new_key]  # the old key removed after rotation
    fresh = OAuthToken.objects.get(pk=token.pk)
    assert (fresh.access_token, fresh.refresh_token) == (ACCESS, REFRESH)
    assert MastodonApp.objects.get(pk=app.pk).client_secret == "app-secret"


def test_rotation_reports_secrets_no_key_decrypts_and_leaves_them_alone(settings):
    settings.SICHTBAR_TOKEN_KEYS = [Fernet.generate_key().decode()]
    token = services.token_store(connection=_oauth_connection(), access_token=ACCESS)
    before = _raw_columns(token.pk)
    settings.SICHTBAR_TOKEN_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(CommandError, match=f"OAuthToken {token.pk}"):
        call_command("rotate_token_keys")

    assert _raw_columns(token.pk) == before


def test_invalid_or_missing_keys_are_a_configuration_error(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.SICHTBAR_TOKEN_KEYS = []
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x")
    settings.SICHTBAR_TOKEN_KEYS = ["not-a-fernet-key"]
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x")


def test_production_settings_refuse_to_start_without_token_keys():
    import subprocess
    import sys

    from django.conf import settings as django_settings

    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "example.com",
        "SICHTBAR_VAR_DIR": "/tmp/sichtbar-prod-check",
    }
    code = "import django; django.setup()"
    backend = str(django_settings.BACKEND_DIR)
    missing = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=backend, capture_output=True, text=True
    )
    assert missing.returncode != 0 and "SICHTBAR_TOKEN_KEYS" in missing.stderr
    present = subprocess.run(
        [
            sys.executable,
            "-c",
            code + "; from django.conf import settings; print(len(settings.SICHTBAR_TOKEN_KEYS))",
        ],
        env={**env, "SICHTBAR_TOKEN_KEYS": Fernet.generate_key().decode()},
        cwd=backend,
        capture_output=True,
        text=True,
    )
    assert present.returncode == 0, present.stderr
    assert present.stdout.strip() == "1"
