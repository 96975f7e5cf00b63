"""The one definition of "a person's data": which models hold it, how each is exported, erased and retained.

Each app says what it holds about a person in `sichtbar/<app>/privacy.py`:

    PERSONAL_DATA: list[PersonalData]                       # every model that names a person (required)
    RETENTION: list[RetentionRule]                          # the app's retention limits (optional)
    def export_user_data(user) -> dict                      # optional: the curated, readable export part
    def export_user_files(user) -> list[tuple[str, bytes]]  # optional: (file name, content)
    def erase_user_data(user) -> None                       # optional: delete or anonymise (in a transaction)

Django's own models (admin log, sessions) and the privacy app's are registered here. Export, erasure,
retention and the completeness test all read this registry; `tests/test_registry.py` fails when a model
with a reference to a person, or a free-text field, is neither registered nor on its justified allow-list.
Erasure runs in the order of INSTALLED_APPS reversed, so apps that depend on others go first.
"""

import re
from collections.abc import Iterator
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any

from django.apps import apps
from django.db.models import Model, Q, QuerySet

from sichtbar.core.privacy import ERASED_PLACEHOLDER, Person, PersonalData, RetentionRule

__all__ = [
    "ERASED_PLACEHOLDER",
    "Person",
    "PersonalData",
    "RetentionRule",
    "registrations",
    "retention_rules",
]


def privacy_modules() -> list[tuple[str, ModuleType]]:
    modules = []
    for app in apps.get_app_configs():
        name = f"{app.name}.privacy"
        if app.name.startswith("sichtbar.") and app.label != "privacy" and find_spec(name):
            modules.append((app.label, import_module(name)))
    return modules


def registrations() -> list[PersonalData]:
    """Every registered model, Django's and the privacy app's included."""
    from . import personal

    found = list(personal.PERSONAL_DATA)
    for _label, module in privacy_modules():
        found += getattr(module, "PERSONAL_DATA", [])
    return found


def retention_rules() -> list[RetentionRule]:
    from . import personal

    rules = list(personal.RETENTION)
    for _label, module in privacy_modules():
        rules += getattr(module, "RETENTION", [])
    return rules


# --- finding a person's rows ----------------------------------------------------------------------


def person_of(user: Any) -> Person:
    from sichtbar.profiles.models import Profile

    return Person(
        user_id=user.pk,
        email=user.email,
        full_name=f"{user.first_name} {user.last_name}".strip(),
        slugs=tuple(Profile.objects.filter(user=user).values_list("slug", flat=True)),
    )


def _text_q(name: str, needle: str, json_field: bool) -> Q:
    query = Q(**{f"{name}__icontains": needle})
    if json_field:  # SQLite keeps JSON as ASCII with \u escapes; PostgreSQL's jsonb as text does not
        import json

        escaped = json.dumps(needle)[1:-1]
        if escaped != needle:
            query |= Q(**{f"{name}__icontains": escaped})
    return query


def text_query(registration: PersonalData, person: Person) -> Q:
    """Rows whose registered text fields contain the person's e-mail, full name or slug."""
    model = registration.model_class()
    query = Q(pk__in=[])
    for name in registration.texts:
        json_field = model._meta.get_field(name).get_internal_type() == "JSONField"
        for needle in person.needles():
            query |= _text_q(name, needle, json_field)
    return query


def rows_about(registration: PersonalData, person: Person, user: Any) -> QuerySet[Any]:
    """Every row of the model that refers to the person by key, copied id or copied text."""
    model = registration.model_class()
    query = Q(pk__in=[])
    for lookup in registration.person:
        query |= Q(**{lookup: person.user_id})
    for name in registration.ids:
        query |= Q(**{name: person.user_id})
    if registration.matches is not None:
        query |= registration.matches(user)
    query |= text_query(registration, person)
    return model._default_manager.filter(query).distinct()


def rewrite(value: Any, pattern: re.Pattern[str], placeholder: str) -> Any:
    """`value` with every copy of the person replaced (strings, and strings inside JSON)."""
    if isinstance(value, str):
        return pattern.sub(placeholder, value)
    if isinstance(value, list):
        return [rewrite(item, pattern, placeholder) for item in value]
    if isinstance(value, dict):
        return {key: rewrite(item, pattern, placeholder) for key, item in value.items()}
    return value


def rows_with_copies(registration: PersonalData, person: Person) -> Iterator[Model]:
    model = registration.model_class()
    if not registration.texts or not person.needles():
        return iter(())
    return model._default_manager.filter(text_query(registration, person)).iterator()
