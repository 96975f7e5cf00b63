"""OAuth networks against real stand-in servers: LinkedIn (OIDC, posting) and Mastodon (apps, import, posting,
revocation); state, PKCE, token encryption, 401/429/500 and garbage handling."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.db import connection as db
from django.test import TestCase
from django.utils import timezone

from sichtbar.core.errors import ApplicationError
from sichtbar.integrations import oauth, selectors, services, tasks
from sichtbar.integrations.models import (
    Connection,
    ConnectionStatus,
    ImportedPost,
    MastodonApp,
    OAuthState,
    OAuthToken,
    Provider,
)
from sichtbar.integrations.networks import linkedin as linkedin_network
from sichtbar.integrations.networks import mastodon as mastodon_network
from sichtbar.integrations.providers.linkedin.client import escape_little_text

from .factories import ConnectionFactory
from .mastodon_server import status
from .stand_in import Reply

pytestmark = pytest.mark.django_db


def _consent(authorize_url: str) -> tuple[str, str]:
    """The browser's part: open the authorisation URL; the stand-in consents and redirects back."""
    response = requests.get(authorize_url, allow_redirects=False, timeout=5)
    assert response.status_code == 302, response.text
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    return query["code"][0], query["state"][0]


def _connect_linkedin(user) -> Connection:
    code, state = _consent(oauth.oauth_start(user=user, provider=Provider.LINKEDIN))
    return oauth.oauth_complete(user=user, provider=Provider.LINKEDIN, code=code, state=state)


def _connect_mastodon(user, server) -> Connection:
    code, state = _consent(oauth.oauth_start(user=user, provider=Provider.MASTODON, instance=server.url))
    with TestCase.captureOnCommitCallbacks(execute=True):  # the first import runs after the commit
        return oauth.oauth_complete(user=user, provider=Provider.MASTODON, code=code, state=state)


# --- LinkedIn ---------------------------------------------------------------------------------------------


def test_linkedin_connect_asks_for_oidc_and_posting_scopes_and_stores_the_token_encrypted(employee, linkedin):
    url = oauth.oauth_start(user=employee, provider=Provider.LINKEDIN)

    query = parse_qs(urlsplit(url).query)
    assert query["scope"] == ["openid profile email w_member_social"]
    assert query["redirect_uri"] == ["http://sichtbar.test/connections/callback/linkedin"]
    assert "code_challenge" not in query  # PKCE is off for LinkedIn unless configured
    code, state = _consent(url)
    connection = oauth.oauth_complete(user=employee, provider=Provider.LINKEDIN, code=code, state=state)

    token_call = linkedin.calls_to("/oauth/v2/accessToken")[0]
    assert token_call.form["client_secret"] == "li-secret" and "authorization" not in token_call.headers
    assert (connection.provider, connection.status, connection.external_account_id, connection.title) == (
        "linkedin",
        "connected",
        "782bbtaQ",
        "Erika Mustermann",
    )
    assert connection.scopes == "openid profile email w_member_social"  # came back comma-separated
    assert timedelta(days=59) < connection.expires_at - timezone.now() <= timedelta(days=60, seconds=2)
    assert connection.suggestions == {
        "name": "Erika Mustermann",
        "given_name": "Erika",
        "family_name": "Mustermann",
        "picture": "https://media.licdn.com/dms/image/erika.jpg",
        "email": "erika@example.com",
    }
    token = OAuthToken.objects.get(connection=connection)
    assert token.access_token in linkedin.tokens
    with db.cursor() as cursor:
        cursor.execute("SELECT access_token_encrypted FROM integrations_oauthtoken")
        assert token.access_token not in cursor.fetchone()[0]
    assert OAuthState.objects.count() == 0  # used once


def test_pkce_s256_is_sent_and_verified_when_configured(employee, linkedin, settings):
    settings.LINKEDIN_USE_PKCE = True

    url = oauth.oauth_start(user=employee, provider=Provider.LINKEDIN)

    query = parse_qs(urlsplit(url).query)
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) == 43
    code, state = _consent(url)
    oauth.oauth_complete(user=employee, provider=Provider.LINKEDIN, code=code, state=state)
    assert linkedin.calls_to("/oauth/v2/accessToken")[0].form["code_verifier"]


