"""Writes of the content app: items and their workflow, suggestions, feed sources (guidelines and
confidentiality rules: sichtbar.governance; notifications and digests: sichtbar.notifications)."""

import io
import logging
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sichtbar.accounts.models import Department, Location, User
from sichtbar.audit.services import audit_record
from sichtbar.core import images
from sichtbar.core.errors import ApplicationError, ConflictError, PermissionDeniedError
from sichtbar.core.richtext import html_to_text, sanitize_html, sanitize_plain_text
from sichtbar.core.services import model_update
from sichtbar.core.tasks import enqueue_on_commit
from sichtbar.governance.confidentiality import RuleMatch
from sichtbar.governance.services import confidentiality_check
from sichtbar.notifications.models import Notification
from sichtbar.notifications.services import notify
from sichtbar.profiles.models import Skill, SkillStatus

from . import selectors
from .error_codes import ContentErrorCode
from .limits import NETWORK_TEXT_LIMITS, text_length
from .models import (
    ContentComment,
    ContentItem,
    ContentKind,
    ContentSettings,
    ContentSource,
    ContentStatus,
    ImportedEntry,
    ShareText,
)

logger = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 5 * 1024 * 1024
IMAGE_SIZE = 1200
ITEM_FIELDS = ["kind", "title", "summary", "url", "language", "important", "starts_at", "expires_at"]


# --- content items -------------------------------------------------------------------------------


def _unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title.replace("ß", "ss"))[:120].strip("-") or "beitrag"
    taken = ContentItem.objects.filter(slug__startswith=base)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    existing = set(taken.values_list("slug", flat=True))
    slug, n = base, 2
    while slug in existing:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        message = _("Please enter a web address (https://…).")
        raise ApplicationError(message, code=ContentErrorCode.URL_INVALID, fields={"url": [message]})
    return url


def _check_dates(starts_at: datetime | None, expires_at: datetime | None) -> None:
    if starts_at and expires_at and expires_at <= starts_at:
        message = _("The expiry date must be after the start date.")
        raise ApplicationError(message, code=ContentErrorCode.DATES_INVALID, fields={"expires_at": [message]})


def share_texts_clean(texts: dict[str, str]) -> dict[str, str]:
    """Suggested share texts are plain text, cleaned like the texts employees share."""
    return {network: sanitize_plain_text(text) for network, text in texts.items()}


def share_texts_validate(*, texts: dict[str, str]) -> list[RuleMatch]:
    """Check each network's text: known network, within its length limit, no block rule matched.
    Returns the warn-rule matches; raises with per-network field errors otherwise."""
    errors: dict[str, list[str]] = {}
    warnings: list[RuleMatch] = []
    blocked: list[RuleMatch] = []
    for network, text in texts.items():
        limit = NETWORK_TEXT_LIMITS.get(network)
        if limit is None:
            errors[f"share_texts.{network}"] = [_("Unknown network.")]
            continue
        if text_length(text) > limit:
            errors[f"share_texts.{network}"] = [
                _("At most %(limit)d characters on this network (now %(length)d).")
                % {"limit": limit, "length": text_length(text)}
            ]
            continue
        result = confidentiality_check(text=text)
        if result.blocked:
            names = sorted({m.name for m in result.matches if m.action == "block"})
            errors[f"share_texts.{network}"] = [
                _("Blocked by the confidentiality rule(s): %(rules)s.") % {"rules": ", ".join(names)}
            ]
            blocked += [m for m in result.matches if m.action == "block"]
        warnings += result.warnings
    if errors:
        code = ContentErrorCode.SHARE_TEXT_BLOCKED if blocked else ContentErrorCode.SHARE_TEXT_TOO_LONG
        if any(message == [_("Unknown network.")] for message in errors.values()) and not blocked:
            code = ContentErrorCode.NETWORK_UNKNOWN
        raise ApplicationError(
            _("Please correct the share texts."),
            code=code,
            fields=errors,
            extra={"matches": [vars(m) for m in blocked]},
        )
    return warnings


