"""Writes of the governance app: confidentiality rules (checked before they are stored: a slow or empty
pattern is refused) and the check every share text goes through; guideline versions, their publication
(everyone is notified once) and their acceptance."""

from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sichtbar.accounts.models import User
from sichtbar.audit.services import audit_record
from sichtbar.core.errors import ApplicationError, ConflictError
from sichtbar.core.richtext import sanitize_html
from sichtbar.core.services import model_update
from sichtbar.core.tasks import enqueue_on_commit
from sichtbar.notifications.models import Notification

from . import selectors
from .confidentiality import CheckResult, PatternError, compile_rule, match_rules
from .error_codes import GovernanceErrorCode
from .models import ConfidentialityRule, GuidelineAcceptance, GuidelineVersion

# --- confidentiality -----------------------------------------------------------------------------


def confidentiality_check(*, text: str) -> CheckResult:
    """Check `text` against every active rule. `.blocked` when a block rule matched; `.matches` lists
    every match (rule, action, matched text and position) so the writer sees which rule matched."""
    return match_rules(text, list(selectors.rule_list(active_only=True)))


def _pattern_error(error: PatternError) -> ApplicationError:
    messages = {
        "empty": _("Please enter a word, phrase or pattern."),
        "too_long": _("At most 200 characters."),
        "invalid": _("This is not a valid regular expression."),
        "matches_empty": _("This pattern matches every text."),
        "too_slow": _("This pattern is too slow to check (nested repetition); please simplify it."),
    }
    message = messages.get(str(error), messages["invalid"])
    return ApplicationError(
        message, code=GovernanceErrorCode.RULE_PATTERN_INVALID, fields={"value": [message]}
    )


def rule_create(*, actor: User, data: dict[str, Any]) -> ConfidentialityRule:
    try:
        compile_rule(data["kind"], data["value"])
    except PatternError as exc:
        raise _pattern_error(exc) from exc
    with transaction.atomic():
        rule = ConfidentialityRule.objects.create(
            created_by=actor,
            name=data["name"],
            kind=data["kind"],
            value=data["value"].strip(),
            action=data["action"],
            description=data.get("description", ""),
            is_active=data.get("is_active", True),
        )
        audit_record(actor=actor, action="content.rule.create", target=rule, changes=_rule_changes(data))
    return rule


def _rule_changes(data: dict[str, Any]) -> dict[str, Any]:
    return {key: data[key] for key in ("name", "kind", "value", "action", "is_active") if key in data}


def rule_update(*, actor: User, rule: ConfidentialityRule, data: dict[str, Any]) -> ConfidentialityRule:
    kind = data.get("kind", rule.kind)
    value = data.get("value", rule.value)
    try:
        compile_rule(kind, value)
    except PatternError as exc:
        raise _pattern_error(exc) from exc
    if "value" in data:
        data = {**data, "value": data["value"].strip()}
    with transaction.atomic():
        rule, changed = model_update(
            instance=rule, fields=["name", "kind", "value", "action", "description", "is_active"], data=data
        )
        if changed:
            audit_record(actor=actor, action="content.rule.update", target=rule, changes=_rule_changes(data))
    return rule


def rule_delete(*, actor: User, rule: ConfidentialityRule) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor, action="content.rule.delete", target=rule, changes=_rule_changes(vars(rule))
        )
        rule.delete()


# --- guidelines ----------------------------------------------------------------------------------


def guideline_create(*, actor: User, data: dict[str, Any]) -> GuidelineVersion:
    """A new draft version (numbered after the newest)."""
    with transaction.atomic():
        newest = GuidelineVersion.objects.select_for_update().order_by("-version").first()
        version = GuidelineVersion.objects.create(
            version=(newest.version + 1) if newest else 1,
            title_de=data["title_de"],
            title_en=data["title_en"],
            text_de=sanitize_html(data["text_de"]),
            text_en=sanitize_html(data["text_en"]),
            created_by=actor,
        )
        audit_record(actor=actor, action="content.guideline.create", target=version)
    return version


def guideline_update(*, actor: User, version: GuidelineVersion, data: dict[str, Any]) -> GuidelineVersion:
    if version.published_at is not None:
        raise ConflictError(
            _("A published version cannot be changed; create a new version."),
            code=GovernanceErrorCode.GUIDELINE_ALREADY_PUBLISHED,
        )
    data = {k: (sanitize_html(v) if k.startswith("text_") else v) for k, v in data.items()}
    with transaction.atomic():
        version, _changed = model_update(
            instance=version, fields=["title_de", "title_en", "text_de", "text_en"], data=data
        )
        audit_record(actor=actor, action="content.guideline.update", target=version)
    return version


def guideline_publish(*, actor: User, version: GuidelineVersion) -> GuidelineVersion:
    """Make the version current; every employee has to accept it before their next share."""
    with transaction.atomic():
        version = GuidelineVersion.objects.select_for_update().get(pk=version.pk)
        if version.published_at is not None:
            raise ConflictError(
                _("This version is published already."), code=GovernanceErrorCode.GUIDELINE_ALREADY_PUBLISHED
            )
        newer = GuidelineVersion.objects.filter(version__gt=version.version, published_at__isnull=False)
        if newer.exists():
            raise ConflictError(
                _("A newer version is published already."),
                code=GovernanceErrorCode.GUIDELINE_ALREADY_PUBLISHED,
            )
        version.published_at = timezone.now()
        version.save(update_fields=["published_at", "updated_at"])
        audit_record(actor=actor, action="content.guideline.publish", target=version)
        from .tasks import guideline_notify_all

        enqueue_on_commit(guideline_notify_all, version_id=version.pk)
    return version


def guideline_notify_all(*, version_id: int) -> int:
    """Tell every active person about a new version (once per version; bulk, per-language titles)."""
    version = GuidelineVersion.objects.filter(pk=version_id, published_at__isnull=False).first()
    if version is None:
        return 0
    key = f"guideline:{version.pk}"
    recipients = list(
        User.objects.filter(is_active=True)
        .exclude(notifications__dedup_key=key)
        .values_list("id", "language")
    )
    notifications = []
    for language in {lang for _id, lang in recipients}:
        with translation.override(language):
            title = _("New social-media guidelines (version %(version)d): please read and accept them.") % {
                "version": version.version
            }
        notifications += [
            Notification(user_id=user_id, kind="guideline", title=title, url="/guidelines", dedup_key=key)
            for user_id, lang in recipients
            if lang == language
        ]
    Notification.objects.bulk_create(notifications, ignore_conflicts=True, batch_size=1000)
    return len(notifications)


def guideline_accept(*, user: User, version_id: int) -> GuidelineAcceptance:
    """Record that `user` accepted the current version (idempotent: the first acceptance is kept)."""
    current = selectors.guideline_current()
    if current is None or current.pk != version_id:
        raise ConflictError(
            _("Only the current version of the guidelines can be accepted; please reload."),
            code=GovernanceErrorCode.GUIDELINE_NOT_PUBLISHED,
        )
    acceptance, _created = GuidelineAcceptance.objects.get_or_create(
        user=user, version=current, defaults={"accepted_at": timezone.now()}
    )
    return acceptance
