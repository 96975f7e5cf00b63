"""SCIM 2.0 provisioning (RFC 7643/7644): Users become accounts, Groups become departments. Writes here,
called by scim_apis. The attributes we use are mapped onto the account or department; the resource as the
provider sent it is kept, so it reads back what it wrote."""

import re
import secrets
import uuid
from copy import deepcopy
from typing import Any

from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction
from django.utils import timezone

from sichtbar.audit.services import audit_record
from sichtbar.core.events import PersonLeft, publish

from .models import ApiToken, Department, Role, ScimResource, ScimToken, User, hash_secret

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


class ScimError(Exception):
    def __init__(self, status: int, detail: str, scim_type: str = "") -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.scim_type = scim_type


# --- tokens ---------------------------------------------------------------------------------------------


def scim_token_create(*, name: str, actor: User | None = None) -> tuple[ScimToken, str]:
    """A new SCIM bearer token; the secret is returned once, only its hash is stored."""
    secret = "scim_" + secrets.token_urlsafe(32)
    token = ScimToken.objects.create(
        name=name.strip()[:100], token_hash=hash_secret(secret), created_by=actor
    )
    audit_record(actor=actor, action="scim.token_create", target=token)
    return token, secret


def scim_token_revoke(*, token: ScimToken, actor: User | None) -> None:
    """Revoke a SCIM token: the identity provider using it is refused from the next request on."""
    audit_record(actor=actor, action="scim.token_revoke", target=token, changes={"name": token.name})
    token.delete()


def scim_token_check(*, secret: str) -> ScimToken | None:
    token = ScimToken.objects.filter(token_hash=hash_secret(secret)).first()
    if token is not None and (
        token.last_used_at is None or (timezone.now() - token.last_used_at).total_seconds() > 60
    ):
        ScimToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


# --- signing out ------------------------------------------------------------------------------------------


def user_sign_out_everywhere(*, user: User) -> int:
    """End every session and revoke every personal API token of `user`. Returns what was ended."""
    tokens, _detail = ApiToken.objects.filter(user=user).delete()
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return tokens + ended


def _person_left(user: User) -> None:
    user_sign_out_everywhere(user=user)
    publish(PersonLeft(user_id=user.pk, day=timezone.localdate()))


# --- resources --------------------------------------------------------------------------------------------


def _meta(resource: ScimResource, base_url: str) -> dict[str, Any]:
    plural = "Users" if resource.kind == ScimResource.KIND_USER else "Groups"
    return {
        "resourceType": resource.kind,
        "created": resource.created_at.isoformat(),
        "lastModified": resource.updated_at.isoformat(),
        "location": f"{base_url}/{plural}/{resource.scim_id}",
        "version": f'W/"{resource.version}"',
    }


def resource_out(resource: ScimResource, base_url: str) -> dict[str, Any]:
    data = deepcopy(resource.attributes)
    data["id"] = str(resource.scim_id)
    data["schemas"] = [USER_SCHEMA if resource.kind == ScimResource.KIND_USER else GROUP_SCHEMA]
    if resource.kind == ScimResource.KIND_USER:
        if "active" in data:  # as the account is now (an admin or SSO may have changed it since)
            data["active"] = bool(resource.user and resource.user.is_active)
        if resource.user and resource.user.department_id:
            group = ScimResource.objects.filter(department_id=resource.user.department_id).first()
            if group:
                data["groups"] = [
                    {"value": str(group.scim_id), "display": group.attributes.get("displayName", "")}
                ]
    data["meta"] = _meta(resource, base_url)
    return data


def _clean(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    attributes = {key: value for key, value in data.items() if key not in ("id", "meta", "schemas", "groups")}
    if kind == ScimResource.KIND_USER:
        user_name = attributes.get("userName")
        if not isinstance(user_name, str) or not user_name.strip():
            raise ScimError(400, "userName is required.", "invalidValue")
        if "active" in attributes and not isinstance(attributes["active"], bool):
            raise ScimError(400, "active must be a boolean.", "invalidValue")
    else:
        name = attributes.get("displayName")
        if not isinstance(name, str) or not name.strip():
            raise ScimError(400, "displayName is required.", "invalidValue")
    return attributes


def _email_of(attributes: dict[str, Any]) -> str:
    emails = attributes.get("emails") or []
    primary = [e.get("value") for e in emails if isinstance(e, dict) and e.get("primary") and e.get("value")]
    any_email = [e.get("value") for e in emails if isinstance(e, dict) and e.get("value")]
    user_name = str(attributes.get("userName", "")).strip()
    for value in (*primary, user_name if "@" in user_name else None, *any_email):
        if value:
            return str(value).strip().lower()[:254]
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, user_name).hex}@scim.invalid"  # no address: cannot sign in


