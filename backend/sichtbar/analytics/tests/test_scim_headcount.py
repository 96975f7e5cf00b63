"""HR deactivates a person over SCIM: the next adoption figures a manager sees count one person fewer."""

import json

import pytest
from django.utils import timezone

from sichtbar.accounts.models import User
from sichtbar.accounts.scim import scim_token_create
from sichtbar.analytics import tasks

from .factories import AnalyticsContentFactory, AnalyticsShareFactory

pytestmark = pytest.mark.django_db

SCIM = "application/scim+json"


def _overview(client, day) -> dict:
    response = client.get(f"/api/v1/analytics/overview/?start={day}&end={day}")
    assert response.status_code == 200, response.content
    body = response.json()
    values = {kpi["key"]: kpi["value"] for kpi in body["kpis"]}
    return {"headcount": body["headcount"], "adoption_rate": values["adoption_rate"]}


def test_a_scim_deactivation_shows_in_the_next_adoption_figures(
    client, client_for, company, today, django_capture_on_commit_callbacks
):
    _token, secret = scim_token_create(name="Microsoft Entra ID")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    lena = client.post(
        "/scim/v2/Users",
        data=json.dumps(
            {
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                "userName": "lena.berg@firma.example",
                "name": {"givenName": "Lena", "familyName": "Berg"},
                "active": True,
            }
        ),
        content_type=SCIM,
    ).json()
    AnalyticsShareFactory(
        user=company.sellers[0], content=AnalyticsContentFactory(), shared_at=timezone.now()
    )
    tasks.analytics_headcount_snapshot()  # the nightly snapshot …
    tasks.analytics_rollup_today()  # … and the rollup of today's facts, as beat runs them
    manager = client_for(company.manager)
    before = _overview(manager, today)

    with django_capture_on_commit_callbacks(execute=True):
        deactivated = client.patch(
            f"/scim/v2/Users/{lena['id']}",
            data=json.dumps(
                {
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [{"op": "replace", "path": "active", "value": False}],
                }
            ),
            content_type=SCIM,
        )
    tasks.analytics_rollup_today()  # the next rollup
    after = _overview(manager, today)

    assert deactivated.status_code == 200
    active_accounts = User.objects.filter(is_active=True).count()  # the figure recomputed from raw data
    assert active_accounts == 9
    assert before == {"headcount": 10.0, "adoption_rate": round(1 / 10, 4)}
    assert after == {"headcount": float(active_accounts), "adoption_rate": round(1 / active_accounts, 4)}
