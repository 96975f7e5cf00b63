"""The tracked-link redirect without Django's request cycle, for the clicks that need nothing else.

`GET /r/<code>` is what the outside world sends most. Django's request cycle around it (thirteen
middlewares, URL resolution, the request signals) costs about 0.35 ms of CPU per redirect, five times the
redirect's own work (docs/performance.md, ADR 0038). This WSGI wrapper answers a redirect itself when all
it needs is already in this process's memory:

- the link, cached by an earlier redirect of this process (`link_target_in_memory`);
- today's visitor salt (`daily_salt_in_memory`);
- the headers Django's middleware put on the last redirect it answered for the same scheme, host and
  forwarding headers. The security headers are therefore Django's own, and a host or scheme Django has
  not answered with a redirect (a disallowed host, plain HTTP where HTTPS is required) never takes this
  path.

Everything else goes to Django unchanged: the first click of a link in this process, unknown or expired
codes (the friendly 404 and its rate limit), HEAD and other methods, bots and preview fetchers (not
counted), cross-origin requests (CORS headers), and any other path. The click is the same `ClickEvent`
the view builds, recorded the same way after the answer has been sent.
"""

import re
import threading
from collections.abc import Callable, Iterable, Iterator
from types import SimpleNamespace
from typing import Any

from django.core.signals import setting_changed
from django.db import close_old_connections, connections
from django.http.request import HttpHeaders
from django.utils import timezone
from django_guid.utils import generate_guid, validate_guid

from sichtbar.core.throttling import client_address
from sichtbar.links.selectors import link_target_in_memory
from sichtbar.links.services import click_record
from sichtbar.links.stream import ClickEvent
from sichtbar.links.views import CODE_MAX_LENGTH, click_event
from sichtbar.links.visitors import daily_salt_in_memory, is_bot

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

_PATH = re.compile(rf"/r/([A-Za-z0-9]{{1,{CODE_MAX_LENGTH}}})\Z")
# Set per answer, not learned: the request id is the request's own, and an empty redirect has no
# language or length to speak of beyond its own.
_PER_ANSWER = frozenset({"location", "x-request-id", "content-language", "content-length"})
# Answers learned per (scheme, host, forwarding headers): a handful of real names; a flood of invented
# hosts is refused by Django (400) and never learned, and the table is bounded all the same.
LEARNED_MAX = 32
# What Django's security and host checks read: answers are learned and reused per combination of these.
_KEY_HEADERS = (
    "wsgi.url_scheme",
    "HTTP_HOST",
    "SERVER_NAME",
    "SERVER_PORT",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
)


class RedirectFastPath:
    """WSGI middleware around Django's application (config/wsgi.py)."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app
        self._learned: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = {}
        self._lock = threading.Lock()
        setting_changed.connect(self._forget, weak=False, dispatch_uid=f"links-fastpath-{id(self)}")

    def _forget(self, **_: Any) -> None:
        with self._lock:
            self._learned.clear()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        match = _PATH.match(environ.get("PATH_INFO", ""))
        if match is None or environ.get("REQUEST_METHOD") != "GET" or "HTTP_ORIGIN" in environ:
            return self.app(environ, start_response)
        key = tuple(str(environ.get(name, "")) for name in _KEY_HEADERS)
        code = match.group(1)
        target = link_target_in_memory(code=code)
        salt = daily_salt_in_memory()
        headers = self._learned.get(key)
        user_agent = environ.get("HTTP_USER_AGENT", "")[:512]
        now = timezone.now()
        if (
            target is None
            or salt is None
            or headers is None
            or target.expired(now.timestamp())
            or is_bot(user_agent)
        ):
            return self._through_django(environ, start_response, key=key, code=code)
        event = click_event(
            target=target,
            now=now,
            address=client_address(SimpleNamespace(META=environ, headers=HttpHeaders(environ))),  # type: ignore[arg-type]
            user_agent=user_agent,
            referrer=environ.get("HTTP_REFERER", ""),
            salt=salt,
        )
        given = environ.get("HTTP_X_REQUEST_ID", "")
        request_id = given if given and validate_guid(given) else generate_guid()
        start_response(
            "302 Found",
            [
                *headers,
                ("Location", target.destination),
                ("Content-Length", "0"),
                ("X-Request-ID", request_id),
            ],
        )
        return _RecordingBody(event)

    def _through_django(
        self, environ: dict[str, Any], start_response: Callable[..., Any], *, key: tuple[str, ...], code: str
    ) -> Iterable[bytes]:
        """Django answers; a redirect of a known link teaches this wrapper the headers for `key`."""

        def learning_start_response(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
            target = link_target_in_memory(code=code)
            if (
                status.startswith("302")
                and target is not None
                and ("Location", target.destination) in headers
                and not any(name.lower() == "set-cookie" for name, _ in headers)
                and (key in self._learned or len(self._learned) < LEARNED_MAX)
            ):
                learned = tuple((name, value) for name, value in headers if name.lower() not in _PER_ANSWER)
                with self._lock:
                    self._learned[key] = learned
            return start_response(status, headers, *args)

        return self.app(environ, learning_start_response)


class _RecordingBody:
    """The empty body of a fast redirect; the server closes it after the visitor has the answer, and only
    then is the click recorded, as the view's redirect does. Without Redis a click is stored in the
    database from this thread, whose connection is then handled as at the end of a Django request (closed
    when broken or past its age; a test's transaction is left alone, as Django's test client does)."""

    def __init__(self, event: ClickEvent) -> None:
        self._event: ClickEvent | None = event

    def __iter__(self) -> Iterator[bytes]:
        return iter(())

    def close(self) -> None:
        event, self._event = self._event, None
        if event is None:
            return
        try:
            click_record(event=event)
        finally:
            database = connections["default"]
            if database.connection is not None and not database.in_atomic_block:
                close_old_connections()
