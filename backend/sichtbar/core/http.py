"""The one outbound HTTP client: timeouts, size limits, re-checked redirects, an SSRF guard at connect time.

Every call to another server goes through `fetch()` or `request()` (or, for libraries that insist on a
`requests.Session`, through `guarded_session()`); no bare `requests.get`. The guard resolves the host
itself, refuses loopback, private, link-local, multicast, reserved and similar addresses, and connects to
exactly the address it checked (the Host header and TLS SNI keep the name), so a DNS answer that changes
between check and connect (rebinding) cannot slip through. Redirects are followed here, one hop at a time,
and every hop is checked again.

Settings (all optional): OUTBOUND_HTTP_ALLOW_LOOPBACK (tests only), OUTBOUND_HTTP_ALLOWED_NETWORKS (CIDRs an
operator trusts, e.g. an intranet blog), OUTBOUND_HTTP_EXTRA_PORTS, OUTBOUND_HTTP_CONNECT_TIMEOUT,
OUTBOUND_HTTP_READ_TIMEOUT, OUTBOUND_HTTP_TOTAL_TIMEOUT, OUTBOUND_HTTP_MAX_BYTES, OUTBOUND_HTTP_USER_AGENT.
"""

import ipaddress
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    NameResolutionError,
    NewConnectionError,
    ReadTimeoutError,
)
from urllib3.util.connection import create_connection

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 15.0
TOTAL_TIMEOUT = 60.0  # a server dripping one byte every few seconds must not hold a worker forever
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
DEFAULT_PORTS = {80, 443}
CHUNK = 64 * 1024

_IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# Besides what `is_global` already excludes: ranges that embed or stand for other addresses, and special use.
_BLOCKED_NETWORKS: tuple[_Network, ...] = tuple(
    ipaddress.ip_network(net)
    for net in (
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",  # carrier-grade NAT
        "127.0.0.0/8",
        "169.254.0.0/16",  # link-local, cloud metadata endpoints
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.88.99.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",
        "240.0.0.0/4",
        "::/128",
        "::1/128",
        "64:ff9b::/96",  # NAT64: the embedded IPv4 address decides, checked below
        "64:ff9b:1::/48",
        "100::/64",
        "2001::/23",
        "2001:db8::/32",
        "2002::/16",  # 6to4 embeds an IPv4 address
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
        "fec0::/10",
        "ff00::/8",  # multicast
    )
)
_LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128"))


class OutboundError(Exception):
    """An outbound request failed. `temporary` says whether trying again later may help."""

    temporary = False

    def __init__(self, message: str, *, url: str = "") -> None:
        super().__init__(message)
        self.url = url


class OutboundBlocked(OutboundError):
    """The URL, a redirect target or the address a name resolves to is not allowed.

    `reason` says which rule refused it, so callers can name the operator setting that would allow it:
    "port" (OUTBOUND_HTTP_EXTRA_PORTS, `port` set), "address" (a private, loopback or reserved address:
    OUTBOUND_HTTP_ALLOWED_NETWORKS) or "url" (scheme, credentials, proxies: nothing to configure)."""

    def __init__(self, message: str, *, url: str = "", reason: str = "url", port: int | None = None) -> None:
        super().__init__(message, url=url)
        self.reason = reason
        self.port = port


class OutboundTooLarge(OutboundError):
    """The response body is larger than the limit."""


class OutboundTimeout(OutboundError):
    temporary = True


class OutboundConnectionError(OutboundError):
    """The name does not resolve, the connection is refused or TLS fails."""

    temporary = True


class OutboundHttpError(OutboundError):
    """The server answered with an error status (4xx, 5xx) or redirected too often."""

    def __init__(self, message: str, *, url: str = "", status: int, retry_after: float | None = None) -> None:
        super().__init__(message, url=url)
        self.status = status
        self.retry_after = retry_after

    @property
    def temporary(self) -> bool:  # type: ignore[override]
        return self.status in (408, 425, 429) or self.status >= 500


@dataclass(frozen=True)
class FetchResult:
    status: int
    content: bytes
    etag: str | None
    last_modified: str | None
    final_url: str
    not_modified: bool
    content_type: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)  # case-insensitive (requests' own mapping)


# --- the guard ---------------------------------------------------------------------------------------


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in ipaddress.ip_network("64:ff9b::/96"):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip in ipaddress.ip_network("::/96") and int(ip) > 1:  # deprecated IPv4-compatible ::a.b.c.d
        return ipaddress.IPv4Address(int(ip))
    return None


