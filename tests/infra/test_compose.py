"""Static checks of the container stack: docker-compose.yml, the Dockerfile, .env.example, nginx.

No Docker engine and no Django needed: files are parsed, and cross-checked against the backend's
sources (settings, the Queue enum, the beat schedule, URL routes). Run from the repository root or
from backend/ (`../.venv/bin/pytest ../tests/infra -p no:django`).
"""

import ast
import importlib.util
import re
import shlex
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "infra" / "docker" / "Dockerfile"
ENTRYPOINT = ROOT / "infra" / "docker" / "entrypoint.sh"
DOCKERIGNORE = ROOT / ".dockerignore"
ENV_EXAMPLE = ROOT / ".env.example"
NGINX_CONF = ROOT / "infra" / "nginx" / "nginx.conf"
BACKEND = ROOT / "backend"
SETTINGS_DIR = BACKEND / "config" / "settings"

# One Celery worker service per queue of the Queue enum (backend/sichtbar/core/tasks.py).
WORKER_QUEUES = {
    "worker": "default",
    "worker-integrations": "integrations",
    "worker-search": "search",
    "worker-analytics": "analytics",
}
WORKER_SERVICES = tuple(WORKER_QUEUES)
APP_SERVICES = ("web", *WORKER_SERVICES, "beat")  # the services that run Sichtbar's own image
# Read by the settings but set by tools, not by operators.
NOT_OPERATOR_SETTINGS = {"PYTEST_XDIST_WORKER"}  # pytest-xdist names the per-worker test database

ENV_READ = re.compile(r"\b(?:env|environ\.Env\(\))(?:\.\w+)?\(\s*[\"']([A-Za-z_][A-Za-z0-9_]*)[\"']")
ENV_LITERAL_DEFAULT = re.compile(
    r"\benv\.(?:str|int|bool)\(\s*\"([A-Z0-9_]+)\"\s*,\s*default=(\"[^\"]*\"|\d+|True|False)\s*\)"
)
ENV_EXAMPLE_LINE = re.compile(r"^(#\s?)?([A-Z][A-Z0-9_]*)=(.*)$")
INTERPOLATION = re.compile(r"(?<!\$)\$\{?([A-Za-z_][A-Za-z0-9_]*)")
INTERPOLATION_DEFAULT = re.compile(r"(?<!\$)\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}")


# --- loading ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict), "docker-compose.yml must be a mapping"
    assert isinstance(data.get("services"), dict) and data["services"], "no services defined"
    return data


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return compose["services"]


@pytest.fixture(scope="module")
def env_example() -> dict[str, str]:
    """Variable name -> example value (commented lines included: they show the default)."""
    names: dict[str, str] = {}
    for number, line in enumerate(ENV_EXAMPLE.read_text(encoding="utf-8").splitlines(), start=1):
        match = ENV_EXAMPLE_LINE.match(line)
        if match:
            name = match.group(2)
            assert name not in names, f".env.example line {number}: {name} is listed twice"
            names[name] = match.group(3)
    assert names, ".env.example lists no variables"
    return names


@pytest.fixture(scope="module")
def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined and comments dropped."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue  # a comment inside a continued instruction
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        full = (pending + line).strip()
        pending = ""
        keyword, _, arguments = full.partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
    return instructions


def queue_enum_values() -> set[str]:
    tree = ast.parse((BACKEND / "sichtbar" / "core" / "tasks.py").read_text(encoding="utf-8"))
    values = {
        node.value.value
        for cls in tree.body
        if isinstance(cls, ast.ClassDef) and cls.name == "Queue"
        for node in cls.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
    }
    assert values, "no Queue enum found in backend/sichtbar/core/tasks.py"
    return values


def worker_queues(services: dict[str, dict[str, Any]]) -> dict[str, set[str]]:
    """Every service running `celery -A config worker` -> the queues it consumes (-Q)."""
    consumed: dict[str, set[str]] = {}
    for name, service in services.items():
        cmd = command(service)
        if cmd[:4] == ["celery", "-A", "config", "worker"]:
            queues = option(cmd, "-Q", "--queues")
            assert queues, f"{name} does not name its queues (-Q): it would consume only `celery`"
            consumed[name] = set(queues.split(","))
    return consumed


