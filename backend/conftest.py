"""Fixtures shared by every backend test: an API client and one user per role."""

import pytest
from rest_framework.test import APIClient

from sichtbar.accounts.models import Role
from sichtbar.accounts.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    """Throttle counters live in the cache; each test starts without them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _erasure_ledger(tmp_path, settings):
    """Erasures append to the ledger file; each test writes its own."""
    settings.PRIVACY_ERASURE_LEDGER = tmp_path / "erasure-ledger.jsonl"


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def employee(db):
    return UserFactory(role=Role.EMPLOYEE)


@pytest.fixture
def manager(db):
    return UserFactory(role=Role.MANAGER)


@pytest.fixture
def admin_user(db):
    return UserFactory(role=Role.ADMIN, is_staff=True)


@pytest.fixture
def client_for(api_client):
    """A client logged in as the given user (or anonymous for None)."""

    def _client(user):
        client = APIClient()
        if user is not None:
            client.force_login(user)
        return client

    return _client
