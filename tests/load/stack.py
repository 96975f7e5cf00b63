"""Production-shaped load test (`make load-stack`): the distributed stack exactly as `make stack` starts it on
this machine (nginx with infra/nginx/nginx.conf, gunicorn with the shipped settings, PostgreSQL, Redis,
one Celery worker per queue, beat), loaded through nginx and, for comparison in the same run, directly at
gunicorn. Bounded: every phase has a fixed duration; the stack it started is stopped at the end. Only
127.0.0.1 is contacted.

Phases (LOAD_PHASES, comma-separated, default all):
  saturation  wrk, closed loop: tracked-link redirects through nginx and direct to gunicorn, alternating
              rounds (LOAD_ROUNDS × LOAD_ROUND_SECONDS); requests/s and server CPU per request
  rate        open loop (open_loop.py: requests due at a fixed rate, timed from when they were due) at
              each of LOAD_REDIRECT_RATES (50,200) redirects/s, through nginx and direct, alternating
              segments: p50/p95/p99 (the same run, the same neighbours)
  search      open loop, public search only at LOAD_SEARCH_RATE (20) requests/s, through nginx and
              direct, alternating
  mixed       locust at LOAD_RATE (100) requests/s for LOAD_SECONDS (120) through nginx: redirects from
              many visitors, public search, profile pages, the personal feed, the dashboard, shares and
              contact requests; p50/p95/p99 and errors per route
Then the clicks are reconciled: every redirect answered 302 was a human first click (each request is a
visitor of its own), so once the click stream is drained the clicks table must have grown by exactly as
many rows. Server CPU comes from /proc per process group: nginx, gunicorn, celery (workers and beat),
redis (the stack's own), postgres (the backends serving the stack's database).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sichtbar_me make load-stack STACK_PORT=8800
    LOAD_PHASES=mixed LOAD_SECONDS=60 make load-stack …
    LOAD_CPUS=0 make load-stack …    (the stack on CPU 0 only, the load generator on the others)
    LOAD_PROFILES=10000 (default): public profiles the database is topped up to before the run

The load generators: wrk (Debian package; installed when missing, like make stack's nginx), open_loop.py
(asyncio, for the fixed rates) and locust (PyPI, in requirements-dev.lock; the mixed phase). Throttles are
lifted for the run (one client address sends everything), as in `make load`.
"""

