"""What the governance app holds about a person, for export and erasure (sichtbar/privacy/registry.py):
which guideline versions they accepted; guideline versions and rules they wrote stay with the company."""

from typing import Any

from sichtbar.accounts.models import User
from sichtbar.core.privacy import PersonalData

from .models import ConfidentialityRule, GuidelineAcceptance, GuidelineVersion

_KEPT_BY_COMPANY = "the company's record stays without its author"
PERSONAL_DATA = [
    PersonalData("governance.GuidelineVersion", person=("created_by",), erasure=_KEPT_BY_COMPANY),
    PersonalData("governance.ConfidentialityRule", person=("created_by",), erasure=_KEPT_BY_COMPANY),
    PersonalData("governance.GuidelineAcceptance", person=("user",), owned=True, erasure="deleted"),
]


def export_user_data(user: User) -> dict[str, Any]:
    return {
        "guideline_acceptances": [
            {"version": acceptance.version.version, "accepted_at": acceptance.accepted_at}
            for acceptance in GuidelineAcceptance.objects.filter(user=user).select_related("version")
        ],
    }


def erase_user_data(user: User) -> None:
    """Delete the person's acceptances; versions and rules they wrote lose their author."""
    GuidelineAcceptance.objects.filter(user=user).delete()
    for model in (GuidelineVersion, ConfidentialityRule):
        model.objects.filter(created_by=user).update(created_by=None)
