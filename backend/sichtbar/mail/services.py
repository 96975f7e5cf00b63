"""Writes of the mail outbox: enqueue a mail in the caller's transaction, send it once, retry, re-send.

Every e-mail of every app goes through `mail_enqueue`. The row is written in the same transaction as the
event that causes it, so a mail exists exactly when its event does; a task sends it after commit and a
periodic sweep retries what could not be sent (SMTP server or broker down) with exponential backoff.
"""

import html
import logging
import re
import smtplib
import uuid
from datetime import datetime, timedelta
from email.utils import make_msgid
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sichtbar.audit.services import audit_record
from sichtbar.core.errors import ConflictError
from sichtbar.core.tasks import enqueue_on_commit

from .error_codes import MailErrorCode
from .models import MailStatus, OutboxMail

logger = logging.getLogger(__name__)

# Retry schedule: 1, 2, 4, … minutes, at most MAIL_RETRY_MAX_DELAY apart, MAIL_MAX_ATTEMPTS in all.
RETRY_BASE_DELAY = timedelta(minutes=1)
SWEEP_BATCH = 500


def _languages() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def mail_language(language: str | None) -> str:
    """A language the portal speaks: the one asked for, else the company default (LANGUAGE_CODE)."""
    return language if language in _languages() else settings.LANGUAGE_CODE


def message_id_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def _text_to_html(text: str) -> str:
    """The HTML part of a mail without its own .html template: the text, escaped, in paragraphs; only
    links to this portal become clickable (never a link someone typed into a form)."""
    site = re.escape(settings.SITE_URL.rstrip("/"))
    link = re.compile(rf"({site}(?:/[^\s<>\"']*)?)")
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        escaped = html.escape(block)
        escaped = link.sub(r'<a href="\1">\1</a>', escaped)
        paragraphs.append("<p>" + escaped.replace("\n", "<br>\n") + "</p>")
    return "\n".join(paragraphs)


def mail_render(*, template: str, context: dict[str, Any], language: str) -> tuple[str, str, str]:
    """Subject, text and HTML of `template` (`<template>.subject.txt`, `.txt`, optional `.html`), in
    `language`. Without an .html template the text is laid into mail/layout.html."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}.subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        content: str
        try:
            content = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            content = _text_to_html(text)
        body_html = render_to_string(
            "mail/layout.html",
            {"content": content, "subject": subject, "language": language, "site_url": settings.SITE_URL},
        )
    return subject, text, body_html


def mail_enqueue(
    *,
    to: str,
    template: str,
    context: dict[str, Any],
    language: str | None,
    reference: str = "",
    reply_to: str = "",
    dispatch: bool = True,
) -> OutboxMail:
    """Write one mail to the outbox in the current transaction; it is sent after commit.

    With `dispatch=False` the caller queues the send itself (`mail_dispatch`), e.g. outside a savepoint
    it may roll back. `template` names `<template>.subject.txt`, `<template>.txt` and optionally
    `<template>.html`; they are rendered now, in `language` (the company default when empty or
    unknown). `reference` ties the mail to the object it is about (e.g. "invitation:12"), so a
    superseded mail can be cancelled.
    """
    language = mail_language(language)
    subject, text, body_html = mail_render(template=template, context=context, language=language)
    mail = OutboxMail.objects.create(
        to=to.strip(),
        from_email=settings.DEFAULT_FROM_EMAIL,
        reply_to=reply_to,
        subject=subject[:300],
        body_text=text,
        body_html=body_html,
        message_id=make_msgid(domain=message_id_domain()),
        template=template.rsplit("/", 1)[-1],
        language=language,
        reference=reference,
        next_attempt_at=timezone.now(),
    )
    if dispatch:
        mail_dispatch(mail_id=mail.pk)
    return mail


def mail_dispatch(*, mail_id: int) -> None:
    """Queue the sender task for one mail after commit (a missing or already sent mail: the task does
    nothing). If the broker is down the mail stays pending and the minute's sweep sends it."""
    from .tasks import mail_send

    enqueue_on_commit(mail_send, mail_id=mail_id)


def mail_cancel(*, reference: str) -> int:
    """Drop the mails about `reference` that have not gone out yet (e.g. a superseded invitation link)."""
    deleted, _detail = OutboxMail.objects.filter(
        reference=reference, status__in=[MailStatus.PENDING, MailStatus.FAILED]
    ).delete()
    return deleted


def _claim(*, mail_id: int, claim_token: str, now: datetime) -> bool:
    """Take the mail for sending. One conditional UPDATE: of two senders racing for the same row, exactly
    one changes it (PostgreSQL re-checks the condition after the other's commit; SQLite has one writer).
    A delivery of the same task again (its worker died mid-send) may take back its own claim."""
    due = Q(status=MailStatus.PENDING) | Q(status=MailStatus.SENDING, claim_token=claim_token)
    with transaction.atomic():
        return bool(
            OutboxMail.objects.filter(due, pk=mail_id).update(
                status=MailStatus.SENDING,
                claimed_at=now,
                claim_token=claim_token,
                attempts=F("attempts") + 1,
                updated_at=now,
            )
        )


