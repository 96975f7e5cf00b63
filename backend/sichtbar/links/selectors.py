"""Reads of the links app: short URLs, code resolution, link statistics."""

from django.conf import settings

from sichtbar.links.models import TrackedLink


def short_url(*, link: TrackedLink) -> str:
    """The absolute short URL of a tracked link (SICHTBAR_SHORT_LINK_BASE, default the site URL)."""
    return f"{settings.SICHTBAR_SHORT_LINK_BASE}/r/{link.code}"
