"""Each demo user signs in through the real browser, lands on their role's home and signs out."""

import pytest
from playwright.sync_api import expect

from .conftest import log_in

GROUPS = {"employee": 4, "manager": 5, "admin": 6}  # docs/ux.md


@pytest.mark.parametrize("role", ["employee", "manager", "admin"])
def test_demo_user_signs_in_to_the_role_home_and_out(page, demo, role):
    log_in(page, demo[role].email)

    expect(page.get_by_test_id("home-heading")).to_contain_text("Hallo, ")
    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    expect(navigation.get_by_role("link")).to_have_count(GROUPS[role])
    expect(navigation.get_by_role("link", name="Administration")).to_have_count(1 if role == "admin" else 0)
    expect(navigation.get_by_role("link", name="Inhalte")).to_have_count(0 if role == "employee" else 1)

    page.locator(".user-menu__toggle").click()
    page.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_role("button", name="Anmelden")).to_be_visible()
    page.goto("/settings/tokens")
    expect(page.get_by_role("button", name="Anmelden")).to_be_visible()  # signed out: back to the login


def test_wrong_password_shows_the_servers_message(page, demo):
    page.goto("/login")
    page.get_by_label("E-Mail-Adresse").fill(demo["employee"].email)
    page.get_by_label("Passwort", exact=True).fill("falsch-falsch-falsch")
    page.get_by_role("button", name="Anmelden").click()

    expect(page.get_by_role("alert")).to_contain_text("E-Mail-Adresse oder Passwort ist falsch")
    expect(page.get_by_test_id("home-heading")).to_have_count(0)


def test_language_switch_turns_the_app_english(page, demo):
    log_in(page, demo["employee"].email)

    page.locator(".user-menu__toggle").click()  # the language lives in the user menu
    page.get_by_role("banner").get_by_role("button", name="English").click()

    expect(page.get_by_test_id("home-heading")).to_contain_text("Hello, ")
    page.reload()
    expect(page.get_by_test_id("home-heading")).to_contain_text("Hello, ")
