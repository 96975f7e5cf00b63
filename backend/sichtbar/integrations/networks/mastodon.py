"""Mastodon: our app per instance, the connection after OAuth (with PKCE), posting, revocation and the
import of the account's public statuses with their metrics."""

import logging
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sichtbar.accounts.models import User
from sichtbar.core.errors import ApplicationError
from sichtbar.core.events import PostsImported, publish
from sichtbar.core.richtext import sanitize_html

from ..crypto import encrypt
from ..error_codes import IntegrationsErrorCode, SyncErrorCode
from ..models import Connection, ConnectionStatus, ImportedPost, MastodonApp, OAuthToken, Provider
from ..providers import oauth2
from ..providers.errors import ProviderAuthExpired, ProviderError, ProviderRateLimited
from ..providers.mastodon import client as mastodon
from ..providers.results import PublishedPost
from ..services import MAX_RETRY_AFTER_SECONDS, SYNC_LOCK_SECONDS, SyncResult
from . import tokens
from .tokens import redirect_uri

logger = logging.getLogger(__name__)

MAX_MASTODON_ACCOUNTS = 5


def _mastodon_app(instance: str) -> MastodonApp:
    """Our app at this instance, registered on first use and reused after (cached per instance)."""
    uri = redirect_uri(Provider.MASTODON)
    scopes = " ".join(mastodon.scopes())
    app = MastodonApp.objects.filter(instance_url=instance, redirect_uri=uri, scopes=scopes).first()
    if app is not None:
        return app
    try:
        registered = mastodon.register_app(instance, redirect_uri=uri)
    except ProviderError as exc:
        message = _("This Mastodon instance could not be reached or refused to register Sichtbar.")
        raise ApplicationError(
            message, code=IntegrationsErrorCode.INSTANCE_UNREACHABLE, fields={"instance": [message]}
        ) from exc
    try:
        app, _created = MastodonApp.objects.get_or_create(
            instance_url=instance,
            redirect_uri=uri,
            scopes=scopes,
            defaults={
                "client_id": registered.client_id,
                "client_secret_encrypted": encrypt(registered.client_secret),
            },
        )
    except IntegrityError:  # registered twice at once: keep the first
        app = MastodonApp.objects.get(instance_url=instance, redirect_uri=uri, scopes=scopes)
    return app


def _registered(app: MastodonApp) -> mastodon.RegisteredApp:
    return mastodon.RegisteredApp(client_id=app.client_id, client_secret=app.client_secret)


def config(instance: str = "") -> oauth2.OAuthConfig:
    return mastodon.oauth_config(instance, _registered(_mastodon_app(instance)))


def start_instance(*, instance: str, connection: Connection | None) -> str:
    """The instance the authorisation starts at: the reconnected connection's, or the normalised input."""
    if connection is not None and connection.instance_url:
        instance = connection.instance_url
    try:
        return mastodon.normalise_instance(instance)
    except ValueError:
        message = _("Please enter the https address of your Mastodon instance, e.g. mastodon.social.")
        raise ApplicationError(
            message, code=IntegrationsErrorCode.INSTANCE_INVALID, fields={"instance": [message]}
        ) from None


def connected(*, user: User, instance: str, token: oauth2.TokenResponse) -> Connection:
    account = mastodon.verify_credentials(instance, token.access_token)
    mine = Connection.objects.filter(user=user, provider=Provider.MASTODON)
    existing = mine.filter(instance_url=instance, external_account_id=account.id).first()
    if existing is None and mine.count() >= MAX_MASTODON_ACCOUNTS:
        raise ApplicationError(
            _("You can connect at most %(count)d Mastodon accounts.") % {"count": MAX_MASTODON_ACCOUNTS},
            code=IntegrationsErrorCode.TOO_MANY_CONNECTIONS,
        )
    values = {
        **tokens.ok_fields(token),
        "url": account.url or f"{instance}/@{account.username}",
        "title": (account.display_name or f"@{account.acct}")[:300],
        "instance_url": instance,
        "external_account_id": account.id,
        "followers": account.followers,
        "suggestions": {"profile_url": account.url} if account.url.startswith("https://") else {},
    }
    with transaction.atomic():
        if existing is None:
            connection = Connection.objects.create(user=user, provider=Provider.MASTODON, **values)
        else:
            for name, value in values.items():
                setattr(existing, name, value)
            existing.save()
            connection = existing
        tokens.store(connection, token)
        from sichtbar.core.tasks import enqueue_on_commit

        from .. import tasks

        enqueue_on_commit(tasks.mastodon_sync, connection_id=connection.pk)
    return connection


