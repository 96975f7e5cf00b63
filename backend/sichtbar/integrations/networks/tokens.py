"""What the OAuth networks share: the callback address, the stored token and the connection's state."""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from ..error_codes import SyncErrorCode
from ..models import Connection, ConnectionStatus, OAuthToken
from ..providers import oauth2
from ..providers.errors import ProviderAuthExpired
from ..services import token_store

REFRESH_MARGIN = timedelta(minutes=5)


def redirect_uri(provider: str) -> str:
    """Where the network sends the browser back: the SPA's callback page for this network."""
    return f"{settings.SITE_URL}/connections/callback/{provider}"


def ok_fields(token: oauth2.TokenResponse) -> dict[str, object]:
    return {
        "status": ConnectionStatus.CONNECTED,
        "last_error": "",
        "last_error_code": "",
        "expires_at": token.expires_at,
        "scopes": " ".join(token.scopes)[:500],
    }


def store(connection: Connection, token: oauth2.TokenResponse) -> None:
    token_store(
        connection=connection,
        access_token=token.access_token,
        refresh_token=token.refresh_token,
        expires_at=token.expires_at,
        scopes=" ".join(token.scopes),
        token_type=token.token_type,
    )


def mark(connection: Connection, *, status: str, code: str, message: str) -> None:
    now = timezone.now()
    Connection.objects.filter(pk=connection.pk).update(
        status=status, last_error=message[:500], last_error_code=code, updated_at=now
    )
    connection.status, connection.last_error, connection.last_error_code = status, message[:500], code


def auth_expired(connection: Connection) -> None:
    mark(
        connection,
        status=ConnectionStatus.NEEDS_RECONSENT,
        code=SyncErrorCode.AUTH_EXPIRED,
        message=_("The network no longer accepts Sichtbar's access. Please reconnect."),
    )


def access_token(connection: Connection, config: Callable[[], oauth2.OAuthConfig]) -> str:
    """A usable access token: refreshed with the network's `config()` when it (nearly) expired and a
    refresh token exists, else the connection is marked for re-consent and ProviderAuthExpired raised.
    `config` is called only when a refresh is due (building it may register an app at the network)."""
    token = OAuthToken.objects.filter(connection=connection).first()
    if token is None:
        auth_expired(connection)
        raise ProviderAuthExpired()
    if token.expires_at is not None and token.expires_at <= timezone.now() + REFRESH_MARGIN:
        if not token.refresh_token_encrypted:
            auth_expired(connection)
            raise ProviderAuthExpired()
        try:
            fresh = oauth2.refresh(config(), refresh_token=token.refresh_token)
        except ProviderAuthExpired:
            auth_expired(connection)
            raise
        store(connection, fresh)
        Connection.objects.filter(pk=connection.pk).update(
            expires_at=fresh.expires_at, updated_at=timezone.now()
        )
        connection.expires_at = fresh.expires_at
        return fresh.access_token
    return token.access_token
