"""Every retention rule: rows are aged past the rule's period, `manage.py run_retention` runs, the old rows go
and the recent ones stay; periods come from the admin's settings, else the environment."""

import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db.models import Model
from django.utils import timezone

from config.schedule import BEAT_SCHEDULE
from sichtbar.accounts.models import ApiToken, Invitation, User
from sichtbar.accounts.tests.factories import InvitationFactory, UserFactory
from sichtbar.analytics.models import WeeklyReportDelivery
from sichtbar.audit.models import AuditEvent
from sichtbar.directory.models import ContactRequest
from sichtbar.directory.tests.factories import ContactRequestFactory
from sichtbar.integrations.models import ImportedPost, OAuthState
from sichtbar.integrations.tests.factories import ImportedPostFactory
from sichtbar.links.models import Click
from sichtbar.links.tests.factories import ClickFactory
from sichtbar.mail.models import MailStatus, OutboxMail
from sichtbar.monitoring.models import Mention
from sichtbar.monitoring.tests.factories import MentionFactory
from sichtbar.notifications.models import DigestDelivery, Notification
from sichtbar.notifications.tests.factories import NotificationFactory
from sichtbar.privacy.models import LegalHold, RetentionSettings
from sichtbar.privacy.services import retention_periods

pytestmark = pytest.mark.django_db

NOW = timezone.now()
DAYS = 30


def _aged(model: type[Model], row: Model, field: str, days: int) -> Model:
    model.objects.filter(pk=row.pk).update(**{field: NOW - timedelta(days=days)})
    return row


def _session(days_expired: int) -> str:
    store = SessionStore()
    store["_auth_user_id"] = "1"
    store.create()
    Session.objects.filter(pk=store.session_key).update(expire_date=NOW - timedelta(days=days_expired))
    return store.session_key


def _log(days: int) -> LogEntry:
    entry = LogEntry.objects.create(
        user=UserFactory(), object_repr="x", action_flag=ADDITION, action_time=NOW - timedelta(days=days)
    )
    return entry


def _invitation(days: int) -> Invitation:
    invitation = InvitationFactory()
    Invitation.objects.filter(pk=invitation.pk).update(
        status="expired", expires_at=NOW - timedelta(days=days)
    )
    return invitation


def _token(days: int) -> ApiToken:
    token, _key = ApiToken.objects.create(user=UserFactory(), expiry=timedelta(days=1), name="t")
    ApiToken.objects.filter(pk=token.pk).update(expiry=NOW - timedelta(days=days))
    return token


def _oauth_state(days: int) -> OAuthState:
    state = OAuthState.objects.create(
        user=UserFactory(), provider="mastodon", state_hash=f"{days:064d}", redirect_uri="https://a.test/"
    )
    return _aged(OAuthState, state, "created_at", days)


def _digest(days: int) -> DigestDelivery:
    delivery = DigestDelivery.objects.create(user=UserFactory(), period=f"daily:{days}", sent_at=NOW)
    return _aged(DigestDelivery, delivery, "created_at", days)


def _weekly(days: int) -> WeeklyReportDelivery:
    delivery = WeeklyReportDelivery.objects.create(
        user=UserFactory(), week_end=NOW.date() - timedelta(days=days)
    )
    return _aged(WeeklyReportDelivery, delivery, "sent_at", days)


def _mail(days: int, status: str) -> OutboxMail:
    mail = OutboxMail.objects.create(
        to="a@example.com",
        subject="s",
        body_text="t",
        message_id=f"<{status}-{days}@test>",
        template="t",
        language="de",
        status=status,
        next_attempt_at=NOW,
    )
    return _aged(OutboxMail, mail, "created_at", days)


# rule → (how a row is made `days` old, the model, the setting of its default)
RULES: dict[str, tuple[Callable[[int], Any], type[Model], str]] = {
    "sessions": (_session, Session, "SESSION_RETENTION_DAYS"),
    "admin_log": (_log, LogEntry, "ADMIN_LOG_RETENTION_DAYS"),
    "invitations": (_invitation, Invitation, "INVITATION_RETENTION_DAYS"),
    "api_tokens": (_token, ApiToken, "API_TOKEN_RETENTION_DAYS"),
    "oauth_states": (_oauth_state, OAuthState, "OAUTH_STATE_RETENTION_DAYS"),
    "audit_events": (
        lambda d: _aged(AuditEvent, AuditEvent.objects.create(action="x"), "created_at", d),
        AuditEvent,
        "AUDIT_RETENTION_DAYS",
    ),
    "contact_requests": (
        lambda d: _aged(ContactRequest, ContactRequestFactory(), "created_at", d),
        ContactRequest,
        "CONTACT_REQUEST_RETENTION_DAYS",
    ),
    "notifications": (
        lambda d: _aged(Notification, NotificationFactory(), "created_at", d),
        Notification,
        "NOTIFICATION_RETENTION_DAYS",
    ),
    "digest_deliveries": (_digest, DigestDelivery, "DIGEST_DELIVERY_RETENTION_DAYS"),
    "imported_posts": (
        lambda d: ImportedPostFactory(published_at=NOW - timedelta(days=d)),
        ImportedPost,
        "IMPORTED_POST_RETENTION_DAYS",
    ),
    "clicks": (
        lambda d: ClickFactory(occurred_at=NOW - timedelta(days=d)),
        Click,
        "LINKS_CLICK_RETENTION_DAYS",
    ),
    "mentions": (
        lambda d: MentionFactory(published_at=NOW - timedelta(days=d)),
        Mention,
        "MONITORING_MENTION_RETENTION_DAYS",
    ),
    "weekly_reports": (_weekly, WeeklyReportDelivery, "WEEKLY_REPORT_RETENTION_DAYS"),
    "mail_sent": (lambda d: _mail(d, MailStatus.SENT), OutboxMail, "MAIL_SENT_RETENTION_DAYS"),
    "mail_failed": (lambda d: _mail(d, MailStatus.FAILED), OutboxMail, "MAIL_FAILED_RETENTION_DAYS"),
}


