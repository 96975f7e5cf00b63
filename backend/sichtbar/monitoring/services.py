"""Writes of the monitoring app: feeds and terms (managers, audited), fetching feeds and scanning them and
imported posts for mentions, rescans after term changes, retention."""

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from sichtbar.accounts.models import User
from sichtbar.audit.services import audit_record
from sichtbar.core.errors import ApplicationError, ConflictError
from sichtbar.core.feeds.discovery import fetch_feed
from sichtbar.core.feeds.errors import feed_error, fetch_failed, invalid_feed
from sichtbar.core.feeds.parsing import ParsedEntry, parse_feed
from sichtbar.core.http import OutboundError, OutboundHttpError
from sichtbar.core.richtext import html_to_text
from sichtbar.core.services import model_update
from sichtbar.core.tasks import enqueue_on_commit
from sichtbar.integrations.models import ImportedPost

from .error_codes import FeedFetchErrorCode, MonitoringErrorCode
from .matching import Expert, Match, Matcher, TermRule, excerpt_html
from .models import FetchStatus, Mention, MentionSource, MonitoredTerm, MonitoringFeed

logger = logging.getLogger(__name__)

FETCH_LOCK_SECONDS = 300
MAX_RETRY_AFTER_SECONDS = 6 * 3600
MAX_EXCLUDE_WORDS = 20
FEED_FIELDS = ["name", "url", "kind", "active"]
TERM_FIELDS = ["text", "kind", "case_sensitive", "whole_word", "exclude_words", "active"]
_BLOCK_TAGS = re.compile(r"<(/?)(p|div|br|li|h[1-6]|tr|td|th|blockquote|section|article)\b", re.IGNORECASE)


@dataclass(frozen=True)
class FetchOutcome:
    created: int = 0
    updated: int = 0
    removed: int = 0
    not_modified: bool = False
    skipped: bool = False
    error_code: str = ""
    temporary: bool = False
    retry_after: float | None = None


def retention_days() -> int:
    return int(getattr(settings, "MONITORING_MENTION_RETENTION_DAYS", 365))


def rescan_days() -> int:
    return int(getattr(settings, "MONITORING_RESCAN_DAYS", 30))


# --- matching -------------------------------------------------------------------------------------------


def plain_text(markup: str) -> str:
    """Plain text of feed or post HTML, with block elements separating words."""
    return html_to_text(_BLOCK_TAGS.sub(r" <\1\2", markup or ""))


def matcher_build() -> Matcher:
    terms = [
        TermRule(
            id=term.pk,
            text=term.text,
            case_sensitive=term.case_sensitive,
            whole_word=term.whole_word,
            exclude_words=tuple(term.exclude_words or ()),
        )
        for term in MonitoredTerm.objects.filter(active=True)
    ]
    experts = [
        Expert(id=pk, full_name=f"{first} {last}")
        for pk, first, last in User.objects.filter(is_active=True)
        .exclude(first_name="")
        .exclude(last_name="")
        .values_list("pk", "first_name", "last_name")
    ]
    return Matcher(terms, experts)


def store_mention(
    *, mention: Mention | None, values: dict[str, Any], match: Match, text: str
) -> tuple[Mention | None, str]:
    """Create, update or (when nothing matches any more) delete a mention; returns (mention, action)."""
    if not match:
        if mention is not None:
            mention.delete()
            return None, "removed"
        return None, ""
    values = {**values, "excerpt": excerpt_html(text, match.spans), "text": text}
    action = "updated"
    if mention is None:
        mention = Mention.objects.create(**values)
        action = "created"
    else:
        changed = [name for name, value in values.items() if getattr(mention, name) != value]
        for name in changed:
            setattr(mention, name, values[name])
        if changed:
            mention.save(update_fields=[*changed, "updated_at"])
    mention.terms.set(match.term_ids)
    mention.experts.set(match.expert_ids)
    return mention, action


def _entry_text(entry: ParsedEntry) -> str:
    return " ".join(part for part in (entry.title, plain_text(entry.summary_html)) if part)


