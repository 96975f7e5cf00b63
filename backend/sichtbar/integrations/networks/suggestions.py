"""Profile suggestions: what a connected network offered (name, photo, profile address), copied to the
person's account and profile only for the fields they choose."""

from django.utils.translation import gettext as _

from sichtbar.core.errors import ApplicationError

from ..error_codes import IntegrationsErrorCode
from ..models import Connection, Provider

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
