"""The visitors of `make load-stack` (tests/load/stack.py runs locust headless with this file).

LOAD_MODE=mixed: the mix of a working day (redirects from many visitors, public search, profile pages, the
personal feed, the dashboard, shares and contact requests); LOAD_MODE=redirect or search: that route only.
Every user sends at most LOAD_USER_RATE requests per second (constant throughput), so users × rate is the
offered load. Each request's time (float ms) and status go to LOAD_RESULTS as JSON when locust quits; the
fixtures (tokens, codes, slugs, content ids) come from LOAD_FIXTURES. Only the --host given is contacted.
"""

import itertools
import json
import os
import random
from typing import Any

from load_queries import QUERIES
from locust import FastHttpUser, constant_throughput, events, task

with open(os.environ["LOAD_FIXTURES"], encoding="utf-8") as _fixtures:
    FIXTURES: dict[str, Any] = json.load(_fixtures)
MODE = os.environ.get("LOAD_MODE", "mixed")
RUN = os.environ.get("LOAD_RUN", "0")
USER_RATE = float(os.environ.get("LOAD_USER_RATE", "2"))
_visitor = itertools.count(1)
_results: list[tuple[str, float, int]] = []  # route, ms, status


@events.request.add_listener
def _record(
    request_type: str, name: str, response_time: float, response: Any, exception: Any, **_: Any
) -> None:
    status = getattr(response, "status_code", 0) or 0
    _results.append((name, float(response_time), 0 if exception and not status else int(status)))


@events.quitting.add_listener
def _dump(environment: Any, **_: Any) -> None:
    with open(os.environ["LOAD_RESULTS"], "w", encoding="utf-8") as out:
        json.dump(_results, out)


def _browser() -> dict[str, str]:
    """A browser of a visitor no other request has been (so each click is a counted click)."""
    return {
        "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        f"Chrome/131.0.{RUN}.{os.getpid()}{next(_visitor)} Safari/537.36",
        "Accept": "text/html",
    }


class Visitor(FastHttpUser):
    wait_time = constant_throughput(USER_RATE)
    # The 302 of a tracked link is the answer measured, not the company page behind it.
    max_redirects = 0
    insecure = False

    def on_start(self) -> None:
        self.rng = random.Random()
        self.employee = {"Authorization": f"Token {self.rng.choice(FIXTURES['employees'])}"}
        self.manager = {"Authorization": f"Token {FIXTURES['manager']}"}

    def redirect(self) -> None:
        code = self.rng.choice(FIXTURES["codes"])
        with self.client.get(
            f"/r/{code}", headers=_browser(), name="redirect", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code == 302:
                response.success()
            else:
                response.failure(f"status {response.status_code}")

    # Weights of the mix, in percent: tracked links are what the outside world hits most; the dashboard is
    # a few managers' page (at 6 % it alone took two thirds of the server's CPU: docs/performance.md).
    @task(45 if MODE == "mixed" else 1 if MODE == "redirect" else 0)
    def click(self) -> None:
        self.redirect()

    @task(20 if MODE == "mixed" else 1 if MODE == "search" else 0)
    def public_search(self) -> None:
        query = self.rng.choice(QUERIES)
        self.client.get(
            "/api/v1/public/experts/",
            params={"q": query},
            name="public search",
            headers={"Accept-Language": self.rng.choice(["de-DE", "en-GB"])},
        )

    if MODE == "mixed":

        @task(8)
        def profile_page(self) -> None:
            self.client.get(
                f"/experts/{self.rng.choice(FIXTURES['slugs'])}", name="profile page", headers=_browser()
            )

        @task(6)
        def profile_api(self) -> None:
            self.client.get(
                f"/api/v1/public/experts/{self.rng.choice(FIXTURES['slugs'])}/", name="profile API"
            )

        @task(12)
        def feed(self) -> None:
            self.client.get("/api/v1/feed/", name="personal feed", headers=self.employee)

        @task(1)
        def dashboard(self) -> None:
            self.client.get("/api/v1/analytics/overview/", name="dashboard", headers=self.manager)

        @task(4)
        def share(self) -> None:
            self.client.post(
                "/api/v1/shares/",
                json={
                    "content": self.rng.choice(FIXTURES["contents"]),
                    "network": self.rng.choice(["linkedin", "xing", "mastodon", "x"]),
                    "text": "Lesenswert für alle, die gerade an der Cloud-Migration sitzen.",
                },
                name="share (write)",
                headers=self.employee,
            )

        @task(4)
        def contact(self) -> None:
            n = next(_visitor)
            self.client.post(
                f"/api/v1/public/experts/{self.rng.choice(FIXTURES['contact_slugs'])}/contact/",
                json={
                    "name": f"Besucherin {n}",
                    "email": f"visitor{RUN}-{n}@load.example",
                    "organisation": "Lasttest GmbH",
                    "topic": self.rng.choice(FIXTURES["topics"]),
                    "message": "Wir suchen jemanden für einen Vortrag über Cloud-Migration im Frühjahr.",
                    "consent": True,
                },
                name="contact request (write)",
            )
