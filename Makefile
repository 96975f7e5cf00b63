# Sichtbar — `make run` serves the whole app on one port; `make test` runs every test. Nothing needs installing first.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PORT ?= 8000
HOST ?= 127.0.0.1
VENV := .venv
PY := $(CURDIR)/$(VENV)/bin/python
MANAGE := cd backend && $(PY) manage.py
PYTEST := ./scripts/pytest.sh
# Every stage of `make test` runs through this: it prints and records the stage's seconds (var/stage-times).
STAGE := ./scripts/stage.sh
DEPS_PY := $(VENV)/.installed
DEPS_JS := frontend/node_modules/.installed
# The identity provider of the browser SSO tests (the oidc-provider npm package, pinned in its own folder).
DEPS_IDP := tests/e2e/oidc_provider/node_modules/.installed

.PHONY: help run serve stack stack-stop install build migrate demo test test-backend test-frontend test-e2e test-infra test-live test-contract test-contract-sqlite test-contract-postgresql test-backend-parallel test-backend-worker lint format \
        lint-python lint-imports lint-frontend \
        typecheck typecheck-backend typecheck-frontend schema api-types check-api-types check-migrations ci worker beat bench bench-frontend ux-screenshots load load-stack clean

help:
	@echo "make run        install, build the SPA, migrate, load demo data, serve http://$(HOST):$(PORT)"
	@echo "make test       backend, frontend and browser end-to-end tests (test-live: both set-ups for real)"
	@echo "make lint | format | typecheck | schema | api-types | check-api-types | migrate | worker | beat | bench"
	@echo "make load-stack DATABASE_URL=postgres://…/own STACK_PORT=…   load test of the distributed stack"
	@echo "git hooks: .venv/bin/pre-commit install   (runs the lint and typecheck targets before each commit)"

$(DEPS_PY): backend/requirements-dev.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r backend/requirements-dev.lock
	touch $@

$(DEPS_JS): frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(DEPS_IDP): tests/e2e/oidc_provider/package-lock.json
	cd tests/e2e/oidc_provider && npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(DEPS_PY) $(DEPS_JS) $(DEPS_IDP)

# `npm run build` type-checks before bundling; CI has run `make typecheck` already and passes TYPECHECKED=1,
# so the bundle is built without compiling the types a second time (the bundle check still runs).
build: $(DEPS_JS)
	$(STAGE) frontend-build bash -c 'cd frontend && $(if $(TYPECHECKED),npx --no-install vite build --logLevel warn && node scripts/check-bundle.mjs,npm run build --silent)'

migrate: $(DEPS_PY)
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) seed_demo --if-empty

run: install build demo
	$(MANAGE) collectstatic --noinput -v0
	@$(MAKE) --no-print-directory serve

# The embedded process set (infra/embedded/Procfile): gunicorn, and one Celery worker with beat embedded on
# a broker without a server (kombu's filesystem transport in var/broker). honcho starts them as one and
# stops all of them on Ctrl-C. Links the app generates point at HOST:PORT unless SITE_URL is set.
SITE_HOST := $(if $(filter 0.0.0.0 ::,$(HOST)),localhost,$(HOST))
serve: $(DEPS_PY)
	@echo ""
	@echo "  Sichtbar is running on http://$(HOST):$(PORT)/  (API docs: http://$(HOST):$(PORT)/api/docs/)"
	@echo "  with its scheduled work (Celery worker and beat); Ctrl-C stops everything."
	@echo ""
	cd backend && PATH="$(CURDIR)/$(VENV)/bin:$$PATH" WEB_BIND="$(HOST):$(PORT)" SITE_URL="$${SITE_URL:-http://$(SITE_HOST):$(PORT)}" \
	  CELERY_BROKER_URL="$${CELERY_BROKER_URL:-filesystem://}" \
	  exec $(CURDIR)/$(VENV)/bin/honcho -f $(CURDIR)/infra/embedded/Procfile -d . start