def _set_share_texts(item: ContentItem, texts: dict[str, str]) -> None:
    texts = {network: text.strip() for network, text in texts.items()}
    ShareText.objects.filter(content=item).exclude(network__in=[n for n, t in texts.items() if t]).delete()
    for network, text in texts.items():
        if text:
            ShareText.objects.update_or_create(content=item, network=network, defaults={"text": text})


def _approved_topics(topic_ids: list[int]) -> list[Skill]:
    topics = list(Skill.objects.filter(pk__in=topic_ids, status=SkillStatus.APPROVED))
    if len(topics) != len(set(topic_ids)):
        message = _("Unknown topic.")
        raise ApplicationError(message, code=ContentErrorCode.TOPIC_UNKNOWN, fields={"topics": [message]})
    return topics


def _set_relations(item: ContentItem, data: dict[str, Any]) -> None:
    if "topics" in data:
        item.topics.set(_approved_topics(data["topics"]))
    if "departments" in data:
        item.departments.set(Department.objects.filter(pk__in=data["departments"]))
    if "locations" in data:
        item.locations.set(Location.objects.filter(pk__in=data["locations"]))
    if "share_texts" in data:
        _set_share_texts(item, data["share_texts"])


def _translation_group(translation_of: int | None, language: str, exclude_pk: int | None = None) -> uuid.UUID:
    if translation_of is None:
        return uuid.uuid4()
    other = ContentItem.objects.filter(pk=translation_of).first()
    if other is None or other.pk == exclude_pk:
        message = _("Unknown item.")
        raise ApplicationError(
            message, code=ContentErrorCode.TRANSLATION_INVALID, fields={"translation_of": [message]}
        )
    same_language = ContentItem.objects.filter(translation_group=other.translation_group, language=language)
    if exclude_pk is not None:
        same_language = same_language.exclude(pk=exclude_pk)
    if same_language.exists():
        message = _("This item already has a version in this language.")
        raise ApplicationError(
            message, code=ContentErrorCode.TRANSLATION_INVALID, fields={"translation_of": [message]}
        )
    return other.translation_group


def content_create(*, actor: User, data: dict[str, Any]) -> tuple[ContentItem, list[RuleMatch]]:
    """Create a draft. Returns the item and the warn-rule matches of its share texts."""
    data = dict(data)
    if "share_texts" in data:
        data["share_texts"] = share_texts_clean(data["share_texts"])
    warnings = share_texts_validate(texts=data.get("share_texts", {}))
    _check_dates(data.get("starts_at"), data.get("expires_at"))
    values = {name: data[name] for name in ITEM_FIELDS if name in data}
    values["url"] = _check_url(values["url"])
    values["summary"] = sanitize_html(values.get("summary", ""))
    language = values.get("language", "de")
    with transaction.atomic():
        group = _translation_group(data.get("translation_of"), language)
        slug = data.get("slug") or _unique_slug(values["title"])
        if ContentItem.objects.filter(slug=slug).exists():
            message = _("This address is taken.")
            raise ConflictError(message, code=ContentErrorCode.SLUG_TAKEN, fields={"slug": [message]})
        item = ContentItem.objects.create(
            **values, slug=slug, translation_group=group, created_by=actor, status=ContentStatus.DRAFT
        )
        _set_relations(item, data)
        audit_record(actor=actor, action="content.create", target=item, changes={"title": item.title})
    return item, warnings


