"""Contract fuzzing, the standing attack suite: schemathesis generates requests from the OpenAPI schema for
every operation and sends each as every role (anonymous, employee, manager, admin), checking for server
errors and for responses that break the contract: undocumented status codes, content types or headers, and
bodies that do not match their schema.

It runs on both databases (`make test-contract`: the embedded default on SQLite, then PostgreSQL when
DATABASE_URL names one), and the two runs draw different examples (the seed follows the database), so
the examples are split between them instead of repeated: SCHEMATHESIS_MAX_EXAMPLES per operation and
database (default 2; raise it locally for a deeper run).

Schemathesis's coverage phase adds the boundary cases of every parameter and body field (about 11,000
cases for the whole schema, 97 % of the run when each went out as every role). Those cases test input
handling, which only a caller allowed to reach the operation exercises (the others are turned away before
validation, and the authorization table tests every route for every role). So each coverage case goes out
once, as one of the roles the authorization table allows for the operation, in turn, and on one of the two
databases (`make test-contract` gives each half its share of the cases; alone, a half sends them all);
generated cases still go out as every role on both.
"""

import itertools
import os
import re
from collections import defaultdict
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

import pytest
import schemathesis
from config.wsgi import application
from django.apps import apps
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.db.backends.signals import connection_created
from hypothesis import HealthCheck, Phase, seed, settings
from schemathesis import checks

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "2"))
# One seed per database: together the two runs cover twice the examples of either.
SEED = {"sqlite": 17, "postgresql": 42}.get(connection.vendor, 7)
# Operations that end the caller's own session or account would make later examples meaningless.
SKIP = {("POST", "/api/v1/privacy/erase/"), ("POST", "/api/v1/auth/logout/")}
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]

ROLES = ["anonymous", "employee", "manager", "admin"]  # lowest first
LOWEST = {"public": 0, "employee": 1, "manager": 2, "admin": 3}


def _route_key(method: str, route: str) -> tuple[str, str]:
    return method.upper(), re.sub(r"\{[^}]+\}", "{}", route)


def _allowed_roles() -> dict[tuple[str, str], list[str]]:
    """The roles the authorization table (each app's tests/access.py) lets reach each operation."""
    allowed = {}
    for app in apps.get_app_configs():
        name = f"{app.name}.tests.access"
        if app.name.startswith("sichtbar.") and find_spec(name) is not None:
            for row in import_module(name).ENDPOINTS:
                if row.lowest_role in LOWEST:
                    allowed[_route_key(row.method, row.route)] = ROLES[LOWEST[row.lowest_role] :]
    return allowed


ALLOWED = _allowed_roles()
# `make test-contract` runs both databases and shares the coverage cases between them: "k/n" sends the
# k-th of every n (the cases come in the same order on both), so together they send each case once.
# Run alone (no PostgreSQL), the SQLite half sends them all ("0/1").
SHARE, PARTS = (int(part) for part in os.environ.get("CONTRACT_COVERAGE_SHARE", "0/1").split("/"))
COVERAGE_SEEN: dict[tuple[str, str], itertools.count] = defaultdict(itertools.count)


def roles_for(case) -> list[str]:
    """Every role for a generated case; for a coverage case of this run's share, one allowed role, in
    turn; none for the other database's share."""
    if case.meta is None or case.meta.phase.name.value != "coverage":
        return ROLES
    key = _route_key(case.method, case.path)
    number = next(COVERAGE_SEEN[key])
    if number % PARTS != SHARE:
        return []
    allowed = ALLOWED.get(key, ROLES)
    return [allowed[number // PARTS % len(allowed)]]


# The committed schema is the contract clients build against (the drift check keeps it equal to the code);
# requests go through the WSGI application in-process.


def _database_backend_at_lowest_priority(sender, connection, **kwargs) -> None:
    """`make test` runs the fuzzing beside other stages at the lowest CPU priority
    (scripts/lowest-priority.sh sets SICHTBAR_LOWEST_PRIORITY). Its queries run in PostgreSQL's own
    processes at the server's priority, so the backend serving this run is lowered too, when it is a
    process of this machine: its title names this run's database."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid(), current_database()")
        pid, database = cursor.fetchone()
    try:
        title = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        if title.startswith("postgres") and database in title:
            os.setpriority(os.PRIO_PROCESS, pid, 19)
    except OSError:  # a server elsewhere, or no right to change its priority: the run is only slower
        pass


if os.environ.get("SICHTBAR_LOWEST_PRIORITY"):
    connection_created.connect(_database_backend_at_lowest_priority)

schema = schemathesis.openapi.from_path(str(Path(__file__).resolve().parents[2] / "backend" / "openapi.yaml"))
schema.app = application


@pytest.fixture(scope="module")
def role_tokens(django_db_setup, django_db_blocker):
    """One user and API token per role for the whole run (each test's changes are rolled back; these are
    created outside the tests' transactions and removed at the end)."""
    from sichtbar.accounts.models import ApiToken, Role, User
    from sichtbar.accounts.tests.factories import UserFactory

    tokens: dict[str, str | None] = {"anonymous": None}
    with django_db_blocker.unblock():
        users = [UserFactory(role=role, is_staff=role == Role.ADMIN) for role in Role]
        for user in users:
            tokens[str(user.role)] = ApiToken.objects.create(user=user, expiry=None, name="fuzz")[1]
    yield tokens
    with django_db_blocker.unblock():
        User.objects.filter(pk__in=[user.pk for user in users]).delete()


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
    monkeypatch.setattr("django.conf.settings.LOGIN_LOCKOUT_THRESHOLD", 1_000_000)


@schema.parametrize()
@seed(SEED)
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure is reported as found
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_every_operation_as_every_role(case, role_tokens):
    if (case.method.upper(), case.path) in SKIP:
        pytest.skip("ends the caller's own session or account")
    for role in roles_for(case):
        token = role_tokens[role]
        headers = {"Authorization": f"Token {token}"} if token else {}
        case.call_and_validate(headers=headers, checks=CHECKS)
