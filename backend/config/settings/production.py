"""Production: secrets and hosts only from the environment, hardened cookies and transport."""

from .base import *  # noqa: F403
from .base import DATABASES, SICHTBAR_SEED_DEMO, env

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
# OAuth tokens are encrypted with these keys (never SECRET_KEY); no default: refuse to start without them.
SICHTBAR_TOKEN_KEYS = env.list("SICHTBAR_TOKEN_KEYS")
# Persistent database connections (one per gunicorn thread and Celery process) instead of a new
# PostgreSQL backend (a fork, authentication) for every request that reads the database (ADR 0038).
# 0 closes them after each request again (e.g. behind PgBouncer in transaction mode).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^api/v1/health/"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
# Joining the browsers' HSTS preload list is a one-way decision for the whole domain: the operator opts in.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Demo accounts share a published password: `migrate` (run before every start) fails while they exist,
# unless this installation is a demo on purpose (SICHTBAR_SEED_DEMO=1).
SICHTBAR_REFUSE_DEMO_ACCOUNTS = not SICHTBAR_SEED_DEMO
