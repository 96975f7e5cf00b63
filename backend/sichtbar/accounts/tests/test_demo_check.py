"""Production refuses to run (`migrate` and `check --database` fail) while demo accounts with the published
password exist, unless the installation is a demo on purpose (SICHTBAR_SEED_DEMO=1)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.checks import run_checks
from django.test import override_settings

from sichtbar.accounts.demo import DEMO_LOGINS

from .factories import UserFactory

BACKEND_DIR = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.django_db


def _errors():
    return [error.id for error in run_checks(databases=["default"], include_deployment_checks=True)]


@override_settings(SICHTBAR_REFUSE_DEMO_ACCOUNTS=True)
def test_an_active_demo_account_is_a_check_error():
    UserFactory(email=DEMO_LOGINS[2].email)

    assert "sichtbar.E001" in _errors()


@override_settings(SICHTBAR_REFUSE_DEMO_ACCOUNTS=True)
def test_deactivated_or_passwordless_demo_accounts_and_real_ones_pass():
    UserFactory(email=DEMO_LOGINS[0].email, is_active=False)
    passwordless = UserFactory(email=DEMO_LOGINS[1].email)
    passwordless.set_unusable_password()
    passwordless.save()
    UserFactory(email="lena@firma.example")

    assert "sichtbar.E001" not in _errors()


@override_settings(SICHTBAR_REFUSE_DEMO_ACCOUNTS=False)
def test_a_demo_on_purpose_passes():
    UserFactory(email=DEMO_LOGINS[2].email)

    assert "sichtbar.E001" not in _errors()


@pytest.mark.parametrize(("seed_demo", "refuses"), [(None, "True"), ("0", "True"), ("1", "False")])
def test_production_settings_refuse_demo_accounts_unless_asked(seed_demo, refuses):
    env = {k: v for k, v in os.environ.items() if k != "SICHTBAR_SEED_DEMO"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="sichtbar.example.com",
        SICHTBAR_TOKEN_KEYS=Fernet.generate_key().decode(),
    )
    if seed_demo is not None:
        env["SICHTBAR_SEED_DEMO"] = seed_demo
    code = "from django.conf import settings; print(settings.SICHTBAR_REFUSE_DEMO_ACCOUNTS)"

    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=BACKEND_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.stdout.strip() == refuses, result.stderr
