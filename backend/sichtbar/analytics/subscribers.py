"""Analytics' subscriptions to events of lower apps: a person who left is out of today's headcount."""

from datetime import date
from typing import Any

from django.dispatch import receiver

from sichtbar.accounts.scim import person_left

from .services import headcount_snapshot


@receiver(person_left, dispatch_uid="analytics.headcount_on_person_left")
def headcount_after_leaving(*, user_id: int, day: date, **_kwargs: Any) -> None:
    """Recount the day the person left, so adoption's denominator for that day no longer includes them."""
    headcount_snapshot(day=day)