def content_update(
    *, actor: User, item: ContentItem, data: dict[str, Any]
) -> tuple[ContentItem, list[RuleMatch]]:
    data = dict(data)
    if "share_texts" in data:
        data["share_texts"] = share_texts_clean(data["share_texts"])
    warnings = share_texts_validate(texts=data.get("share_texts", {}))
    if "url" in data:
        data["url"] = _check_url(data["url"])
    if "summary" in data:
        data["summary"] = sanitize_html(data["summary"])
    _check_dates(data.get("starts_at", item.starts_at), data.get("expires_at", item.expires_at))
    with transaction.atomic():
        if "slug" in data and data["slug"] and data["slug"] != item.slug:
            if ContentItem.objects.filter(slug=data["slug"]).exclude(pk=item.pk).exists():
                message = _("This address is taken.")
                raise ConflictError(message, code=ContentErrorCode.SLUG_TAKEN, fields={"slug": [message]})
            if item.status != ContentStatus.DRAFT:  # shared links carry the slug as utm_campaign
                message = _("The address can only change while the item is a draft.")
                raise ConflictError(message, code=ContentErrorCode.SLUG_TAKEN, fields={"slug": [message]})
        if "translation_of" in data:
            language = data.get("language", item.language)
            data["translation_group"] = (
                _translation_group(data["translation_of"], language, exclude_pk=item.pk)
                if data["translation_of"]
                else uuid.uuid4()
            )
        item, _changed = model_update(
            instance=item, fields=[*ITEM_FIELDS, "slug", "translation_group"], data=data
        )
        _set_relations(item, data)
        changes = {k: v for k, v in data.items() if k in ITEM_FIELDS or k in ("topics", "slug")}
        audit_record(actor=actor, action="content.update", target=item, changes=changes)
    return item, warnings


def content_image_set(*, actor: User, item: ContentItem, upload: UploadedFile) -> ContentItem:
    data = _image_bytes(upload, size=upload.size)
    _store_image(item, data)
    audit_record(actor=actor, action="content.image", target=item)
    return item


def _image_bytes(stream: Any, *, size: int | None) -> bytes:
    """Check type and size, drop metadata, scale to at most 1200 px and encode as WebP (`core/images.py`)."""
    message = _("Please upload a JPEG, PNG or WebP image of at most 5 MB.")
    try:
        return images.webp(stream, size=size, max_side=IMAGE_SIZE, quality=82, max_bytes=MAX_IMAGE_BYTES)
    except images.ImageRejected:
        raise ApplicationError(
            message, code=ContentErrorCode.IMAGE_INVALID, fields={"image": [message]}
        ) from None


def _store_image(item: ContentItem, data: bytes) -> None:
    images.replace_file(item.image, name=f"{item.slug[:80]}-{timezone.now():%Y%m%d%H%M%S}.webp", data=data)


def content_image_delete(*, actor: User, item: ContentItem) -> ContentItem:
    if item.image:
        item.image.delete(save=True)
        audit_record(actor=actor, action="content.image.delete", target=item)
    return item


# --- workflow ------------------------------------------------------------------------------------

# action -> (allowed source statuses, target status)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "submit": ((ContentStatus.DRAFT,), ContentStatus.IN_REVIEW),
    "approve": ((ContentStatus.IN_REVIEW,), ContentStatus.PUBLISHED),
    "request_changes": ((ContentStatus.IN_REVIEW,), ContentStatus.DRAFT),
    "archive": (
        (ContentStatus.DRAFT, ContentStatus.IN_REVIEW, ContentStatus.PUBLISHED),
        ContentStatus.ARCHIVED,
    ),
    "reopen": ((ContentStatus.ARCHIVED,), ContentStatus.DRAFT),
}


def _may_review(*, reviewer: User, item: ContentItem) -> bool:
    return selectors.content_reviewers_eligible(item=item).filter(pk=reviewer.pk).exists()