# The distributed set-up on this machine without Docker (infra/stack/Procfile): PostgreSQL at DATABASE_URL
# (must be set), its own Redis as broker and cache, gunicorn, one Celery worker per queue, beat and nginx
# with infra/nginx/nginx.conf on http://127.0.0.1:STACK_PORT. Ctrl-C or `make stack-stop` stops it.
STACK_PORT ?= 8080
STACK_WEB_PORT ?= $(shell echo $$(( $(STACK_PORT) + 1 )))
STACK_REDIS_PORT ?= $(shell echo $$(( $(STACK_PORT) + 2 )))
STACK_DIR ?= $(CURDIR)/var/stack
STACK_ENV = SICHTBAR_VAR_DIR=$(STACK_DIR) DJANGO_SETTINGS_MODULE=config.settings.production \
  DJANGO_SECRET_KEY="$$(cat $(STACK_DIR)/secret-key)" SICHTBAR_TOKEN_KEYS="$$(cat $(STACK_DIR)/token-key)" \
  DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost \
  DJANGO_SECURE_SSL_REDIRECT=false DJANGO_NUM_PROXIES=1 SITE_URL="$${SITE_URL:-http://localhost:$(STACK_PORT)}" \
  REDIS_URL=redis://127.0.0.1:$(STACK_REDIS_PORT)/1 CELERY_BROKER_URL=redis://127.0.0.1:$(STACK_REDIS_PORT)/0 \
  STACK_DIR=$(STACK_DIR) STACK_WEB_PORT=$(STACK_WEB_PORT) STACK_REDIS_PORT=$(STACK_REDIS_PORT)
# Preparing steps run before Redis is up: their tasks run in-process, their cache is local.
STACK_PREP = REDIS_URL= CELERY_BROKER_URL= CELERY_TASK_ALWAYS_EAGER=true
stack: install $(if $(STACK_NO_BUILD),,build)
	@test -n "$$DATABASE_URL" || { echo "make stack needs DATABASE_URL=postgres://…"; exit 1; }
	@command -v nginx >/dev/null || { apt-get install -y --no-install-recommends nginx-light || exit 1; }
	mkdir -p $(STACK_DIR)/tmp $(STACK_DIR)/media
	test -s $(STACK_DIR)/secret-key || $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $(STACK_DIR)/secret-key
	test -s $(STACK_DIR)/token-key || $(PY) -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())" \
	  > $(STACK_DIR)/token-key
	sed -e 's|^user nginx;|user $(shell id -un);|' -e 's|server web:8000;|server 127.0.0.1:$(STACK_WEB_PORT);|' \
	  -e 's|listen 8080;|listen 127.0.0.1:$(STACK_PORT);|' -e '/listen 8081;/d' -e 's|/tmp/|$(STACK_DIR)/tmp/|' \
	  -e 's|/srv/static/|$(STACK_DIR)/staticfiles/|' -e 's|/srv/media/|$(STACK_DIR)/media/|' infra/nginx/nginx.conf > $(STACK_DIR)/nginx.conf
	cd backend && $(STACK_ENV) $(STACK_PREP) $(PY) manage.py migrate --noinput -v0
	cd backend && $(STACK_ENV) $(STACK_PREP) $(PY) manage.py collectstatic --noinput -v0
	cd backend && $(STACK_ENV) $(STACK_PREP) $(PY) manage.py seed_demo --if-empty
	@echo ""
	@echo "  The stack is running on http://localhost:$(STACK_PORT)/ (nginx); Ctrl-C or make stack-stop stops it."
	@echo ""
	cd backend && echo $$$$ > $(STACK_DIR)/honcho.pid && PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(STACK_ENV) \
	  exec $(CURDIR)/$(VENV)/bin/honcho -f $(CURDIR)/infra/stack/Procfile -d . start

# honcho stops every process of the set on SIGTERM as on Ctrl-C.
stack-stop:
	@test -s $(STACK_DIR)/honcho.pid && kill -TERM "$$(cat $(STACK_DIR)/honcho.pid)" && rm -f $(STACK_DIR)/honcho.pid || echo "no stack running"

