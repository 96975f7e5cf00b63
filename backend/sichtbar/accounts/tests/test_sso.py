"""Single sign-on through the company's OpenID Connect provider, against a provider served on loopback."""

import http.client
from urllib.parse import urlparse

import pytest
from django.test import Client, override_settings

from sichtbar.accounts.models import Role, User

from .factories import UserFactory
from .oidc_provider import OidcProvider

pytestmark = pytest.mark.django_db


def _sign_in(provider: OidcProvider, client: Client):
    start = client.get("/api/v1/auth/sso/start/?next=/directory")
    assert start.status_code == 302
    authorize = urlparse(start["Location"])
    assert authorize.netloc == urlparse(provider.url).netloc
    connection = http.client.HTTPConnection(authorize.hostname, authorize.port, timeout=5)
    connection.request("GET", f"{authorize.path}?{authorize.query}")
    back = urlparse(connection.getresponse().getheader("Location"))
    return client.get(f"{back.path}?{back.query}")


@pytest.fixture
def provider():
    with (
        OidcProvider(
            claims={
                "email": "Ada.Lovelace@Example.com",
                "email_verified": True,
                "given_name": "Ada",
                "family_name": "Lovelace",
                "groups": ["staff", "sichtbar-managers"],
            }
        ) as running,
        override_settings(
            **running.settings(), OIDC_ROLE_MAP={"sichtbar-managers": "manager", "sichtbar-admins": "admin"}
        ),
    ):
        yield running


def test_first_login_creates_the_user_with_the_mapped_role(provider):
    client = Client()

    done = _sign_in(provider, client)

    assert done.status_code == 302 and done["Location"] == "/directory"
    user = User.objects.get(email="ada.lovelace@example.com")
    assert (user.first_name, user.last_name, user.role) == ("Ada", "Lovelace", Role.MANAGER)
    assert not user.has_usable_password()
    assert client.get("/api/v1/auth/me/").json()["email"] == "ada.lovelace@example.com"
    assert provider.requests == ["GET /authorize", "POST /token", "GET /jwks", "GET /userinfo"]


def test_existing_account_is_linked_and_its_role_follows_the_idp(provider):
    existing = UserFactory(email="ada.lovelace@example.com", role=Role.EMPLOYEE, first_name="A.")
    provider.claims["groups"] = ["sichtbar-admins"]

    _sign_in(provider, Client())

    existing.refresh_from_db()
    assert User.objects.count() == 1
    assert (existing.role, existing.is_staff, existing.first_name) == (Role.ADMIN, True, "A.")


def test_unverified_email_cannot_take_over_an_account(provider):
    UserFactory(email="ada.lovelace@example.com")
    provider.claims["email_verified"] = False
    client = Client()

    done = _sign_in(provider, client)

    assert done["Location"] == "/login?sso=failed&reason=refused"
    assert client.get("/api/v1/auth/me/").status_code == 403


def test_deactivated_users_are_turned_away(provider):
    UserFactory(email="ada.lovelace@example.com", is_active=False)
    client = Client()

    done = _sign_in(provider, client)

    assert done["Location"] == "/login?sso=failed&reason=refused"
    assert client.get("/api/v1/auth/me/").status_code == 403


def test_a_forged_state_is_rejected(provider):
    from sichtbar.audit.models import AuditEvent

    client = Client()
    client.get("/api/v1/auth/sso/start/")

    response = client.get("/api/v1/auth/sso/callback/?code=x&state=forged")

    assert (response.status_code, response["Location"]) == (302, "/login?sso=failed&reason=state")
    assert client.get("/api/v1/auth/me/").status_code == 403
    assert not User.objects.filter(email="ada.lovelace@example.com").exists()
    assert "POST /token" not in provider.requests  # the code was never redeemed
    event = AuditEvent.objects.get(action="auth.sso_failed")
    assert event.changes["reason"] == "state"


def test_a_callback_without_a_started_sign_in_is_an_expired_state(provider):
    response = Client().get("/api/v1/auth/sso/callback/?code=x&state=y")

    assert response["Location"] == "/login?sso=failed&reason=state"


@pytest.mark.parametrize(
    ("claims", "detail"),
    [
        ({"aud": "another-app"}, "audience"),
        ({"aud": ["another-app", "sichtbar"], "azp": "another-app"}, "authorized party"),
        ({"iss": "https://evil.example"}, "issuer"),
        ({"exp": 1_000_000_000}, "Signature has expired"),
    ],
)
def test_an_id_token_for_another_client_issuer_or_time_is_refused(provider, caplog, claims, detail):
    provider.claims.update(claims)
    client = Client()

    done = _sign_in(provider, client)

    assert done["Location"] == "/login?sso=failed&reason=token"
    assert detail in caplog.text
    assert client.get("/api/v1/auth/me/").status_code == 403
    assert not User.objects.filter(email="ada.lovelace@example.com").exists()


