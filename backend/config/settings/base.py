"""Settings shared by every environment; every value comes from the environment (see .env.example)."""

from pathlib import Path
from typing import Any

import environ
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

from config.task_limits import task_annotations

BACKEND_DIR = Path(__file__).resolve().parents[2]
REPO_DIR = BACKEND_DIR.parent
VAR_DIR = Path(environ.Env().str("SICHTBAR_VAR_DIR", default=str(REPO_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # embedded mode keeps its database, mail and media here

env = environ.Env()
if (REPO_DIR / ".env").exists():
    env.read_env(str(REPO_DIR / ".env"), overwrite=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="insecure-embedded-key-change-me-for-any-real-deployment")
SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])  # key rotation
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
COMPANY_NAME = env.str("COMPANY_NAME", default="Sichtbar Demo GmbH")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "knox",
    "django_celery_beat",
    "django_guid",
    "mozilla_django_oidc",
    "csp",
    "corsheaders",
    "sichtbar.core",
    "sichtbar.api",
    "sichtbar.mail",
    "sichtbar.accounts",
    "sichtbar.organisation",
    "sichtbar.profiles",
    "sichtbar.search",
    "sichtbar.directory",
    "sichtbar.integrations",
    "sichtbar.notifications",
    "sichtbar.governance",
    "sichtbar.content",
    "sichtbar.recommendations",
    "sichtbar.sharing",
    "sichtbar.links",
    "sichtbar.analytics",
    "sichtbar.monitoring",
    "sichtbar.audit",
    "sichtbar.privacy",
]

MIDDLEWARE = [
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    "sichtbar.api.middleware.BodySizeLimitMiddleware",
    "csp.middleware.CSPMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BACKEND_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite in embedded mode, PostgreSQL (or anything dj-database-url speaks) via DATABASE_URL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'sichtbar.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=0))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Embedded mode serves several threads: WAL lets readers run beside the one writer, and writers wait
    # for each other instead of answering "database is locked". Transactions start IMMEDIATE, taking the
    # write lock up front (waiting up to the timeout): a deferred transaction that reads first and writes
    # later cannot wait for the lock and fails at once (the load test found that on click and
    # search-appearance writes).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # Covering indexes (INCLUDE) are a PostgreSQL optimisation; SQLite builds them without the extra
    # columns, which is all embedded mode needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory in embedded mode, Redis when REDIS_URL is set (throttling and rate limits live here).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # A Redis outage must not take the API down: cache reads miss and writes are dropped (and logged),
    # so throttles fail open for the duration; readiness reports the cache as down.
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sichtbar",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sichtbar"}}