worker: $(DEPS_PY)
	cd backend && $(CURDIR)/$(VENV)/bin/celery -A config worker -l INFO -Q default,integrations,search,analytics

beat: $(DEPS_PY)
	cd backend && $(CURDIR)/$(VENV)/bin/celery -A config beat -l INFO

# The stages (ADR 0040). First the backend tests, the frontend's tests, the static infra checks and the SPA
# bundle side by side (each prints its output in one piece). Then the stages that mostly wait: the live
# set-ups and the tests that start real Celery workers, side by side; then the browser tests. From the second
# step on, the contract fuzzing (both halves) runs beside them at the lowest CPU priority, with the database
# server's processes that work for it lowered too: it takes the cores they leave idle and yields whenever
# they work. (Started with the first step it slowed the backend tests by a third: on this virtual machine a
# busy core slows its sibling even at nice 19.) A failing stage stops the fuzzing. The table of the stages'
# times is printed at the end, also after a failure; overlapping stages make its sum exceed the wall clock.
test: $(DEPS_PY) $(DEPS_JS) $(DEPS_IDP)
	@mkdir -p var && rm -f var/stage-times var/contract-*.log; start=$$(date +%s); \
	export STAGE_TIMES=$(CURDIR)/var/stage-times; fuzzers=""; \
	$(MAKE) --no-print-directory -j4 --output-sync=target test-backend-parallel test-frontend test-infra build; rc=$$?; \
	if [ $$rc -eq 0 ]; then \
	  for half in sqlite postgresql; do \
	    ./scripts/lowest-priority.sh $(MAKE) --no-print-directory test-contract-$$half > var/contract-$$half.log 2>&1 & \
	    fuzzers="$$fuzzers $$!"; \
	  done; \
	  $(MAKE) --no-print-directory -j2 --output-sync=target test-live test-backend-worker SPA_BUILT=1 \
	    && $(MAKE) --no-print-directory test-e2e SPA_BUILT=1; rc=$$?; \
	fi; \
	[ $$rc -eq 0 ] || [ -z "$$fuzzers" ] || kill -TERM $$fuzzers 2>/dev/null; \
	for pid in $$fuzzers; do wait $$pid || [ $$rc -ne 0 ] || rc=1; done; \
	for log in var/contract-sqlite.log var/contract-postgresql.log; do \
	  if [ -s $$log ]; then echo ""; echo "== $$log (contract fuzzing, ran beside the other stages)"; cat $$log; fi; \
	done; \
	$(STAGE) --report var/stage-times; echo "  wall clock             $$(( $$(date +%s) - start )) s"; exit $$rc

# Parallel workers (pytest-xdist): each has its own test database and Redis databases
# (config/settings/test_workers.py). TEST_WORKERS=0 runs in one process. The tests that start a real
# Celery worker process (marker `worker`) run afterwards in one process, so a worker process never shares
# its broker database with a parallel run. (A worker left running by an aborted run takes the next run's
# tasks: look for stray `celery -A config worker` processes when these tests time out.)
TEST_WORKERS ?= 2
test-backend: test-backend-parallel
	@$(MAKE) --no-print-directory test-backend-worker

test-backend-parallel: $(DEPS_PY)
	$(STAGE) backend-parallel $(PYTEST) -q -p no:cacheprovider -n $(TEST_WORKERS) -m "not worker" --durations=15 sichtbar

test-backend-worker: $(DEPS_PY)
	$(STAGE) backend-worker $(PYTEST) -q -p no:cacheprovider -m worker --durations=5 sichtbar

# Static checks of the deployment files (compose, Kubernetes, nginx, gunicorn settings); no server is started.
test-infra: $(DEPS_PY)
	$(STAGE) infra $(PYTEST) -q -p no:cacheprovider -p no:django --durations=10 ../tests/infra \
	  --ignore=../tests/infra/test_embedded_run.py --ignore=../tests/infra/test_stack_run.py