def _run() -> dict[str, tuple[int, int]]:
    """`manage.py run_retention`, its printed lines as rule → (days, deleted)."""
    out = io.StringIO()
    call_command("run_retention", stdout=out)
    lines = [line.split() for line in out.getvalue().splitlines()]
    return {parts[0]: (int(parts[1]), int(parts[3])) for parts in lines if parts[0] != "total"}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_each_rule_deletes_rows_older_than_its_period_and_keeps_the_rest(settings, rule):
    make, model, setting = RULES[rule]
    setattr(settings, setting, DAYS)
    old = make(DAYS + 2)
    recent = make(DAYS - 2)

    printed = _run()

    assert printed[rule] == (DAYS, 1)
    remaining = set(model.objects.values_list("pk", flat=True))
    assert old.pk not in remaining if hasattr(old, "pk") else old not in remaining
    assert recent.pk in remaining if hasattr(recent, "pk") else recent in remaining


def test_the_admins_period_overrides_the_environment_default(settings):
    settings.NOTIFICATION_RETENTION_DAYS = 180
    RetentionSettings.objects.create(periods={"notifications": 10})
    eleven_days = _aged(Notification, NotificationFactory(), "created_at", 11)
    nine_days = _aged(Notification, NotificationFactory(), "created_at", 9)

    printed = _run()

    assert printed["notifications"] == (10, 1)
    assert list(Notification.objects.values_list("pk", flat=True)) == [nine_days.pk]
    assert not Notification.objects.filter(pk=eleven_days.pk).exists()


def test_deactivated_accounts_are_erased_after_the_period_unless_on_legal_hold(settings):
    settings.DEACTIVATED_ACCOUNT_RETENTION_DAYS = DAYS
    leaver = UserFactory(
        is_active=False, deactivated_at=NOW - timedelta(days=DAYS + 1), email="leaver@example.com"
    )
    held = UserFactory(
        is_active=False, deactivated_at=NOW - timedelta(days=DAYS + 1), email="held@example.com"
    )
    LegalHold.objects.create(user=held, reason="Arbeitsgerichtsverfahren")
    recent = UserFactory(
        is_active=False, deactivated_at=NOW - timedelta(days=DAYS - 1), email="recent@example.com"
    )
    undated = UserFactory(is_active=False, deactivated_at=None, email="undated@example.com")
    active = UserFactory(email="active@example.com")

    printed = _run()

    assert printed["deactivated_accounts"] == (DAYS, 1)
    emails = dict(User.objects.values_list("pk", "email"))
    assert emails[leaver.pk] == f"erased-{leaver.pk}@erased.invalid"
    assert [emails[u.pk] for u in (held, recent, undated, active)] == [
        "held@example.com",
        "recent@example.com",
        "undated@example.com",
        "active@example.com",
    ]
    undated.refresh_from_db()
    assert undated.deactivated_at is not None  # the clock starts now for accounts deactivated before dates
    assert _run()["deactivated_accounts"] == (DAYS, 0)  # idempotent: erased accounts are not erased again


def test_deactivating_an_account_records_when(admin_user):
    from sichtbar.accounts.services import user_update

    person = UserFactory()
    user_update(actor=admin_user, user=person, data={"is_active": False})
    person.refresh_from_db()
    assert person.deactivated_at is not None
    user_update(actor=admin_user, user=person, data={"is_active": True})
    person.refresh_from_db()
    assert person.deactivated_at is None


def test_every_rule_is_run_and_the_schedule_runs_retention_nightly():
    assert set(_run()) == set(retention_periods()) == set(RULES) | {"deactivated_accounts"}
    assert BEAT_SCHEDULE["privacy-retention"]["task"] == "sichtbar.privacy.tasks.retention_purge"
