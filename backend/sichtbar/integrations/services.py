"""Writes of the integrations app: connect and disconnect blogs, sync their feeds, choose what is shown."""

import hashlib
import logging
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sichtbar.accounts.models import User
from sichtbar.core.errors import ApplicationError, ConflictError
from sichtbar.core.events import PostsImported, publish
from sichtbar.core.feeds.discovery import discover_feed, fetch_feed
from sichtbar.core.feeds.errors import feed_error, fetch_failed, invalid_feed
from sichtbar.core.feeds.history import HistoryLimits, history_pages
from sichtbar.core.feeds.parsing import ParsedFeed, parse_feed
from sichtbar.core.http import FetchResult, OutboundBlocked, OutboundError, OutboundHttpError
from sichtbar.core.richtext import sanitize_html
from sichtbar.core.services import model_update

from .crypto import encrypt
from .error_codes import IntegrationsErrorCode, SyncErrorCode
from .models import Connection, ConnectionStatus, HistoryStatus, ImportedPost, OAuthToken, Provider
from .providers.errors import ProviderAuthExpired, ProviderError, ProviderRateLimited
from .providers.results import PublishedPost

__all__ = [  # the interface other apps use besides the connection services below
    "ProviderAuthExpired",
    "ProviderError",
    "ProviderRateLimited",
    "PublishedPost",
    "publish_post",
]

logger = logging.getLogger(__name__)

MAX_BLOGS_PER_USER = 10
SYNC_LOCK_SECONDS = 300
HISTORY_LOCK_SECONDS = 1800  # a history of BLOG_HISTORY_MAX_PAGES pages at the client's timeouts
MAX_RETRY_AFTER_SECONDS = 6 * 3600
BLOG_FETCH_THREADS = 10  # concurrent fetches per batch: a whole batch (tasks.BLOG_SYNC_BATCH) at once


@dataclass(frozen=True)
class SyncResult:
    created: int = 0
    updated: int = 0
    not_modified: bool = False
    skipped: bool = False
    error_code: str = ""
    temporary: bool = False  # the task retries (with backoff) when trying again may help
    retry_after: float | None = None
    changed_post_ids: tuple[int, ...] = ()  # new and changed posts, for mention monitoring


def normalise_blog_url(url: str) -> str:
    url = url.strip()
    if "://" not in url:
        url = f"https://{url}"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in url:
        message = _("Please enter the address of a blog (https://…).")
        raise ApplicationError(message, code=IntegrationsErrorCode.URL_INVALID, fields={"url": [message]})
    return url


def _outbound_message(error: OutboundError) -> tuple[str, str]:
    """(sync error code, message for the owner) of a failed fetch (see sichtbar.core.feeds.errors)."""
    failure = feed_error(error)
    return failure.code, failure.message


