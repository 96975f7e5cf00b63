"""Export and erasure of a person (employees; visitors by e-mail), consent, retention, the erasure ledger."""

import hashlib
import hmac
import io
import json
import logging
import zipfile
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Model, Q
from django.db.models.fields.files import FieldFile
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from sichtbar.accounts.models import User
from sichtbar.analytics.services import analytics_days_mark_dirty
from sichtbar.audit.services import audit_record
from sichtbar.core.errors import ApplicationError
from sichtbar.core.tasks import enqueue_on_commit
from sichtbar.directory.models import ContactRequest, ProfileView, SearchAppearance
from sichtbar.links.models import Click
from sichtbar.mail.models import OutboxMail
from sichtbar.sharing.models import Share

from .error_codes import PrivacyErrorCode
from .models import ConsentRecord, ErasureKind, ErasureRecord, LegalHold, RetentionSettings
from .personal import session_keys_of
from .registry import (
    Person,
    PersonalData,
    person_of,
    privacy_modules,
    registrations,
    retention_rules,
    rewrite,
    rows_about,
    rows_with_copies,
)

logger = logging.getLogger(__name__)


# --- export ---------------------------------------------------------------------------------------


def _value(value: Any) -> Any:
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def _row(instance: Model, registration: PersonalData) -> dict[str, Any]:
    return {
        field.attname: _value(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.name not in registration.secret
    }


def person_records(*, user: User, person: Person | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every registered row that refers to the person by key, copied id or copied text (secrets left out),
    by model: what the app sections summarise, plus what others recorded about the person."""
    person = person or person_of(user)
    records: dict[str, list[dict[str, Any]]] = {}
    for registration in registrations():
        rows = [_row(row, registration) for row in rows_about(registration, person, user).order_by("pk")]
        if rows:
            records[registration.model] = rows
    return records


def privacy_export_data(*, user: User) -> dict[str, Any]:
    data: dict[str, Any] = {"exported_at": timezone.now(), "user_id": user.pk}
    for label, module in privacy_modules():
        if hasattr(module, "export_user_data"):
            data[label] = module.export_user_data(user)
    data["consents"] = list(
        ConsentRecord.objects.filter(user=user).values("purpose", "granted", "text_version", "created_at")
    )
    data["records"] = person_records(user=user)
    return data


def _archive(data: dict[str, Any], files: list[tuple[str, bytes]], title: str) -> bytes:
    encoded = json.loads(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False))
    summary = render_to_string("privacy/export_summary.html", {"title": title, "data": encoded})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(encoded, ensure_ascii=False, indent=2))
        archive.writestr("summary.html", summary)
        for name, content in files:
            archive.writestr(name, content)
    return buffer.getvalue()


def privacy_export(*, user: User) -> bytes:
    """A ZIP with data.json (everything held about the person, what others recorded included), summary.html
    (the same, readable) and their files."""
    files: list[tuple[str, bytes]] = []
    for label, module in privacy_modules():
        if hasattr(module, "export_user_files"):
            files += [(f"files/{label}/{name}", content) for name, content in module.export_user_files(user)]
    title = _("Data held about %(name)s") % {"name": user.full_name or user.email}
    return _archive(privacy_export_data(user=user), files, title)


def privacy_export_for(*, user: User, actor: User) -> bytes:
    """An admin exports for someone who cannot sign in (a former employee); the request is audit-logged."""
    audit_record(actor=actor, action="privacy.export", target=user, changes={"user_id": user.pk})
    return privacy_export(user=user)


def _visitor_requests(email: str) -> Any:
    return ContactRequest.objects.filter(email__iexact=email.strip())


def visitor_export(*, email: str, actor: User) -> bytes:
    """Everything held about a visitor who sent contact requests, found by their e-mail address."""
    requests = list(
        _visitor_requests(email)
        .order_by("created_at")
        .values(
            "created_at",
            "name",
            "email",
            "organisation",
            "topic",
            "message",
            "language",
            "consent_version",
            "status",
            "reply",
            "answered_at",
        )
    )
    if not requests:
        raise _no_visitor_data()
    audit_record(actor=actor, action="privacy.visitor_export", changes={"requests": len(requests)})
    mails = list(
        OutboxMail.objects.filter(reply_to__iexact=email.strip())
        .order_by("created_at")
        .values("created_at", "subject", "body_text", "status")
    )
    data = {"exported_at": timezone.now(), "contact_requests": requests, "mails_about_requests": mails}
    return _archive(data, [], _("Data held about %(name)s") % {"name": email})


def _no_visitor_data() -> ApplicationError:
    return ApplicationError(
        _("No contact request was sent from this e-mail address."), code="no_visitor_data", status_code=404
    )


# --- erasure --------------------------------------------------------------------------------------


def _days_touched(user: User) -> set[date]:
    """The days whose analytics include the person: they are rebuilt once the erasure has committed."""
    days: set[date] = set()
    moments = [
        *Share.objects.filter(user=user, shared_at__isnull=False).values_list("shared_at", flat=True),
        *Click.objects.filter(user_id_at_click=user.pk).values_list("occurred_at", flat=True),
        *ContactRequest.objects.filter(Q(profile__user=user) | Q(assigned_to__user=user)).values_list(
            "created_at", flat=True
        ),
        *ContactRequest.objects.filter(
            Q(profile__user=user) | Q(assigned_to__user=user), answered_at__isnull=False
        ).values_list("answered_at", flat=True),
    ]
    days |= {timezone.localtime(moment).date() for moment in moments if moment is not None}
    days |= set(ProfileView.objects.filter(profile__user=user).values_list("day", flat=True))
    days |= set(SearchAppearance.objects.filter(profile__user=user).values_list("day", flat=True))
    return days


def _rewrite_copies(person: Person) -> int:
    """Texts that survive erasure but copy the person's name, e-mail or slug get a neutral placeholder."""
    pattern = person.pattern()
    changed = 0
    for registration in registrations():
        if not registration.texts or not person.needles():
            continue
        placeholder = registration.placeholder.format(id=person.user_id)
        for row in rows_with_copies(registration, person):
            updates = {name: rewrite(getattr(row, name), pattern, placeholder) for name in registration.texts}
            updates = {name: value for name, value in updates.items() if value != getattr(row, name)}
            if updates:
                type(row)._default_manager.filter(pk=row.pk).update(**updates)
                changed += 1
    return changed


def _email_hash(email: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), email.strip().lower().encode(), hashlib.sha256).hexdigest()


def _ledger_append(record: ErasureRecord) -> None:
    """Also outside the database, so a restore from a backup older than the erasure can re-apply it."""
    path = settings.PRIVACY_ERASURE_LEDGER
    line = {
        "kind": record.kind,
        "user_id": record.user_id,
        "email_hash": record.email_hash,
        "erased_at": record.erased_at.isoformat(),
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as ledger:
            ledger.write(json.dumps(line) + "\n")
    except OSError:
        logger.exception("could not append to the erasure ledger %s", path)


@transaction.atomic
def confirmation_check(*, expected: str, typed: str, message: str) -> None:
    """Erasure asks for the e-mail address typed again; a mismatch refuses (case and spaces aside)."""
    if typed.strip().lower() != expected.strip().lower():
        raise ApplicationError(
            message, code=PrivacyErrorCode.CONFIRMATION_MISMATCH, fields={"confirm_email": [message]}
        )


def privacy_erase_confirmed(*, user: User, actor: User, confirm_email: str) -> None:
    """Erasure of one's own account ("erase my account"): the account's address typed again first."""
    confirmation_check(
        expected=user.email, typed=confirm_email, message=_("Type the account's e-mail address to confirm.")
    )
    privacy_erase(user=user, actor=actor)


def privacy_erase_by_admin(*, user: User, actor: User, confirm_email: str) -> None:
    """An admin erases another account (its address typed again); their own goes through "erase my
    account"."""
    confirmation_check(
        expected=user.email, typed=confirm_email, message=_("Type the account's e-mail address to confirm.")
    )
    if user.pk == actor.pk:
        raise ApplicationError(
            _("Use “erase my account” for your own account."), code=PrivacyErrorCode.SELF_ERASURE
        )
    privacy_erase(user=user, actor=actor)


def privacy_erase(*, user: User, actor: User | None, ledger: bool = True) -> None:
    """Erase a person: every app deletes or anonymises what it holds, copies of their name, e-mail and slug
    in what survives are rewritten, the account row is stripped, the analytics of the days they appear in
    are rebuilt after the commit, and the erasure enters the ledger.

    The account row stays (anonymised and deactivated) so that aggregate statistics and the audit trail
    keep their shape without naming anyone.
    """
    person = person_of(user)
    days = sorted(_days_touched(user))
    # Apps above accounts first (reverse INSTALLED_APPS), the account itself last: the others still see
    # the person's e-mail address and name (the mail outbox finds their mails by address).
    modules = privacy_modules()[::-1]
    modules.sort(key=lambda item: item[0] == "accounts")  # stable: the rest keep their order
    for _label, module in modules:
        if hasattr(module, "erase_user_data"):
            module.erase_user_data(user)
    ConsentRecord.objects.filter(user=user).delete()
    LegalHold.objects.filter(user=user).delete()
    Session.objects.filter(pk__in=session_keys_of(user.pk)).delete()
    _rewrite_copies(person)
    audit_record(actor=actor, action="privacy.erase", changes={"user_id": user.pk})
    if days:
        analytics_days_mark_dirty(days=days)  # the periodic rollup catches up if the task is lost
        from .tasks import erasure_rollup  # tasks → services

        enqueue_on_commit(erasure_rollup, days=[day.isoformat() for day in days])
    if ledger:
        record = ErasureRecord.objects.create(
            kind=ErasureKind.ACCOUNT, user_id=user.pk, erased_at=timezone.now()
        )
        transaction.on_commit(lambda: _ledger_append(record))


@transaction.atomic
def visitor_erase(*, email: str, actor: User, ledger: bool = True) -> int:
    """Erase a visitor's contact requests (found by their e-mail address); the request is audit-logged
    without the address. Returns how many requests went."""
    requests = _visitor_requests(email)
    count = requests.count()
    if count == 0 and ledger:
        raise _no_visitor_data()
    requests.delete()
    OutboxMail.objects.filter(reply_to__iexact=email.strip()).delete()  # experts' copies of the request
    if ledger:
        audit_record(actor=actor, action="privacy.visitor_erase", changes={"requests": count})
        record = ErasureRecord.objects.create(
            kind=ErasureKind.CONTACT_SENDER, email_hash=_email_hash(email), erased_at=timezone.now()
        )
        transaction.on_commit(lambda: _ledger_append(record))
    return count


def erasures_reapply(*, entries: list[dict[str, Any]]) -> dict[str, int]:
    """After a restore: erase again every account and visitor in the ledger that the restored data still
    names. Idempotent (an erased account is recognised by its address)."""
    done = {"accounts": 0, "contact_requests": 0}
    for entry in entries:  # the table too: it may come from a backup older than some entries
        ErasureRecord.objects.get_or_create(
            kind=entry["kind"],
            user_id=entry.get("user_id"),
            email_hash=entry.get("email_hash") or "",
            defaults={"erased_at": entry.get("erased_at") or timezone.now()},
        )
    hashes = {entry["email_hash"] for entry in entries if entry.get("kind") == ErasureKind.CONTACT_SENDER}
    for entry in entries:
        if entry.get("kind") != ErasureKind.ACCOUNT or not entry.get("user_id"):
            continue
        user = User.objects.filter(pk=entry["user_id"]).first()
        if user is not None and not user.email.endswith("@erased.invalid"):
            privacy_erase(user=user, actor=None, ledger=False)
            done["accounts"] += 1
    if hashes:
        doomed = [
            pk
            for pk, email in ContactRequest.objects.values_list("pk", "email")
            if _email_hash(email) in hashes
        ]
        done["contact_requests"] = ContactRequest.objects.filter(pk__in=doomed).delete()[0]
    return done


def ledger_entries() -> list[dict[str, Any]]:
    """The ledger file's entries, falling back to the table (when the file is missing)."""
    path = settings.PRIVACY_ERASURE_LEDGER
    if path.exists():
        with path.open(encoding="utf-8") as ledger:
            return [json.loads(line) for line in ledger if line.strip()]
    return [dict(row) for row in ErasureRecord.objects.values("kind", "user_id", "email_hash", "erased_at")]


# --- consent --------------------------------------------------------------------------------------


def consent_set(*, user: User, purpose: str, granted: bool, text_version: str = "1") -> ConsentRecord:
    return ConsentRecord.objects.create(
        user=user, purpose=purpose, granted=granted, text_version=text_version
    )


def consent_current(*, user: User) -> dict[str, bool]:
    """The latest decision per purpose (absent means never asked: treated as not granted)."""
    current: dict[str, bool] = {}
    for record in ConsentRecord.objects.filter(user=user).order_by("created_at", "id"):
        current[record.purpose] = record.granted
    return current


def legal_hold_set(*, user: User, actor: User, reason: str | None) -> None:
    """Put a person on legal hold (retention does not erase them) or, with no reason, release them."""
    if reason:
        LegalHold.objects.update_or_create(user=user, defaults={"reason": reason[:300]})
    else:
        LegalHold.objects.filter(user=user).delete()
    audit_record(actor=actor, action="privacy.legal_hold", target=user, changes={"on_hold": bool(reason)})


# --- retention ------------------------------------------------------------------------------------


def retention_periods() -> dict[str, int]:
    """The period in days of every rule: the admin's choice, else the environment's default."""
    chosen = (RetentionSettings.objects.first() or RetentionSettings()).periods
    return {
        rule.name: int(chosen.get(rule.name, getattr(settings, rule.setting))) for rule in retention_rules()
    }


def retention_settings_update(*, actor: User, periods: dict[str, int | None]) -> dict[str, int]:
    """Set (or, with None, reset to the default) the period of some rules; unknown rules and periods below
    a rule's minimum are refused."""
    rules = {rule.name: rule for rule in retention_rules()}
    errors: dict[str, list[str]] = {}
    for name, days in periods.items():
        if name not in rules:
            errors[name] = [_("Unknown retention rule.")]
        elif days is not None and days < rules[name].minimum:
            errors[name] = [_("At least %(days)d days.") % {"days": rules[name].minimum}]
    if errors:
        raise ApplicationError(
            _("Invalid retention periods."), code=PrivacyErrorCode.INVALID_RETENTION, fields=errors
        )
    with transaction.atomic():
        current, _created = RetentionSettings.objects.select_for_update().get_or_create(pk=1)
        merged = {**current.periods}
        for name, days in periods.items():
            if days is None:
                merged.pop(name, None)
            else:
                merged[name] = days
        before = current.periods
        current.periods = merged
        current.save(update_fields=["periods", "updated_at"])
        audit_record(
            actor=actor, action="privacy.retention_update", changes={"before": before, "after": merged}
        )
    return retention_periods()


def retention_purge(*, now: datetime | None = None) -> dict[str, int]:
    """Apply every retention rule with its configured period; returns what each rule deleted."""
    now = now or timezone.now()
    periods = retention_periods()
    results: dict[str, int] = {}
    for rule in retention_rules():
        with transaction.atomic():
            results[rule.name] = rule.purge(now, periods[rule.name])
    return results


def deactivated_accounts_erase(*, now: datetime, days: int) -> int:
    """Erase accounts deactivated more than `days` ago, unless on legal hold. An inactive account without a
    deactivation date gets one now (accounts deactivated before the date was recorded)."""
    User.objects.filter(is_active=False, deactivated_at__isnull=True).exclude(
        email__endswith="@erased.invalid"
    ).update(deactivated_at=now)
    due = (
        User.objects.filter(is_active=False, deactivated_at__lt=now - timedelta(days=days))
        .exclude(email__endswith="@erased.invalid")
        .exclude(legal_hold__isnull=False)
    )
    erased = 0
    for user in due:
        privacy_erase(user=user, actor=None)
        erased += 1
    return erased
