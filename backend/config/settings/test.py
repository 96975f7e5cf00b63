"""Test settings: fast hashing, in-memory mail, the database and broker the environment names."""

import tempfile
from pathlib import Path

from . import test_workers  # noqa: F401 - first: moves each parallel worker's Redis databases
from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR, env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOG_LEVEL = "WARNING"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
REST_KNOX["SECURE_HASH_ALGORITHM"] = "hashlib.sha512"  # noqa: F405
# Tasks run eagerly in tests unless a test starts a real worker (see sichtbar/core/tests/worker.py).
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that a worker process or live server started by a test sees the same data.
    DATABASES["default"]["TEST"] = {
        "NAME": str(VAR_DIR / f"test-{env.str('PYTEST_XDIST_WORKER', 'main')}.sqlite3")
    }
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405

# A development key for encrypting OAuth tokens (integrations/crypto.py); production requires its own.
SICHTBAR_TOKEN_KEYS = SICHTBAR_TOKEN_KEYS or ["c2ljaHRiYXItZGV2LXRva2VuLWtleS1ub3QtcHJvZCE="]  # noqa: F405
# Erasures append to the ledger file: one per test process, outside the repository (tests that read it
# point the setting at their own file).
PRIVACY_ERASURE_LEDGER = Path(tempfile.mkdtemp(prefix="sichtbar-test-ledger-")) / "erasure-ledger.jsonl"
# Embeddings cost CPU at every indexing: off unless a test (the semantic tests, the benches) switches it on.
SEARCH_SEMANTIC = env.bool("SEARCH_SEMANTIC", default=False)