import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BACKEND = ROOT / "backend"
HERE = Path(__file__).resolve().parent
PY = sys.executable
STACK_PORT = int(os.environ.get("STACK_PORT", "8080"))
WEB_PORT = int(os.environ.get("STACK_WEB_PORT") or STACK_PORT + 1)
REDIS_PORT = int(os.environ.get("STACK_REDIS_PORT") or STACK_PORT + 2)
STACK_DIR = Path(os.environ.get("STACK_DIR") or ROOT / "var" / "stack")
PHASES = os.environ.get("LOAD_PHASES", "saturation,rate,search,mixed").split(",")
ROUNDS = int(os.environ.get("LOAD_ROUNDS", "4"))
ROUND_SECONDS = int(os.environ.get("LOAD_ROUND_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "16"))
REDIRECT_RATES = [float(r) for r in os.environ.get("LOAD_REDIRECT_RATES", "50,200").split(",")]
RATE_SECONDS = int(os.environ.get("LOAD_RATE_SECONDS", "15"))
RATE = float(os.environ.get("LOAD_RATE", "100"))
SEARCH_RATE = float(os.environ.get("LOAD_SEARCH_RATE", "20"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "120"))
PROFILES = int(os.environ.get("LOAD_PROFILES", "10000"))
CPUS = os.environ.get("LOAD_CPUS", "")
LIFTED = dict.fromkeys(
    (
        "THROTTLE_PUBLIC_SEARCH",
        "THROTTLE_ANON",
        "THROTTLE_PAGES",
        "THROTTLE_SHARE_CREATE",
        "THROTTLE_CONTACT",
        "THROTTLE_USER",
    ),
    "1000000/min",
) | {
    "CONTACT_FLOOD_PER_EXPERT_PER_DAY": "1000000",
    "CONTACT_FLOOD_PER_COMPANY_PER_HOUR": "1000000",
    # The load test's database holds the demo company (seed_demo): a demo on purpose, so the production
    # settings' refusal to start beside demo accounts does not apply.
    "SICHTBAR_SEED_DEMO": "1",
}
GROUPS = ("nginx", "gunicorn", "celery", "redis", "postgres")
# honcho relays every process's output (the access logs) as a container runtime's log driver would: shown
# apart, it is no part of what a deployment runs.
EXTRA = ("log relay", "load generator")
STREAM = "sichtbar:links:clicks"


def stack_env() -> dict[str, str]:
    """The environment of the stack's processes (the Makefile's STACK_ENV) for this script's own commands."""
    return {
        **os.environ,
        **LIFTED,
        "SICHTBAR_VAR_DIR": str(STACK_DIR),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": (STACK_DIR / "secret-key").read_text().strip(),
        "SICHTBAR_TOKEN_KEYS": (STACK_DIR / "token-key").read_text().strip(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_NUM_PROXIES": "1",
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/1",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "LOG_LEVEL": "WARNING",
    }


# --- server CPU per process group, from /proc ------------------------------------------------------------


def _proc_table() -> dict[int, tuple[int, str, float]]:
    """pid → (parent pid, command line, CPU seconds so far)."""
    tick = os.sysconf("SC_CLK_TCK")
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline", "rb") as cmd:
                cmdline = cmd.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        table[int(entry)] = (int(fields[1]), cmdline, (int(fields[11]) + int(fields[12])) / tick)
    return table


class CpuMeter:
    """Polls the CPU time of every process of the stack (descendants of its honcho), of the PostgreSQL
    backends serving its database, and of the load generators; a process that exits keeps what it used."""

    def __init__(self, root_pid: int, database: str) -> None:
        self.root_pid, self.database = root_pid, database
        self.seen: dict[int, tuple[str, float]] = {}
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)
        import psycopg

        self.pg = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
        self.poll()
        self.thread.start()

    def _postgres_pids(self) -> set[int]:
        rows = self.pg.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [self.database]
        ).fetchall()
        return {row[0] for row in rows}

    def poll(self) -> None:
        table = _proc_table()
        children: dict[int, list[int]] = defaultdict(list)
        for pid, (ppid, _cmd, _cpu) in table.items():
            children[ppid].append(pid)
        found: dict[int, str] = {self.root_pid: "log relay"}
        stack = [self.root_pid]
        while stack:
            pid = stack.pop()
            stack.extend(children.get(pid, []))
            cmd = table.get(pid, (0, "", 0.0))[1]
            for group, marker in (
                ("nginx", "nginx"),
                ("gunicorn", "gunicorn"),
                ("celery", "celery"),
                ("redis", "redis-server"),
            ):
                if marker in cmd:
                    found[pid] = group
                    break
        for pid in self._postgres_pids():
            found[pid] = "postgres"
        for pid in children.get(os.getpid(), []):
            stack = [pid]
            while stack:
                current = stack.pop()
                stack.extend(children.get(current, []))
                if current in table and current not in found:
                    found[current] = "load generator"
        with self.lock:
            for pid, group in found.items():
                if pid in table:
                    self.seen[pid] = (group, table[pid][2])

    def _loop(self) -> None:
        while not self.stop.wait(0.5):
            try:
                self.poll()
            except Exception as exc:
                print(f"cpu meter: {exc}", file=sys.stderr)

    def snapshot(self) -> dict[str, float]:
        self.poll()
        totals: dict[str, float] = defaultdict(float)
        with self.lock:
            for group, cpu in self.seen.values():
                totals[group] += cpu
        return dict(totals)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.pg.close()


def cpu_delta(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    return {group: after.get(group, 0.0) - before.get(group, 0.0) for group in (*GROUPS, *EXTRA)}


def loadavg() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


# --- the stack --------------------------------------------------------------------------------------------


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health/", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def start_stack() -> subprocess.Popen[bytes] | None:
    if healthy(STACK_PORT) and os.environ.get("LOAD_REUSE"):
        print(
            f"LOAD_REUSE: using the stack that answers on 127.0.0.1:{STACK_PORT} (started with the throttles lifted?)"  # noqa: E501
        )
        return None
    if healthy(STACK_PORT):
        sys.exit(f"something already answers on 127.0.0.1:{STACK_PORT}: stop it first (make stack-stop)")
    command = ["make", "--no-print-directory", "stack", f"STACK_PORT={STACK_PORT}", f"STACK_DIR={STACK_DIR}"]
    if (ROOT / "frontend" / "dist" / "index.html").exists():
        command.append("STACK_NO_BUILD=1")
    if CPUS:
        command = ["taskset", "-c", CPUS, *command]
    log = open(STACK_DIR.parent / "load-stack.log", "wb")  # noqa: SIM115 - the stack's lifetime
    print(f"starting the stack: {' '.join(command)} (log: {log.name})", flush=True)
    env = {**os.environ, **LIFTED}
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + 1800
    while not healthy(STACK_PORT):
        if process.poll() is not None or time.monotonic() > deadline:
            sys.exit(f"the stack did not come up; see {log.name}")
        time.sleep(1)
    return process


def stop_stack(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGTERM)  # honcho stops every process of the set
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def honcho_pid() -> int:
    """make's recipe execs honcho; its pid is written to STACK_DIR/honcho.pid."""
    return int((STACK_DIR / "honcho.pid").read_text().strip())


def prepare(out: str) -> None:
    """Run inside the stack's environment (a subprocess): top up the profiles, make tokens, list fixtures."""
    sys.path[:0] = [str(BACKEND), str(ROOT / "bench")]
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from sichtbar.accounts.models import ApiToken
    from sichtbar.content.models import ContentItem, ContentStatus
    from sichtbar.directory.models import ContactTopic
    from sichtbar.links.models import TrackedLink
    from sichtbar.profiles.models import Profile

    if Profile.objects.count() < PROFILES:
        from search_latency import generate

        print(f"topping the profiles up to {PROFILES} (once per database) …", flush=True)
        generate(PROFILES)
    from sichtbar.search.services import search_index_dirty

    search_index_dirty(batch_size=1000)
    user_model = get_user_model()
    employees = list(
        user_model.objects.filter(role="employee", is_active=True, profile__is_published=True)
        .exclude(email__endswith="@bench.example")
        .order_by("id")[:20]
    )
    from sichtbar.directory.selectors import contact_allowed
    from sichtbar.governance.selectors import guideline_accepted, guideline_current
    from sichtbar.governance.services import guideline_accept
    from sichtbar.sharing.selectors import shareable_content_get

    current = guideline_current()
    for user in employees:  # sharing needs the current social media guidelines accepted
        if current is not None and not guideline_accepted(user=user):
            guideline_accept(user=user, version_id=current.id)
    manager = user_model.objects.filter(role="manager", is_active=True).order_by("id").first()
    published = ContentItem.objects.filter(status=ContentStatus.PUBLISHED).values_list("id", flat=True)
    token = lambda user: ApiToken.objects.create(user=user, expiry=None, name="load-stack")[1]  # noqa: E731
    fixtures = {
        "employees": [token(user) for user in employees],
        "manager": token(manager),
        "codes": list(
            TrackedLink.objects.filter(expires_at__isnull=True).values_list("code", flat=True)[:500]
        ),
        # what every one of the employees may share (content can be meant for some departments only)
        "contents": [
            pk
            for pk in published[:200]
            if all(shareable_content_get(user=user, pk=pk) is not None for user in employees)
        ][:50],
        "topics": [choice for choice in ContactTopic.values if choice != "press"],
        "contact_slugs": [
            profile.slug
            for profile in Profile.objects.filter(is_published=True).exclude(
                user__email__endswith="@bench.example"
            )
            if contact_allowed(profile=profile)
        ][:100],
    }
    Path(out).write_text(json.dumps(fixtures))


def public_slugs(port: int) -> list[str]:
    with urllib.request.urlopen(
        f"http://127.0.0.1:{port}/api/v1/public/experts/?page_size=50", timeout=30
    ) as r:
        return [hit["slug"] for hit in json.loads(r.read())["results"]]


def clicks_counted(database_url: str) -> int:
    import psycopg

    with psycopg.connect(database_url) as conn:
        return int(conn.execute("SELECT count(*) FROM links_click").fetchone()[0])  # type: ignore[index]


def stream_state() -> tuple[int, int]:
    import redis

    client = redis.Redis(port=REDIS_PORT, db=1)
    length = int(client.xlen(STREAM))  # type: ignore[arg-type]
    try:
        pending = int(client.xpending(STREAM, "links-flush")["pending"])  # type: ignore[index]
    except redis.ResponseError:
        pending = 0
    return length, pending


def drain(sent: int, before: int, *, exact: bool) -> int:
    """Wait until the flushers have emptied the click stream and the table stops growing; clicks stored."""
    deadline = time.monotonic() + 180
    last = -1
    while time.monotonic() < deadline:
        length, pending = stream_state()
        stored = clicks_counted(os.environ["DATABASE_URL"]) - before
        if length == 0 and pending == 0 and stored == last and (stored >= sent or not exact):
            break
        last = stored
        time.sleep(2)
    return clicks_counted(os.environ["DATABASE_URL"]) - before


def fallback_trips(log: Path, offset: int) -> int:
    """Times a web process fell back from Redis to the database since `offset` of the stack's log."""
    if not log.exists():
        return 0
    with log.open("rb") as handle:
        handle.seek(offset)
        text = handle.read().decode(errors="replace")
    return text.count("Redis unavailable")


# --- load generators --------------------------------------------------------------------------------------


def _pinned(command: list[str]) -> list[str]:
    if not CPUS:
        return command
    others = sorted(set(os.sched_getaffinity(0)) - {int(c) for c in CPUS.replace("-", ",").split(",") if c})
    return ["taskset", "-c", ",".join(map(str, others)), *command] if others else command


def wrk(port: int, seconds: int, codes_file: Path, run: int) -> dict[str, Any]:
    out = subprocess.run(
        _pinned(
            [
                "wrk",
                "-t",
                "2",
                "-c",
                str(CONNECTIONS),
                "-d",
                f"{seconds}s",
                "--latency",
                "-s",
                str(HERE / "redirect.lua"),
                f"http://127.0.0.1:{port}",
            ]
        ),
        capture_output=True,
        text=True,
        env={**os.environ, "LOAD_CODES_FILE": str(codes_file), "LOAD_RUN": str(run)},
        check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("LOADJSON "))
    return dict(json.loads(line.removeprefix("LOADJSON ")))


def locust(port: int, mode: str, rate: float, seconds: int, fixtures: Path, run: int) -> list[Any]:
    per_user = 2.0 if mode != "search" else 1.0
    users = max(1, round(rate / per_user))
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as results:
        path = results.name
    subprocess.run(
        _pinned(
            [
                str(Path(PY).parent / "locust"),
                "-f",
                str(HERE / "stack_locustfile.py"),
                "--headless",
                "-u",
                str(users),
                "-r",
                str(users),
                "-t",
                f"{seconds}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--only-summary",
                "--loglevel",
                "ERROR",
                "--stop-timeout",
                "10",
            ]
        ),
        env={
            **os.environ,
            "LOAD_MODE": mode,
            "LOAD_USER_RATE": str(per_user),
            "LOAD_FIXTURES": str(fixtures),
            "LOAD_RESULTS": path,
            "LOAD_RUN": str(run),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    data = json.loads(Path(path).read_text())
    os.unlink(path)
    return list(data)


def open_loop(port: int, mode: str, rate: float, seconds: int, fixtures: Path, run: int) -> list[Any]:
    """The rate phases' generator (open_loop.py): requests due at a fixed rate, timed from when they were
    due; [route, ms, status] per request, as locust's results."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as results:
        path = results.name
    subprocess.run(
        _pinned([PY, str(HERE / "open_loop.py"), str(port), mode, str(rate), str(seconds), str(fixtures),
                 str(run), path]),
        check=True,
    )  # fmt: skip
    data = json.loads(Path(path).read_text())
    os.unlink(path)
    return list(data)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


# --- the run ----------------------------------------------------------------------------------------------


def main() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("make load-stack needs DATABASE_URL=postgres://… (a database of its own)")
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "wrk"], check=True)
    STACK_DIR.mkdir(parents=True, exist_ok=True)
    database = os.environ["DATABASE_URL"].rsplit("/", 1)[1]
    make = start_stack()
    meter = None
    summary: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": CPUS or "all",
        "online_cpus": os.cpu_count(),
    }
    try:
        fixtures_path = STACK_DIR / "load-fixtures.json"
        subprocess.run(
            [PY, str(Path(__file__).resolve()), "prepare", str(fixtures_path)],
            cwd=BACKEND,
            env=stack_env(),
            check=True,
        )
        fixtures = json.loads(fixtures_path.read_text())
        fixtures["slugs"] = public_slugs(STACK_PORT)
        fixtures_path.write_text(json.dumps(fixtures))
        codes_file = STACK_DIR / "load-codes.txt"
        codes_file.write_text("\n".join(fixtures["codes"]) + "\n")
        root = honcho_pid()
        meter = CpuMeter(root, database)
        table = _proc_table()
        tree, todo = [], [root]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(child for child, (ppid, _cmd, _cpu) in table.items() if ppid == pid)
        masters = [
            pid for pid in tree if "gunicorn" in table[pid][1] and "gunicorn" not in table[table[pid][0]][1]
        ]
        workers = [pid for pid in tree if masters and table[pid][0] == masters[0]]
        summary["gunicorn"] = (
            f"{table[masters[0]][1].strip() if masters else '?'} → {len(workers)} worker processes"
        )
        print(f"stack: nginx 127.0.0.1:{STACK_PORT} → gunicorn 127.0.0.1:{WEB_PORT} ({summary['gunicorn']}); "
              f"redis {REDIS_PORT}; database {database}; cpus {summary['cpus']} of {os.cpu_count()}")  # fmt: skip  # noqa: E501
        clicks_before = clicks_counted(os.environ["DATABASE_URL"])
        sent_302 = 0
        run = int(time.time()) % 100000
        first_run = run
        log_path = STACK_DIR.parent / "load-stack.log"
        log_offset = log_path.stat().st_size if log_path.exists() else 0
        # warm-up: every gunicorn process resolves the codes, imports are done
        for port in (STACK_PORT, WEB_PORT):
            sent_302 += wrk(port, 3, codes_file, run)["statuses"].get("302", 0)
            run += 1

        if "saturation" in PHASES:
            print(f"\n== redirect saturation: wrk 2 threads × {CONNECTIONS} connections, {ROUNDS} alternating rounds "  # noqa: E501
                  f"of {ROUND_SECONDS} s; load average {loadavg()}")  # fmt: skip
            rates: dict[str, list[float]] = defaultdict(list)
            cpu: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
            done: dict[str, int] = defaultdict(int)
            errors = 0
            for round_ in range(ROUNDS):
                line = []
                order = (("nginx", STACK_PORT), ("direct", WEB_PORT))
                for name, port in order if round_ % 2 == 0 else order[::-1]:
                    before = meter.snapshot()
                    result = wrk(port, ROUND_SECONDS, codes_file, run)
                    run += 1
                    used = cpu_delta(before, meter.snapshot())
                    ok = int(result["statuses"].get("302", 0))
                    sent_302 += ok
                    errors += result["requests"] - ok + result["errors"]
                    rates[name].append(ok / (result["duration_us"] / 1e6))
                    done[name] += ok
                    for group, seconds in used.items():
                        cpu[name][group] += seconds
                    line.append(f"{name} {rates[name][-1]:6.0f} req/s p99 {result['p99_us'] / 1000:6.1f} ms")
                print(f"  round {round_ + 1}: " + "   ".join(line) + f"   (load {loadavg()})", flush=True)
            ratio = statistics.median(rates["nginx"]) / statistics.median(rates["direct"])
            print(f"median: through nginx {statistics.median(rates['nginx']):.0f} req/s, direct to gunicorn "
                  f"{statistics.median(rates['direct']):.0f} req/s → ratio {ratio:.2f} (target ≥ 0.9); "
                  f"errors {errors}")  # fmt: skip
            web_cpu = {}
            for name in ("nginx", "direct"):
                per = {g: cpu[name][g] / max(1, done[name]) * 1000 for g in cpu[name]}
                server = sum(per[g] for g in GROUPS)
                web_cpu[name] = per
                web = per["nginx"] + per["gunicorn"] + per["redis"]
                print(f"CPU per redirect, {name:<6}: " + ", ".join(f"{g} {per[g]:.3f}" for g in GROUPS)
                      + f" → server {server:.3f} ms, of which answering (nginx+gunicorn+redis) {web:.3f} ms "
                      f"(log relay {per['log relay']:.3f}, load generator {per['load generator']:.3f} ms)")  # fmt: skip  # noqa: E501
            summary["saturation"] = {
                "rates": rates,
                "ratio": ratio,
                "errors": errors,
                "cpu_ms_per_request": web_cpu,
                "load": loadavg(),
            }

        wrk_runs = run - first_run
        stored = drain(sent_302, clicks_before, exact=False)
        print(f"\nclicks of the wrk runs: {sent_302} answered 302, {stored} stored (wrk stops with up to "
              f"{CONNECTIONS} requests in flight per run, served but not counted by it: {stored - sent_302} of at "  # noqa: E501
              f"most {CONNECTIONS * wrk_runs}); stream drained")  # fmt: skip
        summary["clicks_wrk"] = {
            "answered": sent_302,
            "stored": stored,
            "in_flight_max": CONNECTIONS * wrk_runs,
        }
        # from here on every request is waited for: the reconciliation is exact
        clicks_before = clicks_counted(os.environ["DATABASE_URL"])
        sent_302 = 0

        if "rate" in PHASES:
            summary["rate"] = {}
            for rate in REDIRECT_RATES:
                print(f"\n== redirect at {rate:.0f} requests/s (open loop), alternating {ROUNDS} × {RATE_SECONDS} s "  # noqa: E501
                      f"segments; load average {loadavg()}")  # fmt: skip
                pooled: dict[str, list[float]] = defaultdict(list)
                bad: dict[str, int] = defaultdict(int)
                for round_ in range(ROUNDS):
                    order = (("nginx", STACK_PORT), ("direct", WEB_PORT))
                    for name, port in order if round_ % 2 == 0 else order[::-1]:
                        results = open_loop(port, "redirect", rate, RATE_SECONDS, fixtures_path, run)
                        run += 1
                        pooled[name] += [ms for _route, ms, _status in results]
                        ok = sum(1 for _route, _ms, status in results if status == 302)
                        sent_302 += ok
                        bad[name] += len(results) - ok
                rate_summary = {}
                for name, values in pooled.items():
                    p50, p95, p99 = (pct(values, p) for p in (50, 95, 99))
                    rate_summary[name] = {
                        "n": len(values),
                        "p50": p50,
                        "p95": p95,
                        "p99": p99,
                        "max": max(values),
                    }
                    print(f"  {name:<6} n={len(values):5d} ({len(values) / (ROUNDS * RATE_SECONDS):.0f}/s)  "
                          f"p50 {p50:6.2f}  p95 {p95:6.2f}  p99 {p99:6.2f}  max {max(values):7.1f} ms  "
                          f"errors {bad[name]}")  # fmt: skip
                summary["rate"][str(rate)] = rate_summary | {"load": loadavg()}

        if "search" in PHASES:
            print(f"\n== public search at {SEARCH_RATE:.0f} requests/s, {PROFILES} profiles, alternating {ROUNDS} × "  # noqa: E501
                  f"{RATE_SECONDS} s; "
                  f"load average {loadavg()}")  # fmt: skip
            pooled = defaultdict(list)
            bad = defaultdict(int)
            # Untimed warm-up on both ports: otherwise the first segment alone meets every process's cold
            # caches (the taxonomy, the query embeddings, the result cache) and counts them against its side.
            for port in (STACK_PORT, WEB_PORT):
                open_loop(port, "search", SEARCH_RATE, 5, fixtures_path, run)
                run += 1
            for round_ in range(ROUNDS):
                order = (("nginx", STACK_PORT), ("direct", WEB_PORT))
                for name, port in order if round_ % 2 == 0 else order[::-1]:
                    results = open_loop(port, "search", SEARCH_RATE, RATE_SECONDS, fixtures_path, run)
                    run += 1
                    segment = [ms for _route, ms, _status in results]
                    pooled[name] += segment
                    # per segment: a tail in one segment only (cold caches, a neighbour's burst) shows here
                    figures = "  ".join(f"p{p} {pct(segment, p):6.2f}" for p in (50, 95, 99))
                    print(f"  round {round_ + 1} {name:<6} {figures}  max {max(segment):7.2f} ms", flush=True)
                    bad[name] += sum(1 for _route, _ms, status in results if status != 200)
            search_summary = {}
            for name, values in pooled.items():
                p50, p95, p99 = (pct(values, p) for p in (50, 95, 99))
                search_summary[name] = {"n": len(values), "p50": p50, "p95": p95, "p99": p99}
                print(f"  {name:<6} n={len(values):5d}  p50 {p50:6.2f}  p95 {p95:6.2f}  p99 {p99:6.2f} ms  "
                      f"errors {bad[name]}")  # fmt: skip
            summary["search"] = search_summary | {"load": loadavg()}

        if "mixed" in PHASES:
            print(f"\n== mixed load through nginx: {RATE:.0f} requests/s for {SECONDS} s; load average {loadavg()}",  # noqa: E501
                  flush=True)  # fmt: skip
            before = meter.snapshot()
            started = time.monotonic()
            results = locust(STACK_PORT, "mixed", RATE, SECONDS, fixtures_path, run)
            wall = time.monotonic() - started
            used = cpu_delta(before, meter.snapshot())
            by_route: dict[str, list[float]] = defaultdict(list)
            route_errors: dict[str, int] = defaultdict(int)
            statuses: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
            for route, ms, status in results:
                by_route[route].append(ms)
                expected = 302 if route == "redirect" else 201 if "write" in route else 200
                if status != expected:
                    route_errors[route] += 1
                    statuses[route][status] += 1
                elif route == "redirect":
                    sent_302 += 1
            total = len(results)
            print(f"{total} requests in {SECONDS} s = {total / SECONDS:.1f} requests/s; errors "
                  f"{sum(route_errors.values())}; load average {loadavg()}")  # fmt: skip
            print(
                f"{'route':<26} {'count':>6} {'req/s':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}"  # noqa: E501
            )
            mixed = {}
            for route, values in sorted(by_route.items()):
                p50, p95, p99 = (pct(values, p) for p in (50, 95, 99))
                mixed[route] = {
                    "n": len(values),
                    "p50": p50,
                    "p95": p95,
                    "p99": p99,
                    "errors": route_errors[route],
                }
                print(f"{route:<26} {len(values):>6} {len(values) / SECONDS:>6.1f} {p50:>8.1f} {p95:>8.1f} "
                      f"{p99:>8.1f} {route_errors[route]:>7}")  # fmt: skip
            if statuses:
                print("error statuses:", {route: dict(codes) for route, codes in statuses.items()})
            per_request = {g: used[g] / max(1, total) * 1000 for g in used}
            print("server CPU per request (ms): " + ", ".join(f"{g} {per_request[g]:.2f}" for g in GROUPS)
                  + f" → {sum(per_request[g] for g in GROUPS):.2f} ms; log relay {per_request['log relay']:.2f}, "  # noqa: E501
                  f"load generator {per_request['load generator']:.2f}"
                  f" ms (wall {wall:.0f} s)")  # fmt: skip
            summary["mixed"] = {
                "routes": mixed,
                "cpu_ms_per_request": per_request,
                "load": loadavg(),
                "total": total,
            }

        # --- reconcile the clicks: drained stream, table grown by exactly the 302s answered ---------
        stored = drain(sent_302, clicks_before, exact=True)
        length, pending = stream_state()
        trips = fallback_trips(log_path, log_offset)
        print(f"\n== clicks of the locust phases: {sent_302} redirects answered 302, {stored} clicks stored; stream "  # noqa: E501
              f"{length} entries, {pending} pending → lost {sent_302 - stored}; Redis fallback trips {trips}")  # fmt: skip  # noqa: E501
        summary["clicks"] = {"sent": sent_302, "stored": stored, "lost": sent_302 - stored, "stream": length}
        summary["fallback_trips"] = trips
        out = STACK_DIR.parent / f"load-stack-{datetime.now(UTC):%Y%m%dT%H%M}.json"
        out.write_text(json.dumps(summary, indent=1))
        print(f"figures: {out}; load average at the end {loadavg()}")
        if sent_302 != stored:
            raise SystemExit(f"{sent_302 - stored} clicks lost")  # the stack is still stopped (finally)
    finally:
        if meter is not None:
            meter.close()
        if make is not None and not os.environ.get("LOAD_KEEP_STACK"):
            stop_stack(make)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "prepare":
        prepare(sys.argv[2])
    else:
        main()
