"""Reads of the governance app: the current guideline version, who accepted it, the rules."""

from django.db.models import QuerySet

from sichtbar.accounts.models import User

from .models import ConfidentialityRule, GuidelineAcceptance, GuidelineVersion


def guideline_current() -> GuidelineVersion | None:
    """The newest published guideline version, or None while none has been published."""
    return GuidelineVersion.objects.filter(published_at__isnull=False).order_by("-version").first()


def guideline_list() -> QuerySet[GuidelineVersion]:
    return GuidelineVersion.objects.all().order_by("-version")


def guideline_acceptance(*, user: User) -> GuidelineAcceptance | None:
    """The person's acceptance of the current version, if any."""
    current = guideline_current()
    if current is None:
        return None
    return GuidelineAcceptance.objects.filter(user=user, version=current).first()


def guideline_accepted(*, user: User) -> bool:
    """Whether the person accepted the current version. With no published guidelines there is nothing to
    accept, so sharing is not blocked."""
    current = guideline_current()
    if current is None:
        return True
    return GuidelineAcceptance.objects.filter(user=user, version=current).exists()


def rule_list(*, active_only: bool = False) -> QuerySet[ConfidentialityRule]:
    rules = ConfidentialityRule.objects.all()
    return rules.filter(is_active=True) if active_only else rules
