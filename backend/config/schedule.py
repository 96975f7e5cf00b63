"""Every periodic task, in one place. Periodic jobs fan out one task per object."""

from datetime import timedelta
from typing import Any

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    # The outbox: mails that could not be sent yet (SMTP server or broker down) are retried at their
    # backoff time; see sichtbar/mail/services.py.
    "mail-sweep": {
        "task": "sichtbar.mail.tasks.mail_sweep",
        "schedule": timedelta(minutes=1),
        "options": {"queue": "default", "expires": 50},
    },
    "accounts-expire-invitations": {
        "task": "sichtbar.accounts.tasks.invitations_expire",
        "schedule": timedelta(hours=1),
        "options": {"queue": "default"},
    },
    "search-index-dirty": {
        "task": "sichtbar.search.tasks.search_index_dirty",
        "schedule": timedelta(minutes=5),
        "options": {"queue": "search"},
    },
    "directory-flush-search-appearances": {
        "task": "sichtbar.directory.tasks.search_appearances_flush",
        "schedule": timedelta(minutes=1),
        "options": {"queue": "analytics"},
    },
    # One task per 10 blogs (integrations.tasks.BLOG_SYNC_BATCH, feeds fetched concurrently); each blog's
    # errors stay its own and a temporary failure is retried for that blog alone.
    "integrations-sync-blogs": {
        "task": "sichtbar.integrations.tasks.blogs_sync_all",
        "schedule": timedelta(minutes=30),
        "options": {"queue": "integrations"},
    },
    "integrations-sync-mastodon": {
        "task": "sichtbar.integrations.tasks.mastodon_sync_all",
        "schedule": timedelta(minutes=30),
        "options": {"queue": "integrations"},
    },
    "integrations-linkedin-analytics": {
        "task": "sichtbar.integrations.tasks.linkedin_analytics_sync_all",
        "schedule": timedelta(hours=6),
        "options": {"queue": "integrations"},
    },
    "profiles-refresh-activity": {
        "task": "sichtbar.profiles.tasks.activity_refresh_all",
        "schedule": crontab(hour=2, minute=40),
        "options": {"queue": "integrations"},
    },
    "privacy-retention": {
        "task": "sichtbar.privacy.tasks.retention_purge",
        "schedule": crontab(hour=3, minute=15),
        "options": {"queue": "default"},
    },
    "monitoring-fetch-feeds": {
        "task": "sichtbar.monitoring.tasks.feeds_fetch_all",
        "schedule": timedelta(minutes=30),
        "options": {"queue": "integrations"},
    },
    "monitoring-scan-recent-posts": {
        "task": "sichtbar.monitoring.tasks.mentions_scan_recent_posts",
        "schedule": timedelta(hours=1),
        "options": {"queue": "integrations"},
    },
    "recommendations-engagement-refresh": {
        "task": "sichtbar.recommendations.tasks.engagement_refresh",
        "schedule": timedelta(minutes=10),
        "options": {"queue": "default"},
    },
    "recommendations-feed-rankings-refresh": {
        "task": "sichtbar.recommendations.tasks.feed_rankings_refresh",
        "schedule": timedelta(minutes=1),
        "options": {"queue": "default"},
    },
    "sharing-publish-due": {
        "task": "sichtbar.sharing.tasks.shares_publish_due",
        "schedule": timedelta(minutes=1),
        "options": {"queue": "integrations"},
    },
    "accounts-purge-expired-tokens": {
        "task": "sichtbar.accounts.tasks.api_tokens_purge_expired",
        "schedule": timedelta(hours=6),
        "options": {"queue": "default"},
    },
    "links-flush-clicks": {
        "task": "sichtbar.links.tasks.clicks_flush",
        "schedule": timedelta(seconds=5),
        "options": {"queue": "analytics", "expires": 30},
    },
    "links-click-retention": {
        "task": "sichtbar.links.tasks.clicks_retention",
        "schedule": timedelta(hours=1),
        "options": {"queue": "analytics"},
    },
    "analytics-rollup-recent": {
        "task": "sichtbar.analytics.tasks.analytics_rollup_recent",
        "schedule": timedelta(minutes=15),
        "options": {"queue": "analytics", "expires": 600},
    },
    # Today's figures within a minute: a change probe every 30 s, a re-roll of today only when a fact
    # changed (or every 5 minutes); the 15-minute run above covers late events of earlier days.
    "analytics-rollup-today": {
        "task": "sichtbar.analytics.tasks.analytics_rollup_today",
        "schedule": timedelta(seconds=30),
        "options": {"queue": "analytics", "expires": 25},
    },
    "analytics-headcount-snapshot": {
        "task": "sichtbar.analytics.tasks.analytics_headcount_snapshot",
        "schedule": crontab(hour=0, minute=5),
        "options": {"queue": "analytics"},
    },
    "analytics-weekly-report": {
        "task": "sichtbar.analytics.tasks.analytics_weekly_report",
        "schedule": crontab(day_of_week="mon", hour=7, minute=0),
        "options": {"queue": "analytics"},
    },
    "content-import-sources": {
        "task": "sichtbar.content.tasks.sources_import_all",
        "schedule": timedelta(minutes=30),
        "options": {"queue": "integrations"},
    },
    "content-suggestion-metadata-sweep": {
        "task": "sichtbar.content.tasks.suggestions_fetch_missing_metadata",
        "schedule": timedelta(minutes=15),
        "options": {"queue": "integrations"},
    },
    "content-digest-daily": {
        "task": "sichtbar.notifications.tasks.digests_send_all",
        "schedule": crontab(hour=7, minute=30),
        "kwargs": {"frequency": "daily"},
        "options": {"queue": "default"},
    },
    "content-digest-weekly": {
        "task": "sichtbar.notifications.tasks.digests_send_all",
        "schedule": crontab(day_of_week="mon", hour=7, minute=45),
        "kwargs": {"frequency": "weekly"},
        "options": {"queue": "default"},
    },
}
