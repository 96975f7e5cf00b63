"""Writes of the content app: items and their workflow, suggestions, feed sources, guidelines,
confidentiality rules, in-app notifications and e-mail digests."""

import io
import logging
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from sichtbar.accounts.models import Department, Location, User
from sichtbar.audit.services import audit_record
from sichtbar.core.errors import ApplicationError, ConflictError, PermissionDeniedError
from sichtbar.core.richtext import html_to_text, sanitize_html, sanitize_plain_text
from sichtbar.core.services import model_update
from sichtbar.core.tasks import enqueue_on_commit
from sichtbar.mail.services import mail_enqueue
from sichtbar.profiles.models import Skill, SkillStatus

from . import selectors
from .confidentiality import CheckResult, PatternError, RuleMatch, compile_rule, match_rules
from .error_codes import ContentErrorCode
from .limits import NETWORK_TEXT_LIMITS, text_length
from .models import (
    ConfidentialityRule,
    ContentComment,
    ContentItem,
    ContentKind,
    ContentSettings,
    ContentSource,
    ContentStatus,
    DigestDelivery,
    DigestFrequency,
    GuidelineAcceptance,
    GuidelineVersion,
    ImportedEntry,
    Notification,
    NotificationPreference,
    ShareText,
)

__all__ = ["CheckResult", "RuleMatch", "confidentiality_check", "notify"]

logger = logging.getLogger(__name__)

IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_IMAGE_BYTES = 5 * 1024 * 1024
IMAGE_SIZE = 1200
ITEM_FIELDS = ["kind", "title", "summary", "url", "language", "important", "starts_at", "expires_at"]
DIGEST_MAX_ITEMS = 10


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
    return ApplicationError(message, code=ContentErrorCode.RULE_PATTERN_INVALID, fields={"value": [message]})


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


# --- notifications -------------------------------------------------------------------------------


def notify(*, user: User, kind: str, title: str, url: str = "", dedup_key: str = "") -> Notification | None:
    """Add an in-app notification for `user`. With a `dedup_key` it is stored at most once per person
    (safe in tasks that may run twice); returns None when it existed already or the person is inactive."""
    if not user.is_active:
        return None
    try:
        with transaction.atomic():
            return Notification.objects.create(
                user=user, kind=kind[:40], title=title[:300], url=url[:500], dedup_key=dedup_key[:200]
            )
    except IntegrityError:
        return None


def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark the given notifications (or all) of `user` as read; returns how many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


def notification_preference_set(*, user: User, digest: str) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"digest": digest}
    )
    return preference


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
    """Check type and size, drop metadata, scale to at most 1200 px and encode as WebP."""
    message = _("Please upload a JPEG, PNG or WebP image of at most 5 MB.")
    invalid = ApplicationError(message, code=ContentErrorCode.IMAGE_INVALID, fields={"image": [message]})
    if size is None or size > MAX_IMAGE_BYTES:
        raise invalid
    try:
        with Image.open(stream) as probe:
            if probe.format not in IMAGE_FORMATS:
                raise invalid
            probe.verify()
        stream.seek(0)
        with Image.open(stream) as image:
            if image.width * image.height > 40_000_000:
                raise invalid
            converted = image.convert("RGB")
            converted.thumbnail((IMAGE_SIZE, IMAGE_SIZE))
            buffer = io.BytesIO()
            converted.save(buffer, format="WEBP", quality=82)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError):
        raise invalid from None
    return buffer.getvalue()


def _store_image(item: ContentItem, data: bytes) -> None:
    old = item.image.name if item.image else None
    item.image.save(f"{item.slug[:80]}-{timezone.now():%Y%m%d%H%M%S}.webp", ContentFile(data))
    if old:
        item.image.storage.delete(old)


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
            code=ContentErrorCode.GUIDELINE_ALREADY_PUBLISHED,
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
                _("This version is published already."), code=ContentErrorCode.GUIDELINE_ALREADY_PUBLISHED
            )
        newer = GuidelineVersion.objects.filter(version__gt=version.version, published_at__isnull=False)
        if newer.exists():
            raise ConflictError(
                _("A newer version is published already."),
                code=ContentErrorCode.GUIDELINE_ALREADY_PUBLISHED,
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
            code=ContentErrorCode.GUIDELINE_NOT_PUBLISHED,
        )
    acceptance, _created = GuidelineAcceptance.objects.get_or_create(
        user=user, version=current, defaults={"accepted_at": timezone.now()}
    )
    return acceptance


# --- digests -------------------------------------------------------------------------------------


def digest_period(*, frequency: str, now: datetime) -> str:
    if frequency == DigestFrequency.DAILY:
        return f"daily:{now.date().isoformat()}"
    year, week, _day = now.isocalendar()
    return f"weekly:{year}-W{week:02d}"


def digest_items(*, user: User, since: datetime) -> list[ContentItem]:
    """Items that went live since `since` and match the person's interests (their skills, interests
    first) or are important."""
    from sichtbar.profiles.models import ProfileSkill

    skill_ids = list(ProfileSkill.objects.filter(profile__user=user).values_list("skill_id", flat=True))
    items = (
        selectors.content_visible_to(user=user)
        .filter(published_at__gte=since)
        .filter(Q(important=True) | Q(topics__in=skill_ids))
        .distinct()
        .order_by("-important", "-published_at")
    )
    return list(items[:DIGEST_MAX_ITEMS])


def digest_send(*, user_id: int, frequency: str, now: datetime | None = None) -> bool:
    """Write one person's digest for the current period to the outbox, at most once: the delivery row
    (unique per person and period) is locked, the mail is enqueued and the row marked in one transaction."""
    now = now or timezone.now()
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or selectors.notification_preference(user=user) != frequency:
        return False
    period = digest_period(frequency=frequency, now=now)
    since = now - (timedelta(days=1) if frequency == DigestFrequency.DAILY else timedelta(days=7))
    with transaction.atomic():
        delivery, _created = DigestDelivery.objects.select_for_update().get_or_create(
            user=user, period=period
        )
        if delivery.sent_at is not None:
            return False
        items = digest_items(user=user, since=since)
        if not items:
            delivery.sent_at = now
            delivery.save(update_fields=["sent_at"])
            return False
        mail_enqueue(
            to=user.email,
            template="content/email/digest",
            context={
                "user": user,
                "items": items,
                "site": settings.SITE_URL.rstrip("/"),
                "frequency": frequency,
            },
            language=user.language,
            reference=f"digest:{user.pk}:{period}",
        )
        delivery.sent_at = now
        delivery.item_count = len(items)
        delivery.save(update_fields=["sent_at", "item_count"])
    return True


def digest_user_ids(*, frequency: str) -> list[int]:
    """People who get this digest: an explicit preference, or no preference and the default (weekly)."""
    explicit = NotificationPreference.objects.filter(digest=frequency, user__is_active=True)
    ids = set(explicit.values_list("user_id", flat=True))
    if frequency == DigestFrequency.WEEKLY:
        ids |= set(
            User.objects.filter(is_active=True, notification_preference__isnull=True).values_list(
                "id", flat=True
            )
        )
    return sorted(ids)


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