def test_the_person_declining_at_the_provider_is_told_so(provider):
    client = Client()
    start = client.get("/api/v1/auth/sso/start/")
    state = dict(p.split("=", 1) for p in urlparse(start["Location"]).query.split("&"))["state"]

    done = client.get(f"/api/v1/auth/sso/callback/?error=access_denied&state={state}")

    assert done["Location"] == "/login?sso=failed&reason=denied"


def test_login_page_config_offers_sso_only_when_configured(provider):
    assert Client().get("/api/v1/auth/config/").json()["sso"] == {
        "enabled": True,
        "label": "Mit Ihrem Firmenkonto anmelden",
        "login_url": "/api/v1/auth/sso/start/",
    }
    with override_settings(OIDC_ENABLED=False):
        assert Client().get("/api/v1/auth/config/").json()["sso"]["enabled"] is False
        disabled = Client().get("/api/v1/auth/sso/start/")
        assert disabled.status_code == 404 and disabled.json()["code"] == "sso_disabled"


def test_an_admin_removed_from_the_group_is_demoted_at_the_next_sign_in_and_promoted_back(provider):
    existing = UserFactory(email="ada.lovelace@example.com", role=Role.ADMIN, is_staff=True)
    UserFactory(role=Role.ADMIN)  # another administrator remains
    provider.claims["groups"] = ["staff"]  # no mapped group any more

    _sign_in(provider, Client())
    existing.refresh_from_db()
    demoted = (existing.role, existing.is_staff)
    provider.claims["groups"] = ["sichtbar-admins"]
    _sign_in(provider, Client())
    existing.refresh_from_db()

    assert demoted == (Role.EMPLOYEE, False)
    assert (existing.role, existing.is_staff) == (Role.ADMIN, True)


def test_department_and_location_follow_the_claims(provider):
    from sichtbar.accounts.models import Department, Location

    berlin = Location.objects.create(name="Berlin", city="Berlin")
    existing = UserFactory(email="ada.lovelace@example.com")
    provider.claims.update({"department": "Vertrieb", "location": "Berlin"})

    _sign_in(provider, Client())
    provider.claims.update({"department": "Marketing", "location": "Atlantis"})  # unknown location: kept
    _sign_in(provider, Client())

    existing.refresh_from_db()
    assert (existing.department.name, existing.location_id) == ("Marketing", berlin.pk)
    assert Department.objects.filter(name__in=["Marketing", "Vertrieb"]).count() == 2


def test_a_person_the_provider_no_longer_admits_is_signed_out_everywhere(provider, settings):
    from sichtbar.accounts.models import ApiToken
    from sichtbar.accounts.services import api_token_create

    settings.OIDC_REQUIRED_GROUP = "staff"
    browser = Client()
    _sign_in(provider, browser)
    ada = User.objects.get(email="ada.lovelace@example.com")
    _token, secret = api_token_create(user=ada, name="CI", expires_in_days=None)
    other = UserFactory()
    api_token_create(user=other, name="CI", expires_in_days=None)
    assert browser.get("/api/v1/auth/me/").status_code == 200
    provider.claims["groups"] = ["sichtbar-managers"]  # left "staff" at the provider

    refused = _sign_in(provider, Client())

    assert refused["Location"] == "/login?sso=failed&reason=refused"
    assert browser.get("/api/v1/auth/me/").status_code == 403  # the earlier session ended too
    assert Client().get("/api/v1/auth/me/", HTTP_AUTHORIZATION=f"Token {secret}").status_code == 403
    assert list(ApiToken.objects.values_list("user_id", flat=True)) == [other.pk]


def test_check_deploy_warns_when_the_issuer_is_not_configured(settings):
    from sichtbar.accounts.checks import oidc_issuer_check

    settings.OIDC_ENABLED, settings.OIDC_OP_ISSUER = True, ""
    assert [warning.id for warning in oidc_issuer_check()] == ["sichtbar.W101"]
    settings.OIDC_OP_ISSUER = "https://login.example.com"
    assert oidc_issuer_check() == []
    settings.OIDC_ENABLED, settings.OIDC_OP_ISSUER = False, ""
    assert oidc_issuer_check() == []
