"""Managers curate the skill taxonomy; employees propose skills and find them by name or synonym."""

import pytest

from sichtbar.audit.models import AuditEvent
from sichtbar.profiles.models import ProfileSkill, Skill, SkillAlias, SkillStatus

from .factories import ProfileFactory, ProfileSkillFactory, SkillAliasFactory, SkillFactory

pytestmark = pytest.mark.django_db


def test_manager_creates_a_skill_with_synonyms(client_for, manager):
    response = client_for(manager).post(
        "/api/v1/skills/",
        {"name_de": "Kubernetes", "name_en": "Kubernetes", "aliases": ["K8s", "kube"]},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["aliases"] == ["K8s", "kube"]
    assert response.json()["slug"] == "kubernetes"


def test_duplicate_names_and_synonyms_are_refused(client_for, manager):
    SkillAliasFactory(skill=SkillFactory(name_de="Kubernetes", name_en="Kubernetes"), name="K8s")

    by_name = client_for(manager).post(
        "/api/v1/skills/", {"name_de": "kubernetes", "name_en": "x"}, format="json"
    )
    by_alias = client_for(manager).post("/api/v1/skills/", {"name_de": "K8S", "name_en": "y"}, format="json")

    assert by_name.json()["code"] == by_alias.json()["code"] == "skill_exists"
    assert Skill.objects.count() == 1


def test_autocomplete_finds_synonyms_and_prefixes_first(client_for, employee):
    kubernetes = SkillFactory(name_de="Kubernetes", name_en="Kubernetes", slug="kubernetes")
    SkillAliasFactory(skill=kubernetes, name="K8s")
    SkillFactory(name_de="Cloud-Kubernetes-Betrieb", name_en="Kubernetes operations")
    SkillFactory(name_de="Abgelehnt", status=SkillStatus.REJECTED)

    by_alias = client_for(employee).get("/api/v1/skills/autocomplete/?q=k8s").json()
    by_prefix = client_for(employee).get("/api/v1/skills/autocomplete/?q=kube").json()

    assert [item["slug"] for item in by_alias] == ["kubernetes"]
    assert by_prefix[0]["slug"] == "kubernetes"
    assert client_for(employee).get("/api/v1/skills/autocomplete/?q=abgel").json() == []


def test_proposal_review(client_for, employee, manager):
    proposed = client_for(employee).post(
        "/api/v1/skills/proposals/", {"name": "Quantencomputing"}, format="json"
    )

    assert proposed.status_code == 201 and proposed.json()["status"] == "proposed"
    approved = client_for(manager).post(f"/api/v1/skills/{proposed.json()['id']}/approve/")
    assert approved.json()["status"] == "approved"
    again = client_for(manager).post(f"/api/v1/skills/{proposed.json()['id']}/reject/")
    assert again.json()["code"] == "skill_not_proposed"


def test_merge_moves_profiles_and_keeps_the_higher_level(client_for, manager):
    target = SkillFactory(name_de="Kubernetes", name_en="Kubernetes")
    duplicate = SkillFactory(name_de="K8s-Betrieb", name_en="K8s operations")
    SkillAliasFactory(skill=duplicate, name="kubectl")
    both = ProfileFactory()
    ProfileSkillFactory(profile=both, skill=target, level=2)
    ProfileSkillFactory(profile=both, skill=duplicate, level=5, can_mentor=True)
    only_duplicate = ProfileSkillFactory(skill=duplicate, level=3).profile

    response = client_for(manager).post(
        f"/api/v1/skills/{duplicate.id}/merge/", {"into": target.id}, format="json"
    )

    assert response.status_code == 200
    merged = ProfileSkill.objects.get(profile=both)
    assert (merged.skill, merged.level, merged.can_mentor) == (target, 5, True)
    assert ProfileSkill.objects.get(profile=only_duplicate).skill == target
    assert set(SkillAlias.objects.filter(skill=target).values_list("name", flat=True)) == {
        "kubectl",
        "K8s-Betrieb",
        "K8s operations",
    }
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into) == (SkillStatus.MERGED, target)
    both.refresh_from_db()
    assert both.search_dirty


def test_merge_into_itself_is_refused(client_for, manager):
    skill = SkillFactory()

    response = client_for(manager).post(
        f"/api/v1/skills/{skill.id}/merge/", {"into": skill.id}, format="json"
    )

    assert response.json()["code"] == "skill_merge_invalid"


def test_skill_list_query_count_is_constant(client_for, employee):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(employee)
    SkillAliasFactory.create_batch(2)
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/skills/?page_size=100")
    SkillAliasFactory.create_batch(30)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/api/v1/skills/?page_size=100")

    assert response.json()["count"] == 32
    assert len(many) == len(few)


def test_a_merge_is_recorded_in_the_audit_log_with_the_managers_role(client_for, manager):
    source, target = SkillFactory(), SkillFactory()

    client_for(manager).post(f"/api/v1/skills/{source.id}/merge/", {"into": target.id}, format="json")

    assert list(AuditEvent.objects.values_list("action", "actor_role", "target_id")) == [
        ("skill.merge", "manager", str(target.id))
    ]
