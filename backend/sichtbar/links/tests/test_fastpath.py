"""The redirect's fast path (sichtbar/links/fastpath.py): the same answer and the same clicks as Django's
view, without Django's request cycle once a process knows the link; everything else goes to Django."""

from datetime import timedelta

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from django.utils import timezone

from sichtbar.links.fastpath import RedirectFastPath
from sichtbar.links.models import Click
from sichtbar.links.selectors import link_target_cache_clear
from sichtbar.links.visitors import daily_salt_forget

from .factories import TrackedLinkFactory
from .test_redirect import BROWSER, PHONE

pytestmark = pytest.mark.django_db

REQUEST_ID = "0f4c1f2e9a6b4d3c8e7f6a5b4c3d2e1f"


class Served:
    """A WSGI application called as gunicorn calls it; counts the requests Django's handler saw. As in
    Django's test client, the request signals do not close the test's database connection."""

    def __init__(self, app) -> None:
        self.app = app
        self.by_django = 0
        request_started.connect(self._started, weak=False, dispatch_uid=f"served-{id(self)}")
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)

    def _started(self, **_) -> None:
        self.by_django += 1

    def close(self) -> None:
        request_started.disconnect(dispatch_uid=f"served-{id(self)}")
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)

    def get(self, path: str, *, method: str = "GET", ua: str = BROWSER, ip: str = "203.0.113.7", **headers):
        request = RequestFactory().generic(method, path, HTTP_USER_AGENT=ua, REMOTE_ADDR=ip, **headers)
        environ = request.environ
        answer: dict = {}

        def start_response(status, response_headers, exc_info=None):
            answer["status"] = int(status.split()[0])
            answer["headers"] = dict(response_headers)

        body = self.app(environ, start_response)
        try:
            answer["body"] = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()  # as the server does once the answer is out: the click is recorded now
        return answer


@pytest.fixture
def fast():
    served = Served(RedirectFastPath(WSGIHandler()))
    yield served
    served.close()


@pytest.fixture
def plain():
    served = Served(WSGIHandler())
    yield served
    served.close()


def test_the_shipped_application_has_the_fast_path_in_front():
    from config.wsgi import application

    assert isinstance(application, RedirectFastPath)


def test_a_known_link_is_answered_without_django_and_with_djangos_headers(fast):
    link = TrackedLinkFactory(destination="https://www.example.com/jobs/7?utm_source=xing")

    first = fast.get(f"/r/{link.code}")
    assert fast.by_django == 1  # the first click of a link in this process teaches the fast path
    second = fast.get(f"/r/{link.code}", ip="203.0.113.8")
    third = fast.get(f"/r/{link.code}", ip="203.0.113.9", HTTP_X_REQUEST_ID=REQUEST_ID)

    assert fast.by_django == 1
    assert (second["status"], second["headers"]["Location"], second["body"]) == (302, link.destination, b"")
    per_answer = {"X-Request-ID", "Content-Language"}
    assert {k: v for k, v in second["headers"].items() if k not in per_answer} == {
        k: v for k, v in first["headers"].items() if k not in per_answer
    }
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"):
        assert header in second["headers"]
    assert second["headers"]["Cache-Control"] == "private, no-store"
    assert len(second["headers"]["X-Request-ID"]) == 32
    assert second["headers"]["X-Request-ID"] != first["headers"]["X-Request-ID"]
    assert third["headers"]["X-Request-ID"] == REQUEST_ID  # a valid one from nginx is kept, as Django does
    assert fast.get(f"/r/{link.code}", ip="203.0.113.10", HTTP_X_REQUEST_ID="<x>")["headers"][
        "X-Request-ID"
    ] not in ("<x>", "")
    assert Click.objects.filter(link=link).count() == 4


def _clicks() -> list[tuple]:
    return list(
        Click.objects.order_by("id").values_list(
            "link_id",
            "user_id_at_click",
            "content_id_at_click",
            "network",
            "visitor_hash",
            "referrer_host",
            "device_class",
            "unique_of_day",
        )
    )


VISITS = [
    {"ip": "203.0.113.7"},
    {"ip": "203.0.113.7", "HTTP_REFERER": "https://www.xing.com/feed/person?id=9"},  # a repeat
    {"ip": "203.0.113.8", "ua": PHONE, "HTTP_REFERER": "https://www.linkedin.com/feed/"},
    {"ip": "198.51.100.1", "HTTP_X_FORWARDED_FOR": "192.0.2.44"},
    {"ip": "203.0.113.7", "ua": PHONE},  # the same address with another browser: another visitor
]


def test_the_fast_path_records_the_same_clicks_as_django(fast, plain):
    """The same visits, once through Django alone and once with the fast path in front: the same rows
    (visitor hashes, repeats within 30 minutes, device classes, referrer domains)."""
    link = TrackedLinkFactory()
    for visit in VISITS:
        plain.get(f"/r/{link.code}", **visit)
    through_django = _clicks()
    Click.objects.all().delete()
    link_target_cache_clear()
    before = fast.by_django  # (both count every request Django sees)

    for visit in VISITS:
        fast.get(f"/r/{link.code}", **visit)

    assert fast.by_django - before == 1
    assert _clicks() == through_django
    assert len(through_django) == 4  # the repeat did not count
    assert "192.0.2.44" not in str(through_django) and "203.0.113" not in str(through_django)


