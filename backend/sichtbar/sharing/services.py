"""Writes of the sharing app: create a share (checks, tracked link, API post or share intent), post it
through the network's API (idempotent, retried by the task), schedule and cancel."""

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sichtbar.accounts.models import User
from sichtbar.content.models import ContentItem
from sichtbar.core.errors import ApplicationError, ConflictError
from sichtbar.core.events import ContentShared, publish
from sichtbar.core.networks import Network
from sichtbar.core.richtext import sanitize_plain_text
from sichtbar.core.tasks import enqueue_on_commit
from sichtbar.governance.selectors import guideline_accepted, guideline_current
from sichtbar.governance.services import confidentiality_check
from sichtbar.integrations.selectors import posting_connection, share_intent_url
from sichtbar.integrations.services import (
    ProviderAuthExpired,
    ProviderError,
    ProviderRateLimited,
    publish_post,
)
from sichtbar.links.selectors import short_url
from sichtbar.links.services import link_for_share

from .error_codes import ShareFailureCode, SharingErrorCode
from .models import Share, ShareMethod, ShareStatus
from .selectors import API_NETWORKS, text_limit

logger = logging.getLogger(__name__)


def share_text_clean(text: str) -> str:
    """Plain text: markup and scripts removed, entities decoded, line breaks normalised."""
    return sanitize_plain_text(text)


@dataclass(frozen=True)
class RuleHit:
    rule: int
    name: str
    action: str
    matched_text: str
    description: str


@dataclass(frozen=True)
class TextCheck:
    text: str
    length: int
    limit: int
    blocks: list[RuleHit] = field(default_factory=list)
    warnings: list[RuleHit] = field(default_factory=list)


def share_text_check(*, network: str, text: str) -> TextCheck:
    """Sanitise, measure and run the confidentiality rules; raises nothing (the dialog's live check)."""
    clean = share_text_clean(text)
    result = confidentiality_check(text=clean)
    hits = [RuleHit(m.rule_id, m.name, m.action, m.matched_text, m.description) for m in result.matches]
    return TextCheck(
        text=clean,
        length=len(clean),
        limit=text_limit(network),
        blocks=[h for h in hits if h.action == "block"],
        warnings=[h for h in hits if h.action == "warn"],
    )


def _hits(hits: list[RuleHit]) -> list[dict[str, Any]]:
    return [hit.__dict__ for hit in hits]


@dataclass
class ShareCreated:
    share: Share
    link_url: str
    intent_url: str = ""
    copy_text: str = ""
    warnings: list[RuleHit] = field(default_factory=list)


def _validate(*, user: User, network: str, text: str, acknowledge_warnings: bool) -> TextCheck:
    if not guideline_accepted(user=user):
        current = guideline_current()
        raise ConflictError(
            _("Please read and accept the current social media guidelines before sharing."),
            code=SharingErrorCode.GUIDELINE_NOT_ACCEPTED,
            extra={"guideline_version": current.version if current else None},
        )
    check = share_text_check(network=network, text=text)
    if check.length > check.limit:
        message = _("The text is too long for %(network)s: %(length)s of %(limit)s characters.") % {
            "network": Network(network).label,
            "length": check.length,
            "limit": check.limit,
        }
        raise ApplicationError(
            message,
            code=SharingErrorCode.TEXT_TOO_LONG,
            fields={"text": [message]},
            extra={"length": check.length, "limit": check.limit},
        )
    if check.blocks:
        raise ApplicationError(
            _("The text contains something that must not be shared: %(rules)s.")
            % {"rules": ", ".join(sorted({hit.name for hit in check.blocks}))},
            code=SharingErrorCode.TEXT_BLOCKED,
            extra={"matches": _hits(check.blocks)},
        )
    if check.warnings and not acknowledge_warnings:
        raise ConflictError(
            _("Please check the highlighted passages and confirm that you want to share the text."),
            code=SharingErrorCode.WARNINGS_NOT_ACKNOWLEDGED,
            extra={"warnings": _hits(check.warnings)},
        )
    return check


def share_create(
    *,
    user: User,
    content: ContentItem,
    network: str,
    text: str,
    scheduled_for: datetime | None = None,
    acknowledge_warnings: bool = False,
) -> ShareCreated:
    """Share `content` on `network`. With a connected LinkedIn or Mastodon account the post is queued (or
    scheduled) for the API; otherwise the share intent's address and the text to copy come back.
    Every share gets the tracked link of person × content × network; that short link is what is posted."""
    check = _validate(user=user, network=network, text=text, acknowledge_warnings=acknowledge_warnings)
    connection = posting_connection(user=user, provider=network) if network in API_NETWORKS else None
    now = timezone.now()
    if scheduled_for is not None:
        if connection is None:
            raise ApplicationError(
                _("Only posts through a connected account can be scheduled. Connect the network first."),
                code=SharingErrorCode.SCHEDULE_NEEDS_CONNECTION,
                fields={"scheduled_for": [_("Connect the network to schedule posts.")]},
            )
        if scheduled_for <= now:
            message = _("Please choose a time in the future.")
            raise ApplicationError(
                message, code=SharingErrorCode.SCHEDULE_IN_PAST, fields={"scheduled_for": [message]}
            )
    warnings = [hit.__dict__ for hit in check.warnings]
    with transaction.atomic():
        if connection is not None:
            share = Share.objects.create(
                user=user,
                content=content,
                network=network,
                method=ShareMethod.API,
                text=check.text,
                status=ShareStatus.SCHEDULED if scheduled_for else ShareStatus.QUEUED,
                scheduled_for=scheduled_for,
                followers_at_share=connection.followers,
                acknowledged_warnings=warnings,
            )
        else:
            share = Share.objects.create(
                user=user,
                content=content,
                network=network,
                method=ShareMethod.INTENT,
                text=check.text,
                status=ShareStatus.OPENED,
                shared_at=now,
                acknowledged_warnings=warnings,
            )
        link_url = short_url(link=link_for_share(share=share))
        # a shared item leaves the person's recommendations feed, its topics weigh more
        publish(ContentShared(user_id=user.pk, content_id=content.pk))
        if share.status == ShareStatus.QUEUED:
            from .tasks import share_publish

            enqueue_on_commit(share_publish, share_id=share.pk)
    if share.method == ShareMethod.API:
        return ShareCreated(share=share, link_url=link_url, warnings=check.warnings)
    copy_text = f"{check.text}\n\n{link_url}" if check.text else link_url
    intent = share_intent_url(network=network, url=link_url, text=check.text) or ""
    return ShareCreated(
        share=share, link_url=link_url, intent_url=intent, copy_text=copy_text, warnings=check.warnings
    )


