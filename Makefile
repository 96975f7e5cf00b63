# Sichtbar — `make run` serves the whole app on one port; `make test` runs every test. Nothing needs installing first.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PORT ?= 8000
HOST ?= 127.0.0.1
VENV := .venv
PY := $(CURDIR)/$(VENV)/bin/python
MANAGE := cd backend && $(PY) manage.py
PYTEST := ./scripts/pytest.sh
DEPS_PY := $(VENV)/.installed
DEPS_JS := frontend/node_modules/.installed

.PHONY: help run install build migrate demo test test-backend test-frontend test-e2e test-infra test-contract lint format \
        typecheck schema api-types check-api-types check-migrations ci worker beat bench load clean

help:
	@echo "make run        install, build the SPA, migrate, load demo data, serve http://$(HOST):$(PORT)"
	@echo "make test       backend, frontend and browser end-to-end tests"
	@echo "make lint | format | typecheck | schema | api-types | check-api-types | migrate | worker | beat | bench"

$(DEPS_PY): backend/requirements-dev.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r backend/requirements-dev.lock
	touch $@

$(DEPS_JS): frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(DEPS_PY) $(DEPS_JS)

build: $(DEPS_JS)
	cd frontend && npm run build --silent

migrate: $(DEPS_PY)
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) seed_demo --if-empty

run: install build demo
	$(MANAGE) collectstatic --noinput -v0
	@echo ""
	@echo "  Sichtbar is running on http://$(HOST):$(PORT)/  (API docs: http://$(HOST):$(PORT)/api/docs/)"
	@echo ""
	@# Logs without client addresses: backend/gunicorn.conf.py, which gunicorn reads from backend/.
	cd backend && exec $(CURDIR)/$(VENV)/bin/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4

worker: $(DEPS_PY)
	cd backend && $(CURDIR)/$(VENV)/bin/celery -A config worker -l INFO -Q default,integrations,search,analytics

beat: $(DEPS_PY)
	cd backend && $(CURDIR)/$(VENV)/bin/celery -A config beat -l INFO

test: test-backend test-infra test-contract test-frontend test-e2e

test-backend: $(DEPS_PY)
	$(PYTEST) -q -p no:cacheprovider sichtbar

test-infra: $(DEPS_PY)
	$(PYTEST) -q -p no:cacheprovider -p no:django ../tests/infra

# The standing attack suite runs on both databases at once: the embedded default (SQLite, its own test file)
# and PostgreSQL when DATABASE_URL names one (CI); each run draws its own examples (tests/contract/).
test-contract: $(DEPS_PY)
	@set -u; \
	( env -u DATABASE_URL -u REDIS_URL PYTEST_XDIST_WORKER=contract \
	    $(PYTEST) -c pyproject.toml --rootdir . -q -p no:cacheprovider ../tests/contract ) & sqlite=$$!; \
	pg=0; if [[ "$${DATABASE_URL:-}" == postgres* ]]; then \
	  $(PYTEST) -c pyproject.toml --rootdir . -q -p no:cacheprovider ../tests/contract || pg=$$?; fi; \
	wait $$sqlite; lite=$$?; echo "contract fuzzing: sqlite exit $$lite, postgresql exit $$pg"; \
	test $$lite -eq 0 -a $$pg -eq 0

test-frontend: $(DEPS_JS)
	cd frontend && npm test --silent

test-e2e: $(DEPS_PY) build
	./scripts/ensure-chromium.sh
	$(MANAGE) collectstatic --noinput -v0
	$(PYTEST) -c pyproject.toml --rootdir . -q -p no:cacheprovider ../tests/e2e

lint: install
	$(VENV)/bin/ruff check backend tests bench
	$(VENV)/bin/ruff format --check backend tests bench
	cd frontend && npm run lint --silent

format: install
	$(VENV)/bin/ruff format backend tests bench
	$(VENV)/bin/ruff check --fix backend tests bench

typecheck: install
	cd backend && $(CURDIR)/$(VENV)/bin/mypy .
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

# Benchmarks print figures (docs/performance.md collects them). search_latency needs PostgreSQL:
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sichtbar make bench
# blog_sync also needs Redis (broker of its Celery worker): REDIS_URL=redis://127.0.0.1:6379/0
# redirect_throughput and clicks_burst use PostgreSQL database sb_links_bench and Redis 127.0.0.1:6379/8.
BENCHMARKS := analytics_overview analytics_rollup api_latency search_quality search_latency search_names redirect_throughput clicks_burst blog_sync monitoring_scan recommendations_quality recommendations_latency confidentiality_check
bench: $(DEPS_PY)
	@for name in $(BENCHMARKS); do echo "== bench/$$name.py"; (cd backend && $(PY) ../bench/$$name.py) || exit 1; done

ci: lint typecheck check-migrations check-api-types test

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist var
