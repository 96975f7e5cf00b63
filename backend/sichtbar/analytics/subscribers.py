"""What analytics does when lower apps report: a person who left is out of that day's headcount."""

from django.db import transaction

from sichtbar.core.events import PersonLeft, subscribe

from .services import headcount_snapshot


def on_person_left(event: PersonLeft) -> None:
    """Recount the day after the commit, so adoption's denominator for that day no longer includes them."""
    transaction.on_commit(lambda: headcount_snapshot(day=event.day))


def register() -> None:
    subscribe(PersonLeft, on_person_left)
