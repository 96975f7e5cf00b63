"""What the organisation app holds about a person: the opt-in to showing their figures."""

from typing import Any

from sichtbar.accounts.models import User
from sichtbar.core.privacy import PersonalData

from .models import FiguresOptIn

PERSONAL_DATA = [PersonalData("organisation.FiguresOptIn", person=("user",), owned=True, erasure="deleted")]


def export_user_data(user: User) -> dict[str, Any]:
    opt_in = FiguresOptIn.objects.filter(user=user).first()
    return {
        "share_figures": bool(opt_in and opt_in.share_figures),
        "opted_in_at": opt_in.opted_in_at if opt_in else None,
    }


def erase_user_data(user: User) -> None:
    FiguresOptIn.objects.filter(user=user).delete()
