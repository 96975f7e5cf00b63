"""SCIM 2.0 endpoints at /scim/v2/ (RFC 7644): discovery, Users, Groups. Bearer-token authenticated (an
admin-created SCIM token, stored hashed); answers and errors in SCIM's own JSON shapes, as the RFC wants."""

import json
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.urls import path
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from . import scim
from .models import ScimResource

CONTENT_TYPE = "application/scim+json"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
MAX_RESULTS = 200


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, content_type=CONTENT_TYPE, safe=False)


def _error(status: int, detail: str, scim_type: str = "") -> JsonResponse:
    body: dict[str, Any] = {"schemas": [ERROR_SCHEMA], "status": str(status), "detail": detail}
    if scim_type:
        body["scimType"] = scim_type
    return _json(body, status)


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/scim/v2").rstrip("/")


@method_decorator(csrf_exempt, name="dispatch")
class ScimView(View):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        header = request.headers.get("Authorization", "")
        scheme, _space, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret or scim.scim_token_check(secret=secret.strip()) is None:
            response = _error(401, "A valid SCIM bearer token is required.")
            response["WWW-Authenticate"] = 'Bearer realm="scim"'
            return response
        try:
            return super().dispatch(request, *args, **kwargs)
        except scim.ScimError as exc:
            return _error(exc.status, exc.detail, exc.scim_type)

    def http_method_not_allowed(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _error(405, "Method not allowed.")

    def body(self, request: HttpRequest) -> dict[str, Any]:
        try:
            data = json.loads(request.body.decode("utf-8") or "{}")
        except (UnicodeDecodeError, ValueError):
            raise scim.ScimError(400, "The body is not JSON.", "invalidSyntax") from None
        if not isinstance(data, dict):
            raise scim.ScimError(400, "The body must be a JSON object.", "invalidSyntax")
        return data


def _project(data: dict[str, Any], request: HttpRequest) -> dict[str, Any]:
    """`attributes` / `excludedAttributes` (RFC 7644 3.4.2.5); id, schemas and meta always stay."""
    wanted = [a.strip() for a in request.GET.get("attributes", "").split(",") if a.strip()]
    excluded = [a.strip() for a in request.GET.get("excludedAttributes", "").split(",") if a.strip()]
    always = {"id", "schemas", "meta", "userName"} if "userName" in data else {"id", "schemas", "meta"}
    if wanted:
        keep = {a.split(":")[-1].split(".")[0] for a in wanted} | always
        data = {key: value for key, value in data.items() if key in keep}
    for attribute in excluded:
        name = attribute.split(":")[-1].split(".")[0]
        if name not in always:
            data.pop(name, None)
    return data


class ResourcesView(ScimView):
    kind = ScimResource.KIND_USER
    kinds: tuple[str, ...] = ()  # the server root's search: every kind

    def get(self, request: HttpRequest) -> HttpResponse:
        resources = [
            resource
            for kind in (self.kinds or (self.kind,))
            for resource in scim.resources_list(kind=kind, filter_text=request.GET.get("filter", ""))
        ]
        try:
            start = max(int(request.GET.get("startIndex", "1")), 1)
            count = min(max(int(request.GET.get("count", str(MAX_RESULTS))), 0), MAX_RESULTS)
        except ValueError:
            return _error(400, "startIndex and count must be integers.", "invalidValue")
        page = resources[start - 1 : start - 1 + count]
        base = _base_url(request)
        return _json(
            {
                "schemas": [LIST_SCHEMA],
                "totalResults": len(resources),
                "startIndex": start,
                "itemsPerPage": len(page),
                "Resources": [_project(scim.resource_out(r, base), request) for r in page],
            }
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        resource = scim.resource_create(kind=self.kind, data=self.body(request))
        data = scim.resource_out(resource, _base_url(request))
        response = _json(data, 201)
        response["Location"] = data["meta"]["location"]
        response["ETag"] = data["meta"]["version"]
        return response


class GroupsView(ResourcesView):
    kind = ScimResource.KIND_GROUP


class SearchView(ScimView):
    """POST /Users/.search, /Groups/.search (RFC 7644 3.4.3): the query in the body."""

    kind = ScimResource.KIND_USER
    kinds: tuple[str, ...] = ()

    def post(self, request: HttpRequest) -> HttpResponse:
        body = self.body(request)
        query = {
            "filter": body.get("filter") or "",
            "startIndex": body.get("startIndex") or 1,
            "count": body.get("count") if body.get("count") is not None else MAX_RESULTS,
            "attributes": ",".join(body.get("attributes") or []),
            "excludedAttributes": ",".join(body.get("excludedAttributes") or []),
        }
        params = request.GET.copy()
        for key, value in query.items():
            params[key] = str(value)
        request.GET = params  # type: ignore[assignment]
        view = ResourcesView() if self.kind == ScimResource.KIND_USER else GroupsView()
        view.kinds = self.kinds
        return view.get(request)


class GroupSearchView(SearchView):
    kind = ScimResource.KIND_GROUP


class RootSearchView(SearchView):
    kinds = (ScimResource.KIND_USER, ScimResource.KIND_GROUP)


class ResourceView(ScimView):
    kind = ScimResource.KIND_USER

    def _out(self, request: HttpRequest, resource: ScimResource) -> HttpResponse:
        data = scim.resource_out(resource, _base_url(request))
        response = _json(_project(data, request))
        response["ETag"] = data["meta"]["version"]
        return response

    def get(self, request: HttpRequest, scim_id: str) -> HttpResponse:
        return self._out(request, scim.resource_get(kind=self.kind, scim_id=scim_id))

    def put(self, request: HttpRequest, scim_id: str) -> HttpResponse:
        resource = scim.resource_get(kind=self.kind, scim_id=scim_id)
        return self._out(request, scim.resource_replace(resource=resource, data=self.body(request)))

    def patch(self, request: HttpRequest, scim_id: str) -> HttpResponse:
        resource = scim.resource_get(kind=self.kind, scim_id=scim_id)
        return self._out(request, scim.resource_patch(resource=resource, body=self.body(request)))

    def delete(self, request: HttpRequest, scim_id: str) -> HttpResponse:
        scim.resource_delete(resource=scim.resource_get(kind=self.kind, scim_id=scim_id))
        return HttpResponse(status=204)


class GroupView(ResourceView):
    kind = ScimResource.KIND_GROUP


def _attribute(name: str, type_: str = "string", **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "type": type_,
        "multiValued": False,
        "description": name,
        "required": False,
        "caseExact": False,
        "mutability": "readWrite",
        "returned": "default",
        "uniqueness": "none",
        **extra,
    }


def _schemas(base: str) -> list[dict[str, Any]]:
    user = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
        "id": scim.USER_SCHEMA,
        "name": "User",
        "description": "A person's account",
        "attributes": [
            _attribute("userName", required=True, uniqueness="server"),
            _attribute(
                "name",
                "complex",
                subAttributes=[_attribute("givenName"), _attribute("familyName")],
            ),
            _attribute("displayName"),
            _attribute("active", "boolean"),
            _attribute(
                "emails",
                "complex",
                multiValued=True,
                subAttributes=[
                    _attribute("value"),
                    _attribute("type", canonicalValues=["work", "home", "other"]),
                    _attribute("primary", "boolean"),
                ],
            ),
        ],
        "meta": {"resourceType": "Schema", "location": f"{base}/Schemas/{scim.USER_SCHEMA}"},
    }
    group = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
        "id": scim.GROUP_SCHEMA,
        "name": "Group",
        "description": "A department",
        "attributes": [
            _attribute("displayName", required=True, uniqueness="server"),
            _attribute(
                "members",
                "complex",
                multiValued=True,
                subAttributes=[
                    _attribute("value", mutability="immutable"),
                    _attribute("display", mutability="readOnly"),
                    _attribute("type", mutability="immutable", canonicalValues=["User"]),
                ],
            ),
        ],
        "meta": {"resourceType": "Schema", "location": f"{base}/Schemas/{scim.GROUP_SCHEMA}"},
    }
    return [user, group]


