"""The vocabulary of personal data every app uses to declare what it holds (sichtbar/privacy/registry.py
collects the declarations; export, erasure, retention and the completeness test read them)."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.db.models import Model, Q

ERASED_PLACEHOLDER = "[erased]"


@dataclass(frozen=True)
class PersonalData:
    """One model that holds data about a person.

    `person`: lookups from the model to the person's account (`user`, `profile__user`, `link__user`).
    `ids`: plain integer columns that copy an account id (no foreign key), e.g. `user_id_at_click`.
    `texts`: fields that may copy a person's name, e-mail address or profile slug, whoever wrote them;
        erasure rewrites those copies to a neutral placeholder in rows that survive it.
    `matches`: a filter for rows naming the person in another way (audit targets, admin log objects).
    `secret`: fields never exported (password hashes, token digests, encrypted secrets).
    `owned`: every row belongs to exactly one person, so a model pointing at it holds personal data too.
    `erasure`, `kept`: what erasure does, and what stays afterwards and why (for docs/privacy.md).
    """

    model: str
    person: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    matches: Callable[[Any], Q] | None = None
    secret: tuple[str, ...] = ()
    owned: bool = False
    erasure: str = ""
    kept: str = ""
    placeholder: str = ERASED_PLACEHOLDER  # may contain {id}: the erased account's id

    def model_class(self) -> type[Model]:
        return apps.get_model(self.model)


@dataclass(frozen=True)
class RetentionRule:
    """One retention limit: rows older than `days` (configurable, see privacy.RetentionSettings) go.

    `purge(now, days)` deletes (or anonymises) and returns how many rows it changed."""

    name: str
    setting: str  # the environment variable (settings name) giving the default in days
    purge: Callable[[datetime, int], int]
    minimum: int = 0
    description: str = ""


@dataclass(frozen=True)
class Person:
    """What identifies a person in copied text, taken before erasure changes any of it."""

    user_id: int
    email: str
    full_name: str
    slugs: tuple[str, ...]

    def needles(self) -> list[str]:
        values = [self.email, *self.slugs]
        if " " in self.full_name.strip():  # a lone first name would match other people's texts
            values.append(self.full_name.strip())
        return [value for value in values if len(value) >= 4]

    def pattern(self) -> re.Pattern[str]:
        words = sorted(self.needles(), key=len, reverse=True)
        return re.compile("|".join(rf"(?<!\w){re.escape(word)}(?!\w)" for word in words), re.IGNORECASE)
