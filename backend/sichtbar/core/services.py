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


def cache_delete_prefix(*, prefix: str) -> int:
    """Delete every cache entry whose key starts with `prefix` (Redis: SCAN; process memory: its keys).
    For rare, wide invalidations such as an erasure; returns how many entries went."""
    from django.core.cache import cache

    if hasattr(cache, "delete_pattern"):  # django-redis
        return int(cache.delete_pattern(f"{prefix}*") or 0)
    store = getattr(cache, "_cache", None)
    if not isinstance(store, dict):
        return 0
    full = cache.make_key(prefix)
    doomed = [key for key in list(store) if key.startswith(full)]
    for key in doomed:
        store.pop(key, None)
    return len(doomed)
