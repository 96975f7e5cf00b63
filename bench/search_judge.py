"""Write the judged query set (backend/sichtbar/search/judgements.yaml) from the demo company.

The queries and the skills or people each one is after are chosen by hand below; the grades of every
(query, profile) pair then follow one written rule, applied to what the public audience can see:
  3  the profile shows a wanted skill at level 4–5, or it is the person the query names
  2  a wanted skill at level 3, or a narrower skill (child in the taxonomy) at level 4–5
  1  a wanted skill at level 1–2, or a narrower skill at level 1–3
  0  everything else (not listed).
Run: .venv/bin/python bench/search_judge.py
"""

from typing import Any

import yaml
from search_common import JUDGEMENTS, seed_demo, setup_django, throwaway_database

# (query, language, kind, wanted skill slugs or, for names, the profile slugs)
QUERIES: list[tuple[str, str, str, list[str]]] = [
    ("Kubernetes", "de", "skill", ["kubernetes"]),
    ("K8s", "de", "synonym", ["kubernetes"]),
    ("Kubernets", "en", "typo", ["kubernetes"]),
    ("Cloud-Migration", "de", "compound", ["cloud-migration"]),
    ("Cloudmigration", "de", "compound", ["cloud-migration"]),
    ("Cloud Migration", "en", "compound", ["cloud-migration"]),
    ("AWS", "en", "synonym", ["aws"]),
    ("Amazon Web Services", "en", "skill", ["aws"]),
    ("Azure", "de", "synonym", ["azure"]),
    ("Terraform", "en", "skill", ["terraform"]),
    ("Infrastructure as Code", "en", "synonym", ["terraform"]),
    ("CI/CD", "de", "synonym", ["ci-cd"]),
    ("DevOps", "en", "skill", ["devops"]),
    ("Python", "de", "skill", ["python"]),
    ("Pyhton", "de", "typo", ["python"]),
    ("JS", "en", "synonym", ["javascript"]),
    ("JavaScript", "en", "skill", ["javascript"]),
    ("TypeScript React", "en", "multi", ["typescript", "react"]),
    ("Golang", "en", "synonym", ["go"]),
    ("Barrierefreiheit", "de", "skill", ["accessibility"]),
    ("Accessibility", "en", "skill", ["accessibility"]),
    ("ML", "de", "synonym", ["machine-learning"]),
    ("Maschinelles Lernen", "de", "skill", ["machine-learning"]),
    ("machine learning", "en", "skill", ["machine-learning"]),
    ("Maschinelles Lernnen", "de", "typo", ["machine-learning"]),
    ("GenAI", "en", "synonym", ["generative-ai"]),
    ("LLM", "en", "synonym", ["generative-ai"]),
    ("KI-Verordnung", "de", "synonym", ["ai-governance"]),
    ("NLP", "en", "synonym", ["nlp"]),
    ("Data Engineering", "en", "skill", ["data-engineering"]),
    ("Power BI", "de", "skill", ["power-bi"]),
    ("Datenschutz", "de", "skill", ["data-protection"]),
    ("DSGVO", "de", "synonym", ["data-protection"]),
    ("GDPR", "en", "synonym", ["data-protection"]),
    ("Datenschutzberatung", "de", "compound", ["data-protection-officer"]),
    ("ISO 27001", "de", "skill", ["iso-27001"]),
    ("IT-Sicherheit", "de", "compound", ["it-security"]),
    ("IT Sicherheit", "de", "compound", ["it-security"]),
    ("Pentest", "de", "synonym", ["penetration-testing"]),
    ("SAP S/4HANA", "de", "skill", ["sap-s4hana"]),
    ("S4HANA", "de", "synonym", ["sap-s4hana"]),
    ("SAP FI/CO", "de", "skill", ["sap-fico"]),
    ("Steuerrecht", "de", "skill", ["tax-law"]),
    ("tax law", "en", "skill", ["tax-law"]),
    ("Steuerecht", "de", "typo", ["tax-law"]),
    ("IFRS", "en", "synonym", ["ifrs"]),
    ("Jahresabschluss", "de", "synonym", ["hgb"]),
    ("Controlling", "de", "skill", ["controlling"]),
    ("Budgetierung", "de", "synonym", ["financial-planning"]),
    ("Arbeitsrecht", "de", "skill", ["labour-law"]),
    ("labour law", "en", "skill", ["labour-law"]),
    ("Betriebsrat", "de", "skill", ["works-council"]),
    ("Vertragsrecht", "de", "skill", ["contract-law"]),
    ("Pressearbeit", "de", "skill", ["public-relations"]),
    ("PR", "de", "synonym", ["public-relations"]),
    ("Krisenkommunikation", "de", "skill", ["crisis-communication"]),
    ("SEO", "de", "synonym", ["seo"]),
    ("Suchmaschinenoptimierung", "de", "skill", ["seo"]),
    ("Social Media", "de", "synonym", ["social-media"]),
    ("Employer Branding", "de", "skill", ["employer-branding"]),
    ("Recruiting", "de", "skill", ["recruiting"]),
    ("Active Sourcing", "en", "skill", ["active-sourcing"]),
    ("Change-Management", "de", "compound", ["change-management"]),
    ("Changemanagement", "de", "compound", ["change-management"]),
    ("Scrum", "de", "synonym", ["agile"]),
    ("Key Account Management", "de", "skill", ["key-account-management"]),
    ("Nachhaltigkeit CSRD", "de", "multi", ["sustainability", "esg-reporting"]),
    ("UX Design", "en", "skill", ["ux-design"]),
    ("Lena Hoffmann", "de", "name", ["lena-hoffmann"]),
    ("Hofman", "de", "name-typo", ["lisa-hofmann", "lena-hoffmann"]),
    ("Markus Weber", "de", "name", ["markus-weber"]),
    (
        "Wir wollen unsere alten Anwendungen aus dem Rechenzentrum in die Cloud migrieren und suchen "
        "jemanden, der Kubernetes und Terraform kennt.",
        "de",
        "problem",
        ["cloud-migration", "kubernetes", "terraform"],
    ),
    (
        "Our legal team needs advice on GDPR and data processing agreements for a new AI product.",
        "en",
        "problem",
        ["data-protection", "data-protection-officer", "ai-governance"],
    ),
    (
        "Wir stellen die Buchhaltung auf SAP S/4HANA um und brauchen Unterstützung bei FI/CO.",
        "de",
        "problem",
        ["sap-s4hana", "sap-fico"],
    ),
    (
        "A journalist wants to interview someone about our crisis communication after a data breach.",
        "en",
        "problem",
        ["crisis-communication", "public-relations", "incident-response"],
    ),
    (
        "Wer kann uns helfen, ein Prognosemodell mit maschinellem Lernen in Python zu bauen?",
        "de",
        "problem",
        ["machine-learning", "python"],
    ),
]


