"""Writes for accounts: login, password reset, invitations, role changes, organisation import, API tokens."""

import csv
import io
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from sichtbar.audit.services import audit_record
from sichtbar.core.errors import ApplicationError, NotFoundError
from sichtbar.core.events import UserDetailsChanged, publish
from sichtbar.core.services import model_update
from sichtbar.mail.models import OutboxMail
from sichtbar.mail.services import mail_cancel, mail_dispatch, mail_enqueue

from .error_codes import AccountsErrorCode
from .models import (
    ApiToken,
    Department,
    Invitation,
    InvitationStatus,
    Location,
    Role,
    User,
    hash_secret,
)
from .selectors import active_admin_count, invitation_get_pending

logger = logging.getLogger(__name__)


def _validate_password(password: str, user: User | None) -> None:
    try:
        password_validation.validate_password(password, user)
    except DjangoValidationError as exc:
        raise ApplicationError(
            _("Please choose a stronger password."),
            code="validation_error",
            fields={"password": list(exc.messages)},
        ) from exc


# --- password reset ---------------------------------------------------------------------------


def password_reset_request(*, email: str) -> None:
    """Write a reset mail to the outbox if an active user has this address; say nothing either way (no
    enumeration).

    The mail is written in the request's transaction, so a broker outage cannot lose it (the outbox's
    sweep sends what its after-commit task could not). Known and unknown addresses do the same work (one
    lookup, a token, the mail rendered and inserted inside a savepoint, one send task queued after
    commit), so the answer's timing tells nothing: for an unknown address the savepoint is rolled back
    and the task is queued for mail id 0, which names no mail.
    """
    address = email.strip()
    user = User.objects.filter(email__iexact=address, is_active=True).first()
    # An unsaved stand-in renders the same mail for an unknown address; it is never stored.
    recipient = user or User(email=address, language=settings.LANGUAGE_CODE, password="!")
    with transaction.atomic(savepoint=False):  # the request's transaction (one of its own outside one)
        savepoint = transaction.savepoint()
        mail = _password_reset_mail(recipient)
        if user is not None:
            transaction.savepoint_commit(savepoint)  # RELEASE SAVEPOINT
        else:
            transaction.savepoint_rollback(savepoint)  # ROLLBACK TO SAVEPOINT: nobody to mail
        mail_dispatch(mail_id=mail.pk if user is not None else 0)


def _password_reset_mail(user: User) -> OutboxMail:
    uid = urlsafe_base64_encode(force_bytes(user.pk or 0))
    token = default_token_generator.make_token(user)
    return mail_enqueue(
        to=user.email,
        template="accounts/email/password_reset",
        context={"user": user, "link": f"{settings.SITE_URL}/reset-password/{uid}/{token}"},
        language=user.language,
        reference=f"password-reset:{user.pk or 0}",
        dispatch=False,
    )


def password_reset_send_email(*, user_id: int) -> bool:
    """Only for reset tasks queued before the reset mail moved into the request (an upgrade with messages
    still in the broker): writes the mail to the outbox as the request does now."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    with transaction.atomic():
        mail = _password_reset_mail(user)
    mail_dispatch(mail_id=mail.pk)
    return True


def password_reset_confirm(*, uid: str, token: str, password: str) -> User:
    invalid = ApplicationError(
        _("This password reset link is invalid or has expired. Please request a new one."),
        code=AccountsErrorCode.INVALID_TOKEN,
    )
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uid)), is_active=True)
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        raise invalid from None
    if not default_token_generator.check_token(user, token):
        raise invalid
    _validate_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])  # sessions end too: their auth hash no longer matches
        revoked, _detail = ApiToken.objects.filter(user=user).delete()
        audit_record(
            actor=user, action="user.password_reset", target=user, changes={"tokens_revoked": revoked}
        )
    return user


# --- invitations ------------------------------------------------------------------------------


def _invitation_send(invitation: Invitation, secret: str) -> None:
    """Write the invitation mail to the outbox (replacing one not sent yet), in the invitee's language."""
    reference = f"invitation:{invitation.pk}"
    mail_cancel(reference=reference)
    invitation.mail = mail_enqueue(
        to=invitation.email,
        template="accounts/email/invitation",
        context={"invitation": invitation, "link": f"{settings.SITE_URL}/invite/{secret}"},
        language=invitation.language,
        reference=reference,
    )
    invitation.save(update_fields=["mail", "updated_at"])


