"""Writes of the links app: tracked links for shares, recording clicks, conversions, retention."""

import atexit
import logging
import os
import secrets
import string
import threading
import time
from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import redis
from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sichtbar.accounts.models import User
from sichtbar.audit.services import audit_record
from sichtbar.core.errors import ApplicationError
from sichtbar.links import error_codes
from sichtbar.links.models import Click, Conversion, DailySalt, TrackedLink
from sichtbar.links.stream import (
    GROUP,
    ClickEvent,
    consumer_name,
    flush_redis,
    stream_key,
    stream_redis,
    stream_redis_failed,
)

if TYPE_CHECKING:  # links sit below sharing: a share is only passed in
    from sichtbar.sharing.models import Share

logger = logging.getLogger(__name__)

CODE_ALPHABET = string.ascii_letters + string.digits
CODE_LENGTH = 10  # 62**10 ≈ 8·10^17: unguessable by enumeration behind the redirect's rate of answers
UTM_MEDIUM = "employee_advocacy"
_UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign")


def link_code_generate() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def link_destination_build(*, url: str, network: str, campaign: str) -> str:
    """The content URL with our UTM parameters; other query parameters and the fragment are kept."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in _UTM_KEYS]
    query += [("utm_source", network), ("utm_medium", UTM_MEDIUM), ("utm_campaign", campaign)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def link_for_share(*, share: "Share") -> TrackedLink:
    """Create or return the tracked link of share.user × share.content × share.network."""
    existing = (
        TrackedLink.objects.filter(user_id=share.user_id, content_id=share.content_id, network=share.network)
        .select_related("content")
        .first()
    )
    if existing is not None:
        if existing.share_id is None and not TrackedLink.objects.filter(share_id=share.pk).exists():
            existing.share = share
            existing.save(update_fields=["share"])
        return existing
    content = share.content
    destination = link_destination_build(url=content.url, network=share.network, campaign=content.slug)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return TrackedLink.objects.create(
                    code=link_code_generate(),
                    share=share,
                    user_id=share.user_id,
                    content=content,
                    network=share.network,
                    destination=destination,
                )
        except IntegrityError:
            # Either a concurrent request created the same link (return it) or the code collided (retry).
            concurrent = TrackedLink.objects.filter(
                user_id=share.user_id, content_id=share.content_id, network=share.network
            ).first()
            if concurrent is not None:
                return concurrent
    raise RuntimeError("could not allocate a unique short code")


# --- clicks ---------------------------------------------------------------------------------------
#
# The redirect appends each human click to a Redis stream (one round trip, XADD with a MAXLEN guard);
# `clicks_flush` reads it through a consumer group, stores a batch in one transaction and only then
# acknowledges it. A flusher that dies before the XACK leaves its entries pending; the next flush claims
# them (XAUTOCLAIM) and stores them again, where the unique event id and the repeat rule make the replay
# a no-op. Without Redis the redirect stores its click itself through the same `clicks_store`.

REPEAT_WINDOW = timedelta(minutes=30)
_ADVISORY_NAMESPACE = 0x6C6E6B73  # "lnks": per-link locks serialise the repeat check with the insert


def clicks_store(*, events: list[ClickEvent]) -> int:
    """Store the counted clicks among `events`; return how many new rows were written.

    Idempotent: an event already stored, or a repeat of a counted click by the same visitor on the same
    link within 30 minutes (either side, so replays out of order count once too), is skipped. Clicks on
    links deleted meanwhile are dropped.
    """
    if not events:
        return 0
    link_ids = sorted({event.link_id for event in events})
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_advisory_xact_lock(%s, id::integer) "
                    "FROM (SELECT unnest(%s::bigint[]) AS id ORDER BY 1) AS ids",
                    [_ADVISORY_NAMESPACE, link_ids],
                )
        # The owner comes from the row, not the event: a link's owner changes only on erasure, and a click
        # recorded from a cached target afterwards must not be attributed to the erased person.
        live_links = dict(TrackedLink.objects.filter(id__in=link_ids).values_list("id", "user_id"))
        event_ids = {event.event_id for event in events}
        stored = set(Click.objects.filter(event_id__in=event_ids).values_list("event_id", flat=True))
        hashes = {event.visitor_hash for event in events if event.visitor_hash}
        earliest = min(event.occurred_at for event in events)
        latest = max(event.occurred_at for event in events)
        day_start = earliest.replace(hour=0, minute=0, second=0, microsecond=0)
        counted: dict[tuple[int, str], list[datetime]] = defaultdict(list)
        if hashes:
            for link_id, hash_, at in Click.objects.filter(
                link_id__in=link_ids,
                visitor_hash__in=hashes,
                occurred_at__gte=min(day_start, earliest - REPEAT_WINDOW),
                occurred_at__lte=latest + REPEAT_WINDOW,
            ).values_list("link_id", "visitor_hash", "occurred_at"):
                counted[(link_id, hash_)].append(at)
        rows: list[Click] = []
        for event in sorted(events, key=lambda e: (e.occurred_at, e.event_id.hex)):
            if event.link_id not in live_links or event.event_id in stored:
                continue
            unique_of_day = True
            if event.visitor_hash:
                times = counted[(event.link_id, event.visitor_hash)]
                if any(abs(at - event.occurred_at) < REPEAT_WINDOW for at in times):
                    continue
                unique_of_day = not any(at.date() == event.occurred_at.date() for at in times)
                times.append(event.occurred_at)
            stored.add(event.event_id)
            rows.append(
                Click(
                    event_id=event.event_id,
                    link_id=event.link_id,
                    occurred_at=event.occurred_at,
                    user_id_at_click=live_links[event.link_id],
                    content_id_at_click=event.content_id,
                    network=event.network,
                    visitor_hash=event.visitor_hash,
                    referrer_host=event.referrer_host,
                    device_class=event.device_class,
                    unique_of_day=unique_of_day,
                )
            )
        Click.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(rows)


_appended_here = 0  # clicks this process appended; every LINKS_CLICK_FLUSH_EVERY-th triggers a flush


def click_record(*, event: ClickEvent) -> None:
    """Record a click from the redirect without waiting on the database. Never raises.

    With Redis: into the process's click buffer, which a background thread appends to the stream every
    LINKS_CLICK_BUFFER_MS (one pipelined round trip for all clicks of that interval); with the buffer off
    (0), one XADD right here. Without Redis, or while it is unreachable: stored in the database directly.
    """
    if stream_redis() is not None and settings.LINKS_CLICK_BUFFER_MS > 0 and _buffer.add(event):
        return
    _append_or_store([event], patient=False)


def _append_or_store(events: list[ClickEvent], *, patient: bool) -> None:
    """Append to the stream (`patient`: from the appender thread, which nothing waits on), or store in the
    database while Redis is unavailable."""
    global _appended_here
    client = stream_redis(patient=patient)
    if client is not None:
        try:
            pipe = client.pipeline(transaction=False)
            for event in events:
                fields: Any = event.to_fields()
                pipe.xadd(stream_key(), fields, maxlen=settings.LINKS_CLICK_STREAM_MAXLEN, approximate=True)
            pipe.execute()
        except redis.RedisError:
            stream_redis_failed()
        else:
            before = _appended_here
            _appended_here += len(events)
            if (
                _appended_here // settings.LINKS_CLICK_FLUSH_EVERY
                > before // settings.LINKS_CLICK_FLUSH_EVERY
            ):
                _flush_trigger()
            return
    try:
        clicks_store(events=events)
    except DatabaseError:
        logger.exception("%d clicks could not be recorded", len(events))


class _ClickBuffer:
    """Clicks waiting (at most LINKS_CLICK_BUFFER_MS) for the process's appender thread. A graceful exit
    drains it; a process killed hard loses at most that interval's clicks, as it would lose the
    requests it was serving. Started lazily, and again after a fork."""

    MAX_WAITING = 50_000  # beyond this (Redis very slow) clicks are recorded in the request again

    def __init__(self) -> None:
        self._events: list[ClickEvent] = []
        self._condition = threading.Condition()
        self._pid = 0
        self._busy = False

    def add(self, event: ClickEvent) -> bool:
        with self._condition:
            if len(self._events) >= self.MAX_WAITING:
                return False
            if self._pid != os.getpid():
                self._pid = os.getpid()
                self._events = []
                threading.Thread(target=self._run, name="click-appender", daemon=True).start()
            self._events.append(event)
            if len(self._events) == 1:
                self._condition.notify()  # the first click of an interval wakes the appender
        return True

    def _take(self) -> list[ClickEvent]:
        with self._condition:
            events, self._events = self._events, []
            self._busy = bool(events)
            return events

    def _run(self) -> None:
        while True:
            with self._condition:
                while not self._events:  # idle processes do not wake up
                    self._condition.wait()
            time.sleep(settings.LINKS_CLICK_BUFFER_MS / 1000)  # collect the interval's clicks
            try:
                self.drain()
            except Exception:
                logger.exception("click appender step failed")
            finally:
                connection.close()  # this thread's own connection, used only when Redis is down

    def drain(self) -> None:
        """Append everything waiting now (the thread's step; also at exit and in tests)."""
        events = self._take()
        try:
            if events:
                _append_or_store(events, patient=True)
        finally:
            with self._condition:
                self._busy = False

    def wait_empty(self, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._condition:
                if not self._events and not self._busy:
                    return True
            time.sleep(0.005)
        return False


_buffer = _ClickBuffer()
atexit.register(_buffer.drain)


def click_buffer_wait() -> bool:
    """Wait until this process's buffered clicks are in the stream (or stored); for tests and benches."""
    return _buffer.wait_empty()


def _flush_trigger() -> None:
    from sichtbar.links.tasks import clicks_flush as flush_task

    if flush_task.app.conf.task_always_eager:
        return  # never flush inside a redirect; the beat entry drains the stream
    try:
        flush_task.apply_async(retry=False)
    except Exception as exc:  # broker down: the beat entry drains the stream later
        logger.warning("could not trigger a click flush (%s)", type(exc).__name__)


def _stream_group_ensure(client: redis.Redis) -> None:
    try:
        client.xgroup_create(stream_key(), GROUP, id="0", mkstream=True)
    except redis.ResponseError as exc:
        if "BUSYGROUP" not in str(exc):
            raise


def _stream_read(client: redis.Redis, consumer: str, start: str, count: int) -> list[Any]:
    """One XREADGROUP: ">" for new entries, "0" for this consumer's own pending ones."""
    response: Any = client.xreadgroup(GROUP, consumer, {stream_key(): start}, count=count)
    if not response:
        return []
    return list(response[0][1])


def _stream_batch_store(client: redis.Redis, entries: list[Any]) -> int:
    """Store one batch of stream entries, then acknowledge and delete them (never before)."""
    ids = [entry_id for entry_id, _ in entries]
    events: list[ClickEvent] = []
    for entry_id, fields in entries:
        if not fields:  # trimmed or deleted while pending
            continue
        try:
            events.append(ClickEvent.from_fields(fields))
        except (KeyError, ValueError):
            logger.warning("click stream entry %s is malformed; dropped", entry_id)
    written = clicks_store(events=events)
    if ids:
        _stream_ack(client, ids)
    return written


def _stream_ack(client: redis.Redis, ids: list[Any]) -> None:
    """Acknowledge and delete stored entries. A process dying before this leaves them pending: they are
    claimed and stored again, which the event ids and the repeat rule turn into a no-op."""
    pipe = client.pipeline(transaction=True)
    pipe.xack(stream_key(), GROUP, *ids)
    pipe.xdel(stream_key(), *ids)
    pipe.execute()


def clicks_flush(*, budget_seconds: float | None = None) -> int:
    """Drain the click stream into the database; return the number of clicks written.

    First reclaims entries another consumer read but never acknowledged for longer than
    LINKS_CLICK_CLAIM_IDLE_SECONDS (a killed worker), then reads new entries until the stream is empty or
    the time budget is spent. Safe to run concurrently and to repeat.
    """
    client = flush_redis()
    if client is None:
        return 0
    deadline = time.monotonic() + (budget_seconds or settings.LINKS_CLICK_FLUSH_BUDGET_SECONDS)
    batch = settings.LINKS_CLICK_FLUSH_BATCH
    consumer = consumer_name()
    _stream_group_ensure(client)
    written = 0
    # Entries this consumer name read before (a restart with the same name) come first.
    while time.monotonic() < deadline:
        entries = _stream_read(client, consumer, "0", batch)
        if not entries:
            break
        written += _stream_batch_store(client, entries)
    cursor = "0-0"
    while time.monotonic() < deadline:
        claimed: Any = client.xautoclaim(
            stream_key(),
            GROUP,
            consumer,
            min_idle_time=int(settings.LINKS_CLICK_CLAIM_IDLE_SECONDS * 1000),
            start_id=cursor,
            count=batch,
        )
        cursor, entries = claimed[0], claimed[1]
        if entries:
            written += _stream_batch_store(client, entries)
        if cursor in ("0-0", b"0-0"):
            break
    while time.monotonic() < deadline:
        entries = _stream_read(client, consumer, ">", batch)
        if not entries:
            break
        written += _stream_batch_store(client, entries)
    _stream_consumers_prune(client)
    return written


def _stream_consumers_prune(client: redis.Redis) -> None:
    """Forget consumers (dead worker processes) that hold nothing and were idle for an hour."""
    try:
        for consumer in client.xinfo_consumers(stream_key(), GROUP):
            if consumer["pending"] == 0 and consumer["idle"] > 3_600_000:
                client.xgroup_delconsumer(stream_key(), GROUP, consumer["name"])
    except redis.RedisError:
        logger.warning("could not prune click stream consumers", exc_info=True)


# --- conversions ----------------------------------------------------------------------------------


def conversion_record(
    *,
    code: str,
    key: str,
    kind: str = "application",
    occurred_at: datetime | None = None,
    value: Decimal | None = None,
    actor: User | None = None,
    token_key: str = "",
) -> tuple[Conversion, bool]:
    """Attribute a conversion to the link `code`; idempotent by (link, key). Returns (conversion, created)."""
    link = TrackedLink.objects.filter(code=code).first()
    if link is None:
        raise ApplicationError(
            _("No tracked link has this code."),
            code=error_codes.CONVERSION_LINK_UNKNOWN,
            fields={"link": [str(_("No tracked link has this code."))]},
        )
    existing = Conversion.objects.filter(link=link, key=key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            conversion = Conversion.objects.create(
                link=link,
                key=key,
                kind=kind,
                occurred_at=occurred_at or timezone.now(),
                value=value,
                created_by_token=token_key,
            )
    except IntegrityError:  # the same key arrived concurrently
        return Conversion.objects.get(link=link, key=key), False
    audit_record(
        actor=actor,
        action="links.conversion_recorded",
        target=conversion,
        changes={"link": link.code, "kind": kind, "key": key, "by_token": bool(token_key)},
    )
    return conversion, True


# --- retention ------------------------------------------------------------------------------------


def clicks_retention_apply(*, now: datetime | None = None) -> int:
    """Blank visitor hashes once the repeat rule no longer needs them and delete salts older than a day
    (hourly). Returns the number of rows changed or deleted. Old clicks go by the retention rule
    (`clicks_purge`, run with the period the admin chose)."""
    now = now or timezone.now()
    changed = Click.objects.filter(
        occurred_at__lt=now - REPEAT_WINDOW - timedelta(days=1), visitor_hash__gt=""
    ).update(visitor_hash="")
    changed += DailySalt.objects.filter(day__lt=now.date() - timedelta(days=1)).delete()[0]
    return changed


def clicks_purge(*, now: datetime, days: int) -> int:
    """Delete clicks older than `days` (default LINKS_CLICK_RETENTION_DAYS, ≈ 25 months)."""
    return Click.objects.filter(occurred_at__lt=now - timedelta(days=days)).delete()[0]