@pytest.mark.parametrize("case", ["forged", "reused", "other_person", "expired"])
def test_the_callback_refuses_a_state_that_is_not_this_persons_fresh_one(employee, linkedin, case):
    from sichtbar.accounts.tests.factories import UserFactory

    code, state = _consent(oauth.oauth_start(user=employee, provider=Provider.LINKEDIN))
    user = employee
    if case == "forged":
        state = "forged-state"
    elif case == "reused":
        oauth.oauth_complete(user=employee, provider=Provider.LINKEDIN, code=code, state=state)
        Connection.objects.all().delete()
    elif case == "other_person":
        user = UserFactory()
    else:
        OAuthState.objects.update(created_at=timezone.now() - timedelta(minutes=11))

    with pytest.raises(ApplicationError) as error:
        oauth.oauth_complete(user=user, provider=Provider.LINKEDIN, code=code, state=state)

    assert error.value.code == "oauth_state_invalid"
    assert not Connection.objects.exists()


@pytest.mark.parametrize(
    "reply",
    [Reply(500, b"<html>oops</html>"), Reply(200, b"not json"), Reply(400, {"error": "invalid_grant"})],
)
def test_a_failing_token_endpoint_is_one_error_and_nothing_is_stored(employee, linkedin, reply):
    code, state = _consent(oauth.oauth_start(user=employee, provider=Provider.LINKEDIN))
    linkedin.fail_next("/oauth/v2/accessToken", reply)

    with pytest.raises(ApplicationError) as error:
        oauth.oauth_complete(user=employee, provider=Provider.LINKEDIN, code=code, state=state)

    assert error.value.code == "oauth_failed"
    assert not Connection.objects.exists() and not OAuthToken.objects.exists()


def test_linkedin_without_credentials_cannot_be_started(employee, settings):
    settings.LINKEDIN_CLIENT_ID = ""

    with pytest.raises(ApplicationError) as error:
        oauth.oauth_start(user=employee, provider=Provider.LINKEDIN)

    assert error.value.code == "provider_not_configured"


def test_reserved_characters_of_linkedin_little_text_are_escaped():
    assert escape_little_text("C# (beta) @all #cloud [x]_*~|{}<>\\") == (
        r"C\# \(beta\) \@all \#cloud \[x\]\_\*\~\|\{\}\<\>\\"
    )


def test_publishing_to_linkedin_sends_the_required_headers_and_records_the_urn_once(employee, linkedin):
    connection = _connect_linkedin(employee)

    first = services.publish_post(
        connection=connection, text="Neu: #Cloud (Teil 1)", url="https://example.com/a", idempotency_key="k1"
    )
    again = services.publish_post(
        connection=connection, text="Neu: #Cloud (Teil 1)", url="https://example.com/a", idempotency_key="k1"
    )

    assert first == again
    assert first.external_id == "urn:li:share:7001"
    assert first.url == "https://www.linkedin.com/feed/update/urn:li:share:7001/"
    assert len(linkedin.posts) == 1
    call = linkedin.calls_to("/rest/posts")[0]
    assert (call.headers["linkedin-version"], call.headers["x-restli-protocol-version"]) == (
        "202510",
        "2.0.0",
    )
    post = linkedin.posts[0]
    assert post["commentary"] == r"Neu: \#Cloud \(Teil 1\)"
    assert post["author"] == "urn:li:person:782bbtaQ"
    assert post["content"]["article"]["source"] == "https://example.com/a"


def test_linkedin_401_marks_the_connection_for_re_consent(employee, linkedin):
    connection = _connect_linkedin(employee)
    linkedin.fail_next("/rest/posts", Reply(401, {"status": 401}))

    with pytest.raises(services.ProviderAuthExpired):
        services.publish_post(connection=connection, text="x", url="", idempotency_key="k")

    connection.refresh_from_db()
    assert connection.status == ConnectionStatus.NEEDS_RECONSENT
    assert oauth.needs_reconsent(connection)
    assert selectors.posting_connection(user=employee, provider="linkedin") is None


def test_linkedin_429_is_rate_limited_with_the_servers_retry_after(employee, linkedin):
    connection = _connect_linkedin(employee)
    linkedin.fail_next("/rest/posts", Reply(429, {"status": 429}, {"Retry-After": "120"}))

    with pytest.raises(services.ProviderRateLimited) as error:
        services.publish_post(connection=connection, text="x", url="", idempotency_key="k")

    assert error.value.retry_after == 120
    connection.refresh_from_db()
    assert connection.status == ConnectionStatus.CONNECTED
    assert not connection.publications.exists()