def blog_connect(*, user: User, url: str) -> Connection:
    """Find the blog's feed, store the connection and import its current posts."""
    url = normalise_blog_url(url)
    mine = Connection.objects.filter(user=user, provider=Provider.BLOG)
    if mine.filter(url=url).exists():
        raise ConflictError(
            _("This blog is already connected."), code=IntegrationsErrorCode.CONNECTION_EXISTS
        )
    if mine.count() >= MAX_BLOGS_PER_USER:
        raise ApplicationError(
            _("You can connect at most %(count)d blogs.") % {"count": MAX_BLOGS_PER_USER},
            code=IntegrationsErrorCode.TOO_MANY_CONNECTIONS,
        )
    try:
        discovered = discover_feed(url)
    except OutboundBlocked as exc:
        message = feed_error(exc).message
        raise ApplicationError(
            message, code=IntegrationsErrorCode.URL_NOT_ALLOWED, fields={"url": [message]}
        ) from exc
    except OutboundError as exc:
        _code, reason = _outbound_message(exc)
        raise ApplicationError(
            reason, code=IntegrationsErrorCode.BLOG_UNREACHABLE, fields={"url": [reason]}
        ) from exc
    if discovered is None:
        message = _("No RSS, Atom or JSON feed was found at this address.")
        raise ApplicationError(message, code=IntegrationsErrorCode.FEED_NOT_FOUND, fields={"url": [message]})
    if mine.filter(feed_url=discovered.feed_url).exists():
        raise ConflictError(
            _("This blog is already connected."), code=IntegrationsErrorCode.CONNECTION_EXISTS
        )
    try:
        with transaction.atomic():
            connection = Connection.objects.create(
                user=user,
                provider=Provider.BLOG,
                url=url,
                title=discovered.title[:300],
                feed_url=discovered.feed_url,
                feed_kind=discovered.feed.kind,
                status=ConnectionStatus.CONNECTED,
                etag=(discovered.result.etag or "")[:300],
                last_modified=(discovered.result.last_modified or "")[:100],
                content_hash=hashlib.sha256(discovered.result.content).hexdigest(),
                last_sync_at=timezone.now(),
            )
            _created, _updated, scan = _store_entries(connection=connection, feed=discovered.feed)
            publish(PostsImported(user_ids=[user.pk], post_ids=scan))
            blog_history_import_enqueue(connection=connection)
    except IntegrityError as exc:  # the same blog connected twice at once
        raise ConflictError(
            _("This blog is already connected."), code=IntegrationsErrorCode.CONNECTION_EXISTS
        ) from exc
    return connection


def _store_entries(
    *, connection: Connection, feed: ParsedFeed, match_urls: bool = True
) -> tuple[int, int, list[int]]:
    """Create new posts, update changed ones in place. An entry is identified by its id (RSS guid, Atom id,
    JSON Feed id, WordPress guid); its URL counts only when that is unambiguous: podcast and news feeds
    repeat one link for many entries, which are different posts all the same. A URL identifies an entry
    whose id is unknown when exactly one stored post and exactly one entry of the feed have that URL and the
    stored post's id is not in the feed any more (a blog that changed its id scheme keeps its posts). The
    history import stores one page at a time and never matches by URL (another page may share it).

    One SELECT for the connection's posts, one multi-row INSERT for the new ones and one UPDATE for the
    changed ones, however many entries the feed has (the sync of 1,000 blogs was dominated by a round trip
    per post). The caller holds the connection's sync lock, so nobody inserts the same entries meanwhile."""
    existing = list(connection.posts.all())
    by_id = {post.external_id: post for post in existing}
    feed_ids = {entry.external_id for entry in feed.entries}
    stored_urls = Counter(post.url for post in existing if post.url)
    feed_urls = Counter(entry.url for entry in feed.entries if entry.url)
    by_url = {
        post.url: post
        for post in existing
        if post.url
        and stored_urls[post.url] == 1
        and feed_urls[post.url] == 1
        and post.external_id not in feed_ids
        and match_urls
    }
    new: list[ImportedPost] = []
    changed_posts: list[ImportedPost] = []
    changed_fields: set[str] = set()
    seen: set[str] = set()
    now = timezone.now()
    for entry in feed.entries:
        if entry.external_id in seen:  # the same entry twice in one feed: the first (newest) wins
            continue
        seen.add(entry.external_id)
        values = {
            "url": entry.url,
            "title": entry.title[:500],
            "summary": sanitize_html(entry.summary_html),
            "published_at": entry.published_at,
        }
        post = by_id.get(entry.external_id) or by_url.pop(entry.url, None)
        if post is None:
            post = ImportedPost(
                connection=connection, author_id=connection.user_id, external_id=entry.external_id, **values
            )
            by_id[post.external_id] = post
            new.append(post)
            continue
        values["external_id"] = entry.external_id  # matched by URL: the new id scheme from now on
        changed = [name for name, value in values.items() if getattr(post, name) != value]
        if changed:
            for name in changed:
                setattr(post, name, values[name])
            post.updated_at = now  # bulk_update does not run auto_now
            changed_posts.append(post)
            changed_fields.update(changed)
    if new:
        ImportedPost.objects.bulk_create(new)  # primary keys come back (PostgreSQL, SQLite ≥ 3.35)
    if changed_posts:
        ImportedPost.objects.bulk_update(changed_posts, [*sorted(changed_fields), "updated_at"])
    # (created, updated, ids of both): mention monitoring looks at new and changed posts, one task per batch
    return len(new), len(changed_posts), [post.pk for post in (*new, *changed_posts)]


