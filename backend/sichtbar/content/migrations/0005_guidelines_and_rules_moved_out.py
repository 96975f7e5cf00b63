"""Guidelines and confidentiality rules moved to the governance app (its 0001): removed from this app's state
only, the tables stay (they are the governance app's now)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('content', '0004_notifications_and_digests_moved_out'),
        ('governance', '0001_guidelines_and_rules_from_content'),
    ]

    state_operations = [
        migrations.RemoveField(
            model_name='guidelineacceptance',
            name='user',
        ),
        migrations.RemoveField(
            model_name='guidelineacceptance',
            name='version',
        ),
        migrations.RemoveField(
            model_name='guidelineversion',
            name='created_by',
        ),
        migrations.DeleteModel(
            name='ConfidentialityRule',
        ),
        migrations.DeleteModel(
            name='GuidelineAcceptance',
        ),
        migrations.DeleteModel(
            name='GuidelineVersion',
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[])]
