"""Imported posts as evidence for the profile: skill suggestions (accept, dismiss) and the activity score."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sichtbar.profiles.evidence import activity_score
from sichtbar.profiles.models import ProfileSkill, SkillStatus, SkillSuggestion, SuggestionStatus
from sichtbar.profiles.services import (
    skill_suggestion_accept,
    skill_suggestion_dismiss,
    skill_suggestions_refresh,
)
from sichtbar.profiles.tests.factories import (
    ProfileFactory,
    ProfileSkillFactory,
    SkillAliasFactory,
    SkillFactory,
)

from .factories import ConnectionFactory, ImportedPostFactory

pytestmark = pytest.mark.django_db


def _setup():
    profile = ProfileFactory()
    connection = ConnectionFactory(user=profile.user)
    kubernetes = SkillFactory(name_de="Kubernetes", name_en="Kubernetes")
    SkillAliasFactory(skill=kubernetes, name="K8s")
    security = SkillFactory(name_de="IT-Sicherheit", name_en="Security")
    return profile, connection, kubernetes, security


def test_refresh_suggests_skills_from_titles_and_summaries_in_both_languages():
    profile, connection, kubernetes, security = _setup()
    SkillFactory(name_de="Buchhaltung", name_en="Accounting")  # not mentioned
    SkillFactory(name_de="Proposed", name_en="Draft", status=SkillStatus.PROPOSED)
    old = timezone.now() - timedelta(days=30)
    new = timezone.now() - timedelta(days=2)
    ImportedPostFactory(
        connection=connection, title="K8s im Betrieb", summary="<p>Draft</p>", published_at=old
    )
    ImportedPostFactory(
        connection=connection,
        title="Notes",
        summary="<p>Kubernetes &amp; IT-Sicherheit</p>",
        published_at=new,
    )

    result = skill_suggestions_refresh(user_id=profile.user_id)

    suggestions = {s.skill_id: s for s in SkillSuggestion.objects.filter(profile=profile)}
    assert set(suggestions) == {kubernetes.id, security.id}
    assert suggestions[kubernetes.id].evidence_count == 2
    assert suggestions[kubernetes.id].last_seen == new
    assert suggestions[security.id].evidence_count == 1
    assert result["open"] == 2
    profile.refresh_from_db()
    assert profile.activity_score == activity_score([old, new], now=timezone.now())
    assert profile.search_dirty is True


def test_refresh_is_idempotent_and_skips_skills_on_the_profile_and_dismissed_ones():
    profile, connection, kubernetes, security = _setup()
    ProfileSkillFactory(profile=profile, skill=kubernetes, level=3)
    ImportedPostFactory(connection=connection, title="Kubernetes und Security")

    skill_suggestions_refresh(user_id=profile.user_id)
    skill_suggestions_refresh(user_id=profile.user_id)

    [only] = SkillSuggestion.objects.filter(profile=profile)
    assert only.skill_id == security.id
    skill_suggestion_dismiss(suggestion=only)
    ImportedPostFactory(connection=connection, title="Mehr Security")
    skill_suggestions_refresh(user_id=profile.user_id)
    only.refresh_from_db()
    assert only.status == SuggestionStatus.DISMISSED
    assert SkillSuggestion.objects.filter(profile=profile, status=SuggestionStatus.OPEN).count() == 0


def test_open_suggestions_without_evidence_disappear_and_score_falls_back():
    profile, connection, _kubernetes, _security = _setup()
    post = ImportedPostFactory(connection=connection, title="Kubernetes", published_at=timezone.now())
    skill_suggestions_refresh(user_id=profile.user_id)
    assert SkillSuggestion.objects.filter(profile=profile).count() == 1

    post.delete()
    skill_suggestions_refresh(user_id=profile.user_id)

    assert SkillSuggestion.objects.filter(profile=profile).count() == 0
    profile.refresh_from_db()
    assert profile.activity_score == 0.0


def test_accept_adds_the_skill_with_the_chosen_level_once():
    profile, connection, kubernetes, _security = _setup()
    ImportedPostFactory(connection=connection, title="Kubernetes")
    skill_suggestions_refresh(user_id=profile.user_id)
    suggestion = SkillSuggestion.objects.get(profile=profile)

    skill_suggestion_accept(suggestion=suggestion, level=4)

    assert list(ProfileSkill.objects.filter(profile=profile).values_list("skill_id", "level")) == [
        (kubernetes.id, 4)
    ]
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED
    with pytest.raises(Exception) as error:
        skill_suggestion_accept(suggestion=suggestion, level=2)
    assert getattr(error.value, "code", None) == "suggestion_closed"
    assert ProfileSkill.objects.get(profile=profile).level == 4


def test_the_api_lists_my_open_suggestions_in_few_queries_and_accepts_and_dismisses(
    client_for, django_assert_max_num_queries
):
    profile, connection, kubernetes, security = _setup()
    for n in range(3):
        ImportedPostFactory(connection=connection, title=f"Kubernetes {n}")
    ImportedPostFactory(connection=connection, title="Security")
    skill_suggestions_refresh(user_id=profile.user_id)
    other = ProfileFactory()
    SkillSuggestion.objects.create(profile=other, skill=security, evidence_count=9)
    client = client_for(profile.user)

    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/profile/skill-suggestions/")

    assert response.status_code == 200
    body = response.json()
    assert [(item["skill"]["id"], item["evidence_count"]) for item in body] == [
        (kubernetes.id, 3),
        (security.id, 1),
    ]
    accepted = client.post(f"/api/v1/profile/skill-suggestions/{body[0]['id']}/accept/", {"level": 5})
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"
    assert client.get("/api/v1/profile/").json()["skills"][0]["skill"]["id"] == kubernetes.id
    assert client.post(f"/api/v1/profile/skill-suggestions/{body[1]['id']}/dismiss/").json()["status"] == (
        "dismissed"
    )
    assert client.get("/api/v1/profile/skill-suggestions/").json() == []
    foreign = SkillSuggestion.objects.get(profile=other)
    assert client.post(f"/api/v1/profile/skill-suggestions/{foreign.id}/dismiss/").status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == SuggestionStatus.OPEN


def test_accepting_needs_a_level_between_1_and_5(client_for):
    profile, connection, _kubernetes, _security = _setup()
    ImportedPostFactory(connection=connection, title="Kubernetes")
    skill_suggestions_refresh(user_id=profile.user_id)
    suggestion = SkillSuggestion.objects.get(profile=profile)

    response = client_for(profile.user).post(
        f"/api/v1/profile/skill-suggestions/{suggestion.id}/accept/", {"level": 9}
    )

    assert response.status_code == 400
    assert "level" in response.json()["extra"]["fields"]
    assert not ProfileSkill.objects.filter(profile=profile).exists()


def test_export_lists_suggestions_and_erasure_removes_them():
    from sichtbar.profiles.privacy import erase_user_data, export_user_data

    profile, connection, kubernetes, _security = _setup()
    ImportedPostFactory(connection=connection, title="Kubernetes")
    skill_suggestions_refresh(user_id=profile.user_id)

    exported = export_user_data(profile.user)["profile"]["skill_suggestions"]
    assert [(item["skill"], item["evidence_count"], item["status"]) for item in exported] == [
        ("Kubernetes", 1, "open")
    ]
    erase_user_data(profile.user)
    assert not SkillSuggestion.objects.filter(skill=kubernetes).exists()


def test_the_cached_matcher_follows_taxonomy_changes():
    profile, connection, kubernetes, _security = _setup()
    ImportedPostFactory(connection=connection, title="Über Terraform und Ansible")
    skill_suggestions_refresh(user_id=profile.user_id)
    assert not SkillSuggestion.objects.filter(profile=profile).exists()

    SkillAliasFactory(skill=kubernetes, name="Terraform")  # a new synonym
    skill_suggestions_refresh(user_id=profile.user_id)
    assert list(SkillSuggestion.objects.filter(profile=profile).values_list("skill_id", flat=True)) == [
        kubernetes.id
    ]

    ansible = SkillFactory(name_de="Konfigurationsmanagement", name_en="Configuration management")
    skill_suggestions_refresh(user_id=profile.user_id)
    assert SkillSuggestion.objects.filter(profile=profile).count() == 1
    ansible.name_en = "Ansible"
    ansible.save()  # a rename
    skill_suggestions_refresh(user_id=profile.user_id)
    assert set(SkillSuggestion.objects.filter(profile=profile).values_list("skill_id", flat=True)) == {
        kubernetes.id,
        ansible.id,
    }