def _record_error(connection: Connection, code: str, message: str) -> None:
    Connection.objects.filter(pk=connection.pk).update(
        status=ConnectionStatus.ERROR,
        last_error=message[:500],
        last_error_code=code,
        last_sync_at=timezone.now(),
        updated_at=timezone.now(),
    )


def blog_sync(*, connection_id: int) -> SyncResult:
    """Fetch the feed (conditional GET), import what is new. Errors are recorded on the connection, never
    raised: one blog's failure must not affect another's sync."""
    return blogs_sync(connection_ids=[connection_id]).get(connection_id, SyncResult(skipped=True))


def blogs_sync(*, connection_ids: list[int]) -> dict[int, SyncResult]:
    """Sync several blogs in one go (the periodic fan-out hands a worker a batch of them).

    The feeds are fetched concurrently on up to BLOG_FETCH_THREADS threads, each through the guarded client
    (SSRF guard, limits, conditional GET: nothing about a fetch changes); parsing and storing then run one
    blog after another on this thread's database connection, each in its own transaction. A blog's errors
    are recorded on its connection, never raised, and never affect the other blogs of the batch. New and
    changed posts of the whole batch go to mention monitoring in one task."""
    results: dict[int, SyncResult] = {}
    locked: dict[int, Connection] = {}
    connections = Connection.objects.select_related("user").filter(
        pk__in=connection_ids, provider=Provider.BLOG
    )
    try:
        for connection in connections:
            if not connection.user.is_active or not connection.feed_url:
                continue
            if cache.add(_sync_lock(connection.pk), 1, SYNC_LOCK_SECONDS):
                locked[connection.pk] = connection
            # else: a sync of this connection is running already
        fetched = _fetch_all(list(locked.values()))
        scan: list[int] = []
        for connection in locked.values():
            result = _sync_one(connection, fetched[connection.pk])
            scan += result.changed_post_ids
            results[connection.pk] = result
        publish(PostsImported(user_ids=[], post_ids=scan))
    finally:
        if locked:
            cache.delete_many([_sync_lock(pk) for pk in locked])
    return {pk: results.get(pk, SyncResult(skipped=True)) for pk in connection_ids}


def _sync_lock(connection_id: int) -> str:
    return f"integrations:sync:{connection_id}"


def _fetch(connection: Connection) -> FetchResult | Exception:
    try:
        return fetch_feed(connection.feed_url, etag=connection.etag, last_modified=connection.last_modified)
    except Exception as exc:  # handed to _sync_one, which records it on this connection only
        return exc


def _fetch_all(connections: list[Connection]) -> dict[int, FetchResult | Exception]:
    """Every connection's feed; threads only wait on the network (no database access in them)."""
    if len(connections) <= 1:
        return {connection.pk: _fetch(connection) for connection in connections}
    with ThreadPoolExecutor(
        max_workers=min(BLOG_FETCH_THREADS, len(connections)), thread_name_prefix="blog-fetch"
    ) as pool:
        outcomes = pool.map(_fetch, connections)
        return {connection.pk: outcome for connection, outcome in zip(connections, outcomes, strict=True)}


