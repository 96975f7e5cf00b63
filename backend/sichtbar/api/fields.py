"""Input types shared by every API: ids range-checked before they reach the database (SQLite raises
OverflowError beyond 64 bits), and text with bidi controls and zero-width characters stripped."""

from typing import Any

import django_filters
from django import forms
from rest_framework import serializers

from sichtbar.core.text import clean_text

# The largest value of a BIGINT primary key (PostgreSQL and SQLite alike).
ID_MAX = 2**63 - 1


class IdField(serializers.IntegerField):
    """An object id in a body or query: an integer from 1 to ID_MAX, else a validation error."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(**kwargs)


class IdRelatedField(serializers.PrimaryKeyRelatedField):
    """PrimaryKeyRelatedField that range-checks the id before the lookup."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool):
            self.fail("incorrect_type", data_type=type(data).__name__)
        try:
            value = int(data)
        except (TypeError, ValueError):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 1 <= value <= ID_MAX:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(value)


class IdFilter(django_filters.NumberFilter):
    """A query filter on an id: integers from 1 to ID_MAX only (400 otherwise, never a database error)."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(*args, **kwargs)


class CleanCharField(serializers.CharField):
    """Names and titles: bidi overrides/isolates and zero-width characters removed before validation."""

    def run_validation(self, data: Any = serializers.empty) -> Any:
        if isinstance(data, str):
            data = clean_text(data)
        return super().run_validation(data)


class IdConverter:
    """Path converter `<id:pk>`: 1 to 18 digits (always within ID_MAX); longer numbers match no route."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