def _store_feed_entries(
    *, feed: MonitoringFeed, entries: list[ParsedEntry], matcher: Matcher
) -> FetchOutcome:
    """Entries are the same item when their id or their URL matches; an article another feed already
    reported under the same URL is not reported twice."""
    existing = list(feed.mentions.all())
    by_id = {mention.external_id: mention for mention in existing}
    by_url = {mention.url: mention for mention in existing if mention.url}
    urls = {entry.url for entry in entries if entry.url}
    elsewhere = set(
        Mention.objects.filter(url__in=urls).exclude(feed=feed).values_list("url", flat=True) if urls else []
    )
    counts = {"created": 0, "updated": 0, "removed": 0}
    seen: set[str] = set()
    for entry in entries:
        if entry.external_id in seen or (entry.url and entry.url in seen):
            continue
        seen.update({entry.external_id, entry.url} - {""})
        mention = by_id.get(entry.external_id) or (by_url.get(entry.url) if entry.url else None)
        if mention is None and entry.url in elsewhere:
            continue
        text = _entry_text(entry)
        values = {
            "source": MentionSource.FEED,
            "feed": feed,
            "external_id": entry.external_id,
            "url": entry.url,
            "title": entry.title[:500],
            "published_at": entry.published_at,
        }
        _mention, action = store_mention(mention=mention, values=values, match=matcher.match(text), text=text)
        if action:
            counts[action] += 1
    return FetchOutcome(created=counts["created"], updated=counts["updated"], removed=counts["removed"])


def _fetch_error(error: OutboundError) -> tuple[str, str]:
    """(error code, message for managers) of a failed fetch (see sichtbar.core.feeds.errors)."""
    failure = feed_error(error)
    return failure.code, failure.message


def _record_error(feed: MonitoringFeed, code: str, message: str) -> None:
    now = timezone.now()
    MonitoringFeed.objects.filter(pk=feed.pk).update(
        last_fetch_status=FetchStatus.ERROR,
        last_error=message[:500],
        last_error_code=code,
        last_fetch_at=now,
        updated_at=now,
    )


def feed_fetch(*, feed_id: int, force: bool = False) -> FetchOutcome:
    """Fetch one feed (conditional GET unless `force`), store its mentions. Errors are recorded on the feed,
    never raised: one feed's failure must not stop the others."""
    feed = MonitoringFeed.objects.filter(pk=feed_id, active=True).first()
    if feed is None:
        return FetchOutcome(skipped=True)
    lock = f"monitoring:fetch:{feed.pk}"
    if not cache.add(lock, 1, FETCH_LOCK_SECONDS):
        return FetchOutcome(skipped=True)
    try:
        return _feed_fetch(feed, force=force)
    except Exception:
        logger.exception("monitoring fetch of feed %s failed", feed.pk)
        _record_error(feed, FeedFetchErrorCode.FETCH_FAILED, fetch_failed().message)
        return FetchOutcome(error_code=FeedFetchErrorCode.FETCH_FAILED)
    finally:
        cache.delete(lock)


def _feed_fetch(feed: MonitoringFeed, *, force: bool) -> FetchOutcome:
    try:
        result = fetch_feed(
            feed.url, etag="" if force else feed.etag, last_modified="" if force else feed.last_modified
        )
    except OutboundError as exc:
        code, message = _fetch_error(exc)
        _record_error(feed, code, message)
        retry_after = exc.retry_after if isinstance(exc, OutboundHttpError) else None
        if retry_after is not None:
            retry_after = min(retry_after, MAX_RETRY_AFTER_SECONDS)
        return FetchOutcome(error_code=code, temporary=exc.temporary, retry_after=retry_after)
    now = timezone.now()
    ok = {
        "last_fetch_status": FetchStatus.OK,
        "last_error": "",
        "last_error_code": "",
        "last_fetch_at": now,
        "last_success_at": now,
        "etag": (result.etag or "")[:300],
        "last_modified": (result.last_modified or "")[:100],
        "updated_at": now,
    }
    digest = hashlib.sha256(result.content).hexdigest() if not result.not_modified else feed.content_hash
    if result.not_modified or (digest == feed.content_hash and not force):
        MonitoringFeed.objects.filter(pk=feed.pk).update(**ok)
        return FetchOutcome(not_modified=True)
    parsed = parse_feed(result.content, content_type=result.content_type, base_url=result.final_url)
    if parsed is None:
        _record_error(feed, FeedFetchErrorCode.INVALID_FEED, invalid_feed().message)
        return FetchOutcome(error_code=FeedFetchErrorCode.INVALID_FEED)
    with transaction.atomic():
        outcome = _store_feed_entries(feed=feed, entries=parsed.entries, matcher=matcher_build())
        MonitoringFeed.objects.filter(pk=feed.pk).update(**ok, content_hash=digest)
    return outcome


# --- imported posts -----------------------------------------------------------------------------------


def mentions_scan_posts(*, post_ids: list[int], matcher: Matcher | None = None) -> int:
    """Scan imported posts for mentions (an author is never their own mention). Idempotent."""
    posts = list(ImportedPost.objects.filter(pk__in=post_ids).order_by("pk"))
    if not posts:
        return 0
    matcher = matcher or matcher_build()
    existing = {mention.post_id: mention for mention in Mention.objects.filter(post__in=posts)}
    found = 0
    for post in posts:
        text = " ".join(part for part in (post.title, plain_text(post.summary)) if part)
        values = {
            "source": MentionSource.NETWORK,
            "post": post,
            "external_id": post.external_id[:500],
            "url": post.url,
            "title": post.title[:500],
            "published_at": post.published_at or post.created_at,
        }
        with transaction.atomic():
            mention, _action = store_mention(
                mention=existing.get(post.pk),
                values=values,
                match=matcher.match(text, exclude_expert=post.author_id),
                text=text,
            )
        found += mention is not None
    return found


