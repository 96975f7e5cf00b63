"""Writes of the organisation's privacy settings (audited) and of a person's opt-in."""

from django.utils import timezone

from sichtbar.accounts.models import User
from sichtbar.audit.services import audit_record
from sichtbar.core.services import model_update

from .models import FiguresOptIn, OrganisationPrivacy
from .selectors import works_council_mode


def organisation_privacy_update(
    *, actor: User, works_council_mode_choice: bool | None
) -> OrganisationPrivacy:
    """Turn works-council mode on or off, or back to the environment's default (None)."""
    instance = OrganisationPrivacy.objects.order_by("id").first() or OrganisationPrivacy.objects.create()
    before = {"works_council_mode": instance.works_council_mode, "effective": works_council_mode()}
    instance, changed = model_update(
        instance=instance,
        fields=["works_council_mode"],
        data={"works_council_mode": works_council_mode_choice},
    )
    if changed:
        audit_record(
            actor=actor,
            action="organisation.privacy_update",
            target=instance,
            changes={
                "before": before,
                "after": {"works_council_mode": works_council_mode_choice, "effective": works_council_mode()},
            },
        )
    return instance


def figures_opt_in_set(*, user: User, share_figures: bool) -> FiguresOptIn:
    opt_in, _created = FiguresOptIn.objects.get_or_create(user=user)
    model_update(
        instance=opt_in,
        fields=["share_figures", "opted_in_at"],
        data={"share_figures": share_figures, "opted_in_at": timezone.now() if share_figures else None},
    )
    return opt_in
