"""The click pipeline with real Redis and PostgreSQL: stream, flush, replay after a crash, Redis down."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from sichtbar.links import services, stream
from sichtbar.links.models import Click
from sichtbar.links.services import click_buffer_wait, clicks_flush, clicks_store
from sichtbar.links.stream import GROUP, ClickEvent

from .conftest import REDIS
from .factories import TrackedLinkFactory
from .test_redirect import BROWSER, PHONE

pytestmark = pytest.mark.django_db


def _event(link, *, visitor="a" * 64, at=None, event_id=None):
    return ClickEvent(
        event_id=event_id or uuid.uuid4(),
        link_id=link.pk,
        occurred_at=at or timezone.now(),
        user_id=link.user_id,
        content_id=link.content_id,
        network=link.network,
        visitor_hash=visitor,
        referrer_host="www.linkedin.com",
        device_class="mobile",
    )


def test_the_redirect_appends_to_the_stream_and_the_flush_stores(client, click_stream, settings):
    link = TrackedLinkFactory()

    for n in range(3):
        client.get(f"/r/{link.code}", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=f"203.0.113.{n}")
    client.get(f"/r/{link.code}", HTTP_USER_AGENT="Twitterbot/1.0", REMOTE_ADDR="203.0.113.50")

    assert Click.objects.count() == 0  # the redirect did not write to the database
    assert click_stream.xlen(settings.LINKS_CLICK_STREAM) == 3
    assert clicks_flush() == 3
    assert Click.objects.filter(link=link).count() == 3
    assert click_stream.xlen(settings.LINKS_CLICK_STREAM) == 0  # acknowledged and deleted
    assert clicks_flush() == 0


def test_buffered_clicks_reach_the_stream_in_one_round_trip(client, click_stream, settings):
    settings.LINKS_CLICK_BUFFER_MS = 10
    link = TrackedLinkFactory()

    for n in range(20):
        response = client.get(f"/r/{link.code}", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=f"203.0.113.{n}")
        assert response.status_code == 302
    assert click_buffer_wait()

    assert click_stream.xlen(settings.LINKS_CLICK_STREAM) == 20
    assert Click.objects.count() == 0
    assert clicks_flush() == 20
    assert Click.objects.filter(link=link).count() == 20


def test_repeats_and_duplicate_events_in_the_stream_count_once(click_stream, settings):
    link = TrackedLinkFactory()
    now = timezone.now()
    duplicate = _event(link, visitor="b" * 64, at=now)
    events = [
        duplicate,
        duplicate,  # the same event appended twice (a retried XADD)
        _event(link, visitor="b" * 64, at=now + timedelta(minutes=10)),  # a repeat
        _event(link, visitor="b" * 64, at=now - timedelta(minutes=5)),  # counted: earlier, arriving later
        _event(link, visitor="c" * 64, at=now + timedelta(minutes=1)),
    ]
    for event in events:
        click_stream.xadd(settings.LINKS_CLICK_STREAM, event.to_fields())

    clicks_flush()

    assert sorted(Click.objects.values_list("visitor_hash", "occurred_at")) == [
        ("b" * 64, now - timedelta(minutes=5)),
        ("c" * 64, now + timedelta(minutes=1)),
    ]


def test_a_worker_dying_between_insert_and_ack_loses_nothing_and_doubles_nothing(
    click_stream, settings, monkeypatch
):
    link = TrackedLinkFactory()
    events = [_event(link, visitor=f"{n:064x}") for n in range(25)]
    for event in events:
        click_stream.xadd(settings.LINKS_CLICK_STREAM, event.to_fields())
    settings.LINKS_CLICK_FLUSH_BATCH = 10

    class WorkerKilled(BaseException):
        pass

    def die(client, ids):
        raise WorkerKilled  # the process dies after the transaction committed, before XACK

    monkeypatch.setattr(services, "_stream_ack", die)
    monkeypatch.setattr(services, "consumer_name", lambda: "dead-worker")
    with pytest.raises(WorkerKilled):
        clicks_flush()
    assert Click.objects.count() == 10  # the first batch was stored ...
    pending = click_stream.xpending(settings.LINKS_CLICK_STREAM, GROUP)
    assert pending["pending"] == 10  # ... but never acknowledged
    monkeypatch.undo()

    # Another worker takes over the dead one's entries once they have been idle long enough.
    settings.LINKS_CLICK_CLAIM_IDLE_SECONDS = 0
    monkeypatch.setattr(services, "consumer_name", lambda: "new-worker")
    clicks_flush()

    assert Click.objects.count() == 25
    assert sorted(Click.objects.values_list("event_id", flat=True)) == sorted(e.event_id for e in events)
    assert click_stream.xpending(settings.LINKS_CLICK_STREAM, GROUP)["pending"] == 0
    assert click_stream.xlen(settings.LINKS_CLICK_STREAM) == 0


def test_entries_of_a_live_worker_are_not_taken_over_too_early(click_stream, settings, monkeypatch):
    link = TrackedLinkFactory()
    click_stream.xadd(settings.LINKS_CLICK_STREAM, _event(link).to_fields())
    click_stream.xgroup_create(settings.LINKS_CLICK_STREAM, GROUP, id="0")
    click_stream.xreadgroup(GROUP, "busy-worker", {settings.LINKS_CLICK_STREAM: ">"})  # reading, not done
    settings.LINKS_CLICK_CLAIM_IDLE_SECONDS = 60

    assert clicks_flush() == 0
    assert Click.objects.count() == 0
    assert click_stream.xpending(settings.LINKS_CLICK_STREAM, GROUP)["pending"] == 1


def test_redis_down_records_synchronously_with_the_repeat_rule(client, redis_down):
    link = TrackedLinkFactory()

    for _ in range(2):
        response = client.get(f"/r/{link.code}", HTTP_USER_AGENT=PHONE, REMOTE_ADDR="203.0.113.5")
        assert response.status_code == 302
    client.get(f"/r/{link.code}", HTTP_USER_AGENT=PHONE, REMOTE_ADDR="203.0.113.6")

    assert Click.objects.count() == 2
    assert set(Click.objects.values_list("device_class", flat=True)) == {"mobile"}
    assert stream.stream_redis() is None  # the circuit breaker is open: no waiting on Redis per click


def test_redis_back_after_an_outage_clicks_go_to_the_stream_again(
    client, click_stream, settings, monkeypatch
):
    link = TrackedLinkFactory()
    monkeypatch.setattr(stream, "REDIS_BACKOFF", 0.0)
    settings.LINKS_REDIS_URL = "redis://127.0.0.1:1/0"
    client.get(f"/r/{link.code}", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.1")
    settings.LINKS_REDIS_URL = REDIS
    client.get(f"/r/{link.code}", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.2")

    assert Click.objects.count() == 1  # written directly while Redis was down
    assert click_stream.xlen(settings.LINKS_CLICK_STREAM) == 1
    clicks_flush()
    assert Click.objects.count() == 2


def test_store_is_idempotent_and_skips_deleted_links():
    link = TrackedLinkFactory()
    gone = TrackedLinkFactory()
    events = [_event(link, visitor="d" * 64), _event(gone, visitor="e" * 64)]
    gone.delete()

    assert clicks_store(events=events) == 1
    assert clicks_store(events=events) == 0
    assert Click.objects.count() == 1


def test_unique_of_day_follows_the_utc_day():
    link = TrackedLinkFactory()
    morning = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    clicks_store(
        events=[
            _event(link, visitor="f" * 64, at=morning),
            _event(link, visitor="f" * 64, at=morning + timedelta(hours=3)),
            _event(link, visitor="f" * 64, at=morning + timedelta(days=1)),
        ]
    )

    assert list(Click.objects.order_by("occurred_at").values_list("unique_of_day", flat=True)) == [
        True,
        False,
        True,
    ]


@pytest.mark.django_db(transaction=True)
def test_buffered_clicks_go_to_the_database_when_redis_is_down(client, settings):
    settings.LINKS_REDIS_URL = "redis://127.0.0.1:1/0"
    settings.LINKS_CLICK_BUFFER_MS = 10
    link = TrackedLinkFactory()

    for n in range(3):
        client.get(f"/r/{link.code}", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=f"198.51.100.{n}")
    client.get(f"/r/{link.code}", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.0")  # a repeat
    assert click_buffer_wait()

    assert Click.objects.filter(link=link).count() == 3


def test_a_redis_slowed_by_load_is_waited_for_and_does_not_trip_the_fallback(client, click_stream, settings):
    """A loaded host answers late (Redis starved of CPU, the waiting thread descheduled): 600 ms here,
    past the 250 ms that used to switch a web process to writing clicks into the database for 5 s. The
    appender thread waits for Redis; the visitors never do."""
    settings.LINKS_CLICK_BUFFER_MS = 10
    link = TrackedLinkFactory()
    client.get(f"/r/{link.code}", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.200")  # code cached
    assert click_buffer_wait()
    click_stream.execute_command("CLIENT", "PAUSE", 600, "WRITE")  # every write waits 600 ms

    for n in range(5):
        response = client.get(f"/r/{link.code}", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=f"203.0.113.{n}")
        assert response.status_code == 302
    assert click_buffer_wait()

    assert click_stream.xlen(settings.LINKS_CLICK_STREAM) == 6
    assert Click.objects.count() == 0  # nothing went the fallback's way
    assert stream.stream_redis() is not None  # the circuit breaker stayed closed


def test_the_request_path_waits_as_long_as_the_cache_does_and_the_appender_longer(click_stream):
    """Where a visitor waits (buffer off or full), Redis gets the shared cache's time-out (1 s, the wait
    every request already accepts for its throttles); the appender, which nothing waits on, more."""
    request_path = stream.stream_redis()
    appender = stream.stream_redis(patient=True)
    assert request_path is not None and appender is not None
    assert request_path.connection_pool.connection_kwargs["socket_timeout"] == 1.0
    assert appender.connection_pool.connection_kwargs["socket_timeout"] > 1.0
