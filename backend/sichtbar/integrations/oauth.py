"""Writes for the OAuth networks (LinkedIn, Mastodon): connect, reconnect, disconnect, import, publish.

The flow: `oauth_start` stores a one-time state (hashed) and the PKCE verifier (encrypted) and returns the
network's authorisation URL; the SPA's callback page hands code and state to `oauth_complete`, which checks
the state belongs to this person and network, trades the code for a token and stores it encrypted.
"""

import contextlib
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sichtbar.accounts.models import User
from sichtbar.core.errors import ApplicationError
from sichtbar.core.events import PostsImported, publish
from sichtbar.core.richtext import sanitize_html

from .crypto import decrypt, encrypt
from .error_codes import IntegrationsErrorCode, SyncErrorCode
from .models import (
    Connection,
    ConnectionStatus,
    ImportedPost,
    MastodonApp,
    OAuthState,
    OAuthToken,
    PostPublication,
    Provider,
)
from .providers import oauth2
from .providers.errors import ProviderAuthExpired, ProviderError, ProviderRateLimited
from .providers.linkedin import client as linkedin
from .providers.mastodon import client as mastodon
from .providers.results import PublishedPost
from .services import MAX_RETRY_AFTER_SECONDS, SYNC_LOCK_SECONDS, SyncResult, token_store

logger = logging.getLogger(__name__)

OAUTH_PROVIDERS = (Provider.LINKEDIN, Provider.MASTODON)
MAX_MASTODON_ACCOUNTS = 5


def redirect_uri(provider: str) -> str:
    """Where the network sends the browser back: the SPA's callback page for this network."""
    return f"{settings.SITE_URL}/connections/callback/{provider}"


# --- connect --------------------------------------------------------------------------------------------


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


def _config(provider: str, instance: str = "") -> oauth2.OAuthConfig:
    if provider == Provider.LINKEDIN:
        return linkedin.oauth_config()
    return mastodon.oauth_config(instance, _registered(_mastodon_app(instance)))


def oauth_start(
    *, user: User, provider: str, instance: str = "", connection: Connection | None = None
) -> str:
    """The network's authorisation URL for this person (connect, or reconnect `connection`)."""
    if provider not in OAUTH_PROVIDERS:
        message = _("This network cannot be connected.")
        raise ApplicationError(
            message, code=IntegrationsErrorCode.PROVIDER_NOT_SUPPORTED, fields={"provider": [message]}
        )
    if connection is not None and connection.provider != provider:
        message = _("This connection belongs to another network.")
        raise ApplicationError(
            message, code=IntegrationsErrorCode.PROVIDER_NOT_SUPPORTED, fields={"connection_id": [message]}
        )
    if provider == Provider.LINKEDIN and not linkedin.configured():
        raise ApplicationError(
            _("LinkedIn is not set up for this installation yet; please ask an administrator."),
            code=IntegrationsErrorCode.PROVIDER_NOT_CONFIGURED,
        )
    if provider == Provider.MASTODON:
        if connection is not None and connection.instance_url:
            instance = connection.instance_url
        try:
            instance = mastodon.normalise_instance(instance)
        except ValueError:
            message = _("Please enter the https address of your Mastodon instance, e.g. mastodon.social.")
            raise ApplicationError(
                message, code=IntegrationsErrorCode.INSTANCE_INVALID, fields={"instance": [message]}
            ) from None
    config = _config(provider, instance)
    state = oauth2.new_state()
    verifier = oauth2.new_code_verifier() if config.use_pkce else ""
    cutoff = timezone.now() - timedelta(minutes=settings.SICHTBAR_OAUTH_STATE_MINUTES)
    OAuthState.objects.filter(user=user, created_at__lt=cutoff).delete()
    OAuthState.objects.create(
        user=user,
        provider=provider,
        state_hash=oauth2.state_hash(state),
        code_verifier_encrypted=encrypt(verifier),
        instance_url=instance if provider == Provider.MASTODON else "",
        redirect_uri=redirect_uri(provider),
        connection=connection,
    )
    return oauth2.authorization_url(
        config, redirect_uri=redirect_uri(provider), state=state, code_verifier=verifier
    )


def _take_state(*, user: User, provider: str, state: str) -> OAuthState:
    cutoff = timezone.now() - timedelta(minutes=settings.SICHTBAR_OAUTH_STATE_MINUTES)
    found = OAuthState.objects.filter(
        user=user, provider=provider, state_hash=oauth2.state_hash(state or ""), created_at__gte=cutoff
    ).first()
    # Deleting first makes the state single-use even when two callbacks race.
    if found is None or OAuthState.objects.filter(pk=found.pk).delete()[0] != 1:
        raise ApplicationError(
            _("This sign-in link has expired or was already used. Please connect again."),
            code=IntegrationsErrorCode.OAUTH_STATE_INVALID,
        )
    return found


