"""The outbound HTTP client against real loopback servers: limits, conditional GET, redirects, SSRF guard."""

import gzip
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from sichtbar.core import http
from sichtbar.core.http import (
    OutboundBlocked,
    OutboundConnectionError,
    OutboundHttpError,
    OutboundTimeout,
    OutboundTooLarge,
    address_allowed,
    fetch,
    request,
)

Route = Callable[[BaseHTTPRequestHandler], None]


class StandIn:
    """A threaded HTTP server on a loopback address; routes map a path to a handler; every request is kept."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[tuple[str, dict[str, str]]] = []
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                stand_in.hits.append((self.path, dict(self.headers.items())))
                route = stand_in.routes.get(self.path.split("?")[0])
                if route is None:
                    reply(self, 404, b"not here")
                else:
                    route(self)

        server_class = ThreadingHTTPServer
        if ":" in host:

            class V6Server(ThreadingHTTPServer):
                address_family = socket.AF_INET6

            server_class = V6Server
        self.server = server_class((host, 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://[{host}]:{self.port}" if ":" in host else f"http://{host}:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def reply(
    handler: BaseHTTPRequestHandler, status: int, body: bytes = b"", headers: dict[str, str] | None = None
) -> None:
    handler.send_response(status)
    headers = {"Content-Type": "text/plain", **(headers or {})}
    for name, value in headers.items():
        handler.send_header(name, value)
    if "Content-Length" not in headers and "Transfer-Encoding" not in headers:
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if body:
        handler.wfile.write(body)


@pytest.fixture
def server() -> Iterator[StandIn]:
    stand_in = StandIn()
    yield stand_in
    stand_in.close()


@pytest.fixture
def allow(settings) -> Callable[..., None]:
    """Let the client reach the given stand-in servers: loopback allowed, their ports allowed."""

    def _allow(*servers: StandIn) -> None:
        settings.OUTBOUND_HTTP_ALLOW_LOOPBACK = True
        settings.OUTBOUND_HTTP_EXTRA_PORTS = [s.port for s in servers]

    return _allow


@pytest.fixture
def guarded(settings) -> None:
    """The production default: loopback is not allowed."""
    settings.OUTBOUND_HTTP_ALLOW_LOOPBACK = False
    settings.OUTBOUND_HTTP_ALLOWED_NETWORKS = []


@pytest.fixture
def connects(monkeypatch) -> list[tuple[str, int]]:
    """Every address the client opens a socket to (it still connects for real)."""
    seen: list[tuple[str, int]] = []
    real = http.create_connection

    def spy(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        seen.append(address)
        return real(address, *args, **kwargs)

    monkeypatch.setattr(http, "create_connection", spy)
    return seen


# --- fetching -----------------------------------------------------------------------------------------


def test_fetch_returns_the_body_validators_and_sends_a_user_agent(server, allow):
    server.routes["/feed"] = lambda h: reply(
        h, 200, b"<rss/>", {"ETag": '"v1"', "Last-Modified": "Sun, 22 Nov 2026 10:00:00 GMT"}
    )
    allow(server)

    result = fetch(f"{server.url}/feed")

    assert result.status == 200
    assert result.content == b"<rss/>"
    assert result.etag == '"v1"'
    assert result.last_modified == "Sun, 22 Nov 2026 10:00:00 GMT"
    assert result.not_modified is False
    assert result.final_url == f"{server.url}/feed"
    assert server.hits[0][1]["User-Agent"].startswith("Sichtbar/")


def test_conditional_get_answers_not_modified_without_a_body(server, allow):
    def feed(h: BaseHTTPRequestHandler) -> None:
        if h.headers.get("If-None-Match") == '"v1"':
            reply(h, 304, headers={"ETag": '"v1"'})
        elif h.headers.get("If-Modified-Since") == "Sun, 22 Nov 2026 10:00:00 GMT":
            reply(h, 304)
        else:
            reply(h, 200, b"<rss/>", {"ETag": '"v1"'})

    server.routes["/feed"] = feed
    allow(server)

    by_etag = fetch(f"{server.url}/feed", etag='"v1"')
    by_date = fetch(f"{server.url}/feed", last_modified="Sun, 22 Nov 2026 10:00:00 GMT")

    assert (by_etag.status, by_etag.not_modified, by_etag.content, by_etag.etag) == (304, True, b"", '"v1"')
    assert (by_date.not_modified, by_date.last_modified) == (True, "Sun, 22 Nov 2026 10:00:00 GMT")
    assert server.hits[0][1]["If-None-Match"] == '"v1"'


def test_server_errors_are_typed_and_temporary(server, allow):
    server.routes["/boom"] = lambda h: reply(h, 500, b"oops")
    server.routes["/gone"] = lambda h: reply(h, 410)
    server.routes["/slow-down"] = lambda h: reply(h, 429, headers={"Retry-After": "120"})
    allow(server)

    with pytest.raises(OutboundHttpError) as boom:
        fetch(f"{server.url}/boom")
    with pytest.raises(OutboundHttpError) as gone:
        fetch(f"{server.url}/gone")
    with pytest.raises(OutboundHttpError) as throttled:
        fetch(f"{server.url}/slow-down")

    assert (boom.value.status, boom.value.temporary) == (500, True)
    assert (gone.value.status, gone.value.temporary) == (410, False)
    assert (throttled.value.status, throttled.value.temporary, throttled.value.retry_after) == (
        429,
        True,
        120,
    )


def test_request_without_raising_returns_error_responses(server, allow):
    server.routes["/boom"] = lambda h: reply(h, 500, b"oops")
    allow(server)

    response = request("GET", f"{server.url}/boom", raise_for_status=False)

    assert (response.status_code, response.content) == (500, b"oops")


def test_a_declared_oversize_body_is_refused(server, allow, settings):
    server.routes["/big"] = lambda h: reply(h, 200, b"x" * 2048)
    allow(server)
    settings.OUTBOUND_HTTP_MAX_BYTES = 1024

    with pytest.raises(OutboundTooLarge):
        fetch(f"{server.url}/big")


def test_an_undeclared_oversize_body_stops_reading_past_the_limit(server, allow, settings):
    def endless(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Connection", "close")
        h.end_headers()
        try:
            for _ in range(10_000):  # 640 MB if nobody stopped reading
                h.wfile.write(b"y" * 65536)
        except OSError:
            pass

    server.routes["/stream"] = endless
    allow(server)
    settings.OUTBOUND_HTTP_MAX_BYTES = 256 * 1024

    with pytest.raises(OutboundTooLarge):
        fetch(f"{server.url}/stream")


def test_a_gzip_bomb_is_stopped_by_the_decoded_size(server, allow, settings):
    bomb = gzip.compress(b"\0" * (8 * 1024 * 1024))
    server.routes["/bomb"] = lambda h: reply(h, 200, bomb, {"Content-Encoding": "gzip"})
    allow(server)
    settings.OUTBOUND_HTTP_MAX_BYTES = 1024 * 1024

    assert len(bomb) < 1024 * 1024
    with pytest.raises(OutboundTooLarge):
        fetch(f"{server.url}/bomb")


def test_a_server_slower_than_the_read_timeout_times_out(server, allow, settings):
    def slow(h: BaseHTTPRequestHandler) -> None:
        time.sleep(1.5)
        reply(h, 200, b"late")

    server.routes["/slow"] = slow
    allow(server)
    settings.OUTBOUND_HTTP_READ_TIMEOUT = 0.3

    started = time.monotonic()
    with pytest.raises(OutboundTimeout) as error:
        fetch(f"{server.url}/slow")

    assert error.value.temporary is True
    assert time.monotonic() - started < 1.4


def test_a_dripping_server_is_cut_off_by_the_total_timeout(server, allow, settings):
    def drip(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Length", "100")
        h.end_headers()
        try:
            for _ in range(100):
                h.wfile.write(b"z")
                h.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass

    server.routes["/drip"] = drip
    allow(server)
    settings.OUTBOUND_HTTP_TOTAL_TIMEOUT = 0.5

    started = time.monotonic()
    with pytest.raises(OutboundTimeout):
        fetch(f"{server.url}/drip")

    assert time.monotonic() - started < 2  # not the 10 s the server would take


def test_a_closed_port_is_a_temporary_connection_error(allow, settings):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()
    settings.OUTBOUND_HTTP_ALLOW_LOOPBACK = True
    settings.OUTBOUND_HTTP_EXTRA_PORTS = [port]

    with pytest.raises(OutboundConnectionError) as error:
        fetch(f"http://127.0.0.1:{port}/")

    assert error.value.temporary is True


def test_proxy_variables_in_the_environment_are_ignored(server, allow, monkeypatch):
    proxy = StandIn()
    try:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.setenv("http_proxy", proxy.url)
        server.routes["/feed"] = lambda h: reply(h, 200, b"direct")
        allow(server, proxy)

        result = fetch(f"{server.url}/feed")

        assert result.content == b"direct"
        assert proxy.hits == []
    finally:
        proxy.close()


# --- redirects ----------------------------------------------------------------------------------------


def redirect_to(location: str, status: int = 302) -> Route:
    return lambda h: reply(h, status, b"x" * 100, {"Location": location})


def test_redirects_are_followed_and_the_final_url_reported(server, allow):
    server.routes["/old"] = redirect_to("/new", 301)
    server.routes["/new"] = lambda h: reply(h, 200, b"here")
    allow(server)

    result = fetch(f"{server.url}/old")

    assert (result.content, result.final_url) == (b"here", f"{server.url}/new")


def test_more_than_five_redirects_are_refused(server, allow):
    for hop in range(7):
        server.routes[f"/r{hop}"] = redirect_to(f"/r{hop + 1}")
    server.routes["/r7"] = lambda h: reply(h, 200, b"end")
    allow(server)

    with pytest.raises(OutboundHttpError, match="too many redirects"):
        fetch(f"{server.url}/r0")

    assert [path for path, _ in server.hits] == [f"/r{hop}" for hop in range(6)]


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://[::ffff:10.0.0.1]/",
        "http://[fd00::1]/",
    ],
)
def test_a_redirect_to_a_private_address_is_blocked_after_an_allowed_first_hop(
    server, allow, connects, target
):
    server.routes["/go"] = redirect_to(target)
    allow(server)

    with pytest.raises(OutboundBlocked):
        fetch(f"{server.url}/go")

    assert [path for path, _ in server.hits] == ["/go"]
    assert connects == [("127.0.0.1", server.port)]


def test_a_redirect_to_loopback_is_blocked_when_only_the_first_host_is_trusted(settings, guarded, connects):
    trusted = StandIn("127.0.0.2")  # an operator-trusted network, e.g. an intranet blog
    internal = StandIn("127.0.0.1")
    try:
        internal.routes["/admin"] = lambda h: reply(h, 200, b"secret")
        trusted.routes["/go"] = redirect_to(f"{internal.url}/admin")
        settings.OUTBOUND_HTTP_ALLOWED_NETWORKS = ["127.0.0.2/32"]
        settings.OUTBOUND_HTTP_EXTRA_PORTS = [trusted.port, internal.port]

        with pytest.raises(OutboundBlocked):
            fetch(f"{trusted.url}/go")

        assert [path for path, _ in trusted.hits] == ["/go"]
        assert internal.hits == []
        assert connects == [("127.0.0.2", trusted.port)]
    finally:
        trusted.close()
        internal.close()


@pytest.mark.parametrize("target", ["file:///etc/passwd", "gopher://example.com/", "http://example.com:25/"])
def test_a_redirect_to_another_scheme_or_port_is_blocked(server, allow, connects, target):
    server.routes["/go"] = redirect_to(target)
    allow(server)

    with pytest.raises(OutboundBlocked):
        fetch(f"{server.url}/go")

    assert connects == [("127.0.0.1", server.port)]


# --- the guard, with loopback not allowed ---------------------------------------------------------------


def test_loopback_servers_are_not_reached(guarded, settings, server, connects):
    v6 = StandIn("::1")
    try:
        for stand_in in (server, v6):
            stand_in.routes["/"] = lambda h: reply(h, 200, b"reached")
        settings.OUTBOUND_HTTP_EXTRA_PORTS = [server.port, v6.port]
        urls = [
            f"http://127.0.0.1:{server.port}/",
            f"http://localhost:{server.port}/",
            f"http://2130706433:{server.port}/",  # 127.0.0.1 as one decimal number
            f"http://127.1:{server.port}/",
            f"http://[::ffff:127.0.0.1]:{server.port}/",
            f"http://[::1]:{v6.port}/",
        ]

        for url in urls:
            with pytest.raises(OutboundBlocked):
                fetch(url)

        assert server.hits == []
        assert v6.hits == []
        assert connects == []
    finally:
        v6.close()


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/",
        "http://10.255.1.2/",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/",
        "http://[::]/",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://100.64.0.1/",
        "http://224.0.0.1/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[2002:a00:1::]/",
        "http://[64:ff9b::a00:1]/",
    ],
)
def test_private_link_local_and_reserved_addresses_are_refused_before_connecting(guarded, connects, url):
    with pytest.raises(OutboundBlocked):
        fetch(url)

    assert connects == []


def test_a_name_resolving_to_a_private_address_is_refused(guarded, connects, monkeypatch):
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, port, *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port))],
    )

    with pytest.raises(OutboundBlocked, match=r"intranet\.example"):
        fetch("https://intranet.example/feed")

    assert connects == []


def test_a_name_with_one_private_address_among_public_ones_is_refused(guarded, connects, monkeypatch):
    answers = [("93.184.216.34", 80), ("127.0.0.1", 80)]
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, port, *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", a) for a in answers],
    )

    with pytest.raises(OutboundBlocked):
        fetch("http://mixed.example/")

    assert connects == []


def test_the_client_connects_to_exactly_the_address_it_checked(guarded, monkeypatch):
    """DNS rebinding: the name is resolved once, and the socket goes to that checked address."""
    lookups: list[str] = []
    answers = iter(["93.184.216.34", "127.0.0.1"])

    def rebinding(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    opened: list[tuple[str, int]] = []

    def refuse(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        opened.append(address)
        raise ConnectionRefusedError("stand-in: nothing listens")

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(http, "create_connection", refuse)

    with pytest.raises(OutboundConnectionError):
        fetch("http://rebind.example/")

    assert lookups == ["rebind.example"]
    assert opened == [("93.184.216.34", 80)]


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/feed",
        "file:///etc/passwd",
        "gopher://example.com/",
        "http://example.com:8080/",
        "http://user:pass@example.com/",
        "http:///nohost",
    ],
)
def test_only_http_and_https_on_allowed_ports(guarded, connects, url):
    with pytest.raises(OutboundBlocked):
        fetch(url)

    assert connects == []


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("93.184.216.34", True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.1", False),
        ("127.8.9.10", False),
        ("::1", False),
        ("10.0.0.1", False),
        ("172.31.255.255", False),
        ("192.168.0.10", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("100.127.255.254", False),
        ("0.0.0.0", False),
        ("255.255.255.255", False),
        ("239.1.2.3", False),
        ("198.18.0.1", False),
        ("::", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("::ffff:93.184.216.34", True),
        ("fd12:3456::1", False),
        ("fe80::1%eth0", False),
        ("ff02::1", False),
        ("2001:db8::1", False),
        ("not an address", False),
    ],
)
def test_address_classification(guarded, address, allowed):
    assert address_allowed(address) is allowed


def test_allowing_loopback_allows_only_loopback(settings):
    settings.OUTBOUND_HTTP_ALLOW_LOOPBACK = True

    assert address_allowed("127.0.0.1") is True
    assert address_allowed("::1") is True
    assert address_allowed("10.0.0.1") is False
    assert address_allowed("169.254.169.254") is False


def _self_signed(tmp_path: Any) -> tuple[str, str]:
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return str(cert_file), str(key_file)


def test_https_keeps_the_name_for_sni_while_connecting_to_the_checked_address(settings, connects, tmp_path):
    """The socket goes to the resolved, checked IP; TLS still names the host (SNI, certificate check)."""
    import ssl

    cert, key = _self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    names: list[str | None] = []
    context.sni_callback = lambda _sock, name, _ctx: names.append(name)  # type: ignore[assignment,func-returns-value]
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]

    def serve() -> None:
        client, _address = listener.accept()
        try:
            context.wrap_socket(client, server_side=True).close()
        except (OSError, ssl.SSLError):
            client.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    settings.OUTBOUND_HTTP_ALLOW_LOOPBACK = True
    settings.OUTBOUND_HTTP_EXTRA_PORTS = [port]
    try:
        with pytest.raises(OutboundConnectionError):  # the self-signed certificate is not trusted
            fetch(f"https://localhost:{port}/")
        thread.join(timeout=5)
    finally:
        listener.close()

    assert connects == [("127.0.0.1", port)]
    assert names == ["localhost"]


@pytest.mark.parametrize("host", ["0" * 300, "a" * 64 + ".example", "xn--" + "z" * 70 + ".example"])
def test_an_impossible_host_name_is_a_connection_error_not_a_crash(host):
    # Found by contract fuzzing: a 64+ character label made IDNA encoding raise UnicodeError (HTTP 500).
    with pytest.raises(OutboundConnectionError):
        fetch(f"http://{host}/")
