"""What the scheduled work costs the embedded default at idle: `make serve` (gunicorn, and one Celery worker
with beat embedded on the filesystem broker) with the demo data and nobody using it.

Prints, per process, the CPU seconds used per minute (utime + stime from /proc/<pid>/stat over the
measuring window) and its resident memory (RSS, mean and peak of samples every 10 s, and PSS from
/proc/<pid>/smaps_rollup at the end: RSS counts pages a forked child shares with its parent once per
process, PSS splits them). Run from backend/ (as `make bench` does) or anywhere:

    .venv/bin/python bench/embedded_idle.py                     # 30 s warm-up, 5 minutes measured
    .venv/bin/python bench/embedded_idle.py --pool threads      # the former threads pool, to compare
    .venv/bin/python bench/embedded_idle.py --seconds 60 --port 8200

It migrates and seeds a fresh var directory (SQLite) in a temporary directory first; nothing of yours is
touched. A figure, not a pass/fail test: the machine's other load shows in it, so the load average is printed.
"""

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BACKEND = ROOT / "backend"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/api/v1/health/", timeout=5) as response:  # noqa: S310
            return response.status == 200
    except OSError:
        return False


def stat(pid: int) -> tuple[int, int, int] | None:
    """(parent pid, CPU ticks used, resident pages), or None when the process is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # after the command: state ppid ... utime(12) stime(13) ... rss(22), counted from state = index 0
    return int(fields[1]), int(fields[11]) + int(fields[12]), int(fields[21])


def pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree(root: int) -> dict[int, int]:
    """Every descendant of root with its parent."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (info := stat(int(entry.name))):
            parents[int(entry.name)] = info[0]
    found: dict[int, int] = {}
    frontier = {root}
    while frontier:
        children = {pid: parent for pid, parent in parents.items() if parent in frontier and pid not in found}
        found.update(children)
        frontier = set(children)
    return found


def label(pid: int, parents: dict[int, int]) -> str:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "?"
    parent_command = ""
    if parents.get(pid) in parents:
        with contextlib.suppress(OSError):
            parent_command = Path(f"/proc/{parents[pid]}/cmdline").read_bytes().decode(errors="replace")
    if "honcho" in command:
        return "honcho (supervisor)"
    if command.startswith("make"):
        return "make"
    if "gunicorn" in command:
        return "web: gunicorn worker" if "gunicorn" in parent_command else "web: gunicorn master"
    if "celery" in command:
        if "celery" in parent_command:
            # children of the worker: the pool's processes and embedded beat (billiard.Process "Beat")
            return "worker: pool process or beat"
        return "worker: main process"
    return command[:40]


def main() -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--seconds", type=int, default=300, help="measuring window (default 300)")
    parser.add_argument("--warmup", type=int, default=30, help="seconds after start-up before measuring")
    parser.add_argument("--port", type=int, default=0, help="port for make serve (default: a free one)")
    parser.add_argument("--pool", default="prefork", help="Celery pool of the embedded worker")
    parser.add_argument("--concurrency", default="2", help="processes (threads) of the embedded worker")
    args = parser.parse_args()

    var = Path(tempfile.mkdtemp(prefix="sichtbar-idle-"))
    drop = {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "SITE_URL", "EMAIL_URL"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(SICHTBAR_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="config.settings.local")
    print(f"preparing {var} (migrate, demo data) …", flush=True)
    for command in (["migrate", "--noinput", "-v0"], ["seed_demo", "--if-empty"]):
        subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", *command],
            cwd=BACKEND,
            env={**env, "CELERY_TASK_ALWAYS_EAGER": "true"},
            check=True,
            capture_output=True,
        )
    port = args.port or free_port()
    env.update(WORKER_POOL=args.pool, WORKER_CONCURRENCY=args.concurrency)
    log = (var / "serve.log").open("wb")
    process = subprocess.Popen(  # noqa: S603
        ["make", "--no-print-directory", "serve", f"PORT={port}"],  # noqa: S607
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while not healthy(base):
            if time.monotonic() > deadline or process.poll() is not None:
                sys.exit(f"make serve did not come up; see {var / 'serve.log'}")
            time.sleep(1)
        print(f"up on {base}; warm-up {args.warmup} s, then {args.seconds} s measured", flush=True)
        time.sleep(args.warmup)
        load_before = os.getloadavg()
        parents = tree(process.pid)
        labels = {pid: label(pid, parents) for pid in parents}
        start = {pid: info for pid in parents if (info := stat(pid))}
        rss: dict[int, list[int]] = {pid: [] for pid in start}
        began = time.monotonic()
        while (elapsed := time.monotonic() - began) < args.seconds:
            for pid in rss:
                if info := stat(pid):
                    rss[pid].append(info[2] * PAGE)
            time.sleep(min(10, max(0.1, args.seconds - elapsed)))
        elapsed = time.monotonic() - began
        end = {pid: info for pid in start if (info := stat(pid))}
        pss = {pid: pss_kib(pid) * 1024 for pid in end}
        appeared = set(tree(process.pid)) - set(start)
        load_after = os.getloadavg()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    mb = 1024 * 1024
    print()
    print(
        f"pool={args.pool} concurrency={args.concurrency}, window {elapsed:.0f} s, "
        f"load average {load_before[0]:.1f} → {load_after[0]:.1f} on {os.cpu_count()} cores"
    )
    print(f"{'process':<34} {'pid':>7} {'CPU s/min':>10} {'RSS MB':>8} {'peak':>7} {'PSS MB':>8}")
    totals: dict[str, list[float]] = {}
    for pid in sorted(start, key=lambda p: labels[p]):
        if labels[pid] == "make":
            continue
        cpu = (end[pid][1] - start[pid][1]) / TICKS * 60 / elapsed if pid in end else float("nan")
        samples = rss[pid] or [0]
        mean, peak = sum(samples) / len(samples) / mb, max(samples) / mb
        resident = pss.get(pid, 0) / mb
        print(f"{labels[pid]:<34} {pid:>7} {cpu:>10.2f} {mean:>8.0f} {peak:>7.0f} {resident:>8.0f}")
        group = (
            "web (gunicorn)"
            if labels[pid].startswith("web")
            else ("scheduled work (worker, pool, beat)" if labels[pid].startswith("worker") else "honcho")
        )
        total = totals.setdefault(group, [0.0, 0.0, 0.0])
        total[0] += cpu
        total[1] += mean
        total[2] += pss.get(pid, 0) / mb
    print()
    for group, (cpu, mean, pss_total) in totals.items():
        share = cpu / 60 * 100
        print(
            f"{group:<36} CPU {cpu:.2f} s/min ({share:.1f} % of a core),"
            f" RSS {mean:.0f} MB, PSS {pss_total:.0f} MB"
        )
    if appeared:
        print(f"processes started during the window (not counted): {len(appeared)}")


if __name__ == "__main__":
    main()