# Both set-ups run for real, each started once and driven by Chromium: `make serve` on SQLite and
# `make stack` on PostgreSQL (DATABASE_URL; skipped without it), Redis and nginx (tests/infra/live.py).
# Side by side (one xdist worker per set-up, LIVE_WORKERS=0 runs them one after the other): both mostly
# wait (beat ticks, a click reaching the figures). With one of the two cores kept busy by another process
# both passed side by side in 259 s against 418 s one after the other, each publication reaching the feed in
# 8-10 s of its 60. (At load 25 from eight other jobs the stack once missed that minute side by side.)
# SICHTBAR_TEST_PORTS=8200-8299 keeps their servers inside a port range on a shared machine.
LIVE_WORKERS ?= 2
test-live: $(DEPS_PY) $(if $(SPA_BUILT),,build)
	./scripts/ensure-chromium.sh
	$(STAGE) live $(PYTEST) -q -p no:cacheprovider -p no:django -n $(LIVE_WORKERS) --dist loadfile --durations=10 \
	  ../tests/infra/test_embedded_run.py ../tests/infra/test_stack_run.py

# The standing attack suite runs on both databases at once: the embedded default (SQLite, its own test file)
# and PostgreSQL when DATABASE_URL names one (CI), on a database and a Redis database of its own (make test
# runs it beside the browser tests, which use DATABASE_URL's test database and REDIS_URL); each run draws its
# own examples (tests/contract/). make test starts the two halves at different times (see test).
CONTRACT_PYTEST := $(PYTEST) -c pyproject.toml --rootdir . -q -p no:cacheprovider --durations=10 ../tests/contract
test-contract: $(DEPS_PY)
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-contract-sqlite test-contract-postgresql

# With PostgreSQL the two halves share schemathesis's coverage cases (each sends every other one); the
# generated cases go out on both (tests/contract/test_openapi_fuzz.py).
test-contract-sqlite: $(DEPS_PY)
	@share=0/1; if [[ "$${DATABASE_URL:-}" == postgres* ]]; then share=0/2; fi; \
	$(STAGE) contract-sqlite env -u DATABASE_URL -u REDIS_URL PYTEST_XDIST_WORKER=contract \
	  CONTRACT_COVERAGE_SHARE=$$share $(CONTRACT_PYTEST)

test-contract-postgresql: $(DEPS_PY)
	@if [[ "$${DATABASE_URL:-}" == postgres* ]]; then \
	  $(STAGE) contract-postgresql env DATABASE_URL="$${DATABASE_URL%/*}/sichtbar_contract" \
	    $${REDIS_URL:+REDIS_URL="$${REDIS_URL%/*}/9"} CONTRACT_COVERAGE_SHARE=1/2 $(CONTRACT_PYTEST); \
	else echo "contract fuzzing on PostgreSQL skipped: DATABASE_URL names no PostgreSQL server"; fi

test-frontend: $(DEPS_JS)
	$(STAGE) frontend bash -c 'cd frontend && npm test --silent'

# Two browsers side by side (pytest-xdist): each worker has its own live server, test database and Redis
# databases; the tests wait for what they check, never for the clock. E2E_WORKERS=0 runs them one by one.
E2E_WORKERS ?= 2
test-e2e: $(DEPS_PY) $(DEPS_IDP) $(if $(SPA_BUILT),,build)
	./scripts/ensure-chromium.sh
	$(MANAGE) collectstatic --noinput -v0
	$(STAGE) e2e $(PYTEST) -c pyproject.toml --rootdir . -q -p no:cacheprovider -n $(E2E_WORKERS) --durations=10 ../tests/e2e

# CI, `make lint`/`make typecheck` and the pre-commit hooks (.pre-commit-config.yaml) run these same targets.
lint: lint-python lint-imports lint-frontend

lint-python: $(DEPS_PY)
	$(VENV)/bin/ruff check backend tests bench
	$(VENV)/bin/ruff format --check backend tests bench