@transaction.atomic
def invitation_create(
    *,
    invited_by: User,
    email: str,
    first_name: str = "",
    last_name: str = "",
    role: str = Role.EMPLOYEE,
    department: Department | None = None,
    location: Location | None = None,
    language: str = "",
) -> Invitation:
    """Invite someone; the mail goes out in `language` (empty: the company default, LANGUAGE_CODE)."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ApplicationError(
            _("A user with this e-mail address already exists."),
            code=AccountsErrorCode.EMAIL_TAKEN,
            fields={"email": [_("A user with this e-mail address already exists.")]},
        )
    # A new invitation for the same address replaces an open one.
    Invitation.objects.filter(email__iexact=email, status=InvitationStatus.PENDING).update(
        status=InvitationStatus.REVOKED
    )
    secret = Invitation.new_secret()
    invitation = Invitation(
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=role,
        department=department,
        location=location,
        language=language,
        token_hash=hash_secret(secret),
        invited_by=invited_by,
        expires_at=Invitation.default_expiry(settings.INVITATION_VALID_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    audit_record(
        actor=invited_by,
        action="invitation.create",
        target=invitation,
        changes={
            "email": email,
            "role": role,
            "department": department,
            "location": location,
            "language": language,
        },
    )
    _invitation_send(invitation, secret)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor: User | None = None) -> Invitation:
    """A fresh link (the old one stops working) and a fresh expiry."""
    if invitation.status not in (InvitationStatus.PENDING, InvitationStatus.EXPIRED):
        raise ApplicationError(
            _("Only open or expired invitations can be sent again."),
            code=AccountsErrorCode.INVITATION_NOT_PENDING,
        )
    secret = Invitation.new_secret()
    invitation.token_hash = hash_secret(secret)
    invitation.status = InvitationStatus.PENDING
    invitation.expires_at = Invitation.default_expiry(settings.INVITATION_VALID_DAYS)
    invitation.save(update_fields=["token_hash", "status", "expires_at", "updated_at"])
    audit_record(actor=actor, action="invitation.resend", target=invitation)
    _invitation_send(invitation, secret)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User | None = None) -> None:
    if invitation.status != InvitationStatus.PENDING:
        raise ApplicationError(
            _("Only open invitations can be revoked."), code=AccountsErrorCode.INVITATION_NOT_PENDING
        )
    invitation.status = InvitationStatus.REVOKED
    invitation.save(update_fields=["status", "updated_at"])
    mail_cancel(reference=f"invitation:{invitation.pk}")
    audit_record(actor=actor, action="invitation.revoke", target=invitation)


@transaction.atomic
def invitation_accept(*, token: str, password: str) -> User:
    invitation = invitation_get_pending(token=token)
    if invitation is None:
        User().set_password(password)  # as much hashing work as a valid link: the timing tells nothing
        raise NotFoundError(
            _("This invitation link is invalid, has expired or was already used."),
            code=AccountsErrorCode.INVITATION_INVALID,
        )
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    taken = User.objects.filter(email__iexact=invitation.email).exists()
    user = User(
        email=invitation.email,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
        role=invitation.role,
        department=invitation.department,
        location=invitation.location,
        language=invitation.language or settings.LANGUAGE_CODE,
        is_staff=invitation.role == Role.ADMIN,
    )
    _validate_password(password, user)
    user.set_password(password)  # before the address check: the same work whether or not it is taken
    if taken:
        raise ApplicationError(
            _("A user with this e-mail address already exists."), code=AccountsErrorCode.EMAIL_TAKEN
        )
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise ApplicationError(
            _("A user with this e-mail address already exists."), code=AccountsErrorCode.EMAIL_TAKEN
        ) from None
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["status", "accepted_at", "user", "updated_at"])
    return user


def invitations_expire() -> int:
    return Invitation.objects.filter(status=InvitationStatus.PENDING, expires_at__lte=timezone.now()).update(
        status=InvitationStatus.EXPIRED
    )


# --- users ------------------------------------------------------------------------------------


def user_update_self(*, user: User, data: dict[str, Any]) -> User:
    user, _changed = model_update(instance=user, fields=["first_name", "last_name", "language"], data=data)
    return user


@transaction.atomic
def user_update(*, actor: User, user: User, data: dict[str, Any]) -> User:
    """An admin changes a user's role, organisation data or active state."""
    user = User.objects.select_for_update().get(pk=user.pk)
    losing_admin = (
        user.role == Role.ADMIN
        and user.is_active
        and (data.get("role", Role.ADMIN) != Role.ADMIN or data.get("is_active", True) is False)
    )
    if user.pk == actor.pk and data.get("is_active") is False:
        raise ApplicationError(
            _("You cannot deactivate your own account."),
            code=AccountsErrorCode.SELF_DEACTIVATION,
            fields={"is_active": [_("You cannot deactivate your own account.")]},
        )
    if losing_admin and active_admin_count() <= 1:
        raise ApplicationError(
            _("At least one active administrator must remain."), code=AccountsErrorCode.LAST_ADMIN
        )
    if "role" in data:
        data = {**data, "is_staff": data["role"] == Role.ADMIN}
    before: dict[str, Any] = {
        key: getattr(user, key)
        for key in ("role", "department", "location", "is_active", "first_name", "last_name")
        if key in data
    }
    user, _changed = model_update(
        instance=user,
        fields=["first_name", "last_name", "role", "department", "location", "is_active", "is_staff"],
        data=data,
    )
    changes = changes_of(before, user)
    if "is_active" in changes:
        user.deactivated_at = None if user.is_active else timezone.now()
        user.save(update_fields=["deactivated_at"])
    if data.get("is_active") is False:
        ApiToken.objects.filter(user=user).delete()  # a deactivated user's tokens stop working at once
    if changes:
        audit_record(actor=actor, action="user.update", target=user, changes=changes)
    if changes.keys() & {"first_name", "last_name", "department", "location", "is_active"}:
        _reindex_profile_of(user)
    return user


