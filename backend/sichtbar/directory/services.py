"""Writes of the directory: profile view counters, contact requests, their e-mails, answers and triage."""

import logging
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import redis
from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sichtbar.accounts.models import User
from sichtbar.core.errors import ApplicationError, NotFoundError
from sichtbar.mail.services import mail_enqueue
from sichtbar.profiles.models import Audience, Profile

from . import selectors
from .error_codes import DirectoryErrorCode
from .models import ContactRequest, ContactStatus, ProfileView, SearchAppearance, SearchAppearanceFlush

logger = logging.getLogger(__name__)

# Bump when the consent text shown next to the contact form changes; each request records the version.
CONSENT_VERSION = getattr(settings, "CONTACT_CONSENT_VERSION", "2026-11")


# --- profile views ----------------------------------------------------------------------------


def profile_view_record(*, profile: Profile, audience: str) -> None:
    """Count one view of `profile` by `audience` today. Nothing about the viewer is stored.

    The count is written after the page's own (read) transaction, as a write of its own: a counter must
    never slow down or fail a page view, and on SQLite a read transaction must not turn into a write.
    """
    key = {"profile_id": profile.pk, "audience": Audience(audience), "day": timezone.localdate()}

    def count() -> None:
        try:
            with transaction.atomic():
                if not ProfileView.objects.filter(**key).update(count=F("count") + 1):
                    ProfileView.objects.create(**key, count=1)
        except IntegrityError:  # a concurrent first view of the day created the row
            ProfileView.objects.filter(**key).update(count=F("count") + 1)
        except DatabaseError:
            logger.warning("profile view not counted", exc_info=True)

    transaction.on_commit(count)


# --- search appearances -----------------------------------------------------------------------
#
# A results page must not wait for a counter: each page adds one HINCRBY per hit to a Redis hash per
# (day, audience), in one MULTI round trip, and `search_appearances_flush` (beat, analytics queue) moves
# the hashes into the table with an additive upsert. The flush renames a hash before reading it (new
# increments go to a fresh hash) and records the batch's token in the same transaction as the counts, so
# a flush that dies anywhere is retried without losing or doubling a count. Without Redis (embedded mode,
# or Redis down) the page's counts are upserted right after its transaction instead.

# Seconds; a slow Redis costs a page at most this once per back-off. As the cache's SOCKET_TIMEOUT: a
# shorter one trips on a loaded host, where the waiting thread, not Redis, is late (ADR 0039).
APPEARANCES_REDIS_TIMEOUT = 1.0
APPEARANCES_REDIS_BACKOFF = 30.0  # seconds the fallback is used after a Redis error
APPEARANCES_FLUSH_TOKENS_KEPT = timedelta(days=7)
_appearance_clients: dict[str, redis.Redis] = {}
_appearance_redis_down_until = 0.0


def _appearances_prefix() -> str:
    return str(getattr(settings, "SEARCH_APPEARANCES_KEY_PREFIX", "sichtbar:search-appearances"))


def _appearances_redis() -> redis.Redis | None:
    url = settings.REDIS_URL
    if not url or time.monotonic() < _appearance_redis_down_until:
        return None
    client = _appearance_clients.get(url)
    if client is None:
        client = redis.Redis.from_url(
            url,
            socket_connect_timeout=APPEARANCES_REDIS_TIMEOUT,
            socket_timeout=APPEARANCES_REDIS_TIMEOUT,
            decode_responses=True,
        )
        _appearance_clients[url] = client
    return client


def _appearances_redis_failed() -> None:
    global _appearance_redis_down_until  # a per-process circuit breaker
    _appearance_redis_down_until = time.monotonic() + APPEARANCES_REDIS_BACKOFF
    logger.warning("search appearances: Redis unavailable, writing to the database", exc_info=True)


