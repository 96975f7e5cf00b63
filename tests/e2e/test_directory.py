"""Issue 3 end to end: a visitor finds an expert in the public directory, reads the server-rendered profile
and sends a contact request; the expert answers it from the inbox; the answer reaches the visitor."""

import json

import pytest
from playwright.sync_api import expect

from .conftest import log_in


@pytest.fixture
def company(demo_company):
    pass


def test_visitor_finds_an_expert_and_the_expert_answers(page, new_page, company, mailoutbox):
    page.goto("/experts")
    page.get_by_role("combobox", name="Expert:innen suchen").fill("K8s")
    page.get_by_role("button", name="Suchen", exact=True).click()
    page.get_by_role("link", name="Lena Hoffmann").click()

    expect(page.get_by_role("heading", name="Lena Hoffmann", level=1)).to_be_visible()
    assert page.url.endswith("/experts/lena-hoffmann")
    page.goto("/experts/lena-hoffmann")  # as a search engine loads it: head tags come from the server
    json_ld = json.loads(page.locator('script[type="application/ld+json"]').first.text_content() or "{}")
    assert json_ld["@type"] == "Person" and json_ld["name"] == "Lena Hoffmann"
    assert "Kubernetes" in json_ld["knowsAbout"]

    page.get_by_label("Ihr Name").fill("Paula Presse")
    page.get_by_label("Ihre E-Mail-Adresse").fill("paula@zeitung.example")
    page.get_by_label("Anliegen").select_option(label="Presseanfrage")
    page.get_by_label("Nachricht").fill("Hätten Sie Zeit für ein Interview zur Cloud-Migration?")
    page.get_by_label("Ich bin einverstanden", exact=False).check()
    page.get_by_role("button", name="Anfrage senden").click()
    expect(page.get_by_text("Vielen Dank! Ihre Anfrage wurde an Lena Hoffmann übermittelt.")).to_be_visible()
    assert any("paula@zeitung.example" in message.to for message in mailoutbox)  # acknowledgement

    expert = new_page()
    log_in(expert, "lena.hoffmann@sichtbar.example")
    expert.goto("/inbox")
    expert.get_by_role("button", name="Anfrage von Paula Presse öffnen").click()
    detail = expert.get_by_role("region", name="Anfrage von Paula Presse")
    detail.get_by_label("Ihre Antwort").fill("Gern, morgen um 10 Uhr.")
    detail.get_by_role("button", name="Antwort senden").click()
    expect(detail.get_by_text("Ihre Antwort wurde gesendet.")).to_be_visible()

    reply = [
        m for m in mailoutbox if m.to == ["paula@zeitung.example"] and "Gern, morgen um 10 Uhr." in m.body
    ]
    assert len(reply) == 1


def test_employee_adds_a_skill_and_colleagues_find_them(page, new_page, company):
    log_in(page, "lena.hoffmann@sichtbar.example")
    page.goto("/profile")
    page.get_by_role("combobox", name="Kompetenz hinzufügen").fill("Finanzwes")
    expect(page.get_by_role("option").first).to_be_visible()
    page.get_by_role("option").first.click()
    page.get_by_role("button", name="Kompetenzen speichern").click()
    expect(page.get_by_text("Gespeichert.").first).to_be_visible()

    colleague = new_page()
    log_in(colleague, "markus.weber@sichtbar.example")
    colleague.goto("/directory?q=Finanzwesen")
    expect(colleague.get_by_role("link", name="Lena Hoffmann")).to_be_visible()
