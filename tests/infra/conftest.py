"""Fixtures of the tests that start a whole set-up: a real SMTP server on loopback that catches the
set-up's mail, and Debian's Chromium driven by Playwright (as in tests/e2e)."""

import asyncio
import os
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from sichtbar.mail.tests.smtpd import LoopbackSmtp

from .live import STALLED, free_port

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


class CatchingSmtp(LoopbackSmtp):
    """aiosmtpd on loopback, recording each message; a message to STALLED gets no answer to DATA (for
    up to 15 minutes), like a mail server that hangs mid-conversation."""

    stalled_sessions: int = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if STALLED in envelope.rcpt_tos:
            self.stalled_sessions += 1
            await asyncio.sleep(900)
        return await super().handle_DATA(server, session, envelope)

    def recipients(self) -> list[str]:
        with self._lock:
            return [to for received in self.received for to in received.rcpt_tos]

    def message_to(self, address: str) -> EmailMessage | None:
        with self._lock:
            return next((r.message for r in self.received if address in r.rcpt_tos), None)


@pytest.fixture(scope="module")
def smtp() -> Iterator[CatchingSmtp]:
    server = CatchingSmtp(port=free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)  # a page on a busy machine; the product's own promises are polled
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
