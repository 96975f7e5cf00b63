"""Imported activity as evidence, in a real browser: an employee uploads a small real LinkedIn data
export, the posts appear in My activity, a suggested skill is accepted with a level and shows in the
profile editor."""

import io
import zipfile

from playwright.sync_api import expect
from sichtbar.profiles.models import Skill, SkillAlias

from .conftest import log_in

SHARES = (
    "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
    "2026-10-02 09:15:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A1,"
    '"Unsere K8s-Cluster laufen jetzt in Frankfurt.\n\nWas wir dabei über Betrieb gelernt haben.",,,PUBLIC\n'
    "2026-10-20 17:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A2,"
    '"Kubernetes and the question of who runs it",,,PUBLIC\n'
)


def linkedin_export() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Profile.csv", "First Name,Last Name\nLena,Hoffmann\n")
        archive.writestr("Shares.csv", SHARES)
    return buffer.getvalue()


def test_upload_an_export_accept_a_suggested_skill_and_see_it_in_the_profile_editor(page, demo):
    kubernetes = Skill.objects.create(slug="kubernetes", name_de="Kubernetes", name_en="Kubernetes")
    SkillAlias.objects.create(skill=kubernetes, name="K8s")
    log_in(page, demo["employee"].email)

    # Straight to the page: through the group the profile editor would open first and keep its form state.
    page.goto("/activity")
    expect(page.get_by_role("heading", name="Meine Aktivität", level=1)).to_be_visible()
    page.get_by_label("ZIP-Datei von LinkedIn").set_input_files(
        {"name": "Basic_LinkedInDataExport.zip", "mimeType": "application/zip", "buffer": linkedin_export()}
    )
    page.get_by_role("button", name="Hochladen und importieren").click()

    expect(page.get_by_role("status").filter(has_text="Import abgeschlossen")).to_contain_text(
        "2 neu, 0 aktualisiert, 0 unverändert (2 Beiträge, 0 Artikel im Archiv)"
    )
    expect(page.get_by_role("link", name="Unsere K8s-Cluster laufen jetzt in Frankfurt.")).to_be_visible()
    expect(page.get_by_role("link", name="Kubernetes and the question of who runs it")).to_be_visible()

    suggestions = page.get_by_role("list", name="Vorgeschlagene Kompetenzen")
    expect(suggestions.get_by_text("In 2 Beiträgen erwähnt", exact=False)).to_be_visible()
    suggestions.get_by_label("Niveau für Kubernetes").select_option("4")
    suggestions.get_by_role("button", name="Kubernetes ins Profil übernehmen").click()
    expect(page.get_by_text("Zurzeit keine Vorschläge.")).to_be_visible()

    page.get_by_role("link", name="Mein Profil").first.click()
    skills = page.get_by_role("form", name="Kompetenzen")
    expect(skills.get_by_text("Kubernetes", exact=True)).to_be_visible()
    expect(skills.get_by_role("radio", name="Stufe 4 von 5: Fortgeschritten")).to_be_checked()
