"""Authorization table rows of the accounts app (see sichtbar/core/tests/endpoints.py)."""

from typing import Any

from sichtbar.accounts.models import Role
from sichtbar.core.tests.endpoints import PUBLIC, SCIM_TOKEN, Endpoint

from .factories import DepartmentFactory, InvitationFactory, LocationFactory, UserFactory

ENDPOINTS = [
    Endpoint("get", "/api/v1/auth/csrf/", PUBLIC),
    Endpoint("post", "/api/v1/auth/login/", PUBLIC, {"email": "x@example.com", "password": "wrong-pass-123"}),
    Endpoint("post", "/api/v1/auth/logout/", PUBLIC),
    Endpoint("get", "/api/v1/auth/me/", Role.EMPLOYEE),
    Endpoint("get", "/api/v1/auth/config/", PUBLIC),
    Endpoint("get", "/api/v1/auth/sso/start/", PUBLIC),
    Endpoint("get", "/api/v1/auth/sso/callback/", PUBLIC),
    Endpoint("patch", "/api/v1/auth/me/", Role.EMPLOYEE, {"language": "de"}),
    Endpoint("post", "/api/v1/auth/password-reset/", PUBLIC, {"email": "x@example.com"}),
    Endpoint(
        "post", "/api/v1/auth/password-reset/confirm/", PUBLIC, {"uid": "x", "token": "y", "password": "z"}
    ),
    Endpoint("get", "/api/v1/auth/invitations/{invitation_secret}/", PUBLIC),
    Endpoint("post", "/api/v1/auth/invitations/accept/", PUBLIC, {"token": "unknown", "password": "x"}),
    Endpoint("get", "/api/v1/auth/tokens/", Role.EMPLOYEE),
    Endpoint("post", "/api/v1/auth/tokens/", Role.EMPLOYEE, {"name": "t", "expires_in_days": 1}),
    Endpoint("delete", "/api/v1/auth/tokens/{token_key}/", Role.EMPLOYEE),
    Endpoint("get", "/api/v1/scim-tokens/", Role.ADMIN),
    Endpoint("post", "/api/v1/scim-tokens/", Role.ADMIN, {"name": "Microsoft Entra ID"}),
    Endpoint("delete", "/api/v1/scim-tokens/{scim_token_id}/", Role.ADMIN),
    Endpoint("get", "/api/v1/users/", Role.ADMIN),
    Endpoint("get", "/api/v1/users/{user_id}/", Role.ADMIN),
    Endpoint("patch", "/api/v1/users/{user_id}/", Role.ADMIN, {"role": "employee"}),
    Endpoint("get", "/api/v1/users/invitations/", Role.ADMIN),
    Endpoint("post", "/api/v1/users/invitations/", Role.ADMIN, {"email": "new@example.com"}),
    Endpoint("delete", "/api/v1/users/invitations/{invitation_id}/", Role.ADMIN),
    Endpoint("post", "/api/v1/users/invitations/{invitation_id}/resend/", Role.ADMIN),
    Endpoint("get", "/api/v1/organisation/departments/", Role.EMPLOYEE),
    Endpoint("post", "/api/v1/organisation/departments/", Role.ADMIN, {"name": "Neu"}),
    Endpoint("patch", "/api/v1/organisation/departments/{department_id}/", Role.ADMIN, {"name": "Umbenannt"}),
    Endpoint("delete", "/api/v1/organisation/departments/{department_id}/", Role.ADMIN),
    Endpoint("get", "/api/v1/organisation/locations/", Role.EMPLOYEE),
    Endpoint("post", "/api/v1/organisation/locations/", Role.ADMIN, {"name": "Neu", "city": "Bonn"}),
    Endpoint("patch", "/api/v1/organisation/locations/{location_id}/", Role.ADMIN, {"city": "Bonn"}),
    Endpoint("delete", "/api/v1/organisation/locations/{location_id}/", Role.ADMIN),
    Endpoint("post", "/api/v1/organisation/import/", Role.ADMIN),
]

