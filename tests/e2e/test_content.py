"""Content hub end to end: a manager creates an item with a share text and submits it, a reviewer publishes
it from the review queue, and an employee finds it among the content they may share."""

from playwright.sync_api import expect
from sichtbar.accounts.models import Role
from sichtbar.content.models import ContentItem, ContentStatus

from .conftest import log_in

TITLE = "Cloud Summit München 2027"


def test_manager_creates_reviewer_publishes_employee_sees_it(page, new_page, demo):
    log_in(page, demo[Role.MANAGER].email)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Inhalte").click()
    expect(page.get_by_role("heading", name="Content-Hub", level=1)).to_be_visible()
    page.get_by_role("link", name="Neuer Beitrag").click()

    form = page.get_by_role("form", name="Beitrag bearbeiten")
    form.get_by_label("Titel", exact=True).fill(TITLE)
    form.get_by_label("Adresse (URL)").fill("https://www.sichtbar-demo.example/events/cloud-summit")
    form.get_by_label("Art").select_option("event")
    x_text = form.get_by_label("X", exact=True)
    x_text.fill("Wir sind beim Cloud Summit – kommt vorbei!")
    expect(form.get_by_text("42 / 280 Zeichen")).to_be_visible()
    form.get_by_role("button", name="Entwurf anlegen").click()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    item = ContentItem.objects.get(title=TITLE)
    assert item.status == ContentStatus.DRAFT
    assert item.share_texts.get(network="x").text == "Wir sind beim Cloud Summit – kommt vorbei!"

    page.get_by_label("Kommentar").fill("Bitte vor Freitag freigeben.")
    picker = page.get_by_label("Prüfer:in")
    admin_name = f"{demo[Role.ADMIN].first_name} {demo[Role.ADMIN].last_name}"
    # the reviewers arrive by their own request: wait for them before reading the options
    expect(picker.locator("option", has_text=f"{admin_name} (Administrator:in)")).to_have_count(1)
    options = picker.locator("option").all_text_contents()
    assert f"{admin_name} (Administrator:in)" in options
    assert not any(demo[Role.MANAGER].last_name in option for option in options)  # not the author
    picker.select_option(label=f"{admin_name} (Administrator:in)")
    page.get_by_role("button", name="Zur Prüfung einreichen").click()
    # Four-eyes rule: the author does not approve their own item.
    expect(page.get_by_text("Freigeben muss eine andere Person (Vier-Augen-Prinzip)")).to_be_visible()
    expect(page.get_by_role("button", name="Freigeben und veröffentlichen")).to_have_count(0)
    item.refresh_from_db()
    assert item.status == ContentStatus.IN_REVIEW
    assert item.reviewer.email == demo[Role.ADMIN].email

    reviewer = new_page()
    log_in(reviewer, demo[Role.ADMIN].email)
    reviewer.goto("/content/review")
    reviewer.get_by_role("link", name=TITLE).click()
    expect(reviewer.get_by_text("Bitte vor Freitag freigeben.")).to_be_visible()
    reviewer.get_by_role("button", name="Freigeben und veröffentlichen").click()
    expect(reviewer.get_by_role("button", name="Archivieren")).to_be_visible()
    expect(reviewer.get_by_text("freigegeben", exact=False).first).to_be_visible()
    item.refresh_from_db()
    assert item.status == ContentStatus.PUBLISHED and item.published_at is not None

    employee = new_page()
    log_in(employee, demo[Role.EMPLOYEE].email)
    employee.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Teilen").click()
    employee.get_by_role("navigation", name="Bereich Teilen").get_by_role(
        "link", name="Alle Beiträge"
    ).click()
    cards = employee.get_by_role("list", name="Beiträge zum Teilen")
    expect(cards.get_by_role("link", name=TITLE)).to_be_visible()
    expect(cards.get_by_text("Veranstaltung")).to_be_visible()
