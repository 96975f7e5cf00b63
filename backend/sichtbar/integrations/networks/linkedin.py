"""LinkedIn: the connection after OAuth (OpenID Connect userinfo as profile suggestions), posting through
the Posts API, and post analytics (only with LinkedIn's approval)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sichtbar.accounts.models import User
from sichtbar.core.errors import ApplicationError

from ..error_codes import IntegrationsErrorCode, SyncErrorCode
from ..models import Connection, ConnectionStatus, PostPublication, Provider
from ..providers import oauth2
from ..providers.errors import ProviderAuthExpired, ProviderError, ProviderRateLimited
from ..providers.linkedin import client
from ..providers.results import PublishedPost
from ..services import SyncResult
from . import tokens

ANALYTICS_DAYS = 30


def config(instance: str = "") -> oauth2.OAuthConfig:
    return client.oauth_config()


def start_instance(*, instance: str, connection: Connection | None) -> str:
    """Checks before the authorisation starts; LinkedIn has no instance."""
    if not client.configured():
        raise ApplicationError(
            _("LinkedIn is not set up for this installation yet; please ask an administrator."),
            code=IntegrationsErrorCode.PROVIDER_NOT_CONFIGURED,
        )
    return instance


def connected(*, user: User, instance: str, token: oauth2.TokenResponse) -> Connection:
    info = client.userinfo(token.access_token)
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
                **tokens.ok_fields(token),
                "external_account_id": info.sub,
                "title": info.name[:300],
                "suggestions": suggestions,
                "last_sync_at": timezone.now(),
            },
        )
        tokens.store(connection, token)
    return connection


def publish(
    *, connection: Connection, access_token: str, text: str, url: str, idempotency_key: str
) -> PublishedPost:
    if not settings.LINKEDIN_POSTING_ENABLED or client.POSTING_SCOPE not in connection.scopes.split():
        raise ProviderError("posting to LinkedIn is not enabled for this connection")
    urn = client.create_post(
        access_token=access_token, author_sub=connection.external_account_id, text=text, url=url
    )
    return PublishedPost(external_id=urn, url=client.post_url(urn))


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
        access_token = tokens.access_token(connection, config)
        for publication in publications:
            totals = client.post_analytics(access_token=access_token, urn=publication.external_id)
            PostPublication.objects.filter(pk=publication.pk).update(
                **totals, metrics_updated_at=timezone.now(), updated_at=timezone.now()
            )
            updated += 1
    except ProviderAuthExpired:
        tokens.auth_expired(connection)
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
