"""Single sign-on in a real browser against a real OpenID provider (the certified `oidc-provider` package):
its own login and consent pages, a groups claim mapped to roles, and Sichtbar's real client code checking
state, nonce and the ID token's signature."""

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import pytest
from playwright.sync_api import Page, Route, expect
from sichtbar.accounts.models import Role, User
from sichtbar.audit.models import AuditEvent

from .identity_provider import IdentityProvider

EMAIL = "ada.lovelace@example.com"
PASSWORD = "Analytical-Engine-1843"


def expect_home_as(page, role):
    """Signed in on the start page with the navigation of `role`: only admins see Administration, only
    managers and admins see Inhalte."""
    expect(page.get_by_test_id("home-heading")).to_contain_text("Hallo, ")
    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    admin, employee = role == Role.ADMIN, role == Role.EMPLOYEE
    expect(navigation.get_by_role("link", name="Administration")).to_have_count(1 if admin else 0)
    expect(navigation.get_by_role("link", name="Inhalte")).to_have_count(0 if employee else 1)


@pytest.fixture
def provider(live_server, settings):
    running = IdentityProvider(
        redirect_uri=f"{live_server.url}/api/v1/auth/sso/callback/",
        accounts={
            "ada": {
                "email": EMAIL,
                "password": PASSWORD,
                "given_name": "Ada",
                "family_name": "Lovelace",
                "groups": ["staff", "sichtbar-admins"],
            }
        },
    )
    for name, value in running.settings().items():
        setattr(settings, name, value)
    yield running
    running.stop()


def start_sso(page: Page) -> None:
    page.goto("/login")
    page.get_by_role("link", name="Mit Ihrem Firmenkonto anmelden").click()


def sign_in_at_provider(page: Page, password: str = PASSWORD) -> None:
    """The provider's own pages: the login form (password checked), then the consent page."""
    expect(page.get_by_role("heading", name="Company sign-in")).to_be_visible()
    page.get_by_label("Username").fill(EMAIL)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Allow access?")).to_be_visible()
    expect(page.get_by_text("openid, email, profile, groups")).to_be_visible()
    page.get_by_role("button", name="Allow").click()


def sso_sign_in(page: Page) -> None:
    start_sso(page)
    sign_in_at_provider(page)


def test_an_admin_by_group_is_demoted_when_the_group_is_removed_and_promoted_when_it_returns(
    new_page, provider
):
    admin_page = new_page()
    sso_sign_in(admin_page)

    expect_home_as(admin_page, Role.ADMIN)
    ada = User.objects.get(email=EMAIL)
    assert (ada.role, ada.is_staff, ada.first_name) == (Role.ADMIN, True, "Ada")
    assert not ada.has_usable_password()
    assert admin_page.request.get("/api/v1/users/").status == 200

    provider.update_account("ada", groups=["staff"])  # the IdP's administrator removes her from the group
    later = new_page()
    sso_sign_in(later)

    expect_home_as(later, Role.EMPLOYEE)
    ada.refresh_from_db()
    assert (ada.role, ada.is_staff) == (Role.EMPLOYEE, False)
    assert later.request.get("/api/v1/users/").status == 403
    assert admin_page.request.get("/api/v1/users/").status == 403  # her earlier session lost the rights too
    sso_logins = AuditEvent.objects.filter(action="auth.login", target_id=str(ada.pk), changes__channel="sso")
    assert sso_logins.count() == 2

    provider.update_account("ada", groups=["staff", "sichtbar-managers", "sichtbar-admins"])
    again = new_page()
    sso_sign_in(again)

    expect_home_as(again, Role.ADMIN)
    ada.refresh_from_db()
    assert (ada.role, ada.is_staff) == (Role.ADMIN, True)
    assert User.objects.filter(email=EMAIL).count() == 1


