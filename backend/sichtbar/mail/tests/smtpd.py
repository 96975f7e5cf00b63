"""A real SMTP server on loopback (aiosmtpd) that records every message it accepts; can be stopped and
started again on the same port, as a mail server that goes away and comes back."""

import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Received:
    rcpt_tos: list[str]
    message: EmailMessage


@dataclass
class LoopbackSmtp:
    port: int = 0
    received: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)  # recipients answered with 550 (unknown mailbox)
    _controller: Controller | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        if not self.port:
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                self.port = probe.getsockname()[1]

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.refuse:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        with self._lock:
            self.received.append(Received(rcpt_tos=list(envelope.rcpt_tos), message=message))  # type: ignore[arg-type]
        return "250 OK"

    def start(self) -> None:
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
