"""Settings of the Celery worker the click worker test starts: embedded settings, small flush batches,
a quick take-over of a dead consumer's entries, and the test's own stream."""

from config.settings.local import *  # noqa: F403
from config.settings.local import env

LINKS_CLICK_FLUSH_BATCH = 200
LINKS_CLICK_CLAIM_IDLE_SECONDS = 1.0
LINKS_CLICK_STREAM = env.str("TEST_LINKS_STREAM")
LINKS_REDIS_URL = env.str("TEST_LINKS_REDIS")

# The kill point of the test, independent of the machine's speed: with TEST_LINKS_PAUSE_AFTER_BATCHES set,
# the worker's process stops after storing that many batches, before acknowledging the last one, and
# says so by creating TEST_LINKS_PAUSED_FILE; the test then kills it there. (Patched at the first task,
# when Django is set up in the worker process.)
_PAUSE_AFTER = env.int("TEST_LINKS_PAUSE_AFTER_BATCHES", default=0)
_PAUSED_FILE = env.str("TEST_LINKS_PAUSED_FILE", default="")

if _PAUSE_AFTER:
    from celery.signals import task_prerun

    @task_prerun.connect(weak=False)
    def _pause_mid_flush(**_kwargs):
        import time
        from pathlib import Path

        from sichtbar.links import services

        if getattr(services.clicks_store, "paused_for_test", False):
            return
        store, stored = services.clicks_store, [0]

        def clicks_store(*, events):
            written = store(events=events)
            stored[0] += 1
            if stored[0] >= _PAUSE_AFTER:
                Path(_PAUSED_FILE).touch()
                time.sleep(3600)  # until the test kills the worker
            return written

        clicks_store.paused_for_test = True
        services.clicks_store = clicks_store
