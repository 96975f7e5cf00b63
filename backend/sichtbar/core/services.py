"""The one update helper: whitelisted fields, full_clean(), save with update_fields."""

from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def model_update(*, instance: M, fields: list[str], data: dict[str, Any]) -> tuple[M, bool]:
    """Set the whitelisted `fields` present in `data`; return (instance, whether anything changed).

    Only changed fields are written, so concurrent updates of other fields are not overwritten.
    """
    changed: list[str] = []
    model_fields = {field.name: field for field in instance._meta.get_fields()}
    for name in fields:
        if name not in data:
            continue
        field = model_fields.get(name)
        if field is None:
            raise ValueError(f"{name} is not a field of {type(instance).__name__}")
        if isinstance(field, models.ManyToManyField):
            raise ValueError(f"{name}: many-to-many fields are set by the calling service")
        if getattr(instance, name) != data[name]:
            setattr(instance, name, data[name])
            changed.append(name)
    if changed:
        instance.full_clean()
        auto_now = [f.name for f in instance._meta.concrete_fields if getattr(f, "auto_now", False)]
        instance.save(update_fields=changed + auto_now)
    return instance, bool(changed)