def settings_env_reads() -> set[str]:
    names: set[str] = set()
    for path in SETTINGS_DIR.glob("*.py"):
        names |= set(ENV_READ.findall(path.read_text(encoding="utf-8")))
    return names


def compose_strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [s for key, value in node.items() for s in [str(key), *compose_strings(value)]]
    if isinstance(node, list):
        return [s for item in node for s in compose_strings(item)]
    return [node] if isinstance(node, str) else []


def compose_interpolations(compose: dict[str, Any]) -> set[str]:
    return {name for text in compose_strings(compose) for name in INTERPOLATION.findall(text)}


def environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {str(key): "" if value is None else str(value) for key, value in env.items()}


def resolved(value: str) -> str:
    """A compose value with ${NAME:-default} replaced by its default."""
    return INTERPOLATION_DEFAULT.sub(lambda m: m.group(1), value)


def command(service: dict[str, Any]) -> list[str]:
    cmd = service.get("command") or []
    return shlex.split(cmd) if isinstance(cmd, str) else [str(part) for part in cmd]


def option(cmd: list[str], *flags: str) -> str | None:
    for index, part in enumerate(cmd):
        if part in flags and index + 1 < len(cmd):
            return cmd[index + 1]
        for flag in flags:
            if flag.startswith("--") and part.startswith(flag + "="):
                return part.split("=", 1)[1]
    return None


def named_volume(entry: Any) -> str | None:
    """The named volume of a service volume entry, or None for bind mounts and anonymous volumes."""
    if isinstance(entry, dict):
        return entry.get("source") if entry.get("type", "volume") == "volume" else None
    source, sep, _target = str(entry).partition(":")
    if not sep or source.startswith((".", "/", "~", "$")):
        return None
    return source


def volume_target(entry: Any) -> str:
    if isinstance(entry, dict):
        return str(entry["target"])
    return str(entry).split(":")[1]


def dockerfile_env(instructions: list[tuple[str, str]]) -> dict[str, str]:
    values: dict[str, str] = {}
    for keyword, arguments in instructions:
        if keyword == "ENV":
            for token in shlex.split(arguments):
                if "=" in token:
                    key, value = token.split("=", 1)
                    values[key] = value
    return values


def copy_sources(instructions: list[tuple[str, str]]) -> list[str]:
    """Build-context sources of every COPY/ADD (copies from another stage excluded)."""
    sources: list[str] = []
    for keyword, arguments in instructions:
        if keyword not in {"COPY", "ADD"}:
            continue
        parts = ast.literal_eval(arguments) if arguments.startswith("[") else shlex.split(arguments)
        flags = [p for p in parts if p.startswith("--")]
        if any(flag.startswith("--from=") for flag in flags):
            continue
        paths = [p for p in parts if not p.startswith("--")]
        assert len(paths) >= 2, f"{keyword} {arguments}: needs a source and a destination"
        sources.extend(paths[:-1])
    return sources


def dockerignore_patterns() -> list[tuple[bool, re.Pattern[str]]]:
    patterns = []
    for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = line[1:] if negate else line
        pattern = pattern.strip("/")
        regex = ""
        index = 0
        while index < len(pattern):
            if pattern.startswith("**/", index):
                regex += "(?:.*/)?"
                index += 3
            elif pattern.startswith("**", index):
                regex += ".*"
                index += 2
            elif pattern[index] == "*":
                regex += "[^/]*"
                index += 1
            elif pattern[index] == "?":
                regex += "[^/]"
                index += 1
            else:
                regex += re.escape(pattern[index])
                index += 1
        patterns.append((negate, re.compile(regex + r"\Z")))
    return patterns


def dockerignored(relative: str, patterns: list[tuple[bool, re.Pattern[str]]]) -> bool:
    """Docker's rule: the last matching pattern decides; a path is excluded with its parent."""
    parts = relative.strip("/").split("/")
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    excluded = False
    for negate, regex in patterns:
        if any(regex.match(candidate) for candidate in candidates):
            excluded = not negate
    return excluded


# --- docker-compose.yml -----------------------------------------------------------------------


def test_the_expected_services_exist(services):
    expected = {"postgres", "redis", "elasticsearch", "web", *WORKER_SERVICES, "beat", "mailpit", "nginx"}
    assert expected <= set(services), f"missing services: {sorted(expected - set(services))}"


