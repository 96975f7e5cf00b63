"""Evidence from text: the taxonomy matcher and the activity score (what imported posts feed them:
integrations/tests/test_skill_suggestions.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sichtbar.profiles.evidence import activity_score, build_matcher


def test_matcher_uses_word_boundaries_case_and_symbols():
    matcher = build_matcher([(1, "Kubernetes"), (1, "K8s"), (2, "C++"), (3, "Go"), (4, "Machine Learning")])

    assert matcher.skills_in("Wir betreiben k8s-Cluster") == {1}
    assert matcher.skills_in("Modern C++ and KUBERNETES") == {1, 2}
    assert matcher.skills_in("Google and going, ego") == set()  # "Go" only as a word
    assert matcher.skills_in("Let's Go!") == {3}
    assert matcher.skills_in("machine\n  learning at scale") == {4}
    assert matcher.skills_in("C+ is not C++") == {2}


def test_activity_score_grows_with_volume_and_recency():
    now = timezone.now()
    assert activity_score([], now=now) == 0.0
    one_recent = activity_score([now], now=now)
    one_old = activity_score([now - timedelta(days=365)], now=now)
    many_recent = activity_score([now - timedelta(days=d) for d in range(20)], now=now)
    assert 0 < one_old < one_recent < many_recent < 1
    assert one_recent == pytest.approx(0.1813, abs=1e-4)  # 1 - exp(-1/5)
