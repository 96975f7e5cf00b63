"""Filters for the readable export summary: what kind of value a JSON node is, and table cells."""

import json
from typing import Any

from django import template

register = template.Library()


@register.filter
def kind(value: Any) -> str:
    if isinstance(value, dict):
        return "dict"
    if isinstance(value, list):
        return "rows" if value and all(isinstance(item, dict) for item in value) else "list"
    return "scalar"


@register.filter
def columns(rows: list[dict[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


@register.filter
def cell(row: dict[str, Any], column: str) -> str:
    value = row.get(column)
    if value is None:
        return "–"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
