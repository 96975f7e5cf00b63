"""Reads of the organisation's privacy settings: works-council mode and who opted in to showing their
figures. The one place links, directory, monitoring and analytics ask before showing a person's figure."""

from django.conf import settings

from sichtbar.accounts.models import User

from .models import FiguresOptIn, OrganisationPrivacy


def organisation_privacy() -> OrganisationPrivacy:
    """The settings row (an unsaved one with the defaults before an administrator changed anything)."""
    return OrganisationPrivacy.objects.order_by("id").first() or OrganisationPrivacy()


def works_council_mode_default() -> bool:
    return bool(settings.WORKS_COUNCIL_MODE)


def works_council_mode() -> bool:
    chosen = organisation_privacy().works_council_mode
    return works_council_mode_default() if chosen is None else chosen


def opted_in_ids() -> set[int]:
    return set(FiguresOptIn.objects.filter(share_figures=True).values_list("user_id", flat=True))


def figures_opt_in(*, user: User) -> FiguresOptIn:
    return FiguresOptIn.objects.filter(user=user).first() or FiguresOptIn(user=user)


def person_figures_visible(*, viewer: User, person_id: int | None, restricted: bool | None = None) -> bool:
    """Single facts of one person (a share, a request, a named expert's figure) are visible to the
    person, to everyone outside works-council mode, and to managers with the person's opt-in."""
    if person_id is not None and person_id == viewer.pk:
        return True
    if not (works_council_mode() if restricted is None else restricted):
        return True
    return person_id is not None and person_id in opted_in_ids()


def figures_visible_people(*, viewer: User) -> set[int] | None:
    """Whose per-person figures `viewer` may see: None (everyone's) outside works-council mode, else
    the people who opted in and the viewer."""
    if not works_council_mode():
        return None
    return opted_in_ids() | {viewer.pk}
