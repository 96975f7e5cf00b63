"""Factories of the governance app."""

import factory
from django.utils import timezone

from sichtbar.governance.models import ConfidentialityRule, GuidelineVersion, RuleAction, RuleKind


class GuidelineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuidelineVersion

    version = factory.Sequence(lambda n: n + 1)
    title_de = "Social-Media-Richtlinie"
    title_en = "Social media guidelines"
    text_de = "<p>Seien Sie respektvoll.</p>"
    text_en = "<p>Be respectful.</p>"
    published_at = factory.LazyFunction(timezone.now)


class RuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConfidentialityRule

    name = factory.Sequence(lambda n: f"Regel {n}")
    kind = RuleKind.WORD
    value = "Geheimprojekt"
    action = RuleAction.BLOCK