AUTH_USER_MODEL = "accounts.User"
KNOX_TOKEN_MODEL = "accounts.ApiToken"
# knox's own migrations create its AuthToken table even when the model is swapped for ours.
MIGRATION_MODULES = {"knox": None}
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)
# The container stack loads the demo company (accounts with a published password) only when asked.
SICHTBAR_SEED_DEMO = env.int("SICHTBAR_SEED_DEMO", default=0) == 1  # as the entrypoint reads it
# Production refuses to run while demo accounts exist unless the demo was asked for (accounts/checks.py).
SICHTBAR_REFUSE_DEMO_ACCOUNTS = False
# Retention (days): the nightly privacy job deletes what is older.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=730)
CONTACT_REQUEST_RETENTION_DAYS = env.int("CONTACT_REQUEST_RETENTION_DAYS", default=365)
# Defaults of the other retention rules (admins may change each in the privacy screen; docs/privacy.md).
DEACTIVATED_ACCOUNT_RETENTION_DAYS = env.int("DEACTIVATED_ACCOUNT_RETENTION_DAYS", default=180)
INVITATION_RETENTION_DAYS = env.int("INVITATION_RETENTION_DAYS", default=30)  # after expiry/acceptance
SESSION_RETENTION_DAYS = env.int("SESSION_RETENTION_DAYS", default=0)  # after the session expired
ADMIN_LOG_RETENTION_DAYS = env.int("ADMIN_LOG_RETENTION_DAYS", default=365)
API_TOKEN_RETENTION_DAYS = env.int("API_TOKEN_RETENTION_DAYS", default=0)  # after the token expired
NOTIFICATION_RETENTION_DAYS = env.int("NOTIFICATION_RETENTION_DAYS", default=180)
DIGEST_DELIVERY_RETENTION_DAYS = env.int("DIGEST_DELIVERY_RETENTION_DAYS", default=60)
IMPORTED_POST_RETENTION_DAYS = env.int("IMPORTED_POST_RETENTION_DAYS", default=1095)  # from publication
OAUTH_STATE_RETENTION_DAYS = env.int("OAUTH_STATE_RETENTION_DAYS", default=0)  # after it went stale
WEEKLY_REPORT_RETENTION_DAYS = env.int("WEEKLY_REPORT_RETENTION_DAYS", default=90)
# Erasures are appended here too (pseudonymous ids only); keep it outside the database backups so that
# `manage.py privacy_reapply_erasures` can erase again after a restore.
PRIVACY_ERASURE_LEDGER = Path(
    env.str("PRIVACY_ERASURE_LEDGER", default=str(VAR_DIR / "privacy" / "erasure-ledger.jsonl"))
)
# Contact requests on these topics also land in the communications team's triage queue.
CONTACT_TRIAGE_TOPICS = env.list("CONTACT_TRIAGE_TOPICS", default=["press"])
CONTACT_CONSENT_VERSION = env.str("CONTACT_CONSENT_VERSION", default="2026-11")
# Flood limits on incoming contact requests, over all senders (the per-sender limit is THROTTLE_CONTACT).
CONTACT_FLOOD_PER_EXPERT_PER_DAY = env.int("CONTACT_FLOOD_PER_EXPERT_PER_DAY", default=20)
CONTACT_FLOOD_PER_COMPANY_PER_HOUR = env.int("CONTACT_FLOOD_PER_COMPANY_PER_HOUR", default=200)
LOGIN_URL = "/login"
AUTHENTICATION_BACKENDS = [
    "sichtbar.accounts.backends.LockoutModelBackend",
    # The admin role's Django admin permissions: view all, manage periodic tasks (authenticates nobody).
    "sichtbar.accounts.backends.AdminRolePermissionBackend",
]
# Per-account login lockout (sichtbar/accounts/lockout.py): from THRESHOLD consecutive failures within
# WINDOW on, each failure locks the account for BASE seconds, doubling up to MAX.
LOGIN_LOCKOUT_THRESHOLD = env.int("LOGIN_LOCKOUT_THRESHOLD", default=5)
LOGIN_LOCKOUT_BASE_SECONDS = env.int("LOGIN_LOCKOUT_BASE_SECONDS", default=60)
LOGIN_LOCKOUT_MAX_SECONDS = env.int("LOGIN_LOCKOUT_MAX_SECONDS", default=900)
LOGIN_LOCKOUT_WINDOW_SECONDS = env.int("LOGIN_LOCKOUT_WINDOW_SECONDS", default=24 * 60 * 60)