def grades_for(wanted: list[str], kind: str) -> dict[str, int]:
    from sichtbar.profiles.models import Audience, Skill
    from sichtbar.profiles.selectors import expert_detail, visible_profiles

    if kind.startswith("name"):
        visible = set(visible_profiles(audience=Audience.PUBLIC).values_list("slug", flat=True))
        return {slug: 3 for slug in wanted if slug in visible}
    children: dict[str, set[str]] = {}
    for slug, parent in Skill.objects.values_list("slug", "parent__slug"):
        if parent:
            children.setdefault(parent, set()).add(slug)

    def narrower(slug: str) -> set[str]:
        out, todo = set(), [slug]
        while todo:
            for child in children.get(todo.pop(), ()):
                if child not in out:
                    out.add(child)
                    todo.append(child)
        return out

    grades: dict[str, int] = {}
    for profile in visible_profiles(audience=Audience.PUBLIC):
        detail = expert_detail(profile=profile, audience=Audience.PUBLIC, language="de")
        levels = {item["skill"]["slug"]: item["level"] for item in detail["skills"] or []}
        grade = 0
        for slug in wanted:
            level = levels.get(slug, 0)
            if level >= 4:
                grade = max(grade, 3)
            elif level == 3:
                grade = max(grade, 2)
            elif level:
                grade = max(grade, 1)
            for child in narrower(slug):
                child_level = levels.get(child, 0)
                if child_level >= 4:
                    grade = max(grade, 2)
                elif child_level:
                    grade = max(grade, 1)
        if grade:
            grades[profile.slug] = grade
    return grades


def main() -> None:
    setup_django()
    with throwaway_database():
        seed_demo()
        out: list[dict[str, Any]] = []
        for query, language, kind, wanted in QUERIES:
            grades = grades_for(wanted, kind)
            out.append(
                {"query": query, "language": language, "kind": kind, "grades": dict(sorted(grades.items()))}
            )
    header = (
        "# Judged query set for expert search over the demo company (sichtbar/profiles/demo.py).\n"
        "# Generated by bench/search_judge.py: queries and wanted skills/people by hand, grades 0-3 by the\n"
        "# rule written in that script; profiles not listed are grade 0. Used by bench/search_quality.py.\n"
    )
    JUDGEMENTS.write_text(header + yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=110))
    print(f"{len(out)} queries written to {JUDGEMENTS}")


if __name__ == "__main__":
    main()
