"""Tracked-link redirect under gunicorn on loopback, side by side with a bare Django redirect view.

Prints (1) closed-loop throughput of GET /r/<code> (cached code, click appended to the Redis stream)
and of a bare view that only returns a redirect behind the same middleware, alternating rounds in the
same run, and their ratio (target ≥ 70 %); (2) latency percentiles at a fixed open-loop rate of
200 requests per second (target p99 ≤ 25 ms), measured from each request's scheduled start so a
stalled server cannot hide its queue.

Uses PostgreSQL database sb_links_bench (created when missing) and Redis database 8.
    python bench/redirect_throughput.py      (or `make bench`)
Knobs: BENCH_ROUNDS (5), BENCH_SECONDS (3), BENCH_CONNECTIONS (16), BENCH_RATE (200),
BENCH_OPEN_SECONDS (5 per segment), BENCH_WORKERS (2 gunicorn processes × 4 threads).
"""

import asyncio
import itertools
import os
import signal
import socket
import statistics
import subprocess
import sys
import time

from redirect_common import (
    BACKEND_DIR,
    HttpConnection,
    bench_env,
    ensure_database,
    make_links,
    percentile,
    setup_django,
    wait_for_port,
)

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
RATE = float(os.environ.get("BENCH_RATE", "200"))
OPEN_SECONDS = float(os.environ.get("BENCH_OPEN_SECONDS", "5"))  # per segment, ROUNDS segments each
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
HUMAN = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)


def worker_cpu_seconds(master: int) -> float:
    """User + system CPU of gunicorn's worker processes so far (from /proc; Linux only)."""
    found = subprocess.run(  # noqa: S603
        ["/usr/bin/pgrep", "-P", str(master)], capture_output=True, text=True, check=False
    ).stdout
    total = 0
    for pid in found.split():
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def closed_loop(port: int, paths: list[str]) -> tuple[float, int, int]:
    """CONNECTIONS clients, each sending its next request as soon as the last answered."""
    deadline = time.perf_counter() + SECONDS
    done = 0
    errors = 0
    cycle = itertools.cycle(paths)

    async def client() -> None:
        nonlocal done, errors
        conn = HttpConnection("127.0.0.1", port)
        while time.perf_counter() < deadline:
            status = await conn.get(next(cycle), HUMAN)
            if status == 302:
                done += 1
            else:
                errors += 1
        await conn.close()

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(CONNECTIONS)))
    return done / (time.perf_counter() - start), errors, done


async def open_loop(port: int, paths: list[str]) -> tuple[list[float], int]:
    """Requests started at a fixed rate whatever the answers do; latency from the scheduled start."""
    idle: list[HttpConnection] = []
    latencies: list[float] = []
    errors = 0
    cycle = itertools.cycle(paths)
    total = int(RATE * OPEN_SECONDS)
    start = time.perf_counter()

    async def one(scheduled: float, path: str) -> None:
        nonlocal errors
        conn = idle.pop() if idle else HttpConnection("127.0.0.1", port)
        status = await conn.get(path, HUMAN)
        latencies.append((time.perf_counter() - scheduled) * 1000)
        if status != 302:
            errors += 1
        idle.append(conn)

    tasks = []
    for n in range(total):
        scheduled = start + n / RATE
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(scheduled, next(cycle))))
    await asyncio.gather(*tasks)
    for conn in idle:
        await conn.close()
    return latencies, errors