def _apply_user(resource: ScimResource, attributes: dict[str, Any], *, creating: bool) -> None:
    raw_name = attributes.get("name")
    name: dict[str, Any] = raw_name if isinstance(raw_name, dict) else {}
    values = {
        "email": _email_of(attributes),
        "first_name": str(name.get("givenName") or "")[:150],
        "last_name": str(name.get("familyName") or "")[:150],
    }
    active = attributes.get("active")
    user = resource.user
    if user is None and creating:
        # An account that existed before provisioning (invited, or created at an SSO sign-in) is taken over
        # by the provider rather than refused: keeps its role, password and data.
        user = User.objects.filter(email__iexact=values["email"], scim__isnull=True).first()
        if user is not None:
            resource.user = user
    if user is None:
        user = User(role=Role.EMPLOYEE, **values)
        user.set_unusable_password()
        user.is_active = True if active is None else active
        user.save()
        resource.user = user
    else:
        for key, value in values.items():
            setattr(user, key, value)
        leaving = active is False and user.is_active
        changed = active is not None and active != user.is_active
        if changed:
            user.is_active = bool(active)
            user.deactivated_at = None if active else timezone.now()  # retention counts from here
        user.save()
        if leaving:
            _person_left(user)
            audit_record(actor=None, action="scim.user_deactivate", target=user)
        elif active is True and changed:
            audit_record(actor=None, action="scim.user_reactivate", target=user)


def resource_create(*, kind: str, data: dict[str, Any], actor_name: str = "") -> ScimResource:
    attributes = _clean(kind, data)
    _unique(kind, attributes)
    try:
        with transaction.atomic():
            resource = ScimResource(kind=kind, scim_id=uuid.uuid4())
            if kind == ScimResource.KIND_USER:
                _apply_user(resource, attributes, creating=True)
            else:
                resource.department = _department_for(attributes["displayName"])
                _set_members(resource.department, data.get("members"))
            resource.attributes = attributes
            resource.save()
            audit_record(
                actor=None, action=f"scim.{kind.lower()}_create", target=resource.user or resource.department
            )
    except IntegrityError as exc:
        raise ScimError(409, "A resource with these unique attributes exists.", "uniqueness") from exc
    return resource


def _unique(kind: str, attributes: dict[str, Any], exclude: int | None = None) -> None:
    others = ScimResource.objects.filter(kind=kind)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if kind == ScimResource.KIND_USER:
        user_name = str(attributes.get("userName", "")).lower()
        if any(str(r.attributes.get("userName", "")).lower() == user_name for r in others.only("attributes")):
            raise ScimError(409, "userName is already taken.", "uniqueness")
        email = _email_of(attributes)
        taken = User.objects.filter(email__iexact=email)
        # creating: an unprovisioned account with this address is taken over, not a conflict
        taken = taken.filter(scim__isnull=False) if exclude is None else taken.exclude(scim__pk=exclude)
        if taken.exists():
            raise ScimError(409, "A person with this e-mail address exists.", "uniqueness")
    else:
        display = str(attributes.get("displayName", "")).lower()
        if any(
            str(r.attributes.get("displayName", "")).lower() == display for r in others.only("attributes")
        ):
            raise ScimError(409, "displayName is already taken.", "uniqueness")


def _department_for(name: str) -> Department:
    department = Department.objects.filter(name__iexact=name.strip()).first()
    return department or Department.objects.create(name=name.strip()[:120])


def _set_members(department: Department | None, members: Any) -> None:
    """Members of a group are the people of its department (one department per person)."""
    if department is None or members is None:
        return
    ids = [m.get("value") for m in members if isinstance(m, dict) and m.get("value")]
    wanted = set(
        ScimResource.objects.filter(kind=ScimResource.KIND_USER, scim_id__in=_uuids(ids))
        .exclude(user=None)
        .values_list("user_id", flat=True)
    )
    User.objects.filter(department=department).exclude(pk__in=wanted).update(department=None)
    User.objects.filter(pk__in=wanted).update(department=department)


def _uuids(values: list[Any]) -> list[uuid.UUID]:
    found = []
    for value in values:
        try:
            found.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return found


def resource_get(*, kind: str, scim_id: str) -> ScimResource:
    try:
        key = uuid.UUID(scim_id)
    except ValueError:
        raise ScimError(404, "No such resource.") from None
    resource = ScimResource.objects.select_related("user").filter(kind=kind, scim_id=key).first()
    if resource is None:
        raise ScimError(404, "No such resource.")
    return resource


def resource_replace(*, resource: ScimResource, data: dict[str, Any]) -> ScimResource:
    attributes = _clean(resource.kind, data)
    _unique(resource.kind, attributes, exclude=resource.pk)
    with transaction.atomic():
        if resource.kind == ScimResource.KIND_USER:
            _apply_user(resource, attributes, creating=False)
        else:
            department = resource.department or _department_for(attributes["displayName"])
            department.name = attributes["displayName"].strip()[:120]
            try:
                with transaction.atomic():
                    department.save()
            except IntegrityError as exc:
                raise ScimError(409, "displayName is already taken.", "uniqueness") from exc
            resource.department = department
            _set_members(department, data.get("members", []))
        resource.attributes = attributes
        resource.version += 1
        resource.save()
    return resource


