#!/bin/sh
# Container entrypoint. `web` prepares the database and static files, then runs gunicorn;
# anything else (the worker's and beat's celery commands in docker-compose.yml) is executed as given.
#
# SICHTBAR_SEED_DEMO (default 0): with 1, load the demo company into an EMPTY database on start
# (`seed_demo --if-empty`). The demo accounts share a published password: never for a real installation.
# With production settings `migrate` refuses to run while demo accounts exist and SICHTBAR_SEED_DEMO is 0.
set -eu

if [ "${1:-web}" = "web" ]; then
    python manage.py migrate --noinput
    # --clear: the static volume outlives images; stale bundles of an older build are removed.
    python manage.py collectstatic --noinput --clear --verbosity 0
    if [ "${SICHTBAR_SEED_DEMO:-0}" = "1" ]; then
        python manage.py seed_demo --if-empty
    fi
    # Worker class, processes (one per CPU, at least 2), threads and time-outs: backend/gunicorn.conf.py.
    # GUNICORN_CMD_ARGS (gunicorn's own variable) overrides them, e.g. "--workers 8"; so does WEB_CONCURRENCY
    # for the process count alone.
    exec gunicorn config.wsgi --bind 0.0.0.0:8000
fi

exec "$@"