def _message(mail: OutboxMail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        from_email=mail.from_email or settings.DEFAULT_FROM_EMAIL,
        to=[mail.to],
        reply_to=[mail.reply_to] if mail.reply_to else None,
        headers={"Message-ID": mail.message_id, "Content-Language": mail.language},
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    return message


def _permanent(exc: Exception) -> bool:
    """The server refused this message for good (5xx, unknown recipient): retrying cannot help."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in exc.recipients.values())
    code = getattr(exc, "smtp_code", None)
    return isinstance(code, int) and code >= 500


def retry_delay(*, attempts: int) -> timedelta:
    """Exponential backoff after `attempts` failed attempts: 1, 2, 4, … minutes, capped."""
    cap = timedelta(minutes=settings.MAIL_RETRY_MAX_DELAY_MINUTES)
    return min(RETRY_BASE_DELAY * (2 ** max(0, attempts - 1)), cap)


def mail_send(*, mail_id: int, claim_token: str = "", now: datetime | None = None) -> bool:
    """Send one outbox mail if it is still to be sent; True when it went out now.

    Never raises for a mail server problem: the error is kept on the row and the sweep retries it."""
    now = now or timezone.now()
    claim_token = claim_token or uuid.uuid4().hex
    if not _claim(mail_id=mail_id, claim_token=claim_token, now=now):
        return False  # sent already, being sent by someone else, cancelled, or given up
    mail = OutboxMail.objects.get(pk=mail_id)
    mine = OutboxMail.objects.filter(pk=mail_id, status=MailStatus.SENDING, claim_token=claim_token)
    try:
        if get_connection(fail_silently=False).send_messages([_message(mail)]) != 1:
            raise smtplib.SMTPException("the mail backend accepted no message")
    except Exception as exc:  # SMTP errors, refused or reset connections, timeouts, DNS failures
        error = f"{type(exc).__name__}: {exc}"[:500]
        give_up = _permanent(exc) or mail.attempts >= settings.MAIL_MAX_ATTEMPTS
        logger.warning(
            "mail %s not sent (attempt %s, %s): %s",
            mail.pk,
            mail.attempts,
            "giving up" if give_up else "will retry",
            type(exc).__name__,
        )
        mine.update(
            status=MailStatus.FAILED if give_up else MailStatus.PENDING,
            next_attempt_at=now + retry_delay(attempts=mail.attempts),
            last_error=error,
            claim_token="",
            updated_at=timezone.now(),
        )
        return False
    mine.update(status=MailStatus.SENT, sent_at=timezone.now(), last_error="", updated_at=timezone.now())
    return True


def mail_sweep(*, now: datetime | None = None) -> int:
    """Periodic: hand every due mail to a sender task; returns how many were handed over.

    Claims older than MAIL_SENDING_LEASE_MINUTES belong to a sender that died; they become due again.
    (If that sender had already handed the message to the server, the recipient gets it twice, with the
    same Message-ID. The lease is far longer than one SMTP conversation, so only a crash can cause it.)"""
    from .tasks import mail_send as mail_send_task

    now = now or timezone.now()
    lease = timedelta(minutes=settings.MAIL_SENDING_LEASE_MINUTES)
    OutboxMail.objects.filter(status=MailStatus.SENDING, claimed_at__lt=now - lease).update(
        status=MailStatus.PENDING, claim_token="", next_attempt_at=now, updated_at=now
    )
    due = list(
        OutboxMail.objects.filter(status=MailStatus.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:SWEEP_BATCH]
    )
    for mail_id in due:
        try:
            mail_send_task.apply_async(kwargs={"mail_id": mail_id})
        except Exception as exc:  # broker down: the next sweep tries again
            logger.warning("could not enqueue mail %s (%s)", mail_id, type(exc).__name__)
            break
    return len(due)


@transaction.atomic
def mail_resend(*, mail: OutboxMail, actor: Any) -> OutboxMail:
    """An admin sends a failed (or still pending) mail now, with a fresh series of attempts."""
    mail = OutboxMail.objects.select_for_update().get(pk=mail.pk)
    if mail.status not in (MailStatus.FAILED, MailStatus.PENDING):
        raise ConflictError(
            _("This e-mail has already been sent or is being sent right now."),
            code=MailErrorCode.MAIL_ALREADY_SENT,
        )
    now = timezone.now()
    mail.status = MailStatus.PENDING
    mail.attempts = 0
    mail.next_attempt_at = now
    mail.save(update_fields=["status", "attempts", "next_attempt_at", "updated_at"])
    audit_record(actor=actor, action="mail.resend", target=mail, changes={"template": mail.template})
    mail_dispatch(mail_id=mail.pk)
    return mail
