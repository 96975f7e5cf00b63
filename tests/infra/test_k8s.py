"""Static checks of the Kubernetes manifests in infra/k8s/, cross-checked with docker-compose.yml.

No cluster needed: the YAML is parsed and compared with the compose file, .env.example, the Queue enum,
nginx.conf and the backend's routes. When `kubectl` is on the PATH, `kubectl kustomize` renders the
whole set as well (offline). Run like test_compose.py (`-p no:django`).
"""

import ast
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "infra" / "k8s"
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
NGINX_CONF = ROOT / "infra" / "nginx" / "nginx.conf"
DOCKERFILE = ROOT / "infra" / "docker" / "Dockerfile"
BACKEND = ROOT / "backend"

CONFIG_MAP = "sichtbar-config"
SECRET = "sichtbar-secrets"
PLACEHOLDER = "CHANGE-ME"
NAMESPACED_EXCEPTIONS = {"Namespace"}
ENV_EXAMPLE_LINE = re.compile(r"^(#\s?)?([A-Z][A-Z0-9_]*)=(.*)$")


# --- loading ----------------------------------------------------------------------------------


def load_documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc is not None]


@pytest.fixture(scope="module")
def kustomization() -> dict[str, Any]:
    data = yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))
    assert data["kind"] == "Kustomization"
    return data


@pytest.fixture(scope="module")
def manifests(kustomization) -> list[dict[str, Any]]:
    """Every resource kustomization.yaml lists, in order."""
    docs = [doc for name in kustomization["resources"] for doc in load_documents(K8S / name)]
    assert docs, "no manifests"
    return docs


@pytest.fixture(scope="module")
def by_kind(manifests) -> dict[str, dict[str, dict[str, Any]]]:
    index: dict[str, dict[str, dict[str, Any]]] = {}
    for doc in manifests:
        name = doc["metadata"]["name"]
        assert name not in index.setdefault(doc["kind"], {}), f"two {doc['kind']} named {name}"
        index[doc["kind"]][name] = doc
    return index


@pytest.fixture(scope="module")
def deployments(by_kind) -> dict[str, dict[str, Any]]:
    return by_kind["Deployment"]


@pytest.fixture(scope="module")
def secret_template() -> dict[str, Any]:
    docs = load_documents(K8S / "secret.example.yaml")
    assert len(docs) == 1 and docs[0]["kind"] == "Secret"
    return docs[0]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def env_example_names() -> set[str]:
    names = set()
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        match = ENV_EXAMPLE_LINE.match(line)
        if match:
            names.add(match.group(2))
    assert names
    return names


def pod_spec(deployment: dict[str, Any]) -> dict[str, Any]:
    return deployment["spec"]["template"]["spec"]


def all_containers(deployment: dict[str, Any]) -> list[dict[str, Any]]:
    spec = pod_spec(deployment)
    return [*spec.get("initContainers", []), *spec["containers"]]


def main_container(deployment: dict[str, Any]) -> dict[str, Any]:
    containers = pod_spec(deployment)["containers"]
    assert len(containers) == 1, f"{deployment['metadata']['name']}: expected one container"
    return containers[0]


def argv(container: dict[str, Any]) -> list[str]:
    return [str(part) for part in [*container.get("command", []), *container.get("args", [])]]


def option(cmd: list[str], *flags: str) -> str | None:
    for index, part in enumerate(cmd):
        if part in flags and index + 1 < len(cmd):
            return cmd[index + 1]
    return None


def compose_command(service: dict[str, Any]) -> list[str]:
    cmd = service.get("command") or []
    return shlex.split(cmd) if isinstance(cmd, str) else [str(part) for part in cmd]


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


def celery_workers(deployments) -> dict[str, list[str]]:
    """Deployment name -> argv of its `celery -A config worker` container."""
    return {
        name: argv(main_container(d))
        for name, d in deployments.items()
        if argv(main_container(d))[:4] == ["celery", "-A", "config", "worker"]
    }


def app_image(compose: dict[str, Any]) -> str:
    image = compose["services"]["web"]["image"]
    assert image, "docker-compose.yml names no image for web"
    return str(image)


