"""Authorization table rows of the analytics app (see sichtbar/core/tests/endpoints.py)."""

from typing import Any

from sichtbar.accounts.models import Role
from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.core.tests.endpoints import Endpoint
from sichtbar.organisation.models import FiguresOptIn

from .factories import TargetFactory

A = "/api/v1/analytics"
TARGET = {
    "kpi": "shares",
    "scope": "company",
    "period_start": "2026-01-01",
    "period_end": "2026-03-31",
    "value": 10,
}

ENDPOINTS = [
    Endpoint("get", f"{A}/overview/", Role.MANAGER),
    Endpoint("get", f"{A}/trends/", Role.MANAGER),
    Endpoint("get", f"{A}/breakdown/", Role.MANAGER),
    Endpoint("get", f"{A}/top-content/", Role.MANAGER),
    Endpoint("get", f"{A}/drilldown/", Role.MANAGER),
    Endpoint("get", f"{A}/leaderboard/", Role.EMPLOYEE),
    Endpoint("get", f"{A}/options/", Role.MANAGER),
    Endpoint("get", f"{A}/targets/", Role.MANAGER),
    Endpoint("post", f"{A}/targets/", Role.MANAGER, TARGET),
    Endpoint("patch", f"{A}/targets/{{analytics_target_id}}/", Role.MANAGER, {"value": 12}),
    Endpoint("delete", f"{A}/targets/{{analytics_target_id}}/", Role.MANAGER),
    Endpoint("get", f"{A}/benchmarks/", Role.MANAGER),
    Endpoint("post", f"{A}/benchmarks/import/", Role.MANAGER, {}, "multipart"),
    Endpoint("get", f"{A}/rates/", Role.MANAGER),
    Endpoint(
        "put",
        f"{A}/rates/",
        Role.MANAGER,
        {"rates": [{"network": "xing", "currency": "EUR", "cpc": "1.00", "cpm": "5.00", "view_rate": "0.1"}]},
    ),
    Endpoint("get", f"{A}/headcount/", Role.MANAGER),
    Endpoint("put", f"{A}/headcount/", Role.MANAGER, {"department": None, "headcount": 10}),
    Endpoint("get", f"{A}/settings/", Role.MANAGER),
    Endpoint("patch", f"{A}/settings/", Role.ADMIN, {"currency": "EUR"}),
    Endpoint("post", f"{A}/rebuild/", Role.ADMIN),
    Endpoint("get", f"{A}/export/", Role.MANAGER),
    Endpoint("get", f"{A}/people/{{analytics_person_id}}/", Role.MANAGER),
    Endpoint("get", f"{A}/me/", Role.EMPLOYEE),
    Endpoint("get", f"{A}/me/export/", Role.EMPLOYEE),
    Endpoint("get", f"{A}/me/preference/", Role.EMPLOYEE),
    Endpoint("put", f"{A}/me/preference/", Role.EMPLOYEE, {"share_figures": True}),
]


def make_objects() -> dict[str, Any]:
    person = UserFactory(role=Role.EMPLOYEE)
    FiguresOptIn.objects.create(user=person, share_figures=True)
    return {"analytics_target_id": TargetFactory().pk, "analytics_person_id": person.pk}
