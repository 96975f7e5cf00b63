"""XING: no API for us, so no OAuth. The connection is the person's profile address (checked like a profile
link), and shares go out through XING's share intent (`selectors.share_intent_url`)."""

from sichtbar.accounts.models import User
from sichtbar.core.errors import ApplicationError

from ..error_codes import IntegrationsErrorCode
from ..models import Connection, ConnectionStatus, Provider


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