def test_every_service_has_an_image_or_build_a_healthcheck_and_a_restart_policy(services):
    for name, service in services.items():
        assert service.get("image") or service.get("build"), f"{name}: neither image nor build"
        check = service.get("healthcheck") or {}
        assert check.get("test") and not check.get("disable"), f"{name}: no healthcheck"
        assert check["test"] != ["NONE"], f"{name}: healthcheck disabled"
        assert service.get("restart") == "unless-stopped", f"{name}: restart is {service.get('restart')!r}"


def test_every_dependency_exists_and_is_waited_for_until_healthy(services):
    for name, service in services.items():
        depends = service.get("depends_on") or {}
        assert isinstance(depends, dict), f"{name}: depends_on must use the long form with a condition"
        for target, spec in depends.items():
            assert target in services, f"{name} depends on unknown service {target}"
            assert (spec or {}).get("condition") == "service_healthy", (
                f"{name} -> {target}: not healthy-gated"
            )
            assert services[target].get("healthcheck"), f"{name} waits for {target}, which has no healthcheck"


def test_named_volumes_are_declared_and_declared_volumes_are_used(compose, services):
    declared = set(compose.get("volumes") or {})
    used = {
        volume
        for service in services.values()
        for entry in service.get("volumes") or []
        if (volume := named_volume(entry))
    }
    assert used <= declared, f"undeclared volumes: {sorted(used - declared)}"
    assert declared <= used, f"declared but unused volumes: {sorted(declared - used)}"


def test_stateful_services_keep_their_data_in_named_volumes(services):
    data_dirs = {
        "postgres": "/var/lib/postgresql/data",
        "elasticsearch": "/usr/share/elasticsearch/data",
        "redis": "/data",
    }
    for name, target in data_dirs.items():
        targets = {volume_target(e) for e in services[name].get("volumes") or [] if named_volume(e)}
        assert target in targets, f"{name}: {target} is not on a named volume"


def test_web_workers_and_beat_run_the_same_image(services):
    first = services[APP_SERVICES[0]]
    assert first.get("build"), "web must build infra/docker/Dockerfile"
    for name in APP_SERVICES[1:]:
        assert services[name].get("build") == first.get("build"), f"{name} builds differently from web"
        assert services[name].get("image") == first.get("image"), f"{name} runs another image than web"
    build = first["build"]
    context = ROOT / (build.get("context", ".") if isinstance(build, dict) else build)
    dockerfile_path = context / (
        build.get("dockerfile", "Dockerfile") if isinstance(build, dict) else "Dockerfile"
    )
    assert dockerfile_path.resolve() == DOCKERFILE.resolve(), (
        f"web builds {dockerfile_path}, not {DOCKERFILE}"
    )


def test_app_services_get_the_stack_wiring(services):
    for name in APP_SERVICES:
        env = environment(services[name])
        assert env.get("DJANGO_SETTINGS_MODULE") == "config.settings.production", name
        assert env.get("SEARCH_BACKEND") == "elasticsearch", name
        for key in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "ELASTICSEARCH_URL", "EMAIL_URL"):
            assert env.get(key), f"{name}: {key} is not set explicitly"
        env_files = services[name].get("env_file")
        env_files = env_files if isinstance(env_files, list) else [env_files]
        paths = [f["path"] if isinstance(f, dict) else f for f in env_files if f]
        assert ".env" in paths, f"{name}: .env is not passed as env_file"


def test_service_urls_point_at_services_of_this_stack(services):
    expected_scheme = {
        "DATABASE_URL": ("postgres", "postgres"),
        "REDIS_URL": ("redis", "redis"),
        "CELERY_BROKER_URL": ("redis", "redis"),
        "ELASTICSEARCH_URL": ("http", "elasticsearch"),
        "EMAIL_URL": ("smtp", "mailpit"),
    }
    for name in APP_SERVICES:
        env = environment(services[name])
        for key, (scheme, service) in expected_scheme.items():
            url = urlsplit(resolved(env[key]))
            assert url.scheme.startswith(scheme), f"{name}: {key} scheme {url.scheme!r}"
            assert url.hostname == service, f"{name}: {key} points at {url.hostname}, expected {service}"
            assert url.hostname in services, f"{name}: {key} host {url.hostname} is no service"
    assert urlsplit(resolved(environment(services["web"])["EMAIL_URL"])).port == 1025