def changes_of(before: dict[str, Any], user: User) -> dict[str, Any]:
    return {key: [old, getattr(user, key)] for key, old in before.items() if old != getattr(user, key)}


def _reindex_profile_of(user: User) -> None:
    """Name, department, location and active state are part of the search index (search subscribes)."""
    publish(UserDetailsChanged(user_id=user.pk))


# --- organisation -----------------------------------------------------------------------------


def department_create(*, name: str, actor: User | None = None) -> Department:
    department = Department(name=name.strip())
    department.full_clean()
    department.save()
    if actor is not None:
        audit_record(
            actor=actor, action="department.create", target=department, changes={"name": department.name}
        )
    return department


def department_update(
    *, department: Department, data: dict[str, Any], actor: User | None = None
) -> Department:
    before = department.name
    department, changed = model_update(instance=department, fields=["name"], data=data)
    if changed:
        audit_record(
            actor=actor,
            action="department.update",
            target=department,
            changes={"name": [before, department.name]},
        )
    return department


def location_create(*, name: str, city: str, country: str = "DE", actor: User | None = None) -> Location:
    location = Location(name=name.strip(), city=city.strip(), country=country.strip().upper())
    location.full_clean()
    location.save()
    if actor is not None:
        audit_record(
            actor=actor,
            action="location.create",
            target=location,
            changes={"name": location.name, "city": location.city, "country": location.country},
        )
    return location


