"""Mention monitoring end to end: a manager adds a term and a feed (a real news site on loopback), fetches
it now, and the mention appears with its highlighted excerpt; the named colleague sees it as theirs."""

import pytest
from playwright.sync_api import expect
from sichtbar.accounts.models import Role, User
from sichtbar.integrations.tests.blog_server import BlogServer, rss

from .conftest import log_in


@pytest.fixture
def news(settings):
    server = BlogServer()
    settings.OUTBOUND_HTTP_ALLOW_LOOPBACK = True
    settings.OUTBOUND_HTTP_EXTRA_PORTS = [server.port]
    yield server
    server.close()


def test_manager_adds_a_term_and_a_feed_and_the_mention_is_listed(page, new_page, demo, news):
    employee = User.objects.get(email=demo[Role.EMPLOYEE].email)
    news.pages["/feed"] = rss(
        {
            "title": "Sichtbar eröffnet Büro in Wien",
            "link": "https://news.example.com/wien",
            "guid": "wien",
            "description": f"<p>Die Sichtbar GmbH wächst, sagt {employee.full_name}.</p>",
        },
        {"title": "Wetter", "link": "https://news.example.com/wetter", "guid": "wetter"},
    )
    log_in(page, demo[Role.MANAGER].email)
    page.goto("/mentions")  # a page of the Impact group (tabs under the header)
    expect(page.get_by_role("heading", name="Erwähnungen", level=1)).to_be_visible()

    terms = page.get_by_role("form", name="Begriff hinzufügen")
    terms.get_by_label("Begriff").fill("Sichtbar")
    terms.get_by_label("Ausschlusswörter").fill("unsichtbar")
    terms.get_by_role("button", name="Begriff hinzufügen").click()
    expect(page.get_by_role("rowheader", name="Sichtbar")).to_be_visible()

    feeds = page.get_by_role("form", name="Feed hinzufügen")
    feeds.get_by_label("Name").fill("Lokalnachrichten")
    feeds.get_by_label("Feed-Adresse").fill(f"{news.url}/feed")
    feeds.get_by_role("button", name="Feed hinzufügen").click()
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Lokalnachrichten"))
    row.get_by_role("button", name="Lokalnachrichten jetzt abrufen").click()
    expect(row.get_by_text("OK", exact=True)).to_be_visible()

    mentions = page.get_by_role("list", name="Gefundene Erwähnungen")
    item = mentions.get_by_role("listitem").filter(has_text="Sichtbar eröffnet Büro in Wien")
    expect(item).to_be_visible()
    expect(item.locator("mark").first).to_have_text("Sichtbar")
    expect(mentions.get_by_text("Wetter")).to_have_count(0)
    assert any(path == "/feed" for path in news.paths())

    colleague = new_page()
    log_in(colleague, employee.email)
    colleague.goto("/mentions")
    expect(colleague.get_by_role("heading", name="Erwähnungen von mir", level=1)).to_be_visible()
    expect(colleague.get_by_role("link", name="Sichtbar eröffnet Büro in Wien")).to_be_visible()