def _sync_one(connection: Connection, fetched: FetchResult | Exception) -> SyncResult:
    try:
        return _blog_sync(connection, fetched)
    except Exception:
        logger.exception("blog sync of connection %s failed", connection.pk)
        _record_error(connection, SyncErrorCode.SYNC_FAILED, fetch_failed().message)
        return SyncResult(error_code=SyncErrorCode.SYNC_FAILED)


def _blog_sync(connection: Connection, result: FetchResult | Exception) -> SyncResult:
    if isinstance(result, OutboundError):
        code, message = _outbound_message(result)
        _record_error(connection, code, message)
        retry_after = result.retry_after if isinstance(result, OutboundHttpError) else None
        if retry_after is not None:
            retry_after = min(retry_after, MAX_RETRY_AFTER_SECONDS)
        return SyncResult(error_code=code, temporary=result.temporary, retry_after=retry_after)
    if isinstance(result, Exception):
        raise result
    now = timezone.now()
    validators = {
        "etag": (result.etag or "")[:300],
        "last_modified": (result.last_modified or "")[:100],
    }
    ok = {"status": ConnectionStatus.CONNECTED, "last_error": "", "last_error_code": "", "last_sync_at": now}
    if result.not_modified:
        Connection.objects.filter(pk=connection.pk).update(**ok, **validators, updated_at=now)
        return SyncResult(not_modified=True)
    digest = hashlib.sha256(result.content).hexdigest()
    if digest == connection.content_hash:  # a server without validators sent the same bytes again
        Connection.objects.filter(pk=connection.pk).update(**ok, **validators, updated_at=now)
        return SyncResult(not_modified=True)
    feed = parse_feed(result.content, content_type=result.content_type, base_url=result.final_url)
    if feed is None:
        failure = invalid_feed()
        _record_error(connection, failure.code, failure.message)
        return SyncResult(error_code=failure.code)
    with transaction.atomic():
        created, updated, changed_ids = _store_entries(connection=connection, feed=feed)
        Connection.objects.filter(pk=connection.pk).update(
            **ok, **validators, content_hash=digest, feed_kind=feed.kind, updated_at=now
        )
        if created or updated:
            publish(PostsImported(user_ids=[connection.user_id], post_ids=[]))
    return SyncResult(created=created, updated=updated, changed_post_ids=tuple(changed_ids))


def history_limits() -> HistoryLimits:
    days = int(getattr(settings, "BLOG_HISTORY_MAX_AGE_DAYS", 3650))
    return HistoryLimits(
        max_posts=int(getattr(settings, "BLOG_HISTORY_MAX_POSTS", 1000)),
        max_pages=int(getattr(settings, "BLOG_HISTORY_MAX_PAGES", 200)),
        not_before=timezone.now() - timedelta(days=days) if days > 0 else None,
    )


def blog_history_import_enqueue(*, connection: Connection) -> None:
    """Import the blog's history in the worker once the connection is committed."""
    from sichtbar.core.tasks import enqueue_on_commit

    from . import tasks

    Connection.objects.filter(pk=connection.pk).update(
        history_status=HistoryStatus.RUNNING, history_imported=0, history_total=None
    )
    connection.history_status = HistoryStatus.RUNNING
    enqueue_on_commit(tasks.blog_history_import, connection_id=connection.pk)


