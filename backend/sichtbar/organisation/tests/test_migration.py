"""The move of works-council mode and the opt-ins from analytics to organisation keeps both."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("analytics", "0008_disclosure_decisions"),
    ("organisation", "0001_organisation_privacy_and_opt_ins"),
]
AFTER = [("analytics", "0009_works_council_settings_moved_to_organisation")]


@pytest.mark.django_db(transaction=True)
def test_the_mode_and_the_opt_ins_are_copied_before_the_old_ones_go():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("accounts", "User").objects.create(email="optin@example.com", password="!")
    old.get_model("analytics", "AnalyticsSettings").objects.create(works_council_mode=False, currency="CHF")
    old.get_model("analytics", "AnalyticsPreference").objects.create(user=user, share_figures=True)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps

    assert new.get_model("organisation", "OrganisationPrivacy").objects.get().works_council_mode is False
    opt_in = new.get_model("organisation", "FiguresOptIn").objects.get()
    assert (opt_in.user_id, opt_in.share_figures) == (user.pk, True)
    assert new.get_model("analytics", "AnalyticsSettings").objects.get().currency == "CHF"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
