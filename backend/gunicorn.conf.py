"""Gunicorn settings, read from backend/ by every way the app is served (compose, Kubernetes, `make stack`,
`make run`): worker class, processes and threads for the machine, and access and error logs on stdout/stderr
without client addresses (docs/privacy.md)."""

import gc
import math
import os
import sys
from pathlib import Path

from gunicorn.glogging import Logger

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sichtbar.core.logfilters import AddressScrubFilter

# Behind nginx (compose, Kubernetes, `make stack` set GUNICORN_ACCESS_LOG=off) nginx's access log has every
# request already, with the upstream's time and the request id; gunicorn's copy of each line costs about
# 0.05 ms of CPU per request (formatting every header and environ entry). `make run` has no nginx and
# keeps it.
accesslog = None if os.environ.get("GUNICORN_ACCESS_LOG", "on").lower() == "off" else "-"
errorlog = "-"
# Time, method and path (no query string), status, size, duration: no address, referrer or user agent.
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


class AddressFreeLogger(Logger):
    """Gunicorn's logger with every record scrubbed of IP addresses (its error log names the client on
    invalid requests: "Invalid request from ip=…")."""

    def setup(self, cfg: object) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            log.addFilter(AddressScrubFilter())


logger_class = AddressFreeLogger


# --- processes, threads, time-outs: one place for every way the app is served ---------------------------
# The entrypoint (compose), the Kubernetes Deployment, `make stack` and `make run` start `gunicorn
# config.wsgi --bind …` and take these from here; GUNICORN_CMD_ARGS (gunicorn's own variable, e.g.
# "--workers 8 --threads 2") overrides any of them, and WEB_CONCURRENCY sets the process count alone.
# Measured choice (docs/adr/0038-gunicorn-and-nginx-as-shipped.md, docs/performance.md): gthread, one
# process per CPU the container may use (at least 2, so one busy or restarting process never stops
# service) with 4 threads each. Threads cover the waits on PostgreSQL and Redis; more processes than CPUs
# only add context switches and memory (each process holds its own code caches and connections).


def cpus_available(cpu_max: Path = Path("/sys/fs/cgroup/cpu.max")) -> int:
    """CPUs this process may run on: its affinity (taskset, cpusets), capped by a cgroup v2 CPU quota
    (a Kubernetes limit of "1" is one CPU even on a 64-core node)."""
    count = len(os.sched_getaffinity(0))
    try:
        quota, period = cpu_max.read_text(encoding="ascii").split()[:2]
    except (OSError, ValueError):
        return count
    if quota != "max":
        count = min(count, max(1, math.ceil(int(quota) / int(period))))
    return count


worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY") or max(2, cpus_available()))
threads = 4
# Longer than nginx's upstream keepalive_timeout (60 s, infra/nginx/nginx.conf): nginx always closes an
# idle connection first, so it never sends a request on a connection gunicorn is closing (a 502).
keepalive = 75
timeout = 60
graceful_timeout = 30
backlog = 2048
# gunicorn ≥ 25 opens a control socket under $HOME by default: nothing here uses it, several gunicorns on
# one host would share its path, and the Kubernetes pod's root filesystem is read-only.
control_socket_disable = True


def post_worker_init(worker: object) -> None:
    """Before a worker serves: load what it keeps for its life (config.wsgi.warm_up), then hand all of it
    to gc.freeze(), so that the garbage collector's full collections look only at what requests made since.
    Without this a full collection walked the app's ~190,000 long-lived objects in 110-180 ms, and every
    request the worker held waited: the p99 of public search was 100-180 ms against a p50 of 17
    (docs/adr/0038-gunicorn-and-nginx-as-shipped.md)."""
    from config.wsgi import warm_up

    warm_up()
    gc.freeze()
