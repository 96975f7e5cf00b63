"""The public redirect `GET /r/<code>`: a 302 to the link's stored destination, a click recorded on the
side. It reads no database row on the hot path (the code is cached) and never waits for the recording."""

import time
import uuid
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from sichtbar.core.throttling import client_address, request_key
from sichtbar.links.selectors import LinkTarget, link_target
from sichtbar.links.services import click_record
from sichtbar.links.stream import ClickEvent
from sichtbar.links.visitors import daily_salt, device_class, is_bot, referrer_host, visitor_hash

CODE_MAX_LENGTH = 16


def _not_found(request: HttpRequest) -> HttpResponse:
    limit, window = settings.LINKS_NOT_FOUND_RATE
    key = f"links:misses:{request_key(request)}:{int(time.time() // window)}"  # hashed: no address stored
    try:
        misses = cache.get_or_set(key, 0, window) or 0
        misses = cache.incr(key)
    except ValueError:
        misses = 1
    language = translation.get_language_from_request(request)
    with translation.override(language):
        response = render(
            request,
            "links/not_found.html",
            {"home": settings.SITE_URL, "language": translation.get_language()},
            status=429 if misses > limit else 404,
        )
    response["Cache-Control"] = "no-store"
    response["Vary"] = "Accept-Language"
    if misses > limit:
        response["Retry-After"] = str(window)
    return response


@transaction.non_atomic_requests
@require_safe
def redirect(request: HttpRequest, code: str) -> HttpResponse:
    target = link_target(code=code) if len(code) <= CODE_MAX_LENGTH and code.isalnum() else None
    now = timezone.now()
    if target is None or target.expired(now.timestamp()):
        return _not_found(request)
    # Only the stored destination: nothing from the request can change where this goes.
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:512]
    if request.method != "GET" or is_bot(user_agent):
        response = HttpResponseRedirect(target.destination)
    else:
        event = click_event(
            target=target,
            now=now,
            address=client_address(request),
            user_agent=user_agent,
            referrer=request.META.get("HTTP_REFERER", ""),
            salt=daily_salt(),
        )
        response = _RecordingRedirect(target.destination, event=event)
    response["Cache-Control"] = "private, no-store"  # each click must reach us to be counted
    return response


def click_event(
    *, target: LinkTarget, now: datetime, address: str, user_agent: str, referrer: str, salt: bytes
) -> ClickEvent:
    """The click of a counted redirect: the address only inside the daily-salted visitor hash, the
    referrer reduced to its domain."""
    return ClickEvent(
        event_id=uuid.uuid4(),
        link_id=target.link_id,
        occurred_at=now,
        user_id=target.user_id,
        content_id=target.content_id,
        network=target.network,
        visitor_hash=visitor_hash(ip=address, user_agent=user_agent, salt=salt),
        referrer_host=referrer_host(referrer),
        device_class=device_class(user_agent),
    )


class _RecordingRedirect(HttpResponseRedirect):
    """A redirect that records its click when the server closes it, i.e. after the visitor has the
    answer: recording never delays the redirect, and its failure cannot break it."""

    def __init__(self, url: str, *, event: ClickEvent) -> None:
        super().__init__(url)
        self._click_event: ClickEvent | None = event

    def close(self) -> None:
        event, self._click_event = self._click_event, None
        try:
            if event is not None:
                click_record(event=event)
        finally:
            super().close()
