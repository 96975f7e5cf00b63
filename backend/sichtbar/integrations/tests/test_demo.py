import pytest

from sichtbar.accounts.demo import DEMO_LOGINS, seed_accounts
from sichtbar.accounts.models import User
from sichtbar.integrations import demo, oauth, selectors
from sichtbar.integrations.models import Connection, ImportedPost, OAuthToken

pytestmark = pytest.mark.django_db


def test_demo_networks_are_idempotent_show_re_consent_and_can_never_post():
    seed_accounts()

    first = demo.seed()
    second = demo.seed()

    assert first == second and first["imported_posts"] > 0
    employee = User.objects.get(email=DEMO_LOGINS[0].email)
    mine = {c.provider: c for c in Connection.objects.filter(user=employee)}
    assert set(mine) == {"mastodon", "linkedin", "xing"}
    assert oauth.needs_reconsent(mine["linkedin"]) and not oauth.needs_reconsent(mine["mastodon"])
    assert selectors.posting_connection(user=employee, provider="mastodon") is None
    assert selectors.posting_connection(user=employee, provider="linkedin") is None
    assert OAuthToken.objects.count() == Connection.objects.exclude(provider="xing").count()
    assert ImportedPost.objects.filter(author=employee, likes__isnull=False).count() == 4