_USER = "urn:ietf:params:scim:schemas:core:2.0:User"
_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
_SEARCH = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "filter": 'userName eq "x"'}
_PATCH = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "replace", "path": "displayName", "value": "Neu"}],
}
_NEW_USER = {"schemas": [_USER], "userName": "new.person@example.com", "name": {"givenName": "N"}}
_NEW_GROUP = {"schemas": [_GROUP], "displayName": "Neue Abteilung"}

# SCIM 2.0 (/scim/v2/, not under /api/v1/): every route × method, opened by a SCIM bearer token only.
ENDPOINTS += [
    Endpoint("get", "/scim/v2/ServiceProviderConfig", SCIM_TOKEN),
    Endpoint("get", "/scim/v2/ResourceTypes", SCIM_TOKEN),
    Endpoint("get", "/scim/v2/ResourceTypes/{scim_resource_type}", SCIM_TOKEN),
    Endpoint("get", "/scim/v2/Schemas", SCIM_TOKEN),
    Endpoint("get", "/scim/v2/Schemas/{scim_schema}", SCIM_TOKEN),
    Endpoint("post", "/scim/v2/.search", SCIM_TOKEN, _SEARCH),
    Endpoint("post", "/scim/v2/Users/.search", SCIM_TOKEN, _SEARCH),
    Endpoint("post", "/scim/v2/Groups/.search", SCIM_TOKEN, _SEARCH),
    Endpoint("get", "/scim/v2/Users", SCIM_TOKEN),
    Endpoint("post", "/scim/v2/Users", SCIM_TOKEN, _NEW_USER),
    Endpoint("get", "/scim/v2/Users/{scim_user_id}", SCIM_TOKEN),
    Endpoint(
        "put", "/scim/v2/Users/{scim_user_id}", SCIM_TOKEN, {"schemas": [_USER], "userName": "p@example.com"}
    ),
    Endpoint("patch", "/scim/v2/Users/{scim_user_id}", SCIM_TOKEN, _PATCH),
    Endpoint("delete", "/scim/v2/Users/{scim_user_id}", SCIM_TOKEN),
    Endpoint("get", "/scim/v2/Groups", SCIM_TOKEN),
    Endpoint("post", "/scim/v2/Groups", SCIM_TOKEN, _NEW_GROUP),
    Endpoint("get", "/scim/v2/Groups/{scim_group_id}", SCIM_TOKEN),
    Endpoint(
        "put", "/scim/v2/Groups/{scim_group_id}", SCIM_TOKEN, {"schemas": [_GROUP], "displayName": "Neu"}
    ),
    Endpoint("patch", "/scim/v2/Groups/{scim_group_id}", SCIM_TOKEN, _PATCH),
    Endpoint("delete", "/scim/v2/Groups/{scim_group_id}", SCIM_TOKEN),
    # anything else under /scim/v2/ answers a SCIM 404, behind the same token
    *(
        Endpoint(method, "/scim/v2/{scim_unknown}", SCIM_TOKEN)
        for method in ("get", "post", "put", "patch", "delete")
    ),
]


def make_objects() -> dict[str, Any]:
    from sichtbar.accounts.scim import resource_create

    scim_user = resource_create(kind="User", data={"schemas": [_USER], "userName": "person@example.com"})
    scim_group = resource_create(kind="Group", data={"schemas": [_GROUP], "displayName": "Vertrieb"})
    return {
        "scim_token_id": _scim_token_id(),
        "scim_user_id": scim_user.scim_id,
        "scim_group_id": scim_group.scim_id,
        "scim_resource_type": "User",
        "scim_schema": _USER,
        "scim_unknown": "Unknown",
        "invitation_secret": "s3cret",
        "invitation_id": InvitationFactory(secret="s3cret").id,
        "user_id": UserFactory().id,
        "department_id": DepartmentFactory().id,
        "location_id": LocationFactory().id,
    }


def _scim_token_id() -> int:
    from sichtbar.accounts.scim import scim_token_create

    return scim_token_create(name="Okta")[0].pk