# The layer contract (backend/.importlinter): an app imports only its own floor or below.
lint-imports: $(DEPS_PY)
	cd backend && $(CURDIR)/$(VENV)/bin/lint-imports --no-cache

lint-frontend: $(DEPS_JS)
	cd frontend && npm run lint --silent

format: install
	$(VENV)/bin/ruff format backend tests bench
	$(VENV)/bin/ruff check --fix backend tests bench

typecheck: typecheck-backend typecheck-frontend

typecheck-backend: $(DEPS_PY)
	cd backend && $(CURDIR)/$(VENV)/bin/mypy .

typecheck-frontend: $(DEPS_JS)
	cd frontend && npm run typecheck --silent

check-migrations: $(DEPS_PY)
	cd backend && DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

schema: $(DEPS_PY)
	cd backend && DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py spectacular --lang en --validate --fail-on-warn \
	  --file openapi.yaml

api-types: schema $(DEPS_JS)
	cd frontend && npm run api-types --silent

check-api-types: install
	./scripts/drift-check.sh

load: $(DEPS_PY)
	$(PY) tests/load/run.py

# Production-shaped load test (tests/load/stack.py, docs/performance.md): starts `make stack` on STACK_PORT
# with the database at DATABASE_URL (one of its own: it is topped up to LOAD_PROFILES=10000 profiles), sends
# redirects (wrk, then locust at fixed rates) through nginx and directly to gunicorn in alternating rounds,
# public search, and a mixed load (LOAD_RATE=100 requests/s for LOAD_SECONDS=120); prints throughput,
# p50/p95/p99 per route, errors and server CPU per request per process group; reconciles the clicks; stops
# the stack. LOAD_CPUS=0 runs the stack on CPU 0 only (taskset). Only 127.0.0.1 is contacted.
load-stack: $(DEPS_PY)
	@test -n "$$DATABASE_URL" || { echo "make load-stack needs DATABASE_URL=postgres://… (a database of its own)"; exit 1; }
	STACK_PORT=$(STACK_PORT) STACK_WEB_PORT=$(STACK_WEB_PORT) STACK_REDIS_PORT=$(STACK_REDIS_PORT) STACK_DIR=$(STACK_DIR) \
	  $(PY) tests/load/stack.py

# Benchmarks print figures (docs/performance.md collects them). search_latency needs PostgreSQL:
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sichtbar make bench
# blog_sync also needs Redis (broker of its Celery worker): REDIS_URL=redis://127.0.0.1:6379/0
# redirect_throughput and clicks_burst use PostgreSQL database sb_links_bench and Redis 127.0.0.1:6379/8.
# disclosure_attacks runs the works-council attack suite on the configured database (a fresh test database).
# embedded_idle starts make serve on a temporary copy of the demo data and measures it idle for 5 minutes.
BENCHMARKS := analytics_overview analytics_rollup analytics_crosscheck disclosure_attacks api_latency search_quality search_latency search_names redirect_throughput redirect_request_cycle clicks_burst blog_sync monitoring_scan recommendations_quality recommendations_latency confidentiality_check embedded_idle
bench: $(DEPS_PY)
	@for name in $(BENCHMARKS); do echo "== bench/$$name.py"; (cd backend && $(PY) ../bench/$$name.py) || exit 1; done

# Page load times of the SPA's largest pages and JavaScript per route (docs/ux.md#speed); needs Chromium.
bench-frontend: $(DEPS_PY) build
	./scripts/ensure-chromium.sh
	cd backend && $(PY) ../bench/frontend_load.py

# The screenshots of docs/ux.md: the start page of each role (desktop, phone) and the phone flows.
ux-screenshots: $(DEPS_PY) build
	./scripts/ensure-chromium.sh
	UX_SCREENSHOT_DIR=$(CURDIR)/docs/ux $(PYTEST) -c pyproject.toml --rootdir . -q -p no:cacheprovider ../tests/e2e/test_ux.py \
	  -k "start_pages or phone_share or phone_directory"

ci: lint typecheck check-migrations check-api-types test

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist var