def blog_history_import(*, connection_id: int) -> HistoryStatus | None:
    """Page through the blog's published history (sichtbar.core.feeds.history) and store every page as it
    comes, with its progress on the connection. Idempotent: entries are matched by id, a re-run updates.
    Holds the connection's sync lock, so the periodic sync does not run meanwhile; None when skipped."""
    connection = (
        Connection.objects.select_related("user").filter(pk=connection_id, provider=Provider.BLOG).first()
    )
    if connection is None or not connection.user.is_active or not connection.feed_url:
        return None
    if not cache.add(_sync_lock(connection.pk), 1, HISTORY_LOCK_SECONDS):
        return None
    imported = 0
    total: int | None = None
    scan: list[int] = []
    progress = Connection.objects.filter(pk=connection.pk)
    try:
        progress.update(history_status=HistoryStatus.RUNNING, history_imported=0, history_total=None)
        pages = history_pages(
            feed_url=connection.feed_url, kind=connection.feed_kind, limits=history_limits()
        )
        for page in pages:
            with transaction.atomic():
                _created, _updated, ids = _store_entries(
                    connection=connection,
                    feed=ParsedFeed(connection.feed_kind, "", "", page.entries),
                    match_urls=False,
                )
                imported += len(page.entries)
                total = page.total
                progress.update(history_imported=imported, history_total=total, updated_at=timezone.now())
            scan += ids
        status = HistoryStatus.DONE
        progress.update(history_status=status, history_total=imported)  # within the limits: all there is
    except OutboundError as exc:
        logger.info("history import of blog %s stopped after %s posts: %s", connection.pk, imported, exc)
        status = HistoryStatus.FAILED
        progress.update(history_status=status)
    except Exception:
        logger.exception("history import of blog %s failed", connection.pk)
        status = HistoryStatus.FAILED
        progress.update(history_status=status)
    finally:
        cache.delete(_sync_lock(connection.pk))
    if scan:
        publish(PostsImported(user_ids=[connection.user_id], post_ids=scan))
    return status


def connection_request_sync(*, connection: Connection) -> Connection:
    """Queue a sync now ("sync now" in the SPA); the result shows in the connection's status."""
    from . import tasks

    if connection.provider == Provider.BLOG:
        from sichtbar.core.tasks import enqueue_on_commit

        enqueue_on_commit(tasks.blog_sync, connection_id=connection.pk)
    elif connection.provider == Provider.MASTODON:
        from sichtbar.core.tasks import enqueue_on_commit

        enqueue_on_commit(tasks.mastodon_sync, connection_id=connection.pk)
    return connection


def connection_delete(*, connection: Connection) -> None:
    """Disconnect: the token is revoked where the network allows and deleted; the connection and every post
    imported through it are deleted."""
    from .oauth import oauth_disconnect

    oauth_disconnect(connection=connection)
    with transaction.atomic():
        connection.delete()
        # the evidence went with the posts
        publish(PostsImported(user_ids=[connection.user_id], post_ids=[]))


def post_set_visibility(*, post: ImportedPost, show_on_profile: bool) -> ImportedPost:
    post, _changed = model_update(
        instance=post, fields=["show_on_profile"], data={"show_on_profile": show_on_profile}
    )
    return post


def token_store(
    *,
    connection: Connection,
    access_token: str,
    refresh_token: str = "",
    expires_at: datetime | None = None,
    scopes: str = "",
    token_type: str = "Bearer",  # noqa: S107 - the token type, not a secret
) -> OAuthToken:
    """Store (or replace) the connection's token, encrypted with the first key of SICHTBAR_TOKEN_KEYS."""
    token, _created = OAuthToken.objects.update_or_create(
        connection=connection,
        defaults={
            "access_token_encrypted": encrypt(access_token),
            "refresh_token_encrypted": encrypt(refresh_token),
            "expires_at": expires_at,
            "scopes": scopes[:500],
            "token_type": token_type[:40] or "Bearer",
        },
    )
    return token


def publish_post(*, connection: Connection, text: str, url: str, idempotency_key: str) -> PublishedPost:
    """Publish `text` with `url` through the connection's network API (LinkedIn, Mastodon).

    The same idempotency key never publishes twice. Raises ProviderRateLimited (`retry_after` seconds or
    None), ProviderAuthExpired (the connection is marked as needing re-consent) or ProviderError
    (`temporary` says whether trying again later may help). See oauth.publish_post."""
    from .oauth import publish_post as _publish_post

    return _publish_post(connection=connection, text=text, url=url, idempotency_key=idempotency_key)