def resource_patch(*, resource: ScimResource, body: dict[str, Any]) -> ScimResource:
    if PATCH_SCHEMA not in (body.get("schemas") or []):
        raise ScimError(400, "A PatchOp message is expected.", "invalidSyntax")
    operations = body.get("Operations")
    if not isinstance(operations, list) or not operations:
        raise ScimError(400, "Operations are required.", "invalidSyntax")
    data = resource_out(resource, "")
    data.pop("meta", None)
    for operation in operations:
        if not isinstance(operation, dict):
            raise ScimError(400, "Invalid operation.", "invalidSyntax")
        _patch_one(data, str(operation.get("op", "")).lower(), operation.get("path"), operation.get("value"))
    return resource_replace(resource=resource, data=data)


_FILTERED = re.compile(r'^(\w+)\[(\w+) eq "([^"]*)"\](?:\.(\w+))?$')


def _patch_one(data: dict[str, Any], op: str, path: Any, value: Any) -> None:
    if op not in ("add", "replace", "remove"):
        raise ScimError(400, f"Unknown operation {op!r}.", "invalidSyntax")
    if path in (None, ""):
        if op == "remove" or not isinstance(value, dict):
            raise ScimError(400, "A path is required.", "noTarget")
        for key, item in value.items():
            _patch_one(data, op, key, item)
        return
    path = str(path)
    for prefix in (USER_SCHEMA + ":", GROUP_SCHEMA + ":"):
        if path.startswith(prefix):
            path = path[len(prefix) :]
    filtered = _FILTERED.match(path)
    if filtered:
        attribute, key, wanted, sub = filtered.groups()
        items = data.get(attribute) or []
        matches = [item for item in items if isinstance(item, dict) and str(item.get(key)) == wanted]
        if op == "remove" and not sub:
            data[attribute] = [item for item in items if item not in matches]
            return
        if not matches:
            if op == "remove":
                return
            raise ScimError(400, "No value matches the filter.", "noTarget")
        for item in matches:
            if sub is None:
                item.update(value if isinstance(value, dict) else {})
            elif op == "remove":
                item.pop(sub, None)
            else:
                item[sub] = value
        return
    head, _dot, sub = path.partition(".")
    if sub:
        parent = data.setdefault(head, {})
        if not isinstance(parent, dict):
            raise ScimError(400, "Invalid path.", "invalidPath")
        if op == "remove":
            parent.pop(sub, None)
        else:
            parent[sub] = value
        return
    if op == "remove":
        if head == "members" and isinstance(value, list):
            ids = {str(v.get("value")) for v in value if isinstance(v, dict)}
            data["members"] = [m for m in data.get("members", []) if str(m.get("value")) not in ids]
        else:
            data.pop(head, None)
        return
    current = data.get(head)
    if op == "add" and isinstance(current, list) and isinstance(value, list):
        data[head] = current + [item for item in value if item not in current]
    elif op == "add" and isinstance(current, dict) and isinstance(value, dict):
        current.update(value)
    else:
        data[head] = value


def resource_delete(*, resource: ScimResource) -> None:
    with transaction.atomic():
        if resource.kind == ScimResource.KIND_USER and resource.user is not None:
            user = resource.user
            if user.is_active:
                User.objects.filter(pk=user.pk).update(is_active=False, deactivated_at=timezone.now())
                _person_left(user)
            audit_record(actor=None, action="scim.user_delete", target=user)
            # The account stays, deactivated: shares, clicks and the headcount history refer to it; erasure
            # is the privacy workflow's job.
            resource.delete()
        else:
            if resource.department is not None:
                audit_record(actor=None, action="scim.group_delete", target=resource.department)
                User.objects.filter(department=resource.department).update(department=None)
                resource.department.delete()
            resource.delete()


_FILTER = re.compile(r'^\s*(\w+(?:\.\w+)?)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$', re.IGNORECASE)


def resources_list(*, kind: str, filter_text: str = "") -> list[ScimResource]:
    resources = list(
        ScimResource.objects.select_related("user").filter(kind=kind).order_by("created_at", "id")
    )
    if not filter_text:
        return resources
    match = _FILTER.match(filter_text)
    if match is None:
        raise ScimError(400, "Only 'attribute eq \"value\"' filters are supported.", "invalidFilter")
    attribute, wanted = match.group(1), match.group(2).replace('\\"', '"')
    case_exact = attribute in ("externalId", "id")

    def value_of(resource: ScimResource) -> str:
        if attribute == "id":
            return str(resource.scim_id)
        head, _dot, sub = attribute.partition(".")
        value = resource.attributes.get(head)
        if sub and isinstance(value, dict):
            value = value.get(sub)
        return "" if value is None else str(value)

    if case_exact:
        return [resource for resource in resources if value_of(resource) == wanted]
    return [resource for resource in resources if value_of(resource).lower() == wanted.lower()]