def _oauth_failed(exc: ProviderError) -> ApplicationError:
    logger.warning("OAuth code exchange failed: %s", exc.message)
    return ApplicationError(
        _("The network did not confirm the connection. Please try again."),
        code=IntegrationsErrorCode.OAUTH_FAILED,
    )


def oauth_complete(*, user: User, provider: str, code: str, state: str) -> Connection:
    """Check the state, trade the code for a token, store it encrypted and fill in the connection."""
    started = _take_state(user=user, provider=provider, state=state)
    instance = started.instance_url
    try:
        config = _config(provider, instance)
        token = oauth2.exchange_code(
            config,
            redirect_uri=started.redirect_uri,
            code=code,
            code_verifier=decrypt(started.code_verifier_encrypted),
        )
        if provider == Provider.LINKEDIN:
            return _linkedin_connected(user=user, token=token)
        return _mastodon_connected(user=user, instance=instance, token=token)
    except ProviderError as exc:
        raise _oauth_failed(exc) from exc


def _ok_fields(token: oauth2.TokenResponse) -> dict[str, object]:
    return {
        "status": ConnectionStatus.CONNECTED,
        "last_error": "",
        "last_error_code": "",
        "expires_at": token.expires_at,
        "scopes": " ".join(token.scopes)[:500],
    }


def _store(connection: Connection, token: oauth2.TokenResponse) -> None:
    token_store(
        connection=connection,
        access_token=token.access_token,
        refresh_token=token.refresh_token,
        expires_at=token.expires_at,
        scopes=" ".join(token.scopes),
        token_type=token.token_type,
    )


def _linkedin_connected(*, user: User, token: oauth2.TokenResponse) -> Connection:
    info = linkedin.userinfo(token.access_token)
    suggestions = {
        key: value
        for key, value in {
            "name": info.name,
            "given_name": info.given_name,
            "family_name": info.family_name,
            "picture": info.picture if info.picture.startswith("https://") else "",
            "email": info.email,
        }.items()
        if value
    }
    with transaction.atomic():
        connection, _created = Connection.objects.update_or_create(
            user=user,
            provider=Provider.LINKEDIN,
            url="",
            defaults={
                **_ok_fields(token),
                "external_account_id": info.sub,
                "title": info.name[:300],
                "suggestions": suggestions,
                "last_sync_at": timezone.now(),
            },
        )
        _store(connection, token)
    return connection


