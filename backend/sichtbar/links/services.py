"""Writes of the links app: tracked links for shares, recording clicks, conversions, retention."""

import logging
import secrets
import string
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.db import IntegrityError, transaction

from sichtbar.links.models import TrackedLink
from sichtbar.sharing.models import Share

logger = logging.getLogger(__name__)

CODE_ALPHABET = string.ascii_letters + string.digits
CODE_LENGTH = 10  # 62**10 ≈ 8·10^17: unguessable by enumeration behind the redirect's rate of answers
UTM_MEDIUM = "employee_advocacy"
_UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign")


def link_code_generate() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def link_destination_build(*, url: str, network: str, campaign: str) -> str:
    """The content URL with our UTM parameters; other query parameters and the fragment are kept."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in _UTM_KEYS]
    query += [("utm_source", network), ("utm_medium", UTM_MEDIUM), ("utm_campaign", campaign)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def link_for_share(*, share: Share) -> TrackedLink:
    """Create or return the tracked link of share.user × share.content × share.network."""
    existing = (
        TrackedLink.objects.filter(user_id=share.user_id, content_id=share.content_id, network=share.network)
        .select_related("content")
        .first()
    )
    if existing is not None:
        if existing.share_id is None and not TrackedLink.objects.filter(share_id=share.pk).exists():
            existing.share = share
            existing.save(update_fields=["share"])
        return existing
    content = share.content
    destination = link_destination_build(url=content.url, network=share.network, campaign=content.slug)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return TrackedLink.objects.create(
                    code=link_code_generate(),
                    share=share,
                    user_id=share.user_id,
                    content=content,
                    network=share.network,
                    destination=destination,
                )
        except IntegrityError:
            # Either a concurrent request created the same link (return it) or the code collided (retry).
            concurrent = TrackedLink.objects.filter(
                user_id=share.user_id, content_id=share.content_id, network=share.network
            ).first()
            if concurrent is not None:
                return concurrent
    raise RuntimeError("could not allocate a unique short code")