def main() -> None:
    ensure_database()
    setup_django()
    import redis
    from django.conf import settings
    from django.db import connection
    from sichtbar.links.models import Click

    codes = make_links(500)
    clicks_before = Click.objects.count()
    connection.close()
    client = redis.Redis.from_url(settings.LINKS_REDIS_URL)
    stream = settings.LINKS_CLICK_STREAM
    appended_before = client.xlen(stream)

    port = free_port()
    env = bench_env(DJANGO_SETTINGS_MODULE="redirect_settings")
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable, "-m", "gunicorn", "config.wsgi:application",
            "-b", f"127.0.0.1:{port}", "-w", str(WORKERS), "-k", "gthread", "--threads", "4",
            "--keep-alive", "30", "--log-level", "warning", "--backlog", "2048",
        ],
        cwd=BACKEND_DIR, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        wait_for_port("127.0.0.1", port)
        redirect_paths = [f"/r/{code}" for code in codes]
        bare_paths = [f"/bare/{code}" for code in codes]
        # Warm-up: every worker process resolves every code once, imports are done.
        asyncio.run(closed_loop(port, redirect_paths))
        asyncio.run(closed_loop(port, bare_paths))
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(
            f"gunicorn gthread {WORKERS}×4 on loopback, {len(codes)} codes, closed loop {CONNECTIONS} "
            f"connections × {SECONDS:.0f} s, {ROUNDS} alternating rounds; cpus={os.cpu_count()} (shared); "
            f"click buffer {settings.LINKS_CLICK_BUFFER_MS} ms"
        )
        bare_rates, redirect_rates, errors = [], [], 0
        cpu = {"bare": [0.0, 0], "redirect": [0.0, 0]}
        for round_ in range(ROUNDS):
            rates = {}
            for name, paths in (("bare", bare_paths), ("redirect", redirect_paths)):
                before = worker_cpu_seconds(server.pid)
                rate, round_errors, done = asyncio.run(closed_loop(port, paths))
                cpu[name][0] += worker_cpu_seconds(server.pid) - before
                cpu[name][1] += done
                rates[name] = rate
                errors += round_errors
            bare_rates.append(rates["bare"])
            redirect_rates.append(rates["redirect"])
            print(
                f"  round {round_ + 1}: bare {rates['bare']:7.0f} req/s   "
                f"/r/<code> {rates['redirect']:7.0f} req/s"
            )
        bare_median = statistics.median(bare_rates)
        redirect_median = statistics.median(redirect_rates)
        ratio = redirect_median / bare_median
        print(f"throughput  bare view      {bare_median:7.0f} req/s (median)")
        print(f"throughput  /r/<code>      {redirect_median:7.0f} req/s (median)")
        print(f"ratio       {ratio * 100:5.1f} %   (target ≥ 70 %)  {'MET' if ratio >= 0.7 else 'MISSED'}")
        bare_cpu = cpu["bare"][0] / max(1, int(cpu["bare"][1])) * 1000
        redirect_cpu = cpu["redirect"][0] / max(1, int(cpu["redirect"][1])) * 1000
        print(
            f"worker CPU per request: bare {bare_cpu:.3f} ms, /r/<code> {redirect_cpu:.3f} ms "
            f"-> CPU-bound capacity ratio {bare_cpu / redirect_cpu * 100:5.1f} % "
            "(less sensitive to neighbours)"
        )
        print(f"errors      {errors}")

        # Open loop in alternating segments, so both see the same neighbours on the shared machine.
        pooled: dict[str, list[float]] = {"/r/<code>": [], "bare view": []}
        open_errors = 0
        for _ in range(ROUNDS):
            for name, paths in (("/r/<code>", redirect_paths), ("bare view", bare_paths)):
                latencies, segment_errors = asyncio.run(open_loop(port, paths))
                pooled[name] += latencies
                open_errors += segment_errors
        for name, latencies in pooled.items():
            p50, p95, p99 = (percentile(latencies, p) for p in (50, 95, 99))
            verdict = ("MET" if p99 <= 25 else "MISSED") if name == "/r/<code>" else ""
            print(
                f"open loop {RATE:.0f} req/s, {len(latencies)} requests {name:<10}: p50 {p50:6.2f} ms  "
                f"p95 {p95:6.2f} ms  p99 {p99:6.2f} ms  max {max(latencies):7.2f} ms  {verdict}"
            )
        print(f"open-loop errors {open_errors}")
        print(f"load average after the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    appended = client.xlen(stream) - appended_before
    print(f"clicks appended to the stream during the run: {appended} (database rows unchanged: "
          f"{Click.objects.count() == clicks_before}); stream entries removed")  # fmt: skip
    client.delete(stream)


if __name__ == "__main__":
    main()