# Single sign-on through the company's OpenID Connect provider: on when a client id is configured.
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
# The provider's issuer (`issuer` in its discovery document): ID tokens from another issuer are refused.
OIDC_OP_ISSUER = env.str("OIDC_OP_ISSUER", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
OIDC_USE_PKCE = env.bool("OIDC_USE_PKCE", default=True)
OIDC_TIMEOUT = 10
OIDC_LOGIN_LABEL = env.str("OIDC_LOGIN_LABEL", default="")
# Roles from the IdP: the claim holding groups, and group=role pairs ("sichtbar-admins=admin,…").
OIDC_ROLE_CLAIM = env.str("OIDC_ROLE_CLAIM", default="groups")
OIDC_ROLE_MAP = env.dict("OIDC_ROLE_MAP", default={})
OIDC_SYNC_ROLES = env.bool("OIDC_SYNC_ROLES", default=True)
OIDC_DEFAULT_ROLE = env.str("OIDC_DEFAULT_ROLE", default="employee")  # when no group maps: roles go down too
OIDC_REQUIRED_GROUP = env.str("OIDC_REQUIRED_GROUP", default="")  # set: others are refused and signed out
OIDC_DEPARTMENT_CLAIM = env.str("OIDC_DEPARTMENT_CLAIM", default="department")
OIDC_LOCATION_CLAIM = env.str("OIDC_LOCATION_CLAIM", default="location")
OIDC_AUTHENTICATION_CALLBACK_URL = "v1:auth-sso-callback"
LOGIN_REDIRECT_URL = "/"
LOGIN_REDIRECT_URL_FAILURE = "/login?sso=failed"
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("sichtbar.accounts.oidc.SichtbarOIDCBackend")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # the SPA reads it to send X-CSRFToken
CSRF_FAILURE_VIEW = "sichtbar.api.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy for every response: only our own scripts; inline styles are allowed because
# React style attributes and Redoc's styled-components need them. The SPA, the API docs and the admin
# load nothing from third parties.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# CORS is closed unless an operator lists origins; even then only the public directory API is shared
# (for companies that embed the expert search in their own sites), never the session-authenticated API.
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/v1/public/.*$"
CORS_ALLOW_CREDENTIALS = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BACKEND_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Berlin")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
FRONTEND_DIST_DIR = Path(env.str("FRONTEND_DIST_DIR", default=str(REPO_DIR / "frontend" / "dist")))
STATICFILES_DIRS = [FRONTEND_DIST_DIR] if FRONTEND_DIST_DIR.exists() else []
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Source maps are fetched only by a developer's browser tools, which take them uncompressed: compressing
# their 11 MB (gzip and brotli) was two thirds of collectstatic's CPU on every start of `make run`.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

# E-mail: console in embedded mode; EMAIL_URL (smtp://user:pass@host:port, filemail://, consolemail://).
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Sichtbar <no-reply@sichtbar.example>")
if EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend":  # type: ignore[name-defined] # noqa: F821
    EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)  # seconds; a hanging server must not hold a sender
# The outbox (sichtbar/mail): attempts before a mail counts as failed, the longest pause between two
# attempts, how long a claimed mail may stay "sending" before it is retried, and how long mails are kept.
MAIL_MAX_ATTEMPTS = env.int("MAIL_MAX_ATTEMPTS", default=12)
MAIL_RETRY_MAX_DELAY_MINUTES = env.int("MAIL_RETRY_MAX_DELAY_MINUTES", default=60)
MAIL_SENDING_LEASE_MINUTES = env.int("MAIL_SENDING_LEASE_MINUTES", default=15)
MAIL_SENT_RETENTION_DAYS = env.int("MAIL_SENT_RETENTION_DAYS", default=30)
MAIL_FAILED_RETENTION_DAYS = env.int("MAIL_FAILED_RETENTION_DAYS", default=90)