def uses_app_image(container: dict[str, Any], compose: dict[str, Any]) -> bool:
    return container["image"].split(":")[0] == app_image(compose).split(":")[0]


def config_map_data(by_kind) -> dict[str, str]:
    return {str(k): str(v) for k, v in by_kind["ConfigMap"][CONFIG_MAP]["data"].items()}


def allowed_hosts(by_kind) -> list[str]:
    return [h.strip() for h in config_map_data(by_kind)["DJANGO_ALLOWED_HOSTS"].split(",") if h.strip()]


def mounts(container: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {m["mountPath"]: m for m in container.get("volumeMounts", [])}


def volumes(deployment: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {v["name"]: v for v in pod_spec(deployment).get("volumes", [])}


# --- the files --------------------------------------------------------------------------------


def test_every_manifest_parses_and_names_its_kind():
    files = sorted(K8S.glob("*.yaml"))
    assert files, "infra/k8s holds no manifests"
    for path in files:
        docs = load_documents(path)
        assert docs, f"{path.name} is empty"
        for doc in docs:
            assert isinstance(doc, dict), f"{path.name}: a document is not a mapping"
            assert doc.get("apiVersion") and doc.get("kind"), f"{path.name}: apiVersion or kind missing"
            if doc["kind"] != "Kustomization":
                assert doc.get("metadata", {}).get("name"), f"{path.name}: {doc['kind']} without a name"


def test_kustomization_lists_every_manifest_and_nothing_else(kustomization):
    listed = list(kustomization["resources"])
    assert len(listed) == len(set(listed)), "a resource is listed twice"
    on_disk = {
        p.name
        for p in K8S.glob("*.yaml")
        if p.name != "kustomization.yaml" and not p.name.endswith(".example.yaml")
    }
    assert set(listed) == on_disk, (
        f"not listed: {sorted(on_disk - set(listed))}; missing files: {sorted(set(listed) - on_disk)}"
    )
    for generator in kustomization.get("configMapGenerator", []):
        for entry in generator.get("files", []):
            assert (K8S / entry.split("=")[-1]).is_file(), f"configMapGenerator file {entry} is missing"
    assert kustomization.get("namespace") == "sichtbar"


def test_every_namespaced_resource_lands_in_the_namespace_the_manifests_create(manifests, kustomization):
    namespaces = [doc["metadata"]["name"] for doc in manifests if doc["kind"] == "Namespace"]
    assert namespaces == [kustomization["namespace"]]
    for doc in manifests:
        given = doc["metadata"].get("namespace")
        assert given in (None, kustomization["namespace"]), (
            f"{doc['kind']} {doc['metadata']['name']}: {given}"
        )


# --- pods -------------------------------------------------------------------------------------


def test_every_container_has_resource_requests_and_limits(deployments):
    for name, deployment in deployments.items():
        for container in all_containers(deployment):
            resources = container.get("resources") or {}
            for kind in ("requests", "limits"):
                for resource in ("cpu", "memory"):
                    assert (resources.get(kind) or {}).get(resource), (
                        f"{name}/{container['name']}: no {resource} {kind}"
                    )


def test_every_pod_runs_as_non_root_without_privileges_and_on_a_read_only_root(deployments):
    for name, deployment in deployments.items():
        spec = pod_spec(deployment)
        pod = spec.get("securityContext") or {}
        assert pod.get("runAsNonRoot") is True, f"{name}: runAsNonRoot is not set"
        assert (pod.get("seccompProfile") or {}).get("type") == "RuntimeDefault", (
            f"{name}: no seccomp profile"
        )
        assert spec.get("automountServiceAccountToken") is False, f"{name}: mounts an API token it never uses"
        for container in all_containers(deployment):
            where = f"{name}/{container['name']}"
            context = container.get("securityContext") or {}
            assert context.get("allowPrivilegeEscalation") is False, where
            assert context.get("readOnlyRootFilesystem") is True, where
            assert context.get("capabilities", {}).get("drop") == ["ALL"], where
            user = context.get("runAsUser", pod.get("runAsUser"))
            assert user not in (None, 0), f"{where}: runs as root or as the image's choice"
            # Python, gunicorn, celery and nginx all write below /tmp.
            tmp = mounts(container).get("/tmp")
            assert tmp, f"{where}: no writable /tmp on a read-only root filesystem"
            assert "emptyDir" in volumes(deployment)[tmp["name"]], f"{where}: /tmp is not an emptyDir"


def test_app_containers_run_as_the_images_user(deployments, compose):
    dockerfile = DOCKERFILE.read_text(encoding="utf-8")
    uid = re.search(r"useradd [^\n]*--uid (\d+)", dockerfile)
    assert uid, "the Dockerfile creates no user with a fixed uid"
    for name, deployment in deployments.items():
        pod = pod_spec(deployment).get("securityContext") or {}
        for container in all_containers(deployment):
            if uses_app_image(container, compose):
                user = (container.get("securityContext") or {}).get("runAsUser", pod.get("runAsUser"))
                assert str(user) == uid.group(1), f"{name}/{container['name']} runs as {user}"


def test_every_deployment_selects_its_own_pods(deployments):
    for name, deployment in deployments.items():
        selector = deployment["spec"]["selector"]["matchLabels"]
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert selector.items() <= labels.items(), f"{name}: the selector does not match the pod labels"
    selectors = [tuple(sorted(d["spec"]["selector"]["matchLabels"].items())) for d in deployments.values()]
    assert len(selectors) == len(set(selectors)), "two Deployments select the same pods"


def test_every_service_selects_exactly_one_deployment_and_a_port_it_exposes(by_kind, deployments):
    assert by_kind.get("Service"), "no Services"
    for name, service in by_kind["Service"].items():
        selector = service["spec"]["selector"]
        matches = [
            d
            for d in deployments.values()
            if selector.items() <= d["spec"]["template"]["metadata"]["labels"].items()
        ]
        assert len(matches) == 1, f"Service {name} selects {len(matches)} Deployments"
        ports = {
            (p.get("name"), p["containerPort"])
            for c in pod_spec(matches[0])["containers"]
            for p in c.get("ports", [])
        }
        for port in service["spec"]["ports"]:
            target = port.get("targetPort", port["port"])
            assert any(target in pair for pair in ports), f"Service {name}: no container port {target}"


# --- web --------------------------------------------------------------------------------------


def test_web_probes_ask_the_health_endpoints_with_an_allowed_host(deployments, by_kind):
    web = main_container(deployments["web"])
    readiness = web["readinessProbe"]["httpGet"]
    liveness = web["livenessProbe"]["httpGet"]
    assert (
        readiness["path"] == "/api/v1/health/ready/?critical=database"
    )  # a Redis or search outage must not drain web
    assert liveness["path"] == "/api/v1/health/"
    api_urls = (BACKEND / "sichtbar" / "api" / "urls.py").read_text(encoding="utf-8")
    assert 'path("health/ready/"' in api_urls and 'path("health/"' in api_urls
    root_urls = (BACKEND / "config" / "urls.py").read_text(encoding="utf-8")
    assert 'path("api/v1/"' in root_urls
    production = (BACKEND / "config" / "settings" / "production.py").read_text(encoding="utf-8")
    assert 'SECURE_REDIRECT_EXEMPT = [r"^api/v1/health/"]' in production, (
        "probes would be redirected to https"
    )
    ports = {p["name"]: p["containerPort"] for p in web["ports"]}
    for probe in (readiness, liveness):
        assert probe["port"] in ports or probe["port"] in ports.values()
        hosts = [h["value"] for h in probe.get("httpHeaders", []) if h["name"].lower() == "host"]
        # Without it the kubelet sends the pod IP as Host and Django answers 400.
        assert hosts and hosts[0] in allowed_hosts(by_kind), f"probe Host {hosts} not in DJANGO_ALLOWED_HOSTS"


def test_web_migrates_before_gunicorn_starts_and_binds_the_port_nginx_proxies_to(deployments):
    web = deployments["web"]
    init = [argv(c) for c in pod_spec(web).get("initContainers", [])]
    assert ["python", "manage.py", "migrate", "--noinput"] in init, f"no migration init container: {init}"
    cmd = argv(main_container(web))
    assert cmd[:2] == ["gunicorn", "config.wsgi"], cmd
    bind = option(cmd, "--bind", "-b")
    assert bind and bind.endswith(":8000")
    assert {p["containerPort"] for p in main_container(web)["ports"]} == {8000}
    assert re.search(r"server web:8000;", NGINX_CONF.read_text(encoding="utf-8")), "nginx proxies elsewhere"
    strategy = web["spec"]["strategy"]["rollingUpdate"]
    assert strategy["maxUnavailable"] == 0 and strategy["maxSurge"] == 1, strategy


def test_workers_and_beat_wait_for_the_migrations(deployments):
    for name, deployment in deployments.items():
        if name in {"web", "nginx"}:
            continue
        init = " ".join(" ".join(argv(c)) for c in pod_spec(deployment).get("initContainers", []))
        assert "manage.py migrate --check" in init, f"{name} can start on an old schema"


# --- workers and beat -------------------------------------------------------------------------


def test_every_queue_has_exactly_one_worker_deployment(deployments):
    workers = celery_workers(deployments)
    for queue in queue_enum_values():
        consumers = [
            name for name, cmd in workers.items() if queue in (option(cmd, "-Q", "--queues") or "").split(",")
        ]
        assert len(consumers) == 1, f"queue {queue} is consumed by {consumers or 'no Deployment'}"
    for name, cmd in workers.items():
        queues = set((option(cmd, "-Q", "--queues") or "").split(","))
        assert queues <= queue_enum_values(), f"{name} consumes {sorted(queues)}"


def test_worker_deployments_match_the_compose_workers(deployments, compose):
    compose_workers = {
        name: compose_command(service)
        for name, service in compose["services"].items()
        if compose_command(service)[:4] == ["celery", "-A", "config", "worker"]
    }
    workers = celery_workers(deployments)
    assert set(workers) == set(compose_workers), f"k8s {sorted(workers)} != compose {sorted(compose_workers)}"
    for name, cmd in workers.items():
        for flags in (("-Q", "--queues"), ("-c", "--concurrency")):
            assert option(cmd, *flags) == option(compose_workers[name], *flags), f"{name}: {flags[0]} differs"


def test_the_search_worker_is_one_process_in_one_pod(deployments, by_kind):
    search = [
        name for name, cmd in celery_workers(deployments).items() if option(cmd, "-Q", "--queues") == "search"
    ]
    assert len(search) == 1
    deployment = deployments[search[0]]
    assert option(argv(main_container(deployment)), "-c", "--concurrency") == "1"
    assert deployment["spec"]["replicas"] == 1
    assert deployment["spec"]["strategy"]["type"] == "Recreate", "a rollout would run two search workers"
    scaled = {
        hpa["spec"]["scaleTargetRef"]["name"] for hpa in by_kind.get("HorizontalPodAutoscaler", {}).values()
    }
    assert search[0] not in scaled, "an autoscaler would run several search workers"


def test_workers_ping_their_own_node(deployments):
    for name in celery_workers(deployments):
        container = main_container(deployments[name])
        probe = " ".join(container["livenessProbe"]["exec"]["command"])
        assert "celery -A config inspect ping" in probe and "celery@$HOSTNAME" in probe, f"{name}: {probe}"
        assert probe.startswith("sh -c "), f"{name}: $HOSTNAME is expanded only by a shell"
        assert option(argv(container), "-n", "--hostname") is None, f"{name} renames its node"


def test_exactly_one_beat_runs_the_compose_command(deployments, by_kind, compose):
    beats = {
        name: d
        for name, d in deployments.items()
        if argv(main_container(d))[:4] == ["celery", "-A", "config", "beat"]
    }
    assert list(beats) == ["beat"], sorted(beats)
    beat = beats["beat"]
    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"]["type"] == "Recreate", "a rolling update would run two beats at once"
    scaled = {
        hpa["spec"]["scaleTargetRef"]["name"] for hpa in by_kind.get("HorizontalPodAutoscaler", {}).values()
    }
    assert "beat" not in scaled
    assert argv(main_container(beat)) == compose_command(compose["services"]["beat"])
    pidfile = option(argv(main_container(beat)), "--pidfile")
    assert pidfile and pidfile.startswith("/tmp/")
    assert pidfile in " ".join(main_container(beat)["livenessProbe"]["exec"]["command"])


# --- configuration and secrets ----------------------------------------------------------------


def test_every_environment_variable_is_in_env_example(
    by_kind, deployments, secret_template, env_example_names
):
    names = set(config_map_data(by_kind)) | set(secret_template["stringData"])
    for deployment in deployments.values():
        for container in all_containers(deployment):
            names |= {item["name"] for item in container.get("env", [])}
    unknown = names - env_example_names
    assert not unknown, f"used in infra/k8s but not in .env.example: {sorted(unknown)}"


def test_containers_read_only_the_config_map_and_secret_that_exist(
    deployments, by_kind, secret_template, compose
):
    for name, deployment in deployments.items():
        for container in all_containers(deployment):
            sources = container.get("envFrom", [])
            config_maps = {s["configMapRef"]["name"] for s in sources if "configMapRef" in s}
            secrets = {s["secretRef"]["name"] for s in sources if "secretRef" in s}
            assert config_maps <= set(by_kind["ConfigMap"]), f"{name}: unknown ConfigMap {config_maps}"
            assert secrets <= {secret_template["metadata"]["name"]}, f"{name}: unknown Secret {secrets}"
            if uses_app_image(container, compose):
                assert config_maps == {CONFIG_MAP} and secrets == {SECRET}, f"{name}/{container['name']}"


def test_the_app_gets_the_wiring_compose_gives_it(by_kind, secret_template, compose):
    """What compose sets for web, workers and beat must come from the ConfigMap or the Secret here."""
    x_app = compose["services"]["web"]["environment"]
    given = set(config_map_data(by_kind)) | set(secret_template["stringData"])
    missing = set(x_app) - given
    assert not missing, f"compose sets {sorted(missing)}, the manifests do not"
    config = config_map_data(by_kind)
    assert config["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert config["SEARCH_BACKEND"] == "elasticsearch"
    assert config["DJANGO_SECURE_SSL_REDIRECT"] == "true"
    # Ingress controller + nginx, each appending to X-Forwarded-For.
    assert config["DJANGO_NUM_PROXIES"] == "2"


def test_the_secret_template_holds_placeholders_only_and_is_never_applied(
    secret_template, manifests, kustomization
):
    assert "data" not in secret_template, "base64 values would hide what is in them"
    assert secret_template["metadata"]["name"] == SECRET
    values = secret_template["stringData"]
    assert values, "the template lists no keys"
    for key, value in values.items():
        assert PLACEHOLDER in str(value), f"{key}: {value!r} looks like a real value"
        url = urlsplit(str(value))
        if url.password:
            assert url.password == PLACEHOLDER, f"{key}: a real-looking password"
    assert not [doc for doc in manifests if doc["kind"] == "Secret"], (
        "kubectl apply -k would overwrite secrets"
    )
    assert "secret.example.yaml" not in kustomization["resources"]
    for generator in kustomization.get("secretGenerator", []):
        pytest.fail(f"secretGenerator {generator.get('name')} would put secrets into the repository")


def test_the_config_map_holds_nothing_secret(by_kind):
    for key, value in config_map_data(by_kind).items():
        assert not re.search(r"SECRET|PASSWORD|TOKEN|_KEY$", key), f"{key} belongs in the Secret"
        url = urlsplit(value)
        assert not (url.scheme and url.password), f"{key} carries credentials: move it to the Secret"
        if key.endswith("_URL") and key != "SITE_URL":
            pytest.fail(f"{key}: service URLs may carry credentials and belong in the Secret")


def test_hosts_agree_between_ingress_settings_and_probes(by_kind):
    hosts = allowed_hosts(by_kind)
    ingress = next(iter(by_kind["Ingress"].values()))
    rule_hosts = [rule["host"] for rule in ingress["spec"]["rules"]]
    tls_hosts = [host for tls in ingress["spec"]["tls"] for host in tls["hosts"]]
    assert rule_hosts and set(rule_hosts) == set(tls_hosts), "a host is served without TLS"
    assert set(rule_hosts) <= set(hosts), f"Django would reject {sorted(set(rule_hosts) - set(hosts))}"
    site = urlsplit(config_map_data(by_kind)["SITE_URL"])
    assert site.scheme == "https" and site.hostname in rule_hosts, "e-mail links would point elsewhere"
    for tls in ingress["spec"]["tls"]:
        assert tls.get("secretName"), "TLS without a certificate Secret"


# --- images -----------------------------------------------------------------------------------


def test_images_match_docker_compose(deployments, kustomization, compose):
    image = app_image(compose)
    app_containers = [
        c for d in deployments.values() for c in all_containers(d) if uses_app_image(c, compose)
    ]
    assert len(app_containers) >= 6, "web, the workers and beat run the app image"
    for container in app_containers:
        assert container["image"] == image, f"{container['name']}: {container['image']} != compose {image}"
    repository, _, tag = image.partition(":")
    overrides = {entry["name"]: entry for entry in kustomization.get("images", [])}
    assert repository in overrides, "kustomization.yaml offers no way to point the app image at a registry"
    assert overrides[repository].get("newTag", tag) == tag
    compose_nginx = compose["services"]["nginx"]["image"].split(":")[1]
    nginx = main_container(deployments["nginx"])["image"]
    assert nginx.split(":")[1] == compose_nginx, f"nginx {nginx} is not compose's {compose_nginx}"
    for deployment in deployments.values():
        for container in all_containers(deployment):
            assert ":" in container["image"] and not container["image"].endswith(":latest"), container[
                "image"
            ]


# --- autoscaling, disruption, storage, nginx ----------------------------------------------------


def test_autoscalers_target_existing_deployments_that_request_cpu(by_kind, deployments):
    hpas = by_kind.get("HorizontalPodAutoscaler", {})
    targets = {hpa["spec"]["scaleTargetRef"]["name"] for hpa in hpas.values()}
    assert {"web", "worker-integrations"} <= targets, f"autoscaled: {sorted(targets)}"
    for name, hpa in hpas.items():
        ref = hpa["spec"]["scaleTargetRef"]
        assert ref["kind"] == "Deployment" and ref["name"] in deployments, (
            f"HPA {name} targets nothing: {ref}"
        )
        assert 1 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]
        target = deployments[ref["name"]]
        # Every `kubectl apply` would reset the autoscaled count to a value given here.
        assert "replicas" not in target["spec"], f"{name}: the Deployment also sets replicas"
        for metric in hpa["spec"]["metrics"]:
            resource = metric["resource"]["name"]
            for container in pod_spec(target)["containers"]:
                assert container["resources"]["requests"].get(resource), f"{name}: utilisation of no request"


def test_web_has_a_disruption_budget(by_kind, deployments):
    budgets = by_kind.get("PodDisruptionBudget", {})
    web_labels = deployments["web"]["spec"]["template"]["metadata"]["labels"]
    guarding = [
        b for b in budgets.values() if b["spec"]["selector"]["matchLabels"].items() <= web_labels.items()
    ]
    assert guarding, "no PodDisruptionBudget selects the web pods"
    assert guarding[0]["spec"].get("minAvailable", 0) >= 1 or "maxUnavailable" in guarding[0]["spec"]
    hpa = by_kind["HorizontalPodAutoscaler"]["web"]
    assert hpa["spec"]["minReplicas"] > guarding[0]["spec"].get("minAvailable", 0), "drains would block"


def test_media_is_one_shared_volume_written_by_the_app_and_read_by_nginx(by_kind, deployments):
    claims = by_kind.get("PersistentVolumeClaim", {})
    assert len(claims) == 1, f"claims: {sorted(claims)}"
    claim_name, claim = next(iter(claims.items()))
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"], "web, workers and nginx run on several nodes"
    var_dir = re.search(r"SICHTBAR_VAR_DIR=(\S+)", DOCKERFILE.read_text(encoding="utf-8"))
    assert var_dir
    media_root = f"{var_dir.group(1)}/media"
    nginx_alias = re.search(r"location /media/ \{\s*alias ([^;]+);", NGINX_CONF.read_text(encoding="utf-8"))
    assert nginx_alias
    for name, deployment in deployments.items():
        claimed = {
            v["name"]
            for v in volumes(deployment).values()
            if v.get("persistentVolumeClaim", {}).get("claimName") == claim_name
        }
        mounted = [
            m
            for c in pod_spec(deployment)["containers"]
            for m in c.get("volumeMounts", [])
            if m["name"] in claimed
        ]
        if name == "nginx":
            assert mounted and mounted[0]["mountPath"].rstrip("/") == nginx_alias.group(1).rstrip("/")
            assert mounted[0].get("readOnly") is True, "nginx must not change uploads"
        elif name == "web" or name in celery_workers(deployments):
            assert mounted and mounted[0]["mountPath"] == media_root, f"{name} does not see the uploads"
            assert not mounted[0].get("readOnly"), f"{name} cannot write uploads"


def test_nginx_runs_the_compose_configuration_behind_the_ingress(by_kind, deployments, kustomization):
    copy = K8S / "nginx.conf"
    assert copy.read_text(encoding="utf-8") == NGINX_CONF.read_text(encoding="utf-8"), (
        "infra/k8s/nginx.conf differs from infra/nginx/nginx.conf: copy it again"
    )
    generated = {
        g["name"] for g in kustomization.get("configMapGenerator", []) if "nginx.conf" in g.get("files", [])
    }
    nginx = deployments["nginx"]
    config_volumes = {v["configMap"]["name"] for v in volumes(nginx).values() if "configMap" in v}
    assert config_volumes and config_volumes <= generated, "nginx does not mount the generated nginx.conf"
    container = main_container(nginx)
    assert mounts(container)["/etc/nginx/nginx.conf"].get("subPath") == "nginx.conf"
    conf = NGINX_CONF.read_text(encoding="utf-8")
    # The Ingress forwards to the listener that trusts X-Forwarded-Proto (see nginx.conf).
    assert {p["containerPort"] for p in container["ports"]} == {8081}
    assert "listen 8081;" in conf and '"8081:https" https;' in conf
    static_alias = re.search(r"location /static/ \{\s*alias ([^;]+);", conf)
    assert static_alias
    static = mounts(container)[static_alias.group(1).rstrip("/")]
    assert static.get("readOnly") is True
    collect = [c for c in pod_spec(nginx).get("initContainers", []) if "collectstatic" in argv(c)]
    assert collect, "nothing fills the static volume"
    assert any(m["name"] == static["name"] for m in collect[0].get("volumeMounts", []))
    ingress = next(iter(by_kind["Ingress"].values()))
    backends = {
        p["backend"]["service"]["name"] for rule in ingress["spec"]["rules"] for p in rule["http"]["paths"]
    }
    assert backends == {"nginx"} and "nginx" in by_kind["Service"], backends


# --- rendering --------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not installed")
def test_kustomize_renders_the_set_offline(manifests):
    result = subprocess.run(
        ["kubectl", "kustomize", str(K8S)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    rendered = [doc for doc in yaml.safe_load_all(result.stdout) if doc]
    assert len(rendered) == len(manifests) + 1  # + the generated nginx ConfigMap
    for doc in rendered:
        if doc["kind"] not in NAMESPACED_EXCEPTIONS:
            assert doc["metadata"].get("namespace") == "sichtbar", f"{doc['kind']} {doc['metadata']['name']}"
    generated = [
        d["metadata"]["name"] for d in rendered if d["metadata"]["name"].startswith("sichtbar-nginx-")
    ]
    assert len(generated) == 1, "the nginx ConfigMap gets a content hash, so a change rolls nginx"
    nginx = next(d for d in rendered if d["kind"] == "Deployment" and d["metadata"]["name"] == "nginx")
    assert generated[0] in yaml.safe_dump(nginx), "the nginx Deployment does not follow the hashed name"


def test_the_ingress_controller_does_not_log_visitor_addresses(by_kind):
    (ingress,) = by_kind["Ingress"].values()
    assert ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/enable-access-log"] == "false"


def test_kubernetes_never_loads_demo_data(by_kind, deployments):
    assert by_kind["ConfigMap"]["sichtbar-config"]["data"]["SICHTBAR_SEED_DEMO"] == "0"
    for deployment in deployments.values():
        spec = deployment["spec"]["template"]["spec"]
        for container in spec.get("initContainers", []) + spec["containers"]:
            command = " ".join(container.get("command", []) + container.get("args", []))
            assert "seed_demo" not in command, deployment["metadata"]["name"]