def test_a_token_close_to_expiry_asks_for_re_consent(employee, linkedin, settings):
    settings.LINKEDIN_RECONSENT_WARNING_DAYS = 7
    connection = _connect_linkedin(employee)
    assert not oauth.needs_reconsent(connection)

    connection.expires_at = timezone.now() + timedelta(days=6)

    assert oauth.needs_reconsent(connection)


def test_posting_connection_needs_posting_enabled_the_scope_and_a_valid_token(employee, linkedin, settings):
    connection = _connect_linkedin(employee)
    assert selectors.posting_connection(user=employee, provider="linkedin") == connection

    settings.LINKEDIN_POSTING_ENABLED = False
    assert selectors.posting_connection(user=employee, provider="linkedin") is None
    settings.LINKEDIN_POSTING_ENABLED = True
    OAuthToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert selectors.posting_connection(user=employee, provider="linkedin") is None
    OAuthToken.objects.update(expires_at=None)
    Connection.objects.update(scopes="openid profile email")
    assert selectors.posting_connection(user=employee, provider="linkedin") is None


# --- Mastodon ---------------------------------------------------------------------------------------------


def test_mastodon_app_is_registered_once_per_instance_and_pkce_is_used(employee, mastodon):
    first = oauth.oauth_start(user=employee, provider=Provider.MASTODON, instance=mastodon.url + "/@erika")
    oauth.oauth_start(user=employee, provider=Provider.MASTODON, instance=mastodon.url)

    assert len(mastodon.calls_to("/api/v1/apps")) == 1
    app = MastodonApp.objects.get()
    assert app.instance_url == mastodon.url and app.client_secret == mastodon.apps[app.client_id]["secret"]
    assert mastodon.apps[app.client_id]["secret"] not in app.client_secret_encrypted
    query = parse_qs(urlsplit(first).query)
    assert urlsplit(first).path == "/oauth/authorize"
    assert query["code_challenge_method"] == ["S256"]
    assert query["scope"] == ["read:accounts read:statuses write:statuses"]


def test_a_private_instance_address_is_refused(employee, settings):
    settings.OUTBOUND_HTTP_ALLOW_LOOPBACK = False

    with pytest.raises(ApplicationError) as error:
        oauth.oauth_start(user=employee, provider=Provider.MASTODON, instance="https://127.0.0.1:9")

    assert error.value.code == "instance_unreachable"
    assert not MastodonApp.objects.exists()


def test_mastodon_connect_fills_the_connection_and_imports_statuses_with_metrics(employee, mastodon):
    mastodon.statuses = [status(n) for n in range(50, 0, -1)]
    mastodon.statuses.append(status(0, visibility="direct"))

    connection = _connect_mastodon(employee, mastodon)

    connection.refresh_from_db()
    assert (connection.instance_url, connection.external_account_id, connection.followers) == (
        mastodon.url,
        "109",
        321,
    )
    assert connection.url == f"{mastodon.url}/@erika" and connection.status == "connected"
    assert len(mastodon.calls_to("/api/v1/accounts/109/statuses")) == 2  # paginated by max_id
    assert mastodon.calls_to("/api/v1/accounts/109/statuses")[1].query["max_id"] == "11"
    posts = ImportedPost.objects.filter(connection=connection)
    assert posts.count() == 50  # the direct message is not imported
    newest = posts.get(external_id="50")
    assert (newest.likes, newest.reposts, newest.replies, newest.language) == (50, 25, 1, "de")
    assert "<script>" not in newest.summary and "Beitrag 50" in newest.summary
    assert newest.metrics_updated_at is not None


def test_links_from_the_instance_must_be_web_addresses(employee, mastodon):
    mastodon.statuses = [status(1, url="javascript:alert(1)", uri="https://social.example/users/erika/1")]
    mastodon.statuses.append(status(0, url="javascript:alert(1)", uri="data:text/html,x"))

    _connect_mastodon(employee, mastodon)

    assert dict(ImportedPost.objects.values_list("external_id", "url")) == {
        "1": "https://social.example/users/erika/1",
        "0": "",
    }


def test_a_second_sync_updates_metrics_without_duplicates(employee, mastodon):
    mastodon.statuses = [status(2), status(1)]
    connection = _connect_mastodon(employee, mastodon)
    mastodon.statuses = [status(3), {**status(2), "favourites_count": 99}, status(1)]
    mastodon.followers = 400

    result = mastodon_network.mastodon_sync(connection_id=connection.pk)

    assert (result.created, result.updated) == (1, 1)
    assert ImportedPost.objects.get(external_id="2").likes == 99
    assert ImportedPost.objects.count() == 3
    connection.refresh_from_db()
    assert connection.followers == 400