def content_transition(
    *, actor: User, item: ContentItem, action: str, comment: str = "", reviewer: User | None = None
) -> ContentItem:
    """Move an item through draft → in review → published → archived; other moves are conflicts."""
    allowed, target = TRANSITIONS[action]
    with transaction.atomic():
        item = ContentItem.objects.select_for_update().get(pk=item.pk)
        if item.status not in allowed:
            raise ConflictError(
                _("This item cannot be moved from “%(status)s” this way.")
                % {"status": item.get_status_display()},
                code=ContentErrorCode.INVALID_TRANSITION,
                extra={"status": item.status, "action": action},
            )
        if action == "approve" and not selectors.may_approve(user=actor, item=item):
            raise PermissionDeniedError(
                _("You wrote this item: another manager has to approve it (four-eyes rule)."),
                code=ContentErrorCode.SELF_APPROVAL,
            )
        if action == "submit" and reviewer is not None and not _may_review(reviewer=reviewer, item=item):
            message = _("This person cannot review the item; please choose another manager.")
            raise ApplicationError(
                message, code=ContentErrorCode.REVIEWER_INELIGIBLE, fields={"reviewer": [message]}
            )
        before = item.status
        item.status = target
        fields = ["status", "updated_at"]
        if action == "submit":
            item.reviewer = reviewer
            fields.append("reviewer")
        if action == "approve":
            item.reviewer = actor
            fields.append("reviewer")
            if item.published_at is None:
                item.published_at = timezone.now()
                fields.append("published_at")
        item.save(update_fields=fields)
        if comment.strip():
            ContentComment.objects.create(content=item, author=actor, body=comment.strip()[:4000])
        audit_record(
            actor=actor,
            action=f"content.{action}",
            target=item,
            changes={"status": [before, target], "comment": comment.strip()[:500]},
        )
        if action == "submit" and reviewer is not None:
            notify(
                user=reviewer,
                kind="content_review",
                title=_("Please review: %(title)s") % {"title": item.title},
                url=f"/content/{item.pk}",
            )
        if action in ("approve", "request_changes") and item.created_by and item.created_by != actor:
            title = (
                _("Published: %(title)s") if action == "approve" else _("Changes requested: %(title)s")
            ) % {"title": item.title}
            notify(user=item.created_by, kind=f"content_{action}", title=title, url=f"/content/{item.pk}")
        if action == "approve":
            from .tasks import content_published_notify

            enqueue_on_commit(content_published_notify, content_id=item.pk)
    return item


def content_comment_add(*, actor: User, item: ContentItem, body: str) -> ContentComment:
    with transaction.atomic():
        comment = ContentComment.objects.create(content=item, author=actor, body=body.strip()[:4000])
        audit_record(actor=actor, action="content.comment", target=item, changes={"comment": body[:500]})
    return comment


def content_published_notify(*, content_id: int) -> int:
    """Bell notifications for an item that went live: everyone in its audience when it is important,
    otherwise the people whose skills match its topics. A few queries for any number of people;
    idempotent through the notification's dedup key."""
    from sichtbar.profiles.models import ProfileSkill

    item = ContentItem.objects.filter(selectors.live_q(), pk=content_id).first()
    if item is None:
        return 0
    audience = User.objects.filter(is_active=True)
    department_ids = list(item.departments.values_list("id", flat=True))
    location_ids = list(item.locations.values_list("id", flat=True))
    if department_ids:
        audience = audience.filter(department_id__in=department_ids)
    if location_ids:
        audience = audience.filter(location_id__in=location_ids)
    if not item.important:
        topic_ids = list(item.topics.values_list("id", flat=True))
        interested = ProfileSkill.objects.filter(skill_id__in=topic_ids).values("profile__user_id")
        audience = audience.filter(pk__in=interested)
    key = f"content-published:{item.pk}"
    recipients = list(audience.exclude(notifications__dedup_key=key).values_list("id", "language"))
    notifications = []
    for language in {lang for _id, lang in recipients}:
        with translation.override(language):
            title = (_("Important: %(title)s") if item.important else _("New for you: %(title)s")) % {
                "title": item.title
            }
        notifications += [
            Notification(
                user_id=user_id,
                kind="content_important" if item.important else "content_interest",
                title=title[:300],
                url=f"/content/available?item={item.pk}",
                dedup_key=key,
            )
            for user_id, lang in recipients
            if lang == language
        ]
    Notification.objects.bulk_create(notifications, ignore_conflicts=True, batch_size=1000)
    return len(notifications)