def mentions_scan_posts_enqueue(*, post_ids: list[int]) -> None:
    """Called by the integrations import after it stored posts: scan them after the commit."""
    if not post_ids:
        return
    from . import tasks

    enqueue_on_commit(tasks.mentions_scan_posts, post_ids=sorted(set(post_ids)))


def mentions_scan_recent_posts(*, hours: int = 2) -> int:
    """Sweep: scan posts imported or changed lately (catches scans whose message was lost)."""
    since = timezone.now() - timedelta(hours=hours)
    ids = list(ImportedPost.objects.filter(updated_at__gte=since).values_list("pk", flat=True))
    return mentions_scan_posts(post_ids=ids) if ids else 0


def mentions_rescan(*, days: int | None = None) -> dict[str, int]:
    """After terms changed: rescan recent imported posts and stored feed mentions, and refetch every active
    feed in full (items that matched nothing before are not stored, so only a fetch finds them)."""
    since = timezone.now() - timedelta(days=days if days is not None else rescan_days())
    matcher = matcher_build()
    post_ids = list(
        ImportedPost.objects.filter(
            Q(published_at__gte=since) | Q(published_at__isnull=True, created_at__gte=since)
        ).values_list("pk", flat=True)
    )
    posts = mentions_scan_posts(post_ids=post_ids, matcher=matcher) if post_ids else 0
    removed = 0
    for mention in (
        Mention.objects.filter(source=MentionSource.FEED)
        .annotate(moment=Coalesce("published_at", "created_at"))
        .filter(moment__gte=since)
    ):
        with transaction.atomic():
            kept, _action = store_mention(
                mention=mention,
                values={},
                match=matcher.match(mention.text),
                text=mention.text,
            )
        removed += kept is None
    from . import tasks

    feed_ids = list(MonitoringFeed.objects.filter(active=True).values_list("pk", flat=True))
    for feed_id in feed_ids:
        enqueue_on_commit(tasks.feed_fetch, feed_id=feed_id, force=True)
    return {"posts": posts, "feed_mentions_removed": removed, "feeds": len(feed_ids)}


def _request_rescan() -> None:
    from . import tasks

    enqueue_on_commit(tasks.mentions_rescan)


# --- feeds (managers) -------------------------------------------------------------------------------


def normalise_feed_url(url: str) -> str:
    url = url.strip()
    if "://" not in url:
        url = f"https://{url}"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in url:
        message = _("Please enter the address of a feed (https://…).")
        raise ApplicationError(message, code=MonitoringErrorCode.FEED_URL_INVALID, fields={"url": [message]})
    return url


def _feed_exists() -> ConflictError:
    message = _("This feed is monitored already.")
    return ConflictError(message, code=MonitoringErrorCode.FEED_EXISTS, fields={"url": [message]})


def feed_create(*, actor: User, name: str, url: str, kind: str, active: bool = True) -> MonitoringFeed:
    url = normalise_feed_url(url)
    if MonitoringFeed.objects.filter(url=url).exists():
        raise _feed_exists()
    try:
        with transaction.atomic():
            feed = MonitoringFeed(name=name.strip(), url=url, kind=kind, active=active, created_by=actor)
            feed.full_clean(validate_unique=False)
            feed.save()
            audit_record(
                actor=actor, action="monitoring.feed.create", target=feed, changes={"url": url, "kind": kind}
            )
    except IntegrityError as exc:
        raise _feed_exists() from exc
    if feed.active:
        feed_request_fetch(feed=feed)
    return feed


def feed_update(*, actor: User, feed: MonitoringFeed, data: dict[str, Any]) -> MonitoringFeed:
    data = dict(data)
    if "url" in data:
        data["url"] = normalise_feed_url(data["url"])
        if MonitoringFeed.objects.filter(url=data["url"]).exclude(pk=feed.pk).exists():
            raise _feed_exists()
    if "name" in data:
        data["name"] = data["name"].strip()
    old_url = feed.url
    with transaction.atomic():
        feed, changed = model_update(instance=feed, fields=FEED_FIELDS, data=data)
        if changed:
            if feed.url != old_url:  # another feed: forget the old one's validators
                MonitoringFeed.objects.filter(pk=feed.pk).update(etag="", last_modified="", content_hash="")
            audit_record(
                actor=actor,
                action="monitoring.feed.update",
                target=feed,
                changes={name: data[name] for name in FEED_FIELDS if name in data},
            )
    if changed and feed.active:
        feed_request_fetch(feed=feed)
    return feed