@pytest.mark.parametrize(
    ("reply", "code", "temporary"),
    [
        (Reply(500, b"<html>down</html>"), "provider_error", True),
        (Reply(200, b"{garbage"), "provider_error", True),
        (Reply(429, {"error": "slow down"}, {"Retry-After": "90"}), "rate_limited", True),
        (Reply(401, {"error": "revoked"}), "auth_expired", False),
    ],
)
def test_a_failing_instance_is_recorded_and_nothing_is_corrupted(employee, mastodon, reply, code, temporary):
    mastodon.statuses = [status(2), status(1)]
    connection = _connect_mastodon(employee, mastodon)
    mastodon.fail_next("/api/v1/accounts/109/statuses", reply)

    result = mastodon_network.mastodon_sync(connection_id=connection.pk)

    assert (result.error_code, result.temporary) == (code, temporary)
    if code == "rate_limited":
        assert result.retry_after == 90
    connection.refresh_from_db()
    assert connection.last_error_code == code
    expected = "needs_reconsent" if code == "auth_expired" else "error"
    assert connection.status == expected
    assert sorted(ImportedPost.objects.values_list("external_id", "likes")) == [("1", 1), ("2", 2)]


def test_one_failing_account_does_not_stop_the_others(employee, mastodon):
    from sichtbar.accounts.tests.factories import UserFactory

    mastodon.statuses = [status(1)]
    good = _connect_mastodon(employee, mastodon)
    broken = ConnectionFactory(
        provider=Provider.MASTODON,
        feed_url="",
        instance_url="http://127.0.0.1:9",
        external_account_id="1",
        user=UserFactory(),
    )
    services.token_store(connection=broken, access_token="t")
    mastodon.statuses = [status(2), status(1)]

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert tasks.mastodon_sync_all.delay().get() == 2

    broken.refresh_from_db()
    assert broken.status == "error" and broken.last_error_code == "provider_error"
    assert ImportedPost.objects.filter(connection=good).count() == 2


def test_publishing_to_mastodon_sends_the_idempotency_key_and_the_link(employee, mastodon):
    connection = _connect_mastodon(employee, mastodon)

    published = services.publish_post(
        connection=connection, text="Lesenswert", url="https://example.com/a", idempotency_key="share-7"
    )

    call = mastodon.calls_to("/api/v1/statuses", "POST")[0]
    assert call.headers["idempotency-key"] == "share-7"
    assert call.form == {"status": "Lesenswert\n\nhttps://example.com/a", "visibility": "public"}
    assert published.external_id == mastodon.posted["share-7"]["id"]
    assert selectors.posting_connection(user=employee, provider="mastodon") == connection


def test_disconnecting_mastodon_revokes_and_deletes_the_token(employee, mastodon):
    connection = _connect_mastodon(employee, mastodon)
    access = OAuthToken.objects.get(connection=connection).access_token

    services.connection_delete(connection=connection)

    assert mastodon.revoked == [access]
    assert not OAuthToken.objects.exists() and not Connection.objects.exists()


def test_disconnecting_still_deletes_the_token_when_the_instance_is_down(employee, mastodon):
    connection = _connect_mastodon(employee, mastodon)
    mastodon.fail_next("/oauth/revoke", Reply(503, b"down"))

    services.connection_delete(connection=connection)

    assert not OAuthToken.objects.exists() and not Connection.objects.exists()


# --- share intents ----------------------------------------------------------------------------------------


def test_share_intents_come_from_settings_url_encoded(settings):
    settings.SICHTBAR_SHARE_INTENT_XING = "https://xing.example/spi/new?url={url}"

    assert selectors.share_intent_url(network="xing", url="https://a.example/x?y=1&z=2", text="t") == (
        "https://xing.example/spi/new?url=https%3A%2F%2Fa.example%2Fx%3Fy%3D1%26z%3D2"
    )
    assert selectors.share_intent_url(network="x", url="https://a.example/", text="Hallo Welt") == (
        "https://x.com/intent/post?text=Hallo%20Welt&url=https%3A%2F%2Fa.example%2F"
    )
    assert selectors.share_intent_url(
        network="mastodon", url="https://a.example/", text="Hi", instance="https://social.example"
    ) == ("https://social.example/share?text=Hi%20https%3A%2F%2Fa.example%2F")
    assert selectors.share_intent_url(network="email", url="https://a.example/", text="") is None