REST_FRAMEWORK: dict[str, Any] = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "sichtbar.api.authentication.CsrfSessionAuthentication",
        "sichtbar.accounts.authentication.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["sichtbar.accounts.permissions.IsEmployee"],
    "DEFAULT_PAGINATION_CLASS": "sichtbar.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "sichtbar.api.parsers.DepthLimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "sichtbar.api.exception_handlers.exception_handler",
    # Scoped limits on endpoints that invite guessing, plus a ceiling for every anonymous caller.
    "DEFAULT_THROTTLE_CLASSES": [
        "sichtbar.core.throttling.ScopedRateThrottle",
        "sichtbar.core.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_ANON", default="300/min"),
        "login": env.str("THROTTLE_LOGIN", default="10/min"),
        # Password resets (sichtbar.accounts.throttles): asking and using a link are counted apart, each per
        # account and per client address, by keyed hashes.
        "password_reset_account": env.str("THROTTLE_PASSWORD_RESET_ACCOUNT", default="5/hour"),
        "password_reset_address": env.str("THROTTLE_PASSWORD_RESET_ADDRESS", default="50/hour"),
        "password_reset_confirm_account": env.str(
            "THROTTLE_PASSWORD_RESET_CONFIRM_ACCOUNT", default="10/hour"
        ),
        "password_reset_confirm_address": env.str(
            "THROTTLE_PASSWORD_RESET_CONFIRM_ADDRESS", default="100/hour"
        ),
        "invitation": env.str("THROTTLE_INVITATION", default="20/hour"),
        "public_search": env.str("THROTTLE_PUBLIC_SEARCH", default="60/min"),
        # Plain Django views (sichtbar.core.throttling): server-rendered profile pages and the sitemap,
        # and the SSO redirects.
        "pages": env.str("THROTTLE_PAGES", default="120/min"),
        "sso": env.str("THROTTLE_SSO", default="30/min"),
        "contact": env.str("THROTTLE_CONTACT", default="5/hour"),
        "privacy_export": env.str("THROTTLE_PRIVACY_EXPORT", default="10/hour"),
        "integrations_connect": env.str("THROTTLE_INTEGRATIONS_CONNECT", default="20/hour"),
        "integrations_sync": env.str("THROTTLE_INTEGRATIONS_SYNC", default="30/hour"),
    },
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Proxies in front of the app (nginx: 1). Throttling keys on the client address the last proxy saw,
    # so a client cannot dodge rate limits by sending its own X-Forwarded-For.
    "NUM_PROXIES": env.int("DJANGO_NUM_PROXIES", default=0),
}
RENDERERS = ["rest_framework.renderers.JSONRenderer"]
if env.bool("DJANGO_BROWSABLE_API", default=False):
    RENDERERS.append("rest_framework.renderers.BrowsableAPIRenderer")
REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"] = RENDERERS

REST_KNOX = {
    "TOKEN_TTL": None,  # expiry is chosen per token by its owner
    "TOKEN_PREFIX": "sb_",
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
    "TOKEN_MODEL": "accounts.ApiToken",
}

SPECTACULAR_SETTINGS: dict[str, Any] = {
    "TITLE": "Sichtbar API",
    "DESCRIPTION": "Employee advocacy and expert visibility. Conventions: docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "ENUM_NAME_OVERRIDES": {
        "RoleEnum": "sichtbar.accounts.models.Role",
        "InvitationStatusEnum": "sichtbar.accounts.models.InvitationStatus",
        "VisibilityEnum": "sichtbar.profiles.models.Visibility",
        "LanguageLevelEnum": "sichtbar.profiles.models.LanguageLevel",
        "LinkKindEnum": "sichtbar.profiles.models.LinkKind",
        "SkillStatusEnum": "sichtbar.profiles.models.SkillStatus",
        "AudienceEnum": "sichtbar.profiles.models.Audience",
        "ContactStatusEnum": "sichtbar.directory.models.ContactStatus",
        "ContactTopicEnum": "sichtbar.directory.models.ContactTopic",
        "ProviderEnum": "sichtbar.integrations.models.Provider",
        "FeedKindEnum": "sichtbar.integrations.models.FeedKind",
        "ConnectionStatusEnum": "sichtbar.integrations.models.ConnectionStatus",
        "HealthStatusEnum": ["ok", "unavailable"],
        "HealthCheckStatusEnum": ["ok", "down", "not_configured"],
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "sichtbar.api.schema.add_error_responses",
    ],
    # `<id:pk>` (sichtbar/api/fields.py): 1 to 18 digits.
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 1, "maximum": 999_999_999_999_999_999}},
    "AUTHENTICATION_WHITELIST": [
        "sichtbar.api.authentication.CsrfSessionAuthentication",
        "sichtbar.accounts.authentication.ApiTokenAuthentication",
    ],
}

