"""The analytics rows of the authorization table, run against this app's objects only (the shared
table test in sichtbar/api runs them too, with every app's objects)."""

import pytest

from sichtbar.accounts.models import ApiToken, Role
from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.accounts.tests.roles import RANK, ROLES
from sichtbar.core.tests.endpoints import PUBLIC

from .access import ENDPOINTS, make_objects


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: f"{e.method.upper()} {e.route}")
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_analytics_role_access(client_for, endpoint, role):
    values = make_objects()
    user = None if role is None else UserFactory(role=role, is_staff=role == Role.ADMIN)
    ApiToken.objects.create(user=user or UserFactory(), expiry=None, name="t")
    client = client_for(user)

    response = getattr(client, endpoint.method)(
        endpoint.route.format(**values), endpoint.body, format=endpoint.format
    )

    if RANK[role or PUBLIC] >= RANK[endpoint.lowest_role]:
        assert response.status_code not in (401, 403), response.content
        assert response.status_code < 500
    else:
        assert response.status_code == 403, response.content
        assert response.json()["code"] in {"not_authenticated", "permission_denied"}
