"""Every task's time limits, in one place (like config.schedule): a soft limit, then a hard one.

At the soft limit Celery raises SoftTimeLimitExceeded inside the task, which then stops like any other
failure (its transaction rolls back; dirty flags, unsent markers and the periodic sweeps pick the work up
again). At the hard limit the worker process running it is killed and replaced, so one stuck call can
never hold a worker for good. Limits apply on workers (prefork pool); embedded mode's one worker uses
the threads pool, where Celery cannot enforce them (docs/adr/0014), and eager tasks (tests, manage.py
without a broker) run in-process. A test fails when a registered task has no entry here.
"""

from typing import NamedTuple


class TimeLimits(NamedTuple):
    soft: int  # seconds
    hard: int


# One message or one object: send a mail, notify, flush a buffer, look at one page.
QUICK = TimeLimits(soft=60, hard=90)
# Sweeps that only find due objects and enqueue one task per object (fan-out).
FAN_OUT = TimeLimits(soft=120, hard=180)
# One remote peer: fetch a feed or a page, publish a post, sync one account (HTTP timeouts are 10-30 s,
# retries are separate messages, so this covers a slow peer with many entries).
REMOTE = TimeLimits(soft=300, hard=360)
# Batch work over many rows: rollups, reindexing, retention, rescans, reports.
BATCH = TimeLimits(soft=900, hard=960)
# Backfill of analytics rollups over a date range (an admin's re-computation of history).
BACKFILL = TimeLimits(soft=3000, hard=3300)

TASK_TIME_LIMITS: dict[str, TimeLimits] = {
    "sichtbar.accounts.tasks.api_tokens_purge_expired": BATCH,
    "sichtbar.accounts.tasks.invitations_expire": BATCH,
    "sichtbar.accounts.tasks.password_reset_send_email": QUICK,
    "sichtbar.mail.tasks.mail_send": QUICK,
    "sichtbar.mail.tasks.mail_sweep": FAN_OUT,
    "sichtbar.analytics.tasks.analytics_headcount_snapshot": BATCH,
    "sichtbar.analytics.tasks.analytics_rollup_range": BACKFILL,
    "sichtbar.analytics.tasks.analytics_rollup_recent": BATCH,
    "sichtbar.analytics.tasks.analytics_weekly_report": FAN_OUT,
    "sichtbar.analytics.tasks.analytics_rollup_today": FAN_OUT,
    "sichtbar.analytics.tasks.analytics_weekly_report_send": QUICK,
    "sichtbar.content.tasks.content_fetch_metadata": REMOTE,
    "sichtbar.content.tasks.content_published_notify": FAN_OUT,
    "sichtbar.content.tasks.source_import": REMOTE,
    "sichtbar.content.tasks.sources_import_all": FAN_OUT,
    "sichtbar.content.tasks.suggestions_fetch_missing_metadata": FAN_OUT,
    "sichtbar.governance.tasks.guideline_notify_all": FAN_OUT,
    "sichtbar.notifications.tasks.digest_send": QUICK,
    "sichtbar.notifications.tasks.digests_send_all": FAN_OUT,
    "sichtbar.directory.tasks.search_appearances_flush": QUICK,
    "sichtbar.integrations.tasks.blog_sync": REMOTE,
    "sichtbar.integrations.tasks.blog_history_import": BATCH,
    "sichtbar.integrations.tasks.blogs_sync_all": FAN_OUT,
    "sichtbar.integrations.tasks.blogs_sync_batch": REMOTE,
    "sichtbar.integrations.tasks.linkedin_analytics_sync": REMOTE,
    "sichtbar.integrations.tasks.linkedin_analytics_sync_all": FAN_OUT,
    "sichtbar.integrations.tasks.mastodon_sync": REMOTE,
    "sichtbar.integrations.tasks.mastodon_sync_all": FAN_OUT,
    "sichtbar.links.tasks.clicks_flush": QUICK,
    "sichtbar.links.tasks.clicks_retention": BATCH,
    "sichtbar.monitoring.tasks.feed_fetch": REMOTE,
    "sichtbar.monitoring.tasks.feeds_fetch_all": FAN_OUT,
    "sichtbar.monitoring.tasks.mentions_rescan": BATCH,
    "sichtbar.monitoring.tasks.mentions_scan_posts": BATCH,
    "sichtbar.monitoring.tasks.mentions_scan_recent_posts": BATCH,
    "sichtbar.privacy.tasks.retention_purge": BATCH,
    "sichtbar.privacy.tasks.erasure_rollup": BATCH,
    "sichtbar.profiles.tasks.activity_refresh_all": FAN_OUT,
    "sichtbar.profiles.tasks.skill_suggestions_refresh": QUICK,
    "sichtbar.recommendations.tasks.engagement_refresh": BATCH,
    "sichtbar.recommendations.tasks.feed_ranking_refresh": QUICK,
    "sichtbar.recommendations.tasks.feed_rankings_refresh": FAN_OUT,
    "sichtbar.search.tasks.search_index_dirty": BATCH,
    "sichtbar.search.tasks.search_index_profiles": BATCH,
    "sichtbar.sharing.tasks.share_publish": REMOTE,
    "sichtbar.sharing.tasks.shares_publish_due": FAN_OUT,
}


def task_annotations() -> dict[str, dict[str, int]]:
    """CELERY_TASK_ANNOTATIONS: Celery sets these attributes on each task class when it registers it."""
    return {
        name: {"soft_time_limit": limits.soft, "time_limit": limits.hard}
        for name, limits in TASK_TIME_LIMITS.items()
    }