# Request bodies (sichtbar/api/middleware.py, sichtbar/api/parsers.py): larger ones get 413 from the app
# itself, also with no proxy in front (nginx allows the same sizes); JSON may nest this deep.
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=6 * 1024 * 1024)
API_JSON_MAX_DEPTH = 32

# Celery: with CELERY_BROKER_URL tasks go to workers; without it they run in-process (embedded mode).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://"
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Publishing must not hold a web request for long when the broker is down; sweeps catch up later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, Any] = {"visibility_timeout": 3600}
if CELERY_BROKER_URL.startswith("filesystem://"):
    # `make run`: kombu's filesystem transport, a broker without a server (docs/adr/0014). Messages are
    # files in var/broker; the worker polls the folder every second.
    BROKER_DIR = VAR_DIR / "broker"
    (BROKER_DIR / "control").mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS.update(
        {
            "data_folder_in": str(BROKER_DIR),
            "data_folder_out": str(BROKER_DIR),
            "control_folder": str(BROKER_DIR / "control"),
            "polling_interval": 1.0,
        }
    )
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE
# Soft and hard time limits of every task, by name (config/task_limits.py; a test checks each has both).
CELERY_TASK_ANNOTATIONS = task_annotations()

# Outbound HTTP (sichtbar/core/http.py): never to loopback, private or link-local addresses unless an
# operator trusts a network explicitly (e.g. an intranet blog).
OUTBOUND_HTTP_ALLOW_LOOPBACK = False  # never from the environment; tests turn it on for stand-in servers
OUTBOUND_HTTP_ALLOWED_NETWORKS = env.list("OUTBOUND_HTTP_ALLOWED_NETWORKS", default=[])
OUTBOUND_HTTP_EXTRA_PORTS = [int(port) for port in env.list("OUTBOUND_HTTP_EXTRA_PORTS", default=[])]
OUTBOUND_HTTP_CONNECT_TIMEOUT = 5
OUTBOUND_HTTP_READ_TIMEOUT = 15
OUTBOUND_HTTP_TOTAL_TIMEOUT = 60
OUTBOUND_HTTP_MAX_BYTES = 5 * 1024 * 1024

SEARCH_BACKEND = env.str("SEARCH_BACKEND", default="database")
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX_PREFIX = env.str("ELASTICSEARCH_INDEX_PREFIX", default="sichtbar")
# The German hyphenation grammar on the Elasticsearch nodes (FOP XML, e.g. "analysis/de_DR.xml", relative
# to the node's config directory): with it the analyzer splits compounds with hyphenation_decompounder,
# without it with dictionary_decompounder over the same word list (infra/elasticsearch/README.md).
ELASTICSEARCH_HYPHENATION_PATTERNS = env.str("ELASTICSEARCH_HYPHENATION_PATTERNS", default="")
# search: database-backend results (hits, total, facets) are cached per query for this many seconds in
# the shared cache; any re-index or taxonomy change invalidates them at once (0 switches the cache off).
SEARCH_RESULT_CACHE_SECONDS = env.int("SEARCH_RESULT_CACHE_SECONDS", default=60)
# search: semantic retrieval (multilingual-e5-small, in process, CPU). OpenMP threads of the embedder per
# process; the web answers one query embedding at a time, so 1 is right unless cores are idle.
SEARCH_EMBEDDING_THREADS = env.int("SEARCH_EMBEDDING_THREADS", default=1)
# off: no embedding at indexing and no semantic part at query time (lexical search only)
SEARCH_SEMANTIC = env.bool("SEARCH_SEMANTIC", default=True)

DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": True,  # a client-sent X-Request-ID is kept only when it is a UUID
    "RETURN_HEADER": True,
    "EXPOSE_HEADER": True,
    "UUID_LENGTH": 32,
}

LOG_FORMAT = env.str("LOG_FORMAT", default="json")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "correlation_id": {"()": "django_guid.log_filters.CorrelationId"},
        "no_addresses": {"()": "sichtbar.core.logfilters.AddressScrubFilter"},
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(correlation_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "correlation_id": "request_id"},
        },
        "console": {"format": "%(asctime)s %(levelname)-7s [%(correlation_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "default": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["correlation_id", "no_addresses"],
        }
    },
    "root": {"handlers": ["default"], "level": LOG_LEVEL},
    "loggers": {
        "django_guid": {"level": "WARNING"},
        "django.server": {"level": "WARNING"},
    },
}

# --- links: tracked short links, the redirect, clicks and conversions ---------------------------------
SICHTBAR_SHORT_LINK_BASE = env.str("SICHTBAR_SHORT_LINK_BASE", default=SITE_URL).rstrip("/")
# Clicks go to a Redis stream (REDIS_URL unless LINKS_REDIS_URL names another) and are flushed in batches;
# without Redis each redirect stores its click in the database itself.
LINKS_REDIS_URL = env.str("LINKS_REDIS_URL", default=REDIS_URL)
LINKS_CLICK_STREAM = "sichtbar:links:clicks"
LINKS_CLICK_STREAM_MAXLEN = 2_000_000  # guard against an unbounded backlog while no worker runs
LINKS_CLICK_FLUSH_BATCH = 1000
LINKS_CLICK_FLUSH_EVERY = 500  # the redirect triggers a flush after this many appended clicks
# The redirect hands clicks to a per-process thread that appends them every N ms in one round trip;
# 0 appends each click on its own (no in-memory wait, more Redis round trips).
LINKS_CLICK_BUFFER_MS = env.int("LINKS_CLICK_BUFFER_MS", default=10)
LINKS_CLICK_FLUSH_BUDGET_SECONDS = 50.0
LINKS_CLICK_CLAIM_IDLE_SECONDS = env.float("LINKS_CLICK_CLAIM_IDLE_SECONDS", default=60.0)
LINKS_CLICK_RETENTION_DAYS = env.int("LINKS_CLICK_RETENTION_DAYS", default=760)  # 25 months
LINKS_NOT_FOUND_RATE = (30, 60)  # unknown codes per client IP and window (seconds) before 429
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["conversions"] = env.str("THROTTLE_CONVERSIONS", default="600/min")