def feed_delete(*, actor: User, feed: MonitoringFeed) -> None:
    """The feed and the mentions found in it are deleted."""
    with transaction.atomic():
        audit_record(actor=actor, action="monitoring.feed.delete", target=feed, changes={"url": feed.url})
        feed.delete()


def feed_request_fetch(*, feed: MonitoringFeed) -> MonitoringFeed:
    """Queue a fetch ("fetch now"); the result shows in the feed's status."""
    from . import tasks

    enqueue_on_commit(tasks.feed_fetch, feed_id=feed.pk)
    return feed


# --- terms (managers) -------------------------------------------------------------------------------


def _clean_exclude_words(words: list[str]) -> list[str]:
    cleaned: list[str] = []
    for word in words:
        word = " ".join(str(word).split())[:100]
        if word and word.casefold() not in {w.casefold() for w in cleaned}:
            cleaned.append(word)
    if len(cleaned) > MAX_EXCLUDE_WORDS:
        message = _("At most %(count)d exclusion words.") % {"count": MAX_EXCLUDE_WORDS}
        raise ApplicationError(
            message, code=MonitoringErrorCode.TERM_INVALID, fields={"exclude_words": [message]}
        )
    return cleaned


def _term_text(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        message = _("Please enter a term.")
        raise ApplicationError(message, code=MonitoringErrorCode.TERM_INVALID, fields={"text": [message]})
    return text


def _term_exists() -> ConflictError:
    message = _("This term is monitored already.")
    return ConflictError(message, code=MonitoringErrorCode.TERM_EXISTS, fields={"text": [message]})


def term_create(
    *,
    actor: User,
    text: str,
    kind: str,
    case_sensitive: bool = False,
    whole_word: bool = True,
    exclude_words: list[str] | None = None,
    active: bool = True,
) -> MonitoredTerm:
    text = _term_text(text)
    if MonitoredTerm.objects.filter(text__iexact=text).exists():
        raise _term_exists()
    try:
        with transaction.atomic():
            term = MonitoredTerm(
                text=text,
                kind=kind,
                case_sensitive=case_sensitive,
                whole_word=whole_word,
                exclude_words=_clean_exclude_words(exclude_words or []),
                active=active,
            )
            term.full_clean(validate_unique=False)
            term.save()
            audit_record(
                actor=actor,
                action="monitoring.term.create",
                target=term,
                changes={"text": text, "kind": kind, "exclude_words": term.exclude_words},
            )
            _request_rescan()
    except IntegrityError as exc:
        raise _term_exists() from exc
    return term


def term_update(*, actor: User, term: MonitoredTerm, data: dict[str, Any]) -> MonitoredTerm:
    data = dict(data)
    if "text" in data:
        data["text"] = _term_text(data["text"])
        if MonitoredTerm.objects.filter(text__iexact=data["text"]).exclude(pk=term.pk).exists():
            raise _term_exists()
    if "exclude_words" in data:
        data["exclude_words"] = _clean_exclude_words(data["exclude_words"])
    with transaction.atomic():
        term, changed = model_update(instance=term, fields=TERM_FIELDS, data=data)
        if changed:
            audit_record(
                actor=actor,
                action="monitoring.term.update",
                target=term,
                changes={name: data[name] for name in TERM_FIELDS if name in data},
            )
            _request_rescan()
    return term


def term_delete(*, actor: User, term: MonitoredTerm) -> None:
    with transaction.atomic():
        audit_record(actor=actor, action="monitoring.term.delete", target=term, changes={"text": term.text})
        term.delete()
        _request_rescan()


# --- privacy ------------------------------------------------------------------------------------------


def mentions_purge(*, now: datetime, days: int | None = None) -> int:
    """Delete mentions older than the retention period (by publication date, else by when we found them)."""
    cutoff = now - timedelta(days=retention_days() if days is None else days)
    stale = Mention.objects.annotate(moment=Coalesce("published_at", "created_at")).filter(moment__lt=cutoff)
    deleted, _counts = Mention.objects.filter(pk__in=stale.values("pk")).delete()
    return int(_counts.get(Mention._meta.label, 0)) if deleted else 0


def mentions_unlink_person(*, user: User) -> int:
    """Erasure: remove the person from every mention; mentions that named only them are deleted."""
    mention_ids = list(Mention.experts.through.objects.filter(user=user).values_list("mention_id", flat=True))
    Mention.experts.through.objects.filter(user=user).delete()
    orphaned = Mention.objects.filter(pk__in=mention_ids, terms__isnull=True, experts__isnull=True)
    deleted, _counts = Mention.objects.filter(pk__in=list(orphaned.values_list("pk", flat=True))).delete()
    return deleted
