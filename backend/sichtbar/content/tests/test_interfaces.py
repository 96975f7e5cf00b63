"""The interfaces other apps build on: visibility, guideline acceptance, the confidentiality check, notify."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from sichtbar.accounts.tests.factories import DepartmentFactory, LocationFactory, UserFactory
from sichtbar.content import selectors, services
from sichtbar.content.limits import NETWORK_TEXT_LIMITS
from sichtbar.content.models import ContentStatus
from sichtbar.core.networks import Network
from sichtbar.governance import selectors as governance_selectors
from sichtbar.governance import services as governance_services
from sichtbar.governance.confidentiality import PatternError, compile_rule
from sichtbar.governance.models import GuidelineAcceptance
from sichtbar.governance.tests.factories import GuidelineFactory, RuleFactory

from .factories import ContentItemFactory, PublishedContentFactory

pytestmark = pytest.mark.django_db


def test_visible_items_are_published_started_unexpired_and_in_the_audience():
    user = UserFactory()
    other_department, other_location = DepartmentFactory(), LocationFactory()
    now = timezone.now()
    everyone = PublishedContentFactory()
    mine = PublishedContentFactory()
    mine.departments.set([user.department, other_department])
    mine.locations.set([user.location])
    PublishedContentFactory().departments.set([other_department])
    PublishedContentFactory().locations.set([other_location])
    PublishedContentFactory(starts_at=now + timedelta(hours=1))
    PublishedContentFactory(expires_at=now - timedelta(minutes=1))
    started = PublishedContentFactory(starts_at=now - timedelta(hours=1), expires_at=now + timedelta(days=1))
    for status in (ContentStatus.DRAFT, ContentStatus.IN_REVIEW, ContentStatus.ARCHIVED):
        ContentItemFactory(status=status)

    visible = list(selectors.content_visible_to(user=user))

    assert sorted(item.pk for item in visible) == sorted([everyone.pk, mine.pk, started.pk])
    assert len(visible) == 3  # no duplicate rows from the audience joins


def test_person_without_department_sees_only_items_for_everyone():
    user = UserFactory(department=None, location=None)
    everyone = PublishedContentFactory()
    PublishedContentFactory().departments.set([DepartmentFactory()])

    assert [item.pk for item in selectors.content_visible_to(user=user)] == [everyone.pk]


def test_guideline_accepted_only_for_the_current_version():
    user = UserFactory()
    assert governance_selectors.guideline_accepted(user=user) is True  # nothing published: nothing to accept

    first = GuidelineFactory(version=1)
    assert governance_selectors.guideline_accepted(user=user) is False
    governance_services.guideline_accept(user=user, version_id=first.pk)
    assert governance_selectors.guideline_accepted(user=user) is True

    GuidelineFactory(version=2, published_at=None)  # a draft does not count
    assert governance_selectors.guideline_accepted(user=user) is True
    second = GuidelineFactory(version=3)
    assert governance_selectors.guideline_current() == second
    assert governance_selectors.guideline_accepted(user=user) is False
    acceptance = governance_services.guideline_accept(user=user, version_id=second.pk)
    again = governance_services.guideline_accept(user=user, version_id=second.pk)
    assert again.accepted_at == acceptance.accepted_at
    assert GuidelineAcceptance.objects.filter(user=user).count() == 2


def test_accepting_an_old_version_is_a_conflict():
    user = UserFactory()
    old = GuidelineFactory(version=1)
    GuidelineFactory(version=2)
    with pytest.raises(services.ConflictError) as error:
        governance_services.guideline_accept(user=user, version_id=old.pk)
    assert error.value.code == "guideline_not_published"
    assert not GuidelineAcceptance.objects.filter(user=user).exists()


def test_confidentiality_check_reports_block_and_warn_matches_with_positions():
    block = RuleFactory(name="Projektname", kind="word", value="Falkenauge", action="block")
    warn = RuleFactory(name="Quartalszahlen", kind="phrase", value="vorläufige Zahlen", action="warn")
    RuleFactory(name="IBAN", kind="pattern", value=r"DE\d{2}(?:\s?\d{4}){4}\s?\d{2}", action="block")
    RuleFactory(name="inactive", kind="word", value="Text", action="block", is_active=False)
    text = (
        "Unser Text zu FALKENAUGE und den vorläufigen Zahlen, vorläufige\n Zahlen folgen. Falkenaugen nicht."
    )

    result = governance_services.confidentiality_check(text=text)

    assert result.blocked is True
    assert [(m.rule_id, m.action, m.matched_text) for m in result.matches] == [
        (block.pk, "block", "FALKENAUGE"),
        (warn.pk, "warn", "vorläufige\n Zahlen"),
    ]
    first = result.matches[0]
    assert text[first.start : first.end] == "FALKENAUGE"


def test_warn_only_match_does_not_block_and_pattern_matches():
    iban = RuleFactory(name="IBAN", kind="pattern", value=r"DE\d{2}(?:\s?\d{4}){4}\s?\d{2}", action="warn")
    result = governance_services.confidentiality_check(text="Konto DE12 3456 7890 1234 5678 90 bitte")
    assert result.blocked is False
    assert [(m.rule_id, m.matched_text) for m in result.matches] == [(iban.pk, "DE12 3456 7890 1234 5678 90")]
    assert governance_services.confidentiality_check(text="Nichts Vertrauliches").matches == []


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(x+x+)+y", r"(a|aa)+$"])
def test_catastrophic_patterns_are_rejected(pattern):
    with pytest.raises(PatternError):
        compile_rule("pattern", pattern)


@pytest.mark.parametrize(
    ("pattern", "reason"), [("(", "invalid"), ("a" * 201, "too_long"), ("x*", "matches_empty")]
)
def test_invalid_patterns_are_rejected(pattern, reason):
    with pytest.raises(PatternError, match=reason):
        compile_rule("pattern", pattern)


def test_a_slow_rule_stored_anyway_cannot_hang_the_check():
    RuleFactory(name="slow", kind="pattern", value=r"(a+)+$", action="block")  # bypassing the service
    started = time.monotonic()
    result = governance_services.confidentiality_check(text="a" * 30 + "!" + "a" * 50_000 + "!")
    assert time.monotonic() - started < 2
    assert result.blocked is True  # fails closed


def test_network_limits_cover_every_network():
    assert set(NETWORK_TEXT_LIMITS) == set(Network.values)
    assert NETWORK_TEXT_LIMITS[Network.X] == 280
    assert NETWORK_TEXT_LIMITS[Network.LINKEDIN] == 3000
    assert NETWORK_TEXT_LIMITS[Network.MASTODON] == 500
