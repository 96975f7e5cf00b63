"""One place for gunicorn's worker class, processes and threads: backend/gunicorn.conf.py. The container
entrypoint, the Kubernetes Deployment and `make stack` start gunicorn without them, so the settings file
decides and GUNICORN_CMD_ARGS (gunicorn's own variable, read after the file) can override them. Run like
test_compose.py (`-p no:django`).
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
BACKEND = ROOT / "backend"
SIZING = ("--workers", "-w", "--threads", "--worker-class", "-k", "--timeout", "-t", "--keep-alive")
STARTS = {
    "infra/docker/entrypoint.sh": (ROOT / "infra" / "docker" / "entrypoint.sh").read_text(encoding="utf-8"),
    "infra/stack/Procfile": (ROOT / "infra" / "stack" / "Procfile").read_text(encoding="utf-8"),
}


def _k8s_web_args() -> list[str]:
    documents = yaml.safe_load_all((ROOT / "infra" / "k8s" / "web.yaml").read_text(encoding="utf-8"))
    deployment = next(doc for doc in documents if doc and doc["kind"] == "Deployment")
    container = next(c for c in deployment["spec"]["template"]["spec"]["containers"] if c["name"] == "web")
    return [str(part) for part in [*container.get("command", []), *container["args"]]]


def _settings(env: dict[str, str], argv: list[str], cpus: str | None = None) -> dict[str, object]:
    """The settings gunicorn would run with, loaded by gunicorn itself from backend/ (as it is started)."""
    code = (
        "import json, sys; from gunicorn.app.wsgiapp import WSGIApplication; "
        f"sys.argv = {['gunicorn', *argv]!r}; app = WSGIApplication(); c = app.cfg; "
        "print(json.dumps({'workers': c.workers, 'threads': c.threads, 'class': c.worker_class_str, "
        "'keepalive': c.keepalive, 'timeout': c.timeout, 'accesslog': c.accesslog}))"
    )
    command = [sys.executable, "-c", code]
    if cpus is not None:
        command = ["taskset", "-c", cpus, *command]
    ours = ("GUNICORN_CMD_ARGS", "WEB_CONCURRENCY", "GUNICORN_ACCESS_LOG")
    clean = {k: v for k, v in os.environ.items() if k not in ours}
    out = subprocess.run(
        command, cwd=BACKEND, env={**clean, **env}, capture_output=True, text=True, check=True
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def test_every_start_leaves_processes_threads_and_worker_class_to_the_settings_file():
    commands = {name: re.findall(r"gunicorn config\.wsgi[^\n]*", text) for name, text in STARTS.items()}
    commands["infra/k8s/web.yaml"] = [" ".join(_k8s_web_args())]
    for name, found in commands.items():
        assert found, f"{name} does not start gunicorn config.wsgi"
        for command in found:
            given = [flag for flag in SIZING if re.search(rf"(^|\s|\"){re.escape(flag)}(\s|=|\")", command)]
            assert not given, (
                f"{name} sets {given} on the command line, where GUNICORN_CMD_ARGS cannot override it"
            )


def test_the_settings_file_runs_gthread_with_a_process_per_cpu_and_at_least_two():
    one = _settings({}, ["config.wsgi"], cpus="0")
    assert one["class"] == "gthread" and one["threads"] == 4
    assert one["workers"] == 2, (
        "one CPU still gets two processes: one busy or restarting process never stops service"
    )
    everything = _settings({}, ["config.wsgi"])
    assert everything["workers"] == max(2, len(os.sched_getaffinity(0)))
    # nginx closes idle upstream connections after 60 s: gunicorn must keep them longer
    assert int(str(everything["keepalive"])) > 60


def test_gunicorn_cmd_args_and_web_concurrency_override_the_settings_file():
    assert _settings({"GUNICORN_CMD_ARGS": "--workers 7 --threads 2"}, ["config.wsgi"])["workers"] == 7
    assert _settings({"GUNICORN_CMD_ARGS": "--workers 7 --threads 2"}, ["config.wsgi"])["threads"] == 2
    assert _settings({"WEB_CONCURRENCY": "5"}, ["config.wsgi"])["workers"] == 5


def test_the_access_log_is_off_only_where_nginx_logs_every_request():
    assert _settings({}, ["config.wsgi"])["accesslog"] == "-"  # make run: gunicorn's lines are the log
    assert _settings({"GUNICORN_ACCESS_LOG": "off"}, ["config.wsgi"])["accesslog"] is None
    configmap = yaml.safe_load((ROOT / "infra" / "k8s" / "configmap.yaml").read_text(encoding="utf-8"))
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    assert configmap["data"]["GUNICORN_ACCESS_LOG"] == "off"
    assert compose["x-app"]["environment"]["GUNICORN_ACCESS_LOG"] == "${GUNICORN_ACCESS_LOG:-off}"
    assert re.search(r"^web: GUNICORN_ACCESS_LOG=off exec gunicorn", STARTS["infra/stack/Procfile"], re.M)


def test_a_cgroup_cpu_quota_caps_the_processes(tmp_path):
    import runpy

    cpus_available = runpy.run_path(str(BACKEND / "gunicorn.conf.py"))["cpus_available"]
    limit = tmp_path / "cpu.max"
    limit.write_text("100000 100000\n")  # a Kubernetes limit of 1 CPU
    assert cpus_available(limit) == 1  # type: ignore[operator]
    limit.write_text("250000 100000\n")  # 2.5 CPUs: 3 processes may run at once
    assert cpus_available(limit) == min(3, len(os.sched_getaffinity(0)))  # type: ignore[operator]
    limit.write_text("max 100000\n")
    assert cpus_available(limit) == len(os.sched_getaffinity(0))  # type: ignore[operator]


def test_a_worker_warms_up_and_sets_its_long_lived_objects_aside_before_it_serves(tmp_path):
    """post_worker_init loads the URL patterns and the search's word list, then gc.freeze(): a full garbage
    collection then walks only what requests made since (without it, ~190,000 objects in 110-180 ms, a
    stall of every request the worker held). A worker whose database is not there yet still starts."""
    code = (
        "import gc, json, logging, runpy, sys; sys.path.insert(0, '.'); logging.disable(logging.CRITICAL); "
        "import django; django.setup(); "
        "runpy.run_path('gunicorn.conf.py')['post_worker_init'](None); "
        "from sichtbar.search.text import dictionary; from django.urls import get_resolver; "
        "print(json.dumps({'frozen': gc.get_freeze_count(), 'tracked': len(gc.get_objects()), "
        "'words': dictionary.cache_info().currsize, 'urls': get_resolver()._populated}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'not-migrated.sqlite3'}",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=BACKEND, env=env, capture_output=True, text=True, check=True
    )
    state = json.loads(out.stdout.strip().splitlines()[-1])
    assert state["words"] == 1 and state["urls"] is True
    assert state["frozen"] > 100_000  # Django, every view module and the word list
    assert state["tracked"] < state["frozen"] // 20  # what a full collection still walks
