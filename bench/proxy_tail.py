"""The redirect's tail through nginx, old and new configuration side by side in one run (prints figures).

Needs the stack of `make load-stack` running (LOAD_KEEP_STACK=1 keeps it; STACK_PORT as there). Starts
beside it, on STACK_PORT+3/+4, gunicorn and nginx as shipped before issue 20 (3 sync workers; the nginx
configuration of `git show OLD_REF:infra/nginx/nginx.conf`, its log format extended by the upstream time),
then sends the same open-ended redirect load (locust, LOAD_REDIRECT_RATES, alternating segments) to four
targets: old nginx → old gunicorn, old gunicorn direct, new nginx → new gunicorn, new gunicorn direct.
Prints p50/p95/p99 per target, the CPU per redirect of each target's processes (from /proc) and, from
each nginx's own log, the time nginx added (request time minus upstream time).

    DATABASE_URL=postgres://…/sichtbar_me STACK_PORT=8800 .venv/bin/python bench/proxy_tail.py
"""

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "load"))

import stack  # noqa: E402  (tests/load/stack.py: the load test's helpers)

OLD_REF = os.environ.get("OLD_REF", "main")
OLD_WEB = stack.STACK_PORT + 3
OLD_NGINX = stack.STACK_PORT + 4
ROUNDS = int(os.environ.get("LOAD_ROUNDS", "4"))
SECONDS = int(os.environ.get("LOAD_RATE_SECONDS", "15"))
RATES = [float(r) for r in os.environ.get("LOAD_REDIRECT_RATES", "50").split(",")]


def cpu_of(pids: list[int]) -> float:
    table = stack._proc_table()
    return sum(table[pid][2] for pid in pids if pid in table)


def family(root: int) -> list[int]:
    table = stack._proc_table()
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(child for child, (ppid, _c, _u) in table.items() if ppid == pid)
    return found