# --- disconnect -----------------------------------------------------------------------------------------


def revoke(*, connection: Connection, token: OAuthToken) -> None:
    """Revoke the token at the instance now (disconnecting); a failure is logged, the token goes anyway."""
    if not connection.instance_url:
        return
    app = MastodonApp.objects.filter(
        instance_url=connection.instance_url, redirect_uri=redirect_uri(Provider.MASTODON)
    ).first()
    if app is not None:
        try:
            mastodon.revoke(connection.instance_url, _registered(app), token.access_token)
        except Exception as exc:  # the tokens go anyway; the instance may be gone for good
            logger.warning("revoking the Mastodon token of connection %s failed: %s", connection.pk, exc)


def revoke_later(*, connection: Connection) -> None:
    """Erasure: revoke the connection's Mastodon token at the instance after the transaction commits (the
    caller deletes the token in it); never while holding the transaction, never if it rolls back."""
    token = OAuthToken.objects.filter(connection=connection).first()
    if token is None or connection.provider != Provider.MASTODON or not connection.instance_url:
        return
    app = MastodonApp.objects.filter(
        instance_url=connection.instance_url, redirect_uri=redirect_uri(Provider.MASTODON)
    ).first()
    if app is None:
        return
    instance, registered, access, connection_id = (
        connection.instance_url,
        _registered(app),
        token.access_token,
        connection.pk,
    )

    def revoke() -> None:
        try:
            mastodon.revoke(instance, registered, access)
        except Exception as exc:  # the token is gone here anyway; the instance may be gone for good
            logger.warning("revoking the Mastodon token of connection %s failed: %s", connection_id, exc)

    transaction.on_commit(revoke)


# --- publish --------------------------------------------------------------------------------------------


def publish_status(
    *, connection: Connection, access_token: str, text: str, url: str, idempotency_key: str
) -> PublishedPost:
    status_text = text.strip() if not url or url in text else f"{text.strip()}\n\n{url}".strip()
    status_id, status_url = mastodon.post_status(
        connection.instance_url, access_token, text=status_text, idempotency_key=idempotency_key
    )
    return PublishedPost(external_id=status_id, url=status_url)


# --- import ---------------------------------------------------------------------------------------------


def mastodon_sync(*, connection_id: int) -> SyncResult:
    """Followers and the account's public statuses with their metrics. Errors are recorded on the
    connection and never raised, so one account's failure does not stop the others."""
    connection = (
        Connection.objects.select_related("user").filter(pk=connection_id, provider=Provider.MASTODON).first()
    )
    if connection is None or not connection.user.is_active or not connection.instance_url:
        return SyncResult(skipped=True)
    if connection.status == ConnectionStatus.NEEDS_RECONSENT:
        return SyncResult(skipped=True)
    lock = f"integrations:sync:{connection.pk}"
    if not cache.add(lock, 1, SYNC_LOCK_SECONDS):
        return SyncResult(skipped=True)
    try:
        return _mastodon_sync(connection)
    except ProviderAuthExpired:
        tokens.auth_expired(connection)
        return SyncResult(error_code=SyncErrorCode.AUTH_EXPIRED)
    except ProviderRateLimited as exc:
        _sync_error(
            connection, SyncErrorCode.RATE_LIMITED, _("Mastodon asked us to slow down; retrying later.")
        )
        retry = min(exc.retry_after, MAX_RETRY_AFTER_SECONDS) if exc.retry_after is not None else None
        return SyncResult(error_code=SyncErrorCode.RATE_LIMITED, temporary=True, retry_after=retry)
    except ProviderError as exc:
        _sync_error(
            connection, SyncErrorCode.PROVIDER_ERROR, _("The Mastodon instance failed to answer properly.")
        )
        logger.info("Mastodon sync of connection %s failed: %s", connection.pk, exc.message)
        return SyncResult(error_code=SyncErrorCode.PROVIDER_ERROR, temporary=exc.temporary)
    except Exception:
        logger.exception("Mastodon sync of connection %s failed", connection.pk)
        _sync_error(connection, SyncErrorCode.SYNC_FAILED, _("The import failed; it will be retried."))
        return SyncResult(error_code=SyncErrorCode.SYNC_FAILED)
    finally:
        cache.delete(lock)


