"""The OAuth 2.0 flow shared by the OAuth networks (LinkedIn, Mastodon; XING is not one): connect,
reconnect, disconnect, refresh and publish, dispatching to the network's module in `networks/`.

The flow: `oauth_start` stores a one-time state (hashed) and the PKCE verifier (encrypted) and returns the
network's authorisation URL; the SPA's callback page hands code and state to `oauth_complete`, which checks
the state belongs to this person and network, trades the code for a token and stores it encrypted.
"""

import contextlib
import logging
from datetime import timedelta
from types import ModuleType

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sichtbar.accounts.models import User
from sichtbar.core.errors import ApplicationError

from .crypto import decrypt, encrypt
from .error_codes import IntegrationsErrorCode
from .models import Connection, ConnectionStatus, OAuthState, OAuthToken, PostPublication, Provider
from .networks import linkedin, mastodon, tokens
from .networks.tokens import redirect_uri
from .providers import oauth2
from .providers.errors import ProviderAuthExpired, ProviderError
from .providers.results import PublishedPost

logger = logging.getLogger(__name__)

# Each OAuth network's module: config(instance), start_instance(...), connected(...), and how it publishes.
NETWORKS: dict[str, ModuleType] = {Provider.LINKEDIN: linkedin, Provider.MASTODON: mastodon}
OAUTH_PROVIDERS = tuple(NETWORKS)


def _config(provider: str, instance: str = "") -> oauth2.OAuthConfig:
    return NETWORKS[provider].config(instance)


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
    instance = NETWORKS[provider].start_instance(instance=instance, connection=connection)
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
        return NETWORKS[provider].connected(user=user, instance=instance, token=token)
    except ProviderError as exc:
        raise _oauth_failed(exc) from exc


# --- disconnect -----------------------------------------------------------------------------------------


def oauth_disconnect(*, connection: Connection) -> None:
    """Revoke the token where the network allows (Mastodon) and delete it; the caller deletes the rest.

    LinkedIn has no revocation endpoint for member tokens: deleting ours is all that can be done."""
    token = OAuthToken.objects.filter(connection=connection).first()
    if token is None:
        return
    if connection.provider == Provider.MASTODON:
        mastodon.revoke(connection=connection, token=token)
    token.delete()


def oauth_revoke_later(*, connection: Connection) -> None:
    """Erasure: revoke the connection's token after the transaction commits where the network allows
    (Mastodon); never while holding the transaction, never if it rolls back."""
    if connection.provider == Provider.MASTODON:
        mastodon.revoke_later(connection=connection)


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


# --- publish --------------------------------------------------------------------------------------------


def publish_post(*, connection: Connection, text: str, url: str, idempotency_key: str) -> PublishedPost:
    """Publish through the network's API. The same idempotency key never publishes twice (LinkedIn has no
    idempotency of its own; Mastodon also gets the Idempotency-Key header).

    Raises ProviderRateLimited (retry after), ProviderAuthExpired (the connection now needs re-consent) or
    ProviderError (`temporary` says whether a retry may help)."""
    done = PostPublication.objects.filter(connection=connection, idempotency_key=idempotency_key).first()
    if done is not None:
        return PublishedPost(external_id=done.external_id, url=done.url)
    access_token = tokens.access_token(
        connection, lambda: _config(connection.provider, connection.instance_url)
    )
    try:
        if connection.provider == Provider.LINKEDIN:
            published = linkedin.publish(
                connection=connection,
                access_token=access_token,
                text=text,
                url=url,
                idempotency_key=idempotency_key,
            )
        elif connection.provider == Provider.MASTODON:
            published = mastodon.publish_status(
                connection=connection,
                access_token=access_token,
                text=text,
                url=url,
                idempotency_key=idempotency_key,
            )
        else:
            raise ProviderError(f"{connection.provider} has no posting API")
    except ProviderAuthExpired:
        tokens.auth_expired(connection)
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