def test_a_person_the_provider_no_longer_admits_is_refused_and_signed_out(new_page, provider, settings):
    settings.OIDC_REQUIRED_GROUP = "staff"
    first = new_page()
    sso_sign_in(first)
    expect_home_as(first, Role.ADMIN)

    provider.update_account("ada", groups=["sichtbar-admins"])  # left the company's staff group
    second = new_page()
    sso_sign_in(second)

    expect(second.get_by_role("alert")).to_contain_text("Ihr Firmenkonto ist für Sichtbar nicht freigegeben")
    expect(second.get_by_role("button", name="Anmelden")).to_be_visible()
    assert second.request.get("/api/v1/auth/me/").status == 403
    assert first.request.get("/api/v1/auth/me/").status == 403  # the earlier session ended too


def _rewrite(url: str, **params: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update(params)
    return urlunsplit(parts._replace(query=urlencode(query)))


def _tamper_once(page: Page, prefix: str, suffix: str = "", *, hops: int = 0, **params: str) -> list[str]:
    """Rewrite `params` in the redirect that the first navigation to `prefix`…`suffix` leads to, `hops`
    redirects further on (what an attacker who controls a link or the network between the browser and a
    server could do). Playwright routes navigations but not the redirects they follow, so the redirects up to
    the tampered one are fetched here, with the browser context's cookies."""
    seen: list[str] = []

    def handle(route: Route) -> None:
        if seen:
            return route.continue_()
        response = route.fetch(max_redirects=0)
        location = urljoin(route.request.url, response.headers["location"])
        for _hop in range(hops):
            response = page.context.request.get(location, max_redirects=0)
            location = urljoin(location, response.headers["location"])
        seen.append(location)
        return route.fulfill(status=302, headers={"Location": _rewrite(location, **params)})

    page.route(lambda url: url.startswith(prefix) and url.endswith(suffix), handle)
    return seen


def _refused_with_token_error(page: Page) -> None:
    expect(page.get_by_role("alert")).to_contain_text("konnte nicht bestätigt werden")
    expect(page.get_by_role("button", name="Anmelden")).to_be_visible()
    assert page.request.get("/api/v1/auth/me/").status == 403
    assert not User.objects.filter(email=EMAIL).exists()


def test_a_callback_with_a_forged_state_is_refused(new_page, provider, live_server):
    page = new_page()
    # the consent form's answer redirects to the provider's resume endpoint, which redirects to the callback
    tampered = _tamper_once(page, f"{provider.issuer}/interaction/", "/confirm", hops=1, state="forged-state")

    sso_sign_in(page)

    expect(page.get_by_role("alert")).to_contain_text("gehört zu keiner Anmeldung")
    assert tampered[0].startswith(f"{live_server.url}/api/v1/auth/sso/callback/?code=")
    assert page.request.get("/api/v1/auth/me/").status == 403
    assert not User.objects.filter(email=EMAIL).exists()
    failures = AuditEvent.objects.filter(action="auth.sso_failed")
    assert [event.changes["reason"] for event in failures] == ["state"]


def test_an_id_token_for_another_nonce_is_refused(new_page, provider, live_server):
    page = new_page()
    tampered = _tamper_once(page, f"{live_server.url}/api/v1/auth/sso/start/", nonce="attacker-nonce")

    sso_sign_in(page)

    _refused_with_token_error(page)
    assert tampered[0].startswith(f"{provider.discovery['authorization_endpoint']}?")
    assert "nonce=" in tampered[0]
    event = AuditEvent.objects.get(action="auth.sso_failed")
    assert (event.changes["reason"], event.changes["detail"]) == ("token", "JWT Nonce verification failed.")


def test_an_id_token_whose_signature_does_not_match_the_published_keys_is_refused(new_page, provider):
    provider.forge_jwks()
    page = new_page()

    sso_sign_in(page)

    _refused_with_token_error(page)
    event = AuditEvent.objects.get(action="auth.sso_failed")
    assert event.changes["reason"] == "token"
    assert event.changes["detail"].startswith("JWS token verification failed")
