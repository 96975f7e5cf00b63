"""Test helpers: set works-council mode the way an administrator's choice does."""

from sichtbar.organisation.models import OrganisationPrivacy


def works_council(on: bool | None) -> None:
    """Choose works-council mode on or off (None: the environment's default)."""
    row = OrganisationPrivacy.objects.order_by("id").first() or OrganisationPrivacy()
    row.works_council_mode = on
    row.save()