@pytest.mark.parametrize(
    ("method", "extra", "status"),
    [
        ("HEAD", {}, 302),  # redirected, never counted
        ("POST", {}, 403),  # no CSRF token (with one: 405, test_redirect.py)
        ("GET", {"ua": "LinkedInBot/1.0 (compatible; Mozilla/5.0; +http://www.linkedin.com)"}, 302),
        ("GET", {"ua": ""}, 302),
        ("GET", {"HTTP_ORIGIN": "https://evil.example.net"}, 302),  # CORS decides headers: Django
    ],
)
def test_what_is_not_a_plain_click_goes_to_django(fast, method, extra, status):
    link = TrackedLinkFactory()
    fast.get(f"/r/{link.code}")  # the fast path knows the link and the headers now
    counted = Click.objects.count()

    answer = fast.get(f"/r/{link.code}", method=method, **{"ip": "203.0.113.99", **extra})

    assert (answer["status"], fast.by_django) == (status, 2)
    assert Click.objects.count() == counted + (1 if "HTTP_ORIGIN" in extra else 0)


def test_unknown_expired_and_other_paths_go_to_django(fast):
    link = TrackedLinkFactory()
    fast.get(f"/r/{link.code}")

    assert fast.get("/r/doesNotExist1")["status"] == 404
    assert fast.get("/r/not-a-code")["status"] == 404
    assert fast.get("/api/v1/health/")["status"] == 200
    assert fast.by_django == 4
    expiring = TrackedLinkFactory(expires_at=timezone.now() + timedelta(seconds=30))
    fast.get(f"/r/{expiring.code}")
    fast.get(f"/r/{expiring.code}", ip="203.0.113.50")
    assert fast.by_django == 5  # known and live: fast
    from sichtbar.links.models import TrackedLink

    TrackedLink.objects.filter(pk=expiring.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    link_target_cache_clear()
    fast.get(f"/r/{expiring.code}")  # Django learns it expired
    from sichtbar.links import selectors

    # the process's memory still says "live, expiring at t": the fast path checks the time itself
    selectors._local[expiring.code] = (
        selectors._local[expiring.code][0],
        selectors.LinkTarget(
            link_id=expiring.pk,
            destination=expiring.destination,
            expires_at=(timezone.now() - timedelta(seconds=1)).timestamp(),
            user_id=expiring.user_id,
            content_id=expiring.content_id,
            network=expiring.network,
        ),
    )
    answer = fast.get(f"/r/{expiring.code}", ip="203.0.113.51")
    assert (answer["status"], fast.by_django) == (404, 7)


def test_a_host_or_scheme_django_has_not_redirected_never_takes_the_fast_path(settings):
    link = TrackedLinkFactory()
    settings.ALLOWED_HOSTS = ["sichtbar.example"]
    settings.SECURE_SSL_REDIRECT = True
    fast = Served(RedirectFastPath(WSGIHandler()))  # middleware reads its settings when it is made

    for _ in range(2):
        assert fast.get(f"/r/{link.code}", HTTP_HOST="evil.example.net", secure=False)["status"] == 400
        assert fast.get(f"/r/{link.code}", HTTP_HOST="sichtbar.example")["status"] == 301  # to HTTPS first
    assert fast.by_django == 4
    for ip in ("192.0.2.1", "192.0.2.2"):  # HTTPS: Django redirects and teaches, then the fast path
        assert fast.get(f"/r/{link.code}", HTTP_HOST="sichtbar.example", secure=True, ip=ip)["status"] == 302
    assert fast.by_django == 5
    fast.close()
    assert Click.objects.count() == 2


def test_changed_settings_are_learned_again(fast, settings):
    link = TrackedLinkFactory()
    fast.get(f"/r/{link.code}")
    fast.get(f"/r/{link.code}", ip="203.0.113.8")
    assert fast.by_django == 1

    settings.X_FRAME_OPTIONS = "SAMEORIGIN"
    answer = fast.get(f"/r/{link.code}", ip="203.0.113.9")
    again = fast.get(f"/r/{link.code}", ip="203.0.113.10")

    assert fast.by_django == 2
    assert answer["headers"]["X-Frame-Options"] == again["headers"]["X-Frame-Options"] == "SAMEORIGIN"


def test_a_new_day_takes_django_for_the_new_salt(fast):
    link = TrackedLinkFactory()
    fast.get(f"/r/{link.code}")
    daily_salt_forget()  # what a new UTC day looks like to the process: no salt for today in memory

    fast.get(f"/r/{link.code}", ip="203.0.113.8")
    fast.get(f"/r/{link.code}", ip="203.0.113.9")

    assert fast.by_django == 2
    assert Click.objects.count() == 3