def test_app_services_wait_for_what_they_use(services):
    web = set(services["web"].get("depends_on") or {})
    assert {"postgres", "redis", "elasticsearch", "mailpit"} <= web, f"web waits only for {sorted(web)}"
    for name in (*WORKER_SERVICES, "beat"):
        # web becomes healthy after migrate: beat's schedule tables and the worker's tables exist.
        assert "web" in (services[name].get("depends_on") or {}), f"{name} does not wait for migrations"


def test_every_queue_is_consumed_by_exactly_one_worker_service(services):
    enum_values = queue_enum_values()
    consumed = worker_queues(services)
    assert set(consumed) == set(WORKER_SERVICES), f"worker services: {sorted(consumed)}"
    for queue in enum_values:
        consumers = sorted(name for name, queues in consumed.items() if queue in queues)
        assert len(consumers) == 1, f"queue {queue} is consumed by {consumers or 'no worker'}"
    unknown = set().union(*consumed.values()) - enum_values
    assert not unknown, f"workers consume queues that are not in the Queue enum: {sorted(unknown)}"
    for name, queue in WORKER_QUEUES.items():
        assert consumed[name] == {queue}, f"{name} consumes {sorted(consumed[name])}, expected {queue}"


def test_the_search_worker_runs_one_process_so_index_writes_are_serialised(services):
    cmd = command(services["worker-search"])
    assert option(cmd, "-c", "--concurrency") == "1", f"worker-search: {cmd}"
    assert services["worker-search"].get("deploy", {}).get("replicas", 1) == 1, "one search worker only"


def test_every_worker_is_health_checked_by_pinging_its_own_node(services):
    for name in WORKER_SERVICES:
        test = " ".join(services[name]["healthcheck"]["test"])
        assert "celery -A config inspect ping" in test, f"{name}: {test}"
        # $$ escapes compose interpolation: the shell in the container expands its own HOSTNAME.
        assert "celery@$${HOSTNAME}" in test, f"{name} pings another node than its own: {test}"
        assert option(command(services[name]), "-n", "--hostname") is None, (
            f"{name} renames its node, so the ping above would miss it"
        )