def _mastodon_connected(*, user: User, instance: str, token: oauth2.TokenResponse) -> Connection:
    account = mastodon.verify_credentials(instance, token.access_token)
    mine = Connection.objects.filter(user=user, provider=Provider.MASTODON)
    existing = mine.filter(instance_url=instance, external_account_id=account.id).first()
    if existing is None and mine.count() >= MAX_MASTODON_ACCOUNTS:
        raise ApplicationError(
            _("You can connect at most %(count)d Mastodon accounts.") % {"count": MAX_MASTODON_ACCOUNTS},
            code=IntegrationsErrorCode.TOO_MANY_CONNECTIONS,
        )
    values = {
        **_ok_fields(token),
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
        _store(connection, token)
        from sichtbar.core.tasks import enqueue_on_commit

        from . import tasks

        enqueue_on_commit(tasks.mastodon_sync, connection_id=connection.pk)
    return connection


# --- disconnect -----------------------------------------------------------------------------------------


def oauth_disconnect(*, connection: Connection) -> None:
    """Revoke the token where the network allows (Mastodon) and delete it; the caller deletes the rest.

    LinkedIn has no revocation endpoint for member tokens: deleting ours is all that can be done."""
    token = OAuthToken.objects.filter(connection=connection).first()
    if token is None:
        return
    if connection.provider == Provider.MASTODON and connection.instance_url:
        app = MastodonApp.objects.filter(
            instance_url=connection.instance_url, redirect_uri=redirect_uri(Provider.MASTODON)
        ).first()
        if app is not None:
            try:
                mastodon.revoke(connection.instance_url, _registered(app), token.access_token)
            except Exception as exc:  # the tokens go anyway; the instance may be gone for good
                logger.warning("revoking the Mastodon token of connection %s failed: %s", connection.pk, exc)
    token.delete()


def oauth_revoke_later(*, connection: Connection) -> None:
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


# --- state ----------------------------------------------------------------------------------------------


def needs_reconsent(connection: Connection) -> bool:
    """Re-consent needed: the network refused the token, or it expires within the warning window."""
    if connection.provider not in OAUTH_PROVIDERS:
        return False
    if connection.status == ConnectionStatus.NEEDS_RECONSENT:
        return True
    if connection.expires_at is None:
        return False
    try:
        if connection.oauth_token.refresh_token_encrypted:
            return False  # refreshed when next used; a refused refresh sets NEEDS_RECONSENT
    except OAuthToken.DoesNotExist:
        pass
    window = timedelta(days=settings.LINKEDIN_RECONSENT_WARNING_DAYS)
    return connection.expires_at - timezone.now() <= window


def _mark(connection: Connection, *, status: str, code: str, message: str) -> None:
    now = timezone.now()
    Connection.objects.filter(pk=connection.pk).update(
        status=status, last_error=message[:500], last_error_code=code, updated_at=now
    )
    connection.status, connection.last_error, connection.last_error_code = status, message[:500], code


def _auth_expired(connection: Connection) -> None:
    _mark(
        connection,
        status=ConnectionStatus.NEEDS_RECONSENT,
        code=SyncErrorCode.AUTH_EXPIRED,
        message=_("The network no longer accepts Sichtbar's access. Please reconnect."),
    )


# --- publish --------------------------------------------------------------------------------------------


REFRESH_MARGIN = timedelta(minutes=5)


def _access_token(connection: Connection) -> str:
    """A usable access token: refreshed when it (nearly) expired and a refresh token exists, else the
    connection is marked for re-consent and ProviderAuthExpired raised."""
    token = OAuthToken.objects.filter(connection=connection).first()
    if token is None:
        _auth_expired(connection)
        raise ProviderAuthExpired()
    if token.expires_at is not None and token.expires_at <= timezone.now() + REFRESH_MARGIN:
        if not token.refresh_token_encrypted:
            _auth_expired(connection)
            raise ProviderAuthExpired()
        try:
            fresh = oauth2.refresh(
                _config(connection.provider, connection.instance_url), refresh_token=token.refresh_token
            )
        except ProviderAuthExpired:
            _auth_expired(connection)
            raise
        _store(connection, fresh)
        Connection.objects.filter(pk=connection.pk).update(
            expires_at=fresh.expires_at, updated_at=timezone.now()
        )
        connection.expires_at = fresh.expires_at
        return fresh.access_token
    return token.access_token


def publish_post(*, connection: Connection, text: str, url: str, idempotency_key: str) -> PublishedPost:
    """Publish through the network's API. The same idempotency key never publishes twice (LinkedIn has no
    idempotency of its own; Mastodon also gets the Idempotency-Key header).

    Raises ProviderRateLimited (retry after), ProviderAuthExpired (the connection now needs re-consent) or
    ProviderError (`temporary` says whether a retry may help)."""
    done = PostPublication.objects.filter(connection=connection, idempotency_key=idempotency_key).first()
    if done is not None:
        return PublishedPost(external_id=done.external_id, url=done.url)
    access_token = _access_token(connection)
    try:
        if connection.provider == Provider.LINKEDIN:
            if (
                not settings.LINKEDIN_POSTING_ENABLED
                or linkedin.POSTING_SCOPE not in connection.scopes.split()
            ):
                raise ProviderError("posting to LinkedIn is not enabled for this connection")
            urn = linkedin.create_post(
                access_token=access_token, author_sub=connection.external_account_id, text=text, url=url
            )
            published = PublishedPost(external_id=urn, url=linkedin.post_url(urn))
        elif connection.provider == Provider.MASTODON:
            status_text = text.strip() if not url or url in text else f"{text.strip()}\n\n{url}".strip()
            status_id, status_url = mastodon.post_status(
                connection.instance_url, access_token, text=status_text, idempotency_key=idempotency_key
            )
            published = PublishedPost(external_id=status_id, url=status_url)
        else:
            raise ProviderError(f"{connection.provider} has no posting API")
    except ProviderAuthExpired:
        _auth_expired(connection)
        raise
    # A concurrent call with the same key may have recorded it first.
    with contextlib.suppress(IntegrityError), transaction.atomic():
        PostPublication.objects.create(
            connection=connection,
            idempotency_key=idempotency_key[:200],
            external_id=published.external_id,
            url=published.url,
        )
    return published


# --- Mastodon import ------------------------------------------------------------------------------------


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
        _auth_expired(connection)
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
    access_token = _access_token(connection)
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


def can_post(connection: Connection) -> bool:
    """Whether shares can go out through this connection's API now, without a query (the connection's
    expiry mirrors its token's; selectors.posting_connection also checks the token exists)."""
    from .selectors import POSTING_SCOPES

    if connection.status != ConnectionStatus.CONNECTED or connection.provider not in POSTING_SCOPES:
        return False
    if connection.provider == Provider.LINKEDIN and not settings.LINKEDIN_POSTING_ENABLED:
        return False
    if connection.expires_at is not None and connection.expires_at <= timezone.now():
        return False
    return any(scope in connection.scopes.split() for scope in POSTING_SCOPES[connection.provider])


# --- XING and profile suggestions -----------------------------------------------------------------------


def xing_connect(*, user: User, url: str) -> Connection:
    """XING has no API: the connection is the person's profile address, checked like a profile link."""
    from sichtbar.profiles.models import LinkKind
    from sichtbar.profiles.services import link_validate

    try:
        url = link_validate(kind=LinkKind.XING, url=url)
    except ApplicationError as exc:
        raise ApplicationError(
            exc.message, code=IntegrationsErrorCode.URL_INVALID, fields={"url": [exc.message]}
        ) from exc
    connection, _created = Connection.objects.update_or_create(
        user=user,
        provider=Provider.XING,
        defaults={
            "url": url,
            "title": "XING",
            "status": ConnectionStatus.CONNECTED,
            "suggestions": {"profile_url": url},
        },
    )
    return connection


_LINK_KINDS: dict[str, str] = {
    Provider.XING: "xing",
    Provider.MASTODON: "mastodon",
    Provider.LINKEDIN: "linkedin",
}
MAX_PHOTO_BYTES = 5 * 1024 * 1024


def suggestions_apply(*, connection: Connection, fields: list[str]) -> Connection:
    """Copy what the network suggested to the person's account and profile (only the fields chosen)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sichtbar.core.http import OutboundError, fetch
    from sichtbar.core.services import model_update
    from sichtbar.profiles.services import profile_get_or_create, profile_photo_set, profile_set_links

    suggestions = connection.suggestions or {}
    wanted = [
        field
        for field in fields
        if suggestions.get(field) or (field == "name" and suggestions.get("given_name"))
    ]
    if not wanted:
        raise ApplicationError(
            _("There is nothing from this network to apply."), code=IntegrationsErrorCode.NOTHING_TO_APPLY
        )
    user = connection.user
    if "name" in wanted:
        first = suggestions.get("given_name") or ""
        last = suggestions.get("family_name") or ""
        if not first and not last:
            first, _sep, last = str(suggestions.get("name", "")).partition(" ")
        model_update(
            instance=user,
            fields=["first_name", "last_name"],
            data={"first_name": first[:150], "last_name": last[:150]},
        )
    profile = profile_get_or_create(user=user)
    if "picture" in wanted:
        try:
            picture = fetch(str(suggestions["picture"]), accept="image/*", max_bytes=MAX_PHOTO_BYTES)
        except OutboundError as exc:
            message = _("The photo could not be fetched from the network.")
            raise ApplicationError(message, code=IntegrationsErrorCode.OAUTH_FAILED) from exc
        upload = SimpleUploadedFile("photo", picture.content, content_type=picture.content_type)
        profile_photo_set(profile=profile, upload=upload)
    if "profile_url" in wanted and connection.provider in _LINK_KINDS:
        kind = _LINK_KINDS[connection.provider]
        links = [{"kind": link.kind, "url": link.url} for link in profile.links.all()]
        if not any(link["kind"] == kind and link["url"] == suggestions["profile_url"] for link in links):
            links.append({"kind": kind, "url": str(suggestions["profile_url"])})
            profile_set_links(profile=profile, items=links)
    return connection


# --- LinkedIn post analytics (only with LinkedIn's approval) --------------------------------------------

ANALYTICS_DAYS = 30


def linkedin_analytics_sync(*, connection_id: int) -> SyncResult:
    """Impressions and reactions of the posts published through this LinkedIn connection in the last
    30 days. Does nothing unless LINKEDIN_ANALYTICS_APPROVED (LinkedIn grants it to approved apps only)."""
    if not settings.LINKEDIN_ANALYTICS_APPROVED:
        return SyncResult(skipped=True)
    connection = Connection.objects.filter(
        pk=connection_id, provider=Provider.LINKEDIN, status=ConnectionStatus.CONNECTED
    ).first()
    if connection is None:
        return SyncResult(skipped=True)
    since = timezone.now() - timedelta(days=ANALYTICS_DAYS)
    publications = list(connection.publications.filter(created_at__gte=since).order_by("created_at"))
    updated = 0
    try:
        access_token = _access_token(connection)
        for publication in publications:
            totals = linkedin.post_analytics(access_token=access_token, urn=publication.external_id)
            PostPublication.objects.filter(pk=publication.pk).update(
                **totals, metrics_updated_at=timezone.now(), updated_at=timezone.now()
            )
            updated += 1
    except ProviderAuthExpired:
        _auth_expired(connection)
        return SyncResult(updated=updated, error_code=SyncErrorCode.AUTH_EXPIRED)
    except ProviderRateLimited as exc:
        return SyncResult(
            updated=updated,
            error_code=SyncErrorCode.RATE_LIMITED,
            temporary=True,
            retry_after=exc.retry_after,
        )
    except ProviderError as exc:
        return SyncResult(updated=updated, error_code=SyncErrorCode.PROVIDER_ERROR, temporary=exc.temporary)
    return SyncResult(updated=updated)
