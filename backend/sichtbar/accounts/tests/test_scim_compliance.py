"""The scim2-tester compliance checker (RFC 7643/7644) against /scim/v2/ on a live server."""

import pytest
from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server

from sichtbar.accounts import scim

pytestmark = pytest.mark.django_db(transaction=True)


def test_scim2_tester_passes_against_the_live_endpoint(live_server):
    _token, secret = scim.scim_token_create(name="scim2-tester")
    http = Client(
        base_url=f"{live_server.url}/scim/v2", headers={"Authorization": f"Bearer {secret}"}, timeout=60
    )
    client = SyncSCIMClient(http)
    client.discover()

    results = check_server(client, raise_exceptions=False)

    failures = [
        f"{result.title}: {result.reason}"
        for result in results
        if result.status not in (Status.SUCCESS, Status.SKIPPED)
    ]
    print("\n".join(failures))
    assert failures == []
    assert sum(1 for result in results if result.status == Status.SUCCESS) > 20