def share_cancel(*, share: Share) -> Share:
    """Cancel a scheduled share before it is due (a queued or posted share cannot be called back)."""
    updated = Share.objects.filter(pk=share.pk, status=ShareStatus.SCHEDULED).update(
        status=ShareStatus.CANCELLED, updated_at=timezone.now()
    )
    if not updated:
        raise ConflictError(
            _("Only scheduled posts can be cancelled."), code=SharingErrorCode.NOT_CANCELLABLE
        )
    share.refresh_from_db()
    return share


@dataclass(frozen=True)
class PublishOutcome:
    status: str  # the share's status afterwards, "" when there was nothing to do
    retry: bool = False
    retry_after: float | None = None


def _fail(share: Share, *, code: str, message: str) -> PublishOutcome:
    share.status = ShareStatus.FAILED
    share.error_code = code
    share.error = message[:500]
    share.save(update_fields=["status", "error_code", "error", "attempts", "updated_at"])
    return PublishOutcome(ShareStatus.FAILED)


def share_publish(*, share_id: int, final_attempt: bool = False) -> PublishOutcome:
    """See `_share_publish`; messages stored on the share are in its author's language."""
    language = Share.objects.filter(pk=share_id).values_list("user__language", flat=True).first()
    with translation.override(language or settings.LANGUAGE_CODE):
        return _share_publish(share_id=share_id, final_attempt=final_attempt)


def _share_publish(*, share_id: int, final_attempt: bool = False) -> PublishOutcome:
    """Post a queued share through the network's API. Safe to run twice: the share is locked while it is
    posted, only a queued share is posted, and the network call carries the share's idempotency key, so
    a retried task returns the post made before instead of posting again."""
    with transaction.atomic():
        share = (
            Share.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("user", "content")
            .filter(pk=share_id, status=ShareStatus.QUEUED)
            .first()
        )
        if share is None:
            return PublishOutcome("")  # posted, cancelled, failed, or another worker holds it
        label = Network(share.network).label
        share.attempts += 1
        connection = posting_connection(user=share.user, provider=share.network)
        if connection is None:
            return _fail(
                share,
                code=ShareFailureCode.NOT_CONNECTED,
                message=_("Your %(network)s account is no longer connected.") % {"network": label},
            )
        link_url = short_url(link=link_for_share(share=share))
        try:
            published = publish_post(
                connection=connection, text=share.text, url=link_url, idempotency_key=f"share-{share.pk}"
            )
        except ProviderAuthExpired:
            return _fail(
                share,
                code=ShareFailureCode.AUTH_EXPIRED,
                message=_(
                    "Your %(network)s access has expired. Connect %(network)s again and share once more."
                )
                % {"network": label},
            )
        except ProviderError as error:
            rate_limited = isinstance(error, ProviderRateLimited)
            code = ShareFailureCode.RATE_LIMITED if rate_limited else ShareFailureCode.PROVIDER_ERROR
            message = (
                _("%(network)s asked us to slow down; the post will be tried again.")
                if rate_limited
                else _("%(network)s could not take the post right now; it will be tried again.")
            ) % {"network": label}
            if error.temporary and not final_attempt:
                share.error_code, share.error = code, message
                share.save(update_fields=["attempts", "error_code", "error", "updated_at"])
                retry_after = error.retry_after if isinstance(error, ProviderRateLimited) else None
                return PublishOutcome(ShareStatus.QUEUED, retry=True, retry_after=retry_after)
            logger.warning("share %s failed at %s: %s", share.pk, share.network, error.message)
            return _fail(
                share,
                code=code,
                message=_("%(network)s did not accept the post. Please try again later.")
                % {"network": label},
            )
        share.status = ShareStatus.POSTED
        share.external_id = published.external_id[:300]
        share.external_url = published.url or ""
        share.shared_at = timezone.now()
        share.error_code, share.error = "", ""
        if connection.followers is not None:
            share.followers_at_share = connection.followers
        share.save(
            update_fields=[
                "status",
                "external_id",
                "external_url",
                "shared_at",
                "error_code",
                "error",
                "attempts",
                "followers_at_share",
                "updated_at",
            ]
        )
        return PublishOutcome(ShareStatus.POSTED)


def shares_release_due(*, now: datetime | None = None) -> list[int]:
    """Move scheduled shares that are due to the queue; returns their ids (the caller enqueues them)."""
    now = now or timezone.now()
    due = list(
        Share.objects.filter(status=ShareStatus.SCHEDULED, scheduled_for__lte=now).values_list(
            "id", flat=True
        )
    )
    if due:
        Share.objects.filter(pk__in=due, status=ShareStatus.SCHEDULED).update(
            status=ShareStatus.QUEUED, updated_at=now
        )
    return due