def _sync_error(connection: Connection, code: str, message: str) -> None:
    Connection.objects.filter(pk=connection.pk).update(
        status=ConnectionStatus.ERROR,
        last_error=message[:500],
        last_error_code=code,
        last_sync_at=timezone.now(),
        updated_at=timezone.now(),
    )


def _mastodon_sync(connection: Connection) -> SyncResult:
    access_token = tokens.access_token(connection, lambda: config(connection.instance_url))
    account = mastodon.verify_credentials(connection.instance_url, access_token)
    pages: list[list[mastodon.Status]] = []
    max_id = ""
    for _page in range(max(1, settings.MASTODON_IMPORT_PAGES)):
        page = mastodon.account_statuses(
            connection.instance_url, access_token, connection.external_account_id, max_id=max_id
        )
        pages.append(page.statuses)
        if not page.next_max_id or page.next_max_id == max_id:
            break
        max_id = page.next_max_id
    # Everything fetched before anything is written: a failing page leaves the stored posts as they were.
    statuses = [s for page in pages for s in page if s.visibility == "public" and not s.is_reblog]
    now = timezone.now()
    with transaction.atomic():
        created, updated = _store_statuses(connection, statuses, now)
        Connection.objects.filter(pk=connection.pk).update(
            status=ConnectionStatus.CONNECTED,
            last_error="",
            last_error_code="",
            last_sync_at=now,
            followers=account.followers,
            updated_at=now,
        )
        if created or updated:
            publish(PostsImported(user_ids=[connection.user_id], post_ids=[]))
    return SyncResult(created=created, updated=updated)


def _store_statuses(
    connection: Connection, statuses: list[mastodon.Status], now: datetime
) -> tuple[int, int]:
    existing = {post.external_id: post for post in connection.posts.all()}
    created = updated = 0
    scan: list[int] = []
    seen: set[str] = set()
    for status in statuses:
        if status.id in seen:
            continue
        seen.add(status.id)
        values = {
            "url": status.url,
            "title": status.spoiler_text[:500],
            "summary": sanitize_html(status.content_html),
            "published_at": status.created_at,
            "language": status.language,
            "likes": status.favourites,
            "reposts": status.reblogs,
            "replies": status.replies,
        }
        post = existing.get(status.id)
        if post is None:
            post = ImportedPost.objects.create(
                connection=connection,
                author=connection.user,
                external_id=status.id,
                metrics_updated_at=now,
                **values,
            )
            scan.append(post.pk)
            created += 1
            continue
        changed = [name for name, value in values.items() if getattr(post, name) != value]
        if changed:
            for name in changed:
                setattr(post, name, values[name])
            post.metrics_updated_at = now
            post.save(update_fields=[*changed, "metrics_updated_at", "updated_at"])
            if {"summary", "title"} & set(changed):
                scan.append(post.pk)
            updated += 1
    publish(PostsImported(user_ids=[], post_ids=scan))  # mention monitoring looks at new and changed posts
    return created, updated