def test_every_scheduled_task_goes_to_a_consumed_queue(services):
    spec = importlib.util.spec_from_file_location("sichtbar_schedule", BACKEND / "config" / "schedule.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    consumed = set().union(*worker_queues(services).values())
    for name, entry in module.BEAT_SCHEDULE.items():
        queue = entry.get("options", {}).get("queue", "default")
        assert queue in consumed, f"schedule {name} sends to {queue}, which no worker consumes"


def test_beat_runs_once(services):
    beats = [name for name, svc in services.items() if command(svc)[:4] == ["celery", "-A", "config", "beat"]]
    assert beats == ["beat"], f"beat services: {beats}"
    assert services["beat"].get("deploy", {}).get("replicas", 1) == 1


def test_beat_uses_the_database_scheduler(services):
    cmd = command(services["beat"])
    assert cmd[:4] == ["celery", "-A", "config", "beat"], f"beat command: {cmd}"
    scheduler = option(cmd, "-S", "--scheduler")
    assert scheduler == "django_celery_beat.schedulers:DatabaseScheduler"
    settings = (SETTINGS_DIR / "base.py").read_text(encoding="utf-8")
    assert f'CELERY_BEAT_SCHEDULER = "{scheduler}"' in settings


def test_beat_healthcheck_reads_the_pidfile_beat_writes(services):
    pidfile = option(command(services["beat"]), "--pidfile")
    assert pidfile, "beat writes no pidfile"
    assert pidfile in " ".join(services["beat"]["healthcheck"]["test"])


def test_web_healthcheck_asks_the_readiness_endpoint(services):
    test = services["web"]["healthcheck"]["test"]
    assert "sichtbar-healthcheck" in test
    script = (ROOT / "infra" / "docker" / "healthcheck.py").read_text(encoding="utf-8")
    assert "/api/v1/health/ready/" in script
    api_urls = (BACKEND / "sichtbar" / "api" / "urls.py").read_text(encoding="utf-8")
    assert 'path("health/ready/"' in api_urls
    production = (SETTINGS_DIR / "production.py").read_text(encoding="utf-8")
    assert 'SECURE_REDIRECT_EXEMPT = [r"^api/v1/health/"]' in production, (
        "the health check would be redirected"
    )


# --- .env.example -----------------------------------------------------------------------------


def test_every_variable_compose_gives_the_app_is_in_env_example(compose, services, env_example):
    referenced = compose_interpolations(compose)
    for name in APP_SERVICES:
        referenced |= set(environment(services[name]))
    missing = referenced - set(env_example)
    assert not missing, f"referenced in docker-compose.yml but not in .env.example: {sorted(missing)}"


def test_every_setting_the_backend_reads_is_in_env_example(env_example):
    read = settings_env_reads() - NOT_OPERATOR_SETTINGS
    assert read, "no env reads found: has the settings' style changed?"
    missing = read - set(env_example)
    assert not missing, f"read in backend/config/settings/ but missing from .env.example: {sorted(missing)}"


def test_every_variable_in_env_example_is_read_somewhere(compose, env_example):
    consumers = settings_env_reads()
    # DJANGO_SETTINGS_MODULE is read by Django itself (defaults in manage.py, wsgi.py, celery_app.py).
    for path in [BACKEND / "manage.py", *(BACKEND / "config").glob("*.py")]:
        consumers |= set(
            re.findall(r"os\.environ\.setdefault\(\s*\"([A-Z_]+)\"", path.read_text(encoding="utf-8"))
        )
    consumers |= compose_interpolations(compose)
    script = "\n".join(
        line
        for line in ENTRYPOINT.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
    )
    consumers |= set(INTERPOLATION.findall(script))
    unread = set(env_example) - consumers
    assert not unread, f"listed in .env.example but read nowhere: {sorted(unread)}"


def test_env_example_shows_the_built_in_defaults(env_example):
    defaults: dict[str, set[str]] = {}
    for path in SETTINGS_DIR.glob("*.py"):
        for name, literal in ENV_LITERAL_DEFAULT.findall(path.read_text(encoding="utf-8")):
            value = literal.strip('"')
            defaults.setdefault(name, set()).add(value.lower() if value in {"True", "False"} else value)
    assert defaults, "no literal defaults found: has the settings' style changed?"
    for name, values in defaults.items():
        if name in env_example and values != {""}:
            assert env_example[name] in values, (
                f".env.example shows {name}={env_example[name]}, default {values}"
            )


def test_env_example_only_comments_out_settings_and_explains_each_one():
    """Commented lines keep `make run` unaffected by a copied .env; each block carries an explanation."""
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").split("\n\n")
    for block in lines:
        rows = [row for row in block.splitlines() if row.strip()]
        variables = [row for row in rows if ENV_EXAMPLE_LINE.match(row)]
        prose = [row for row in rows if row.startswith("#") and not ENV_EXAMPLE_LINE.match(row)]
        if variables:
            assert prose, f"no comment explains {variables}"
        for row in variables:
            assert row.startswith("# "), f"{row!r}: set values would change embedded mode for everyone"


# --- Dockerfile, entrypoint, .dockerignore ----------------------------------------------------


def test_dockerfile_copy_sources_exist(dockerfile):
    sources = copy_sources(dockerfile)
    assert sources, "the Dockerfile copies nothing"
    for source in sources:
        assert (ROOT / source).exists(), f"COPY source {source} does not exist"


def test_dockerignore_keeps_what_the_dockerfile_copies(dockerfile):
    patterns = dockerignore_patterns()
    skipped_dirs = {"node_modules", "__pycache__", "dist", ".pytest_cache", ".mypy_cache", ".ruff_cache"}
    for source in copy_sources(dockerfile):
        assert not dockerignored(source, patterns), f"{source} is excluded by .dockerignore"
        path = ROOT / source
        files = (
            [path]
            if path.is_file()
            else [
                f
                for f in path.rglob("*")
                if f.is_file() and not skipped_dirs & set(f.relative_to(ROOT).parts)
            ]
        )
        for file in files:
            relative = file.relative_to(ROOT).as_posix()
            assert not dockerignored(relative, patterns), f"{relative} is excluded by .dockerignore"


def test_dockerignore_keeps_secrets_and_local_state_out(dockerfile):
    patterns = dockerignore_patterns()
    for path in (
        ".env",
        ".git/config",
        ".venv/bin/python",
        "var/sichtbar.sqlite3",
        "frontend/node_modules/x",
    ):
        assert dockerignored(path, patterns), f"{path} would be sent to the build context"


def test_dockerfile_builds_the_spa_and_runs_it_from_a_python_image_as_non_root(dockerfile):
    stages = [arguments for keyword, arguments in dockerfile if keyword == "FROM"]
    assert len(stages) >= 2 and stages[0].startswith("node:20"), stages
    assert stages[-1].startswith("python:3.11-slim"), stages
    runs = " ".join(arguments for keyword, arguments in dockerfile if keyword == "RUN")
    assert "npm ci" in runs and "npm run build" in runs
    assert "pip install -r /app/backend/requirements.lock" in runs
    users = [arguments for keyword, arguments in dockerfile if keyword == "USER"]
    assert users and users[-1] not in {"root", "0", "0:0"}, "the final stage runs as root"


def test_dockerfile_points_django_at_the_built_spa(dockerfile):
    env = dockerfile_env(dockerfile)
    dist_copies = [
        shlex.split(arguments)
        for keyword, arguments in dockerfile
        if keyword == "COPY" and "--from=" in arguments and "dist" in arguments
    ]
    assert dist_copies, "the built SPA is not copied into the final stage"
    assert env.get("FRONTEND_DIST_DIR") == dist_copies[-1][-1].rstrip("/")
    assert env.get("DJANGO_SETTINGS_MODULE") == "config.settings.production"


def test_static_and_media_volumes_sit_where_django_writes(dockerfile, services):
    var_dir = dockerfile_env(dockerfile)["SICHTBAR_VAR_DIR"]
    web_targets = {volume_target(e): named_volume(e) for e in services["web"].get("volumes") or []}
    # base.py: STATIC_ROOT = VAR_DIR / "staticfiles", MEDIA_ROOT defaults to VAR_DIR / "media".
    assert web_targets.get(f"{var_dir}/staticfiles"), "collectstatic output is not on a volume"
    assert web_targets.get(f"{var_dir}/media"), "uploads are not on a volume"
    runs = " ".join(arguments for keyword, arguments in dockerfile if keyword == "RUN")
    assert f"{var_dir}/staticfiles" in runs and "chown" in runs, "volume mount points are not prepared"


def test_entrypoint_prepares_and_starts_the_web_app():
    script = ENTRYPOINT.read_text(encoding="utf-8")
    steps = [
        "manage.py migrate --noinput",
        "manage.py collectstatic --noinput",
        "manage.py seed_demo --if-empty",
        "exec gunicorn config.wsgi --bind 0.0.0.0:8000",
    ]
    positions = [script.find(step) for step in steps]
    assert all(p >= 0 for p in positions), dict(zip(steps, positions, strict=True))
    assert positions == sorted(positions), "steps run out of order"
    assert 'exec "$@"' in script, "other commands (worker, beat) are not passed through"
    assert script.startswith("#!/bin/sh") and "set -eu" in script
    seed = (BACKEND / "sichtbar" / "core" / "management" / "commands" / "seed_demo.py").read_text(
        encoding="utf-8"
    )
    assert '"--if-empty"' in seed


def test_the_image_holds_the_elasticsearch_analysis_files_where_the_backend_reads_them(dockerfile):
    elastic = BACKEND / "sichtbar" / "search" / "backends" / "elastic.py"
    if not elastic.exists():
        pytest.skip("no Elasticsearch backend")
    found = re.search(
        r"ANALYSIS_DIR = Path\(__file__\)\.resolve\(\)\.parents\[(\d+)\] / (.+)",
        elastic.read_text(encoding="utf-8"),
    )
    assert found, "elastic.py no longer says where its analysis files are: update this test"
    levels, parts = int(found.group(1)), re.findall(r'"([^"]+)"', found.group(2))
    in_repo = elastic.resolve().parents[levels].joinpath(*parts)
    assert in_repo.is_dir(), f"{in_repo} does not exist"
    copies = [shlex.split(a) for k, a in dockerfile if k == "COPY" and "--from=" not in a]
    assert ["backend/", "/app/backend/"] in copies
    in_image = (Path("/app/backend") / elastic.relative_to(BACKEND)).parents[levels].joinpath(*parts)
    source = in_repo.relative_to(ROOT).as_posix()
    assert any(c[0].rstrip("/") == source and c[-1].rstrip("/") == in_image.as_posix() for c in copies), (
        f"the Dockerfile does not copy {source} to {in_image}, where the backend reads it"
    )


def test_the_dockerfile_installs_the_entrypoint_and_healthcheck_it_names(dockerfile):
    entry = [arguments for keyword, arguments in dockerfile if keyword == "ENTRYPOINT"]
    assert entry and ast.literal_eval(entry[-1]) == ["sichtbar-entrypoint"]
    copies = [shlex.split(a) for k, a in dockerfile if k == "COPY"]
    assert ["infra/docker/entrypoint.sh", "/usr/local/bin/sichtbar-entrypoint"] in copies
    assert ["infra/docker/healthcheck.py", "/usr/local/bin/sichtbar-healthcheck"] in copies


# --- nginx ------------------------------------------------------------------------------------


def test_nginx_serves_the_static_volume_and_proxies_to_web(services):
    if "nginx" not in services:
        pytest.skip("no nginx service")
    nginx = services["nginx"]
    assert any(str(port).endswith("8080:8080") for port in nginx.get("ports", []))
    mounts = {volume_target(e): e for e in nginx.get("volumes") or []}
    conf_mount = mounts.get("/etc/nginx/nginx.conf")
    assert conf_mount and (ROOT / str(conf_mount).split(":")[0]).resolve() == NGINX_CONF.resolve()
    conf = NGINX_CONF.read_text(encoding="utf-8")
    alias = re.search(r"location /static/ \{\s*alias ([^;]+);", conf)
    assert alias, "nginx.conf does not serve /static/"
    static_volume = next(
        (named_volume(e) for target, e in mounts.items() if target.rstrip("/") == alias.group(1).rstrip("/")),
        None,
    )
    web_static = {
        named_volume(e) for e in services["web"]["volumes"] if volume_target(e).endswith("/staticfiles")
    }
    assert static_volume and static_volume in web_static, (
        "nginx reads another volume than collectstatic fills"
    )
    assert re.search(r"server web:8000;", conf), "nginx does not proxy to web:8000"
    assert "proxy_set_header Host $http_host;" in conf, "without the port Django's CSRF origin check fails"


def mount_mode(entry: Any) -> str:
    """rw or ro of a service volume entry."""
    if isinstance(entry, dict):
        return "ro" if entry.get("read_only") else "rw"
    parts = str(entry).split(":")
    return "ro" if len(parts) > 2 and "ro" in parts[2].split(",") else "rw"


def test_media_is_written_by_web_and_served_read_only_by_nginx(dockerfile, services):
    media_root = f"{dockerfile_env(dockerfile)['SICHTBAR_VAR_DIR']}/media"
    web = [e for e in services["web"]["volumes"] if named_volume(e) == "media"]
    assert web and volume_target(web[0]) == media_root and mount_mode(web[0]) == "rw", web
    conf = NGINX_CONF.read_text(encoding="utf-8")
    alias = re.search(r"location /media/ \{\s*alias ([^;]+);", conf)
    assert alias, "nginx.conf does not serve /media/"
    nginx = [e for e in services["nginx"]["volumes"] if named_volume(e) == "media"]
    assert nginx, "nginx does not mount the media volume"
    assert volume_target(nginx[0]).rstrip("/") == alias.group(1).rstrip("/"), (
        f"nginx serves /media/ from {alias.group(1)} but mounts media at {volume_target(nginx[0])}"
    )
    assert mount_mode(nginx[0]) == "ro", "nginx must not be able to change uploads"
    base = (SETTINGS_DIR / "base.py").read_text(encoding="utf-8")
    assert 'MEDIA_URL = "/media/"' in base


def test_nginx_passes_the_client_address_and_scheme_the_way_django_reads_them(services):
    conf = NGINX_CONF.read_text(encoding="utf-8")
    # Appended, so DJANGO_NUM_PROXIES counts from the end and a client-sent value is never picked.
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in conf
    assert environment(services["web"]).get("DJANGO_NUM_PROXIES") == "${DJANGO_NUM_PROXIES:-1}"
    # The client-facing listener never trusts a client's X-Forwarded-Proto.
    proto = re.search(r"map \"\$server_port:\$http_x_forwarded_proto\" \$(\w+) \{([^}]*)\}", conf)
    assert proto, "no map of the forwarded scheme"
    assert f"proxy_set_header X-Forwarded-Proto ${proto.group(1)};" in conf
    rows = dict(
        line.strip().rstrip(";").rsplit(None, 1)
        for line in proto.group(2).strip().splitlines()
        if line.strip()
    )
    assert rows.pop("default") == "$scheme"
    assert rows and all(key.strip('"').startswith("8081:") for key in rows), rows
    published = {str(port).rsplit(":", 1)[-1] for port in services["nginx"].get("ports", [])}
    assert "8081" not in published, "the proxy-only listener must not be published"


# Variables that carry a visitor's address or what identifies them (docs/privacy.md): never in a log line.
VISITOR_VARIABLES = (
    "$remote_addr",
    "$binary_remote_addr",
    "$realip_remote_addr",
    "$proxy_add_x_forwarded_for",
    "$http_x_forwarded_for",
    "$http_x_real_ip",
    "$http_forwarded",
    "$remote_user",
    "$http_referer",
    "$http_user_agent",
    "$http_cookie",
    "$request",  # the request line carries the query string
    "$request_uri",
    "$args",
    "$query_string",
)


@pytest.mark.parametrize(
    "conf_file", [NGINX_CONF, ROOT / "infra" / "k8s" / "nginx.conf"], ids=["compose", "k8s"]
)
def test_nginx_logs_no_visitor_address(conf_file):
    conf = re.sub(r"#[^\n]*", "", conf_file.read_text(encoding="utf-8"))
    formats = dict(re.findall(r"log_format\s+(\w+)\s+((?:'[^']*'\s*)+);", conf))
    assert formats, "no log_format: nginx would use `combined`, which logs $remote_addr"
    for name, body in formats.items():
        variables = set(re.findall(r"\$\w+", body))
        leaked = [variable for variable in VISITOR_VARIABLES if variable in variables]
        assert not leaked, f"log_format {name} logs {leaked}"
    access_logs = re.findall(r"access_log\s+([^;]+);", conf)
    assert access_logs
    for directive in access_logs:
        parts = directive.split()
        assert parts == ["off"] or (len(parts) >= 2 and parts[1] in formats), (
            f"access_log {directive} uses a format that may log addresses"
        )
    # The error log's format is fixed and names the client: only critical lines.
    assert re.findall(r"error_log\s+\S+\s+(\w+);", conf) == ["crit"]


def test_gunicorn_reads_its_address_free_log_config_from_where_it_runs(dockerfile):
    """The container's working directory is backend/, where gunicorn picks up gunicorn.conf.py."""
    assert (BACKEND / "gunicorn.conf.py").is_file()
    assert ("WORKDIR", "/app/backend") in dockerfile
    text = (BACKEND / "gunicorn.conf.py").read_text(encoding="utf-8")
    assert "%(h)s" not in text and "%(r)s" not in text
    assert "access-logformat" not in ENTRYPOINT.read_text(encoding="utf-8")


def test_the_stack_loads_demo_data_only_when_asked(services, env_example):
    script = ENTRYPOINT.read_text(encoding="utf-8")
    assert re.search(
        r'if \[ "\$\{SICHTBAR_SEED_DEMO:-0\}" = "1" \]; then\s+python manage.py seed_demo', script
    )
    assert "SICHTBAR_SEED_DEMO:-1" not in script
    for name in APP_SERVICES:
        assert environment(services[name]).get("SICHTBAR_SEED_DEMO") == "${SICHTBAR_SEED_DEMO:-0}", name
    assert env_example["SICHTBAR_SEED_DEMO"] == "0"
    production = (SETTINGS_DIR / "production.py").read_text(encoding="utf-8")
    assert "SICHTBAR_REFUSE_DEMO_ACCOUNTS = not SICHTBAR_SEED_DEMO" in production
