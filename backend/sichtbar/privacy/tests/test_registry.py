"""Every model that refers to a person, by key or free text, is registered (or allow-listed with a reason)."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from sichtbar.privacy.registry import registrations, retention_rules

# Models with free text or keys that hold nothing about a person, each with the reason.
NOT_PERSONAL = {
    "auth.Permission": "permission names",
    "auth.Group": "group names",
    "contenttypes.ContentType": "model names",
    "django_celery_beat.SolarSchedule": "schedules",
    "django_celery_beat.IntervalSchedule": "schedules",
    "django_celery_beat.CrontabSchedule": "schedules",
    "django_celery_beat.PeriodicTask": "task names and arguments (ids of objects, never people)",
    "accounts.Department": "an organisational unit's name",
    "accounts.Location": "an office's name and city",
    "profiles.SkillAlias": "a synonym of a skill",
    "directory.SearchAppearanceFlush": "a flush token",
    "integrations.MastodonApp": "an instance's app registration",
    "content.ImportedEntry": "a feed entry's key",
    "links.DailySalt": "a random salt",
    "analytics.AnalyticsSettings": "company-wide settings",
    "analytics.NetworkRate": "CPC/CPM per network",
    "analytics.Benchmark": "industry figures",
    "analytics.RollupRun": "a run's key",
    "analytics.DailyFact": "department rollups",
    "analytics.DailySummary": "company rollups",
    "analytics.DailyTopicFact": "topic rollups",
    "analytics.ContentShareMonth": "per-content rollups",
    "analytics.DisclosureDecision": "withheld or published per department, network, kind, item or topic",
    "privacy.RetentionSettings": "periods per rule",
}


def _person_models() -> set[type[models.Model]]:
    owned = {registration.model_class() for registration in registrations() if registration.owned}
    return owned | {get_user_model()}


def _free_text(field: models.Field) -> bool:
    if isinstance(field, models.TextField | models.JSONField | models.EmailField):
        return True
    return isinstance(field, models.CharField) and not field.choices and (field.max_length or 0) >= 100


def test_every_model_naming_a_person_is_registered():
    registered = {registration.model for registration in registrations()}
    person_models = _person_models()
    missing = []
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        if label in registered or label in NOT_PERSONAL:
            continue
        declaring = model._meta.auto_created  # an M2M table: covered when the model declaring the field is
        if declaring and declaring._meta.label in registered:
            continue
        keys = [
            f.name
            for f in model._meta.get_fields()
            if f.concrete and f.is_relation and f.related_model in person_models
        ]
        texts = [f.name for f in model._meta.concrete_fields if _free_text(f)]
        if keys or texts:
            missing.append(f"{label} (keys {keys}, texts {texts})")
    assert missing == []


def test_registrations_name_real_models_and_fields():
    for registration in registrations():
        model = registration.model_class()
        for name in (*registration.texts, *registration.ids, *registration.secret):
            model._meta.get_field(name)
        for lookup in registration.person:
            model._default_manager.filter(**{lookup: 1})  # an invalid lookup raises FieldError here
        assert registration.erasure, registration.model


def test_allow_list_holds_only_models_that_exist_and_are_not_registered():
    registered = {registration.model for registration in registrations()}
    for label in NOT_PERSONAL:
        apps.get_model(label)
        assert label not in registered


def test_retention_rules_have_unique_names_and_defaults():
    from django.conf import settings

    names = [rule.name for rule in retention_rules()]
    assert len(names) == len(set(names))
    assert set(names) >= {
        "deactivated_accounts",
        "invitations",
        "sessions",
        "admin_log",
        "imported_posts",
        "audit_events",
        "contact_requests",
        "notifications",
        "digest_deliveries",
        "clicks",
        "mentions",
        "oauth_states",
        "api_tokens",
        "weekly_reports",
    }
    for rule in retention_rules():
        assert isinstance(getattr(settings, rule.setting), int), rule.setting


def test_every_retention_rule_has_a_label_in_the_spa_in_german_and_english():
    """The admin privacy page shows each rule by its label; a rule without one would show its code."""
    import json
    from pathlib import Path

    locales = Path(__file__).resolve().parents[4] / "frontend" / "src" / "locales"
    for language in ("de", "en"):
        labels = json.loads((locales / f"{language}.json").read_text())["privacyAdmin"]["retention"]["rules"]
        missing = [rule.name for rule in retention_rules() if not labels.get(rule.name)]
        assert not missing, f"{language}: no label for retention rules {missing}"