def address_allowed(address: str) -> bool:
    """Whether the client may connect to this IP address (IPv4 or IPv6, scope ids ignored)."""
    try:
        ip: _IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    for network in _setting("OUTBOUND_HTTP_ALLOWED_NETWORKS", []):
        if ip in ipaddress.ip_network(network, strict=False):
            return True
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            return address_allowed(str(embedded))
    if _setting("OUTBOUND_HTTP_ALLOW_LOOPBACK", False) and any(ip in net for net in _LOOPBACK):
        return True
    if any(ip in net for net in _BLOCKED_NETWORKS):
        return False
    return ip.is_global and not ip.is_multicast


def check_url(url: str) -> None:
    """Scheme, host and port of a URL (each redirect hop too); the address is checked when connecting."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise OutboundBlocked(f"invalid URL: {exc}", url=url) from exc
    if parts.scheme not in ("http", "https"):
        raise OutboundBlocked(f"scheme {parts.scheme!r} is not allowed", url=url)
    if not parts.hostname:
        raise OutboundBlocked("the URL has no host", url=url)
    if parts.username or parts.password:
        raise OutboundBlocked("credentials in URLs are not allowed", url=url)
    allowed_ports = DEFAULT_PORTS | set(_setting("OUTBOUND_HTTP_EXTRA_PORTS", []))
    if port is not None and port not in allowed_ports:
        raise OutboundBlocked(f"port {port} is not allowed", url=url, reason="port", port=port)


def resolve_allowed(host: str, port: int) -> list[tuple[Any, ...]]:
    """getaddrinfo for `host`, refusing the name if any of its addresses is not allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except UnicodeError as exc:  # a label over 63 characters or not IDNA-encodable: no such host
        raise socket.gaierror(f"invalid host name ({exc})") from None
    if not infos:
        raise socket.gaierror(f"{host} has no address")
    refused = [str(info[4][0]) for info in infos if not address_allowed(str(info[4][0]))]
    if refused:
        raise OutboundBlocked(f"{host} resolves to a disallowed address ({refused[0]})", reason="address")
    return infos


class _GuardMixin:
    """Resolve, check every address, then connect to a checked address (never resolving twice)."""

    host: str
    port: int
    timeout: Any
    source_address: Any
    socket_options: Any
    _dns_host: str

    def _new_conn(self) -> socket.socket:
        try:
            infos = resolve_allowed(self._dns_host, self.port)
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc  # type: ignore[arg-type]
        last_error: OSError | None = None
        for _family, _type, _proto, _name, sockaddr in infos:
            try:
                return create_connection(
                    (sockaddr[0], sockaddr[1]),
                    self.timeout,
                    source_address=self.source_address,
                    socket_options=self.socket_options,
                )
            except TimeoutError as exc:
                raise ConnectTimeoutError(self, f"Connection to {self.host} timed out") from exc
            except OSError as exc:
                last_error = exc
        raise NewConnectionError(self, f"Failed to establish a new connection: {last_error}")  # type: ignore[arg-type]


class GuardedHTTPConnection(_GuardMixin, HTTPConnection):
    pass


class GuardedHTTPSConnection(_GuardMixin, HTTPSConnection):
    pass


class _GuardedHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = GuardedHTTPConnection


class _GuardedHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = GuardedHTTPSConnection


