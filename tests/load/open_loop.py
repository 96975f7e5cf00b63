"""An open-loop load generator for the rate phases of `make load-stack` (tests/load/stack.py).

Requests start at a fixed rate whatever the answers do, and each request's time is counted from when it
was due, not from when it was sent: a server that stalls cannot hide its queue (no coordinated
omission). One asyncio process with plain HTTP/1.1 keep-alive connections, so the generator's own cost
per request is a fraction of locust's (whose greenlets and statistics shared the two cores with the
stack and showed in its p99). Every redirect comes from a browser no other request has been, so each is a
counted first click, as in stack_locustfile.py.

    python open_loop.py PORT MODE RATE SECONDS FIXTURES RUN OUT
MODE is redirect (the fixtures' codes) or search (public search over the locustfile's queries); OUT gets
a JSON list of [route, ms, status], as the locustfile writes.
"""

import asyncio
import contextlib
import itertools
import json
import random
import sys
import time
from urllib.parse import quote

from load_queries import QUERIES

ACCEPT_LANGUAGES = ("de-DE", "en-GB")


class Connection:
    """One kept-alive HTTP/1.1 connection to 127.0.0.1 (Content-Length and chunked bodies)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def get(self, path: str, headers: dict[str, str]) -> int:
        """The status code (0 when the connection failed twice)."""
        request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        request += "".join(f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
        for attempt in range(2):
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
                assert self.reader is not None
                self.writer.write(request.encode())
                head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
                fields = {
                    name.strip().lower(): value.strip()
                    for name, _, value in (line.partition(":") for line in head[1:] if line)
                }
                if fields.get("transfer-encoding", "").lower() == "chunked":
                    while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                        await self.reader.readexactly(size + 2)
                    await self.reader.readuntil(b"\r\n")
                elif length := int(fields.get("content-length", "0")):
                    await self.reader.readexactly(length)
                if fields.get("connection", "").lower() == "close":
                    await self.close()
                return int(head[0].split()[1])
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
                await self.close()
                if attempt:
                    return 0
        return 0


async def run(port: int, mode: str, rate: float, seconds: float, codes: list[str], run_id: str) -> list:
    rng = random.Random()
    visitors = itertools.count(1)
    idle: list[Connection] = []
    results: list[list] = []

    def request() -> tuple[str, str, dict[str, str]]:
        if mode == "redirect":
            agent = (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                f"Chrome/131.0.{run_id}.{next(visitors)} Safari/537.36"
            )
            return "redirect", f"/r/{rng.choice(codes)}", {"User-Agent": agent, "Accept": "text/html"}
        query = rng.choice(QUERIES)
        headers = {"Accept": "application/json", "Accept-Language": rng.choice(ACCEPT_LANGUAGES)}
        return "public search", f"/api/v1/public/experts/?q={quote(query)}", headers

    async def one(due: float, route: str, path: str, headers: dict[str, str]) -> None:
        connection = idle.pop() if idle else Connection(port)
        status = await connection.get(path, headers)
        results.append([route, (time.perf_counter() - due) * 1000, status])
        idle.append(connection)

    tasks = []
    start = time.perf_counter()
    for n in range(int(rate * seconds)):
        due = start + n / rate
        if (delay := due - time.perf_counter()) > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(due, *request())))
    await asyncio.gather(*tasks)
    for connection in idle:
        await connection.close()
    return results


def main() -> None:
    port, mode, rate, seconds, fixtures, run_id, out = sys.argv[1:8]
    with open(fixtures, encoding="utf-8") as file:
        codes = json.load(file)["codes"]
    results = asyncio.run(run(int(port), mode, float(rate), float(seconds), codes, run_id))
    with open(out, "w", encoding="utf-8") as file:
        json.dump(results, file)


if __name__ == "__main__":
    main()