def _appearances_upsert(counts: dict[tuple[int, str, str], int]) -> int:
    """Add `counts` ((profile id, audience, ISO day) → n) to the table; profiles deleted meanwhile are
    skipped. One statement per 500 rows, on PostgreSQL and SQLite alike."""
    existing = set(Profile.objects.filter(id__in={key[0] for key in counts}).values_list("id", flat=True))
    rows = [(pid, audience, day, n) for (pid, audience, day), n in counts.items() if pid in existing and n]
    table = connection.ops.quote_name(SearchAppearance._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            cursor.execute(
                f"INSERT INTO {table} (profile_id, audience, day, count) VALUES "  # noqa: S608
                + ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
                + " ON CONFLICT (profile_id, audience, day)"
                + f" DO UPDATE SET count = {table}.count + excluded.count",
                [value for row in chunk for value in row],
            )
    return sum(row[3] for row in rows)


def search_appearances_record(*, profile_ids: Iterable[int], audience: str, day: date | None = None) -> None:
    """Count one appearance of each profile on a directory search results page seen by `audience`."""
    ids = sorted(set(profile_ids))
    if not ids:
        return
    audience = Audience(audience)
    iso_day = (day or timezone.localdate()).isoformat()
    client = _appearances_redis()
    if client is not None:
        try:
            pipe = client.pipeline(transaction=True)
            for pid in ids:
                pipe.hincrby(f"{_appearances_prefix()}:live:{iso_day}:{audience}", str(pid), 1)
            pipe.execute()
            return
        except redis.RedisError:
            _appearances_redis_failed()
    counts = {(pid, str(audience), iso_day): 1 for pid in ids}

    def write() -> None:
        try:
            with transaction.atomic():
                _appearances_upsert(counts)
        except DatabaseError:
            logger.warning("search appearances not counted", exc_info=True)

    transaction.on_commit(write)


def _appearances_flush_batch(client: redis.Redis, key: str) -> int:
    """Write one renamed hash (…:flushing:<token>:<day>:<audience>) to the table once, then drop it."""
    token, iso_day, audience = key.rsplit(":", 3)[1:]
    raw = client.hgetall(key)
    written = 0
    with transaction.atomic():
        _, created = SearchAppearanceFlush.objects.get_or_create(token=token)
        if created:
            counts = {(int(pid), audience, iso_day): int(n) for pid, n in raw.items()}
            written = _appearances_upsert(counts)
    client.delete(key)
    return written


def search_appearances_flush() -> int:
    """Move the buffered counts from Redis into SearchAppearance (idempotent; safe to run concurrently
    with searches and to retry). Returns the number of appearances written."""
    client = _appearances_redis()
    if client is None:
        return 0  # without Redis every page wrote its counts itself
    prefix = _appearances_prefix()
    written = 0
    # Leftovers of a flush that died after renaming: their token tells whether they were written.
    for key in list(client.scan_iter(match=f"{prefix}:flushing:*", count=500)):
        written += _appearances_flush_batch(client, key)
    for key in list(client.scan_iter(match=f"{prefix}:live:*", count=500)):
        iso_day, audience = key.rsplit(":", 2)[1:]
        target = f"{prefix}:flushing:{uuid.uuid4().hex}:{iso_day}:{audience}"
        try:
            client.rename(key, target)
        except redis.ResponseError:  # gone meanwhile (another flush took it)
            continue
        written += _appearances_flush_batch(client, target)
    SearchAppearanceFlush.objects.filter(
        flushed_at__lt=timezone.now() - APPEARANCES_FLUSH_TOKENS_KEPT
    ).delete()
    return written


# --- contact requests -------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactReceipt:
    """What the public endpoint answers: the same shape whether the request was kept or discarded."""

    id: uuid.UUID
    status: str


def _flood_refuse(*, message: str, code: str, oldest: datetime | None, window: timedelta) -> None:
    """429 in the one error shape, with the seconds until the oldest counted request leaves the window."""
    wait = window if oldest is None else max(timedelta(seconds=1), oldest + window - timezone.now())
    raise ApplicationError(
        message, code=code, status_code=429, extra={"retry_after_seconds": int(wait.total_seconds())}
    )


def _contact_flood_check(*, profile: Profile) -> None:
    """Many senders (each within the per-address throttle) must not flood one expert or the company: at
    most CONTACT_FLOOD_PER_EXPERT_PER_DAY requests to one expert in 24 hours and
    CONTACT_FLOOD_PER_COMPANY_PER_HOUR to everyone in one hour. Counted from the stored requests, so
    nothing about the senders is kept."""
    now = timezone.now()
    day, hour = timedelta(days=1), timedelta(hours=1)
    to_expert = ContactRequest.objects.filter(profile=profile, created_at__gte=now - day)
    if to_expert.count() >= settings.CONTACT_FLOOD_PER_EXPERT_PER_DAY:
        _flood_refuse(
            message=_(
                "This expert has received very many requests today. Please try again tomorrow or "
                "contact the company directly."
            ),
            code=DirectoryErrorCode.CONTACT_FLOOD_EXPERT,
            oldest=to_expert.order_by("created_at").values_list("created_at", flat=True).first(),
            window=day,
        )
    to_company = ContactRequest.objects.filter(created_at__gte=now - hour)
    if to_company.count() >= settings.CONTACT_FLOOD_PER_COMPANY_PER_HOUR:
        _flood_refuse(
            message=_("We are receiving very many requests right now. Please try again in an hour."),
            code=DirectoryErrorCode.CONTACT_FLOOD_COMPANY,
            oldest=to_company.order_by("created_at").values_list("created_at", flat=True).first(),
            window=hour,
        )


def contact_request_create(
    *,
    profile: Profile,
    name: str,
    email: str,
    topic: str,
    message: str,
    consent: bool,
    organisation: str = "",
    website: str = "",
    language: str = "de",
) -> ContactReceipt:
    """A visitor writes to an expert. A filled honeypot (`website`) is answered alike but kept nowhere.

    The expert's notification (with the whole message) and the visitor's acknowledgement (with nothing
    the visitor typed) are written to the outbox in the same transaction as the request."""
    if not selectors.contact_allowed(profile=profile):
        raise ApplicationError(
            _("This expert is not taking contact requests at the moment."),
            code=DirectoryErrorCode.CONTACT_NOT_AVAILABLE,
        )
    if not consent:
        message_text = _("Please agree to the processing of your data so that we can pass on your request.")
        raise ApplicationError(
            message_text, code=DirectoryErrorCode.CONSENT_REQUIRED, fields={"consent": [message_text]}
        )
    if website.strip():
        logger.info("contact request discarded: honeypot filled")
        return ContactReceipt(id=uuid.uuid4(), status=ContactStatus.NEW)
    _contact_flood_check(profile=profile)
    contact = ContactRequest(
        profile=profile,
        assigned_to=profile,
        name=_one_line(name),
        email=email.strip(),
        organisation=_one_line(organisation),
        topic=topic,
        message=message.strip(),
        language="en" if language == "en" else "de",
        consent=True,
        consent_version=CONSENT_VERSION,
    )
    contact.full_clean()
    contact.save()
    _notify_assignee(contact)
    mail_enqueue(
        to=contact.email,
        template="directory/email/contact_request_acknowledgement",
        context={"expert_name": profile.user.full_name},
        language=contact.language,
        reference=f"contact:{contact.pk}",
    )
    contact.acknowledgement_sent_at = timezone.now()
    contact.save(update_fields=["acknowledgement_sent_at", "updated_at"])
    return ContactReceipt(id=contact.pk, status=contact.status)


def _one_line(text: str) -> str:
    """Names end up in e-mail subjects: no line breaks (header injection), no runs of blanks."""
    return " ".join(text.split())


def _inbox_link() -> str:
    return f"{settings.SITE_URL}/inbox"


def _notify_assignee(contact: ContactRequest) -> None:
    """Write the mail that tells the expert whose inbox holds the request, in the expert's language.
    `assignee_notified_at` is when it went to the outbox."""
    assignee = contact.assigned_to
    if assignee is None or not assignee.user.is_active:
        return
    expert: User = assignee.user
    mail_enqueue(
        to=expert.email,
        template="directory/email/contact_request_expert",
        context={
            "contact": contact,
            "expert": expert,
            "forwarded": contact.assigned_to_id != contact.profile_id,
            "link": _inbox_link(),
        },
        language=expert.language,
        reference=f"contact:{contact.pk}",
    )
    contact.assignee_notified_at = timezone.now()
    contact.save(update_fields=["assignee_notified_at", "updated_at"])


def _send_reply(contact: ContactRequest) -> None:
    """The expert's answer to the visitor, in the visitor's language; replies to it reach the expert."""
    expert = (contact.assigned_to or contact.profile).user
    mail_enqueue(
        to=contact.email,
        template="directory/email/contact_request_reply",
        context={"contact": contact, "expert_name": expert.full_name},
        language=contact.language,
        reference=f"contact:{contact.pk}",
        reply_to=expert.email,
    )
    contact.reply_sent_at = timezone.now()
    contact.save(update_fields=["reply_sent_at", "updated_at"])


def _lock(contact: ContactRequest) -> ContactRequest:
    return (
        ContactRequest.objects.select_for_update(of=("self",))
        .select_related("profile__user", "assigned_to__user")
        .get(pk=contact.pk)
    )


def _refuse_if_closed(contact: ContactRequest) -> None:
    if contact.status != ContactStatus.NEW:
        raise ApplicationError(
            _("This request has already been answered or closed."),
            code=DirectoryErrorCode.CONTACT_REQUEST_CLOSED,
        )


@transaction.atomic
def contact_request_answer(*, contact: ContactRequest, reply: str) -> ContactRequest:
    """The expert answers: the reply goes out by e-mail and the response time is recorded."""
    contact = _lock(contact)
    _refuse_if_closed(contact)
    now = timezone.now()
    contact.reply = reply.strip()
    contact.status = ContactStatus.ANSWERED
    contact.answered_at = now
    contact.response_seconds = max(0, int((now - contact.created_at).total_seconds()))
    contact.full_clean()
    contact.save(update_fields=["reply", "status", "answered_at", "response_seconds", "updated_at"])
    _send_reply(contact)
    return contact


@transaction.atomic
def contact_request_close(*, contact: ContactRequest) -> ContactRequest:
    """Close without (or after) an answer: no e-mail goes out."""
    contact = _lock(contact)
    if contact.status == ContactStatus.CLOSED:
        return contact
    contact.status = ContactStatus.CLOSED
    contact.closed_at = timezone.now()
    contact.save(update_fields=["status", "closed_at", "updated_at"])
    return contact


@transaction.atomic
def contact_request_assign(*, contact: ContactRequest, expert_slug: str) -> ContactRequest:
    """Press triage: move a request into another expert's inbox and tell that expert."""
    contact = _lock(contact)
    _refuse_if_closed(contact)
    target = selectors.expert_get(slug=expert_slug, audience=Audience.INTERNAL)
    if target is None:
        message = _("There is no active expert with this address.")
        raise ApplicationError(
            message, code=DirectoryErrorCode.ASSIGNEE_INVALID, fields={"expert": [message]}
        )
    if contact.assigned_to_id == target.pk:
        return contact
    contact.assigned_to = target
    contact.save(update_fields=["assigned_to", "updated_at"])
    _notify_assignee(contact)
    return contact


def contact_requests_purge(*, now: datetime | None = None, days: int | None = None) -> int:
    """Delete requests (visitors' personal data) older than `days` (CONTACT_REQUEST_RETENTION_DAYS)."""
    days = int(settings.CONTACT_REQUEST_RETENTION_DAYS) if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _detail = ContactRequest.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def contact_request_not_found() -> NotFoundError:
    return NotFoundError(_("This contact request does not exist."))