# --- integrations: OAuth networks (LinkedIn, Mastodon), token encryption, share intents --------------
# Fernet keys that encrypt OAuth tokens at rest, comma-separated, separate from SECRET_KEY: the first one
# encrypts, all decrypt (rotation: put a new key first, run `manage.py rotate_token_keys`, drop the old one).
# Embedded and test settings have a development key; production refuses to start without one.
SICHTBAR_TOKEN_KEYS = env.list("SICHTBAR_TOKEN_KEYS", default=[])
SICHTBAR_OAUTH_STATE_MINUTES = 10
LINKEDIN_CLIENT_ID = env.str("LINKEDIN_CLIENT_ID", default="")
LINKEDIN_CLIENT_SECRET = env.str("LINKEDIN_CLIENT_SECRET", default="")
LINKEDIN_SCOPES = env.str("LINKEDIN_SCOPES", default="openid profile email")
LINKEDIN_POSTING_ENABLED = env.bool("LINKEDIN_POSTING_ENABLED", default=False)  # adds w_member_social
LINKEDIN_ANALYTICS_APPROVED = env.bool("LINKEDIN_ANALYTICS_APPROVED", default=False)
LINKEDIN_USE_PKCE = env.bool("LINKEDIN_USE_PKCE", default=False)
LINKEDIN_API_VERSION = env.str("LINKEDIN_API_VERSION", default="202510")
LINKEDIN_AUTHORIZE_URL = env.str(
    "LINKEDIN_AUTHORIZE_URL", default="https://www.linkedin.com/oauth/v2/authorization"
)
LINKEDIN_TOKEN_URL = env.str("LINKEDIN_TOKEN_URL", default="https://www.linkedin.com/oauth/v2/accessToken")
LINKEDIN_API_URL = env.str("LINKEDIN_API_URL", default="https://api.linkedin.com").rstrip("/")
LINKEDIN_RECONSENT_WARNING_DAYS = env.int("LINKEDIN_RECONSENT_WARNING_DAYS", default=7)
MASTODON_SCOPES = env.str("MASTODON_SCOPES", default="read:accounts read:statuses write:statuses")
MASTODON_APP_NAME = env.str("MASTODON_APP_NAME", default="Sichtbar")
MASTODON_USE_PKCE = env.bool("MASTODON_USE_PKCE", default=True)
MASTODON_IMPORT_PAGES = env.int("MASTODON_IMPORT_PAGES", default=5)
SICHTBAR_MASTODON_DEFAULT_INSTANCE = env.str(
    "SICHTBAR_MASTODON_DEFAULT_INSTANCE", default="https://mastodon.social"
)
# Share intents: {url} and {text} are replaced URL-encoded, {instance} by the person's Mastodon instance.
SICHTBAR_SHARE_INTENT_LINKEDIN = env.str(
    "SICHTBAR_SHARE_INTENT_LINKEDIN", default="https://www.linkedin.com/sharing/share-offsite/?url={url}"
)
SICHTBAR_SHARE_INTENT_XING = env.str(
    "SICHTBAR_SHARE_INTENT_XING", default="https://www.xing.com/spi/shares/new?url={url}"
)
SICHTBAR_SHARE_INTENT_X = env.str(
    "SICHTBAR_SHARE_INTENT_X", default="https://x.com/intent/post?text={text}&url={url}"
)
SICHTBAR_SHARE_INTENT_FACEBOOK = env.str(
    "SICHTBAR_SHARE_INTENT_FACEBOOK", default="https://www.facebook.com/sharer/sharer.php?u={url}"
)
SICHTBAR_SHARE_INTENT_MASTODON = env.str(
    "SICHTBAR_SHARE_INTENT_MASTODON", default="{instance}/share?text={text}%20{url}"
)
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]["OAuthProviderEnum"] = ["linkedin", "mastodon"]

# --- evidence: LinkedIn data export upload (sichtbar/integrations/archive.py) ----------------------------
# The ZIP is read in memory-bounded chunks and never stored; larger uploads are refused before unpacking.
# A reverse proxy in front must allow this body size for /api/v1/activity/linkedin-archive/.
LINKEDIN_ARCHIVE_MAX_UPLOAD_BYTES = env.int("LINKEDIN_ARCHIVE_MAX_UPLOAD_BYTES", default=50 * 1024 * 1024)
# The archive's path may carry the archive plus the multipart envelope.
API_MAX_BODY_BYTES_BY_PATH = {
    "/api/v1/activity/linkedin-archive/": LINKEDIN_ARCHIVE_MAX_UPLOAD_BYTES + 1024 * 1024
}

# --- blog histories (sichtbar/core/feeds/history.py) -----------------------------------------------------
# Connecting a blog imports its published history page by page, within these bounds; syncs after that
# read the newest page only.
BLOG_HISTORY_MAX_POSTS = env.int("BLOG_HISTORY_MAX_POSTS", default=1000)
BLOG_HISTORY_MAX_AGE_DAYS = env.int("BLOG_HISTORY_MAX_AGE_DAYS", default=3650)  # 0: no age limit
BLOG_HISTORY_MAX_PAGES = env.int("BLOG_HISTORY_MAX_PAGES", default=200)

