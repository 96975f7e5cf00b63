"""Settings of the Celery worker the click worker test starts: embedded settings, small flush batches,
a quick take-over of a dead consumer's entries, and the test's own stream."""

from config.settings.local import *  # noqa: F403
from config.settings.local import env

LINKS_CLICK_FLUSH_BATCH = 200
LINKS_CLICK_CLAIM_IDLE_SECONDS = 1.0
LINKS_CLICK_STREAM = env.str("TEST_LINKS_STREAM")
LINKS_REDIS_URL = env.str("TEST_LINKS_REDIS")