# --- suggestions ---------------------------------------------------------------------------------


def content_suggest(*, user: User, url: str, note: str = "") -> ContentItem:
    """An employee's link and note land in the review queue as a draft; metadata is fetched later."""
    url = _check_url(url)
    parts = urlsplit(url)
    with transaction.atomic():
        item = ContentItem.objects.create(
            slug=_unique_slug(f"vorschlag {parts.hostname} {timezone.now():%Y%m%d%H%M%S}"),
            title=(parts.hostname or url)[:300],
            url=url,
            language=user.language,
            status=ContentStatus.DRAFT,
            created_by=user,
            suggested_by=user,
            suggestion_note=note.strip()[:2000],
        )
        from .tasks import content_fetch_metadata

        enqueue_on_commit(content_fetch_metadata, content_id=item.pk)
    for manager in User.objects.filter(is_active=True, role__in=["manager", "admin"]):
        notify(
            user=manager,
            kind="content_suggestion",
            title=_("New suggestion from %(name)s") % {"name": user.full_name},
            url="/content/review",
        )
    return item


def content_fetch_metadata(*, content_id: int) -> bool:
    """Fill title, description and image of a suggestion from the page's Open Graph tags (once)."""
    from .metadata import fetch_page_metadata

    item = ContentItem.objects.filter(pk=content_id, metadata_fetched_at__isnull=True).first()
    if item is None:
        return False
    metadata = fetch_page_metadata(item.url)
    fields = ["metadata_fetched_at", "updated_at"]
    item.metadata_fetched_at = timezone.now()
    if metadata is not None:
        if metadata.title:
            item.title = metadata.title[:300]
            fields.append("title")
        if metadata.description and not item.summary:
            item.summary = sanitize_html(f"<p>{_escape(metadata.description)}</p>")
            fields.append("summary")
        if metadata.language in ("de", "en"):
            item.language = metadata.language
            fields.append("language")
    item.save(update_fields=fields)
    if metadata is not None and metadata.image and not item.image:
        try:
            _store_image(item, _image_bytes(io.BytesIO(metadata.image), size=len(metadata.image)))
        except ApplicationError:
            logger.info("og:image of content %s is not a usable image", item.pk)
    return True


def _escape(text: str) -> str:
    from html import escape

    return escape(html_to_text(text))


# --- sources -------------------------------------------------------------------------------------


def source_create(*, actor: User, data: dict[str, Any]) -> ContentSource:
    feed_url = _check_url(data["feed_url"])
    if ContentSource.objects.filter(feed_url=feed_url).exists():
        message = _("This feed is configured already.")
        raise ConflictError(message, code=ContentErrorCode.SOURCE_EXISTS, fields={"feed_url": [message]})
    with transaction.atomic():
        source = ContentSource.objects.create(
            created_by=actor,
            name=data["name"],
            feed_url=feed_url,
            language=data.get("language", "de"),
            kind=data.get("kind", ContentKind.ARTICLE),
            is_active=data.get("is_active", True),
        )
        audit_record(
            actor=actor, action="content.source.create", target=source, changes={"feed_url": feed_url}
        )
        from .tasks import source_import

        enqueue_on_commit(source_import, source_id=source.pk)
    return source


def source_update(*, actor: User, source: ContentSource, data: dict[str, Any]) -> ContentSource:
    if "feed_url" in data:
        data = {**data, "feed_url": _check_url(data["feed_url"])}
    with transaction.atomic():
        source, changed = model_update(
            instance=source, fields=["name", "feed_url", "language", "kind", "is_active"], data=data
        )
        if changed:
            audit_record(actor=actor, action="content.source.update", target=source, changes=dict(data))
    return source