# --- monitoring -------------------------------------------------------------------------------------------
MONITORING_MENTION_RETENTION_DAYS = env.int("MONITORING_MENTION_RETENTION_DAYS", default=365)
MONITORING_RESCAN_DAYS = env.int("MONITORING_RESCAN_DAYS", default=30)
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["monitoring_fetch"] = env.str(
    "THROTTLE_MONITORING_FETCH", default="30/hour"
)
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(
    {
        "MonitoringFeedKindEnum": "sichtbar.monitoring.models.MonitoringFeedKind",
        "MonitoredTermKindEnum": "sichtbar.monitoring.models.MonitoredTermKind",
        "MentionSourceEnum": "sichtbar.monitoring.models.MentionSource",
        "FetchStatusEnum": "sichtbar.monitoring.models.FetchStatus",
    }
)

# --- analytics: rollups, works-council group size, weekly report ---------------------------------------
# Each periodic rollup re-rolls this many most recent days (late clicks and conversions land there).
ANALYTICS_REROLL_DAYS = env.int("ANALYTICS_REROLL_DAYS", default=3)
# In works-council mode managers see figures of groups with at least this many people only.
ANALYTICS_MIN_GROUP_SIZE = env.int("ANALYTICS_MIN_GROUP_SIZE", default=5)
# Works-council mode until an administrator chooses otherwise (organisation privacy settings).
WORKS_COUNCIL_MODE = env.bool("WORKS_COUNCIL_MODE", default=True)
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]["AnalyticsKpiEnum"] = "sichtbar.analytics.models.Kpi"

# --- sharing: creating shares (each may post to a network on the person's behalf) ---------------------
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["share_create"] = env.str("THROTTLE_SHARE_CREATE", default="60/hour")
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(
    {
        "ShareStatusEnum": "sichtbar.sharing.models.ShareStatus",
        "ShareMethodEnum": "sichtbar.sharing.models.ShareMethod",
        "NetworkEnum": "sichtbar.core.networks.Network",
        "DismissReasonEnum": "sichtbar.recommendations.models.DismissReason",
    }
)

# --- content: content hub, suggestions (fetch other servers), live text checks, digests -------------------
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["content_suggest"] = env.str(
    "THROTTLE_CONTENT_SUGGEST", default="30/hour"
)
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["content_check"] = env.str(
    "THROTTLE_CONTENT_CHECK", default="300/min"
)
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(
    {
        "ContentKindEnum": "sichtbar.content.models.ContentKind",
        "ContentStatusEnum": "sichtbar.content.models.ContentStatus",
        "RuleKindEnum": "sichtbar.governance.models.RuleKind",
        "RuleActionEnum": "sichtbar.governance.models.RuleAction",
        "DigestFrequencyEnum": "sichtbar.notifications.models.DigestFrequency",
    }
)

# --- recommendations: the personal feed --------------------------------------------------------------
# Seconds a person's ranked feed is kept (dismissing or sharing refreshes it at once; 0: never cached).
RECOMMENDATIONS_FEED_CACHE_SECONDS = env.int("RECOMMENDATIONS_FEED_CACHE_SECONDS", default=3600)
# The beat task recomputes rankings of people who read their feed in the last ACTIVE_DAYS once they are
# older than REFRESH_SECONDS (or the catalogue changed), at most REFRESH_BATCH people per run. Cost: about
# (active readers × one ranking's CPU) per REFRESH_SECONDS and after each content change.
RECOMMENDATIONS_FEED_REFRESH_SECONDS = env.int("RECOMMENDATIONS_FEED_REFRESH_SECONDS", default=900)
RECOMMENDATIONS_FEED_ACTIVE_DAYS = env.int("RECOMMENDATIONS_FEED_ACTIVE_DAYS", default=7)
RECOMMENDATIONS_FEED_REFRESH_BATCH = env.int("RECOMMENDATIONS_FEED_REFRESH_BATCH", default=2000)