def added_by_nginx(log: Path, offset: int) -> list[float]:
    """rt − urt in ms for every proxied request of the log since `offset`."""
    with log.open("rb") as handle:
        handle.seek(offset)
        text = handle.read().decode(errors="replace")
    return [
        (float(rt) - float(urt)) * 1000
        for rt, urt in re.findall(r'"GET /r/[^"]*" 302 .*?rt=([0-9.]+) urt=([0-9.]+)', text)
    ]


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop what it started (finally) on SIGTERM too
    if not stack.healthy(stack.STACK_PORT):
        sys.exit(
            f"no stack on 127.0.0.1:{stack.STACK_PORT}: run make load-stack with LOAD_KEEP_STACK=1 first"
        )
    work = stack.STACK_DIR / "old"
    (work / "tmp").mkdir(parents=True, exist_ok=True)
    old_conf = subprocess.run(  # noqa: S603
        ["git", "show", f"{OLD_REF}:infra/nginx/nginx.conf"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    old_conf = (
        old_conf.replace("user nginx;", "# user: this process's")
        .replace("server web:8000;", f"server 127.0.0.1:{OLD_WEB};")
        .replace("listen 8080;", f"listen 127.0.0.1:{OLD_NGINX};")
        .replace("listen 8081;", "")
        .replace("/tmp/", f"{work}/tmp/")  # noqa: S108
        .replace("/srv/static/", f"{stack.STACK_DIR}/staticfiles/")
        .replace("/srv/media/", f"{stack.STACK_DIR}/media/")
        .replace("'rt=$request_time ", "'rt=$request_time urt=$upstream_response_time ")
        .replace("access_log /dev/stdout sichtbar;", f"access_log {work}/access.log sichtbar;")
    )
    (work / "nginx.conf").write_text(old_conf)
    new_conf = (stack.STACK_DIR / "nginx.conf").read_text()
    new_conf = re.sub(
        r"access_log /dev/stdout sichtbar[^;]*;", f"access_log {work}/new-access.log sichtbar;", new_conf
    )
    new_conf = new_conf.replace(
        f"listen 127.0.0.1:{stack.STACK_PORT};", f"listen 127.0.0.1:{stack.STACK_PORT + 5};"
    )
    new_conf = new_conf.replace(f"pid {stack.STACK_DIR}/tmp/nginx.pid;", f"pid {work}/tmp/new-nginx.pid;")  # noqa: S108
    (work / "new-nginx.conf").write_text(new_conf)
    for log in ("access.log", "new-access.log"):
        (work / log).write_text("")
    env = stack.stack_env()
    old_web = subprocess.Popen(  # noqa: S603 - the pre-issue command line of infra/stack/Procfile
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{OLD_WEB}",
         "--workers", "3", "--worker-class", "sync", "--threads", "1", "--keep-alive", "2", "--timeout", "60",
         "--graceful-timeout", "30", "--access-logfile", "-"],
        cwd=stack.BACKEND, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,  # noqa: E501
    )  # fmt: skip
    nginxes = [
        subprocess.Popen(  # noqa: S603
            ["nginx", "-e", "stderr", "-c", str(work / conf), "-g", "daemon off;"],  # noqa: S607
            start_new_session=True,
        )
        for conf in ("nginx.conf", "new-nginx.conf")
    ]
    new_nginx_port = stack.STACK_PORT + 5
    try:
        for port in (OLD_WEB, OLD_NGINX, new_nginx_port):
            deadline = time.monotonic() + 120
            while not stack.healthy(port) and time.monotonic() < deadline:
                time.sleep(1)
        fixtures = stack.STACK_DIR / "load-fixtures.json"
        table = stack._proc_table()
        new_master = next(
            pid for pid, (_p, cmd, _c) in table.items() if f"--bind 127.0.0.1:{stack.WEB_PORT}" in cmd
        )
        groups = {
            "old nginx → old gunicorn": (OLD_NGINX, lambda: family(nginxes[0].pid) + family(old_web.pid)),
            "old gunicorn direct": (OLD_WEB, lambda: family(old_web.pid)),
            "new nginx → new gunicorn": (new_nginx_port, lambda: family(nginxes[1].pid) + family(new_master)),
            "new gunicorn direct": (stack.WEB_PORT, lambda: family(new_master)),
        }
        for name, (port, _pids) in groups.items():  # warm-up: imports, cached codes  # noqa: B007
            stack.locust(port, "redirect", 20, 5, fixtures, 1)
        print(f"load average {stack.loadavg()}; {ROUNDS} alternating rounds × {SECONDS} s per target")
        for rate in RATES:
            pooled: dict[str, list[float]] = defaultdict(list)
            cpu: dict[str, float] = defaultdict(float)
            count: dict[str, int] = defaultdict(int)
            offsets = {log: (work / log).stat().st_size for log in ("access.log", "new-access.log")}
            for round_ in range(ROUNDS):
                order = list(groups.items())
                for name, (port, pids) in order if round_ % 2 == 0 else order[::-1]:
                    members = pids()
                    before = cpu_of(members)
                    results = stack.locust(port, "redirect", rate, SECONDS, fixtures, 2 + round_)
                    cpu[name] += cpu_of(members) - before
                    pooled[name] += [ms for _r, ms, status in results if status == 302]
                    count[name] += sum(1 for _r, _ms, status in results if status == 302)
            print(f"\nredirects at {rate:.0f}/s (load average now {stack.loadavg()}):")
            figures = {}
            for name, values in pooled.items():
                p50, p95, p99 = (stack.pct(values, p) for p in (50, 95, 99))
                per = cpu[name] / max(1, count[name]) * 1000
                figures[name] = {"p50": p50, "p95": p95, "p99": p99, "cpu_ms": per, "n": len(values)}
                print(f"  {name:<26} n={len(values):5d}  p50 {p50:6.2f}  p95 {p95:6.2f}  p99 {p99:6.2f} ms  "
                      f"CPU {per:.3f} ms per redirect (nginx + gunicorn)")  # fmt: skip
            for label, log in (("old nginx", "access.log"), ("new nginx", "new-access.log")):
                added = added_by_nginx(work / log, offsets[log])
                if added:
                    print(f"  {label}: time added by nginx (rt − urt, ms resolution) p50 {stack.pct(added, 50):.0f}"  # noqa: E501
                          f"  p99 {stack.pct(added, 99):.0f}  max {max(added):.0f} ms over {len(added)} requests")  # fmt: skip  # noqa: E501
            print("JSON " + json.dumps({"rate": rate, "load": stack.loadavg(), "figures": figures}))
    finally:
        for process in (*nginxes, old_web):
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