def location_update(*, location: Location, data: dict[str, Any], actor: User | None = None) -> Location:
    before = {key: getattr(location, key) for key in ("name", "city", "country")}
    location, changed = model_update(instance=location, fields=["name", "city", "country"], data=data)
    if changed:
        changes = {k: [v, getattr(location, k)] for k, v in before.items() if v != getattr(location, k)}
        audit_record(actor=actor, action="location.update", target=location, changes=changes)
    return location


@transaction.atomic
def organisation_delete(*, instance: Department | Location, actor: User | None = None) -> None:
    """Members keep their account; their department or location becomes empty."""
    kind = "department" if isinstance(instance, Department) else "location"
    audit_record(actor=actor, action=f"{kind}.delete", target=instance, changes={"name": instance.name})
    instance.delete()


@dataclass
class OrganisationImportResult:
    created_departments: int = 0
    created_locations: int = 0
    skipped: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)


IMPORT_COLUMNS = {"department", "location", "city", "country"}
MAX_IMPORT_BYTES = 1024 * 1024


@transaction.atomic
def organisation_import(*, data: bytes, actor: User | None = None) -> OrganisationImportResult:
    """Import departments and locations from CSV (columns: department, location, city, country).

    All rows or none: a file with errors changes nothing and reports every bad line.
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise ApplicationError(_("The file is larger than 1 MB."), code=AccountsErrorCode.IMPORT_INVALID)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApplicationError(
            _("The file must be UTF-8 encoded CSV."), code=AccountsErrorCode.IMPORT_INVALID
        ) from None
    sample = text[:2048]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = {(name or "").strip().lower() for name in (reader.fieldnames or [])}
    if not header & {"department", "location"}:
        raise ApplicationError(
            _("The first line must name the columns: department, location, city, country."),
            code=AccountsErrorCode.IMPORT_INVALID,
        )
    result = OrganisationImportResult()
    departments = {d.name.lower(): d for d in Department.objects.all()}
    locations = {loc.name.lower(): loc for loc in Location.objects.all()}
    for line, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        department, location = row.get("department", ""), row.get("location", "")
        if not department and not location:
            result.skipped += 1
            continue
        if department:
            if department.lower() in departments:
                result.skipped += 1
            else:
                try:
                    departments[department.lower()] = department_create(name=department)
                    result.created_departments += 1
                except DjangoValidationError as exc:
                    result.errors.append({"line": line, "message": "; ".join(exc.messages)})
        if location:
            if location.lower() in locations:
                result.skipped += 1
            elif not row.get("city"):
                result.errors.append({"line": line, "message": _("A location needs a city.")})
            else:
                try:
                    locations[location.lower()] = location_create(
                        name=location, city=row["city"], country=row.get("country") or "DE"
                    )
                    result.created_locations += 1
                except DjangoValidationError as exc:
                    result.errors.append({"line": line, "message": "; ".join(exc.messages)})
    if result.errors:
        transaction.set_rollback(True)
        result.created_departments = result.created_locations = 0
    else:
        audit_record(
            actor=actor,
            action="organisation.import",
            changes={"departments": result.created_departments, "locations": result.created_locations},
        )
    return result


# --- API tokens -------------------------------------------------------------------------------


def api_token_create(*, user: User, name: str, expires_in_days: int | None) -> tuple[ApiToken, str]:
    """Create a token; the secret is returned once and never stored."""
    expiry = timedelta(days=expires_in_days) if expires_in_days else None
    token, secret = ApiToken.objects.create(user=user, expiry=expiry, name=name.strip())
    return token, secret


def api_token_revoke(*, token: ApiToken) -> None:
    token.delete()


def api_tokens_purge_expired() -> int:
    deleted, _detail = ApiToken.objects.filter(expiry__lt=timezone.now()).delete()
    return deleted
