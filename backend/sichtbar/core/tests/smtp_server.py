"""A small SMTP server on loopback for tests: records delivered messages and can stall sessions."""

import socketserver
import threading
from dataclasses import dataclass, field


@dataclass
class SmtpServer:
    stall_first_session: bool = False
    messages: list[str] = field(default_factory=list)
    sessions: int = 0
    session_started: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        server = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                server.sessions += 1
                first = server.sessions == 1
                server.session_started.set()
                self.wfile.write(b"220 sichtbar-test ESMTP\r\n")
                data_lines: list[str] | None = None
                while line := self.rfile.readline():
                    text = line.decode(errors="replace").rstrip("\r\n")
                    if data_lines is not None:
                        if text == ".":
                            if first and server.stall_first_session:
                                server.release.wait(60)  # the worker is killed while we hold the message
                                return
                            server.messages.append("\n".join(data_lines))
                            data_lines = None
                            self.wfile.write(b"250 queued\r\n")
                        else:
                            data_lines.append(text)
                        continue
                    verb = text.split(" ", 1)[0].upper()
                    if verb in ("EHLO", "HELO"):
                        self.wfile.write(b"250 sichtbar-test\r\n")
                    elif verb == "DATA":
                        data_lines = []
                        self.wfile.write(b"354 go ahead\r\n")
                    elif verb == "QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 ok\r\n")

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "SmtpServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()