class GuardedAdapter(HTTPAdapter):
    """Connects only through the guard, never through a proxy, always with timeouts."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _GuardedHTTPConnectionPool,
            "https": _GuardedHTTPSConnectionPool,
        }

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        check_url(request.url or "")
        if any(kwargs.get("proxies") or {}):
            raise OutboundBlocked("proxies bypass the guard", url=request.url or "")
        kwargs["proxies"] = {}
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = _timeouts()
        return super().send(request, **kwargs)


def _timeouts() -> tuple[float, float]:
    return (
        float(_setting("OUTBOUND_HTTP_CONNECT_TIMEOUT", CONNECT_TIMEOUT)),
        float(_setting("OUTBOUND_HTTP_READ_TIMEOUT", READ_TIMEOUT)),
    )


def user_agent() -> str:
    default = f"Sichtbar/1.0 (+{getattr(settings, 'SITE_URL', 'https://github.com/sichtbar')})"
    return str(_setting("OUTBOUND_HTTP_USER_AGENT", "") or default)


def guarded_session() -> requests.Session:
    """A session for libraries that need one (OAuth clients): guard, timeouts, no proxies from the env.

    Prefer `request()`/`fetch()`: a bare session follows redirects itself and reads their bodies unlimited.
    """
    session = requests.Session()
    session.trust_env = False  # HTTP(S)_PROXY from the environment would bypass the address check
    session.max_redirects = MAX_REDIRECTS
    session.headers["User-Agent"] = user_agent()
    adapter = GuardedAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


# --- requests with limits ----------------------------------------------------------------------------


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _read_limited(response: requests.Response, *, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise OutboundTooLarge(f"declared {declared} bytes, limit {max_bytes}", url=response.url)
    body = bytearray()
    # read1 returns what has arrived instead of waiting for a full chunk, so the deadline is checked even
    # when a server drips a byte at a time. Decoded bytes are counted: a gzip bomb stops at the limit.
    while True:
        if time.monotonic() > deadline:
            raise OutboundTimeout("the response took too long", url=response.url)
        try:
            chunk = response.raw.read1(CHUNK, decode_content=True)
        except ReadTimeoutError as exc:
            raise OutboundTimeout(str(exc), url=response.url) from exc
        except (HTTPError, OSError) as exc:
            raise OutboundConnectionError(str(exc), url=response.url) from exc
        if not chunk:
            return bytes(body)
        body += chunk
        if len(body) > max_bytes:
            raise OutboundTooLarge(f"more than {max_bytes} bytes", url=response.url)


def request(
    method: str,
    url: str,
    *,
    headers: dict[str, str] | None = None,
    params: dict[str, Any] | None = None,
    data: Any = None,
    json: Any = None,
    max_bytes: int | None = None,
    raise_for_status: bool = True,
) -> requests.Response:
    """Send a request; follow at most 5 redirects, each checked; return the response with its body read.

    The body is read within the size limit (`response.content`, `.json()` and `.headers` work as usual).
    Raises OutboundBlocked, OutboundTooLarge, OutboundTimeout, OutboundConnectionError or, for an error
    status when `raise_for_status`, OutboundHttpError.
    """
    limit = int(max_bytes or _setting("OUTBOUND_HTTP_MAX_BYTES", MAX_BYTES))
    deadline = time.monotonic() + float(_setting("OUTBOUND_HTTP_TOTAL_TIMEOUT", TOTAL_TIMEOUT))
    check_url(url)
    session = guarded_session()
    try:
        try:
            prepared = session.prepare_request(
                requests.Request(method.upper(), url, headers=headers, params=params, data=data, json=json)
            )
        except requests.exceptions.RequestException as exc:
            raise OutboundBlocked(f"invalid URL: {exc}", url=url) from exc
        for _hop in range(MAX_REDIRECTS + 1):
            response = _send(session, prepared)
            if not response.is_redirect:
                try:
                    content = _read_limited(response, max_bytes=limit, deadline=deadline)
                finally:
                    response.close()
                response._content = content
                if raise_for_status and response.status_code >= 400:
                    raise OutboundHttpError(
                        f"HTTP {response.status_code}",
                        url=response.url,
                        status=response.status_code,
                        retry_after=_retry_after(response),
                    )
                return response
            response.close()  # never read a redirect's body
            target = urljoin(response.url, response.headers["Location"])
            prepared = _redirected(session, prepared, response, target)
        raise OutboundHttpError("too many redirects", url=url, status=response.status_code)
    finally:
        session.close()


def _send(session: requests.Session, prepared: requests.PreparedRequest) -> requests.Response:
    try:
        return session.send(prepared, stream=True, allow_redirects=False)
    except OutboundError:
        raise
    except requests.exceptions.Timeout as exc:
        raise OutboundTimeout(str(exc), url=prepared.url or "") from exc
    except requests.exceptions.InvalidURL as exc:
        raise OutboundBlocked(str(exc), url=prepared.url or "") from exc
    except requests.exceptions.RequestException as exc:
        raise OutboundConnectionError(str(exc), url=prepared.url or "") from exc


def _redirected(
    session: requests.Session, prepared: requests.PreparedRequest, response: requests.Response, target: str
) -> requests.PreparedRequest:
    check_url(target)
    following = prepared.copy()
    following.prepare_url(target, None)
    if response.status_code == 303 or (response.status_code in (301, 302) and prepared.method == "POST"):
        following.method = "GET"
        following.body = None
        for header in ("Content-Length", "Content-Type", "Transfer-Encoding"):
            following.headers.pop(header, None)
    if urlsplit(target).hostname != urlsplit(prepared.url or "").hostname:
        following.headers.pop("Authorization", None)
        following.headers.pop("Cookie", None)
    return following


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str | None = None,
    max_bytes: int | None = None,
) -> FetchResult:
    """Conditional GET: with the validators of the last fetch, an unchanged resource answers 304, no body."""
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    if accept:
        headers["Accept"] = accept
    response = request("GET", url, headers=headers, max_bytes=max_bytes)
    not_modified = response.status_code == 304
    return FetchResult(
        status=response.status_code,
        content=b"" if not_modified else response.content,
        etag=response.headers.get("ETag") or (etag if not_modified else None),
        last_modified=response.headers.get("Last-Modified") or (last_modified if not_modified else None),
        final_url=response.url,
        not_modified=not_modified,
        content_type=response.headers.get("Content-Type", ""),
        headers=response.headers,
    )