# --- LinkedIn post analytics ------------------------------------------------------------------------------


def test_linkedin_post_analytics_are_fetched_only_when_approved(employee, linkedin, settings):
    connection = _connect_linkedin(employee)
    published = services.publish_post(
        connection=connection, text="Neu", url="https://example.com/a", idempotency_key="k1"
    )
    settings.LINKEDIN_ANALYTICS_APPROVED = False

    assert linkedin_network.linkedin_analytics_sync(connection_id=connection.pk).skipped
    assert selectors.linkedin_analytics_connection_ids() == []
    assert linkedin.calls_to("/rest/memberCreatorPostAnalytics") == []

    settings.LINKEDIN_ANALYTICS_APPROVED = True
    assert selectors.linkedin_analytics_connection_ids() == [connection.pk]
    result = linkedin_network.linkedin_analytics_sync(connection_id=connection.pk)

    assert result.updated == 1
    publication = connection.publications.get()
    assert (publication.external_id, publication.impressions, publication.reactions) == (
        published.external_id,
        1234,
        56,
    )
    call = linkedin.calls_to("/rest/memberCreatorPostAnalytics")[0]
    assert call.query["entity"] == "(share:urn:li:share:7001)"  # sent URL-encoded, decoded here
    assert call.headers["linkedin-version"] == "202510"


def test_linkedin_analytics_401_asks_for_re_consent(employee, linkedin, settings):
    settings.LINKEDIN_ANALYTICS_APPROVED = True
    connection = _connect_linkedin(employee)
    services.publish_post(connection=connection, text="Neu", url="", idempotency_key="k1")
    linkedin.fail_next("/rest/memberCreatorPostAnalytics", Reply(401, {"status": 401}))

    result = linkedin_network.linkedin_analytics_sync(connection_id=connection.pk)

    assert result.error_code == "auth_expired"
    connection.refresh_from_db()
    assert connection.status == "needs_reconsent"
    assert connection.publications.get().impressions is None


def test_an_expired_token_is_refreshed_when_linkedin_gave_a_refresh_token(employee, linkedin):
    linkedin.issue_refresh_tokens = True
    connection = _connect_linkedin(employee)
    old = OAuthToken.objects.get()
    OAuthToken.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    services.publish_post(connection=connection, text="Neu", url="", idempotency_key="k1")

    refresh_call = [
        c for c in linkedin.calls_to("/oauth/v2/accessToken") if c.form.get("grant_type") == "refresh_token"
    ]
    assert refresh_call[0].form["refresh_token"] == old.refresh_token
    assert refresh_call[0].form["client_secret"] == "li-secret"
    fresh = OAuthToken.objects.get()
    assert fresh.access_token != old.access_token and fresh.refresh_token != old.refresh_token
    assert fresh.expires_at > timezone.now() + timedelta(days=59)
    connection.refresh_from_db()
    assert connection.status == "connected" and connection.expires_at == fresh.expires_at
    assert len(linkedin.posts) == 1


def test_a_refused_refresh_asks_for_re_consent(employee, linkedin):
    linkedin.issue_refresh_tokens = True
    connection = _connect_linkedin(employee)
    OAuthToken.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    linkedin.refresh_tokens.clear()  # revoked at LinkedIn

    with pytest.raises(services.ProviderAuthExpired):
        services.publish_post(connection=connection, text="Neu", url="", idempotency_key="k1")

    connection.refresh_from_db()
    assert connection.status == "needs_reconsent" and linkedin.posts == []


def test_a_refreshable_token_close_to_expiry_does_not_ask_for_re_consent(employee, linkedin, settings):
    linkedin.issue_refresh_tokens = True
    connection = _connect_linkedin(employee)
    connection.expires_at = timezone.now() + timedelta(days=2)

    assert not oauth.needs_reconsent(connection)


# --- erasure ----------------------------------------------------------------------------------------------


def test_erasure_revokes_the_mastodon_token_at_the_instance_after_the_commit(employee, mastodon):
    from sichtbar.integrations import privacy

    connection = _connect_mastodon(employee, mastodon)
    access = OAuthToken.objects.get(connection=connection).access_token

    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        privacy.erase_user_data(employee)
    assert mastodon.revoked == []  # never while the erasure's transaction is open
    for callback in callbacks:
        callback()

    assert mastodon.revoked == [access]
    assert not OAuthToken.objects.exists() and not Connection.objects.exists()