def _resource_types(base: str) -> list[dict[str, Any]]:
    return [
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
            "id": kind,
            "name": kind,
            "endpoint": f"/{kind}s",
            "description": description,
            "schema": schema,
            "schemaExtensions": [],
            "meta": {"resourceType": "ResourceType", "location": f"{base}/ResourceTypes/{kind}"},
        }
        for kind, schema, description in (
            ("User", scim.USER_SCHEMA, "People"),
            ("Group", scim.GROUP_SCHEMA, "Departments"),
        )
    ]


class ServiceProviderConfigView(ScimView):
    def get(self, request: HttpRequest) -> HttpResponse:
        base = _base_url(request)
        return _json(
            {
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
                "documentationUri": "https://github.com/sichtbar/sichtbar/blob/main/docs/operations.md",
                "patch": {"supported": True},
                "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
                "filter": {"supported": True, "maxResults": MAX_RESULTS},
                "changePassword": {"supported": False},
                "sort": {"supported": False},
                "etag": {"supported": False},
                "authenticationSchemes": [
                    {
                        "type": "oauthbearertoken",
                        "name": "Bearer token",
                        "description": "A SCIM token an administrator created in Sichtbar",
                        "primary": True,
                    }
                ],
                "meta": {
                    "resourceType": "ServiceProviderConfig",
                    "location": f"{base}/ServiceProviderConfig",
                },
            }
        )


def _listing(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "schemas": [LIST_SCHEMA],
        "totalResults": len(items),
        "startIndex": 1,
        "itemsPerPage": len(items),
        "Resources": items,
    }


class ResourceTypesView(ScimView):
    def get(self, request: HttpRequest, name: str = "") -> HttpResponse:
        items = _resource_types(_base_url(request))
        if name:
            found = [item for item in items if item["id"] == name]
            return _json(found[0]) if found else _error(404, "No such resource type.")
        return _json(_listing(items))


class SchemasView(ScimView):
    def get(self, request: HttpRequest, name: str = "") -> HttpResponse:
        items = _schemas(_base_url(request))
        if name:
            found = [item for item in items if item["id"] == name]
            return _json(found[0]) if found else _error(404, "No such schema.")
        return _json(_listing(items))


class NotFoundView(ScimView):
    def get(self, request: HttpRequest, rest: str = "") -> HttpResponse:
        return _error(404, "No such endpoint.")

    post = put = patch = delete = get


urlpatterns = [
    path("ServiceProviderConfig", ServiceProviderConfigView.as_view()),
    path("ResourceTypes", ResourceTypesView.as_view()),
    path("ResourceTypes/<str:name>", ResourceTypesView.as_view()),
    path("Schemas", SchemasView.as_view()),
    path("Schemas/<str:name>", SchemasView.as_view()),
    path(".search", RootSearchView.as_view()),
    path("Users/.search", SearchView.as_view()),
    path("Groups/.search", GroupSearchView.as_view()),
    path("Users", ResourcesView.as_view()),
    path("Users/<str:scim_id>", ResourceView.as_view()),
    path("Groups", GroupsView.as_view()),
    path("Groups/<str:scim_id>", GroupView.as_view()),
    path("<path:rest>", NotFoundView.as_view()),
]