def source_delete(*, actor: User, source: ContentSource) -> None:
    with transaction.atomic():
        audit_record(actor=actor, action="content.source.delete", target=source)
        source.delete()


@dataclass(frozen=True)
class ImportResult:
    created: int = 0
    not_modified: bool = False
    error: str = ""


def source_import(*, source_id: int) -> ImportResult:
    """Fetch a company feed (conditional GET, SSRF-safe) and create a draft for every new entry.

    Entries are recognised by their id, and by their URL only where no other entry of the feed shares it:
    re-runs and edited feeds import nothing twice, and entries that share a link (a jobs feed pointing at
    one careers page) are all imported.
    A failure is stored as a stable code and a translated message (sichtbar.core.feeds.errors)."""
    from sichtbar.core.feeds.discovery import fetch_feed
    from sichtbar.core.feeds.errors import feed_error, invalid_feed
    from sichtbar.core.feeds.parsing import parse_feed
    from sichtbar.core.http import OutboundError

    source = ContentSource.objects.filter(pk=source_id, is_active=True).first()
    if source is None:
        return ImportResult(error="inactive")
    now = timezone.now()
    try:
        result = fetch_feed(source.feed_url, etag=source.etag, last_modified=source.last_modified)
    except OutboundError as exc:
        failure = feed_error(exc)
        ContentSource.objects.filter(pk=source.pk).update(
            last_error=failure.message[:500], last_error_code=failure.code, last_fetch_at=now
        )
        return ImportResult(error=failure.code)
    validators = {"etag": (result.etag or "")[:300], "last_modified": (result.last_modified or "")[:100]}
    ok = {"last_error": "", "last_error_code": "", "last_fetch_at": now, **validators}
    if result.not_modified:
        ContentSource.objects.filter(pk=source.pk).update(**ok)
        return ImportResult(not_modified=True)
    feed = parse_feed(result.content, content_type=result.content_type, base_url=result.final_url)
    if feed is None:
        failure = invalid_feed()
        ContentSource.objects.filter(pk=source.pk).update(
            last_error=failure.message, last_error_code=failure.code, last_fetch_at=now
        )
        return ImportResult(error=failure.code)
    created = 0
    shared = Counter(entry.url for entry in feed.entries)
    for entry in feed.entries:
        if not entry.url or urlsplit(entry.url).scheme not in ("http", "https"):
            continue
        keys = {f"id:{entry.external_id}"[:1000]}
        if shared[entry.url] == 1:
            keys.add(f"url:{entry.url}"[:1000])
        with transaction.atomic():
            if ImportedEntry.objects.filter(source=source, key__in=keys).exists():
                continue
            item = ContentItem.objects.create(
                slug=_unique_slug(entry.title or entry.url),
                kind=source.kind,
                title=(entry.title or entry.url)[:300],
                summary=sanitize_html(entry.summary_html),
                url=entry.url[:1000],
                language=source.language,
                status=ContentStatus.DRAFT,
                source=source,
            )
            try:
                with transaction.atomic():
                    ImportedEntry.objects.bulk_create(
                        [ImportedEntry(source=source, key=key, content=item) for key in sorted(keys)]
                    )
            except IntegrityError:  # a concurrent run imported it a moment ago
                transaction.set_rollback(True)
                continue
            created += 1
    ContentSource.objects.filter(pk=source.pk).update(**ok)
    return ImportResult(created=created)


def content_settings_update(*, actor: User, data: dict[str, Any]) -> ContentSettings:
    """Change the organisation's content settings (admins); audited."""
    current = selectors.content_settings_get()
    before = {field: getattr(current, field) for field in data}
    updated, changed = model_update(instance=current, fields=["allow_self_approval"], data=data)
    if changed:
        audit_record(
            actor=actor,
            action="content.settings.update",
            target=updated,
            changes={field: [before[field], getattr(updated, field)] for field in data},
        )
    return updated
