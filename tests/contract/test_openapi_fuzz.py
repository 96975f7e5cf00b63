"""Contract fuzzing: schemathesis generates requests from the OpenAPI schema for every operation and every
role (anonymous, employee, manager, admin) and checks for server errors and responses that break the schema.

Bounded for CI: a few examples per operation and role (SCHEMATHESIS_MAX_EXAMPLES raises it locally).
"""

import os
from pathlib import Path

import pytest
import schemathesis
from config.wsgi import application
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "4"))
# Operations that end the caller's own session or account would make later examples meaningless.
SKIP = {("POST", "/api/v1/privacy/erase/"), ("POST", "/api/v1/auth/logout/")}

# The committed schema is the contract clients build against (the drift check keeps it equal to the code);
# requests go through the WSGI application in-process.
schema = schemathesis.openapi.from_path(str(Path(__file__).resolve().parents[2] / "backend" / "openapi.yaml"))
schema.app = application


@pytest.fixture
def role_tokens(db):
    from sichtbar.accounts.models import ApiToken, Role
    from sichtbar.accounts.tests.factories import UserFactory

    tokens = {"anonymous": None}
    for role in (Role.EMPLOYEE, Role.MANAGER, Role.ADMIN):
        user = UserFactory(role=role, is_staff=role == Role.ADMIN)
        tokens[role.value] = ApiToken.objects.create(user=user, expiry=None, name="fuzz")[1]
    return tokens


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """Requests go through the WSGI handler in-process; like Django's test client, keep its end-of-request
    signal from closing the test's database connection (and with it the test transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _no_throttling(monkeypatch):
    """Fuzzing sends far more requests than any client may; rate limits have their own tests."""
    from rest_framework.throttling import SimpleRateThrottle

    unlimited = dict.fromkeys(SimpleRateThrottle.THROTTLE_RATES, "1000000/min")
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", unlimited)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_as_every_role(case, role_tokens):
    if (case.method.upper(), case.path) in SKIP:
        pytest.skip("ends the caller's own session or account")
    for token in role_tokens.values():
        headers = {"Authorization": f"Token {token}"} if token else {}
        case.call_and_validate(
            headers=headers,
            checks=[checks.not_a_server_error, checks.response_schema_conformance],
        )
