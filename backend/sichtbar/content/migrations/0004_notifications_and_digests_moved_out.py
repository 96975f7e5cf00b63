"""Notifications and digests moved to the notifications app (its 0001): removed from this app's state only,
the tables stay (they are the notifications app's now)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('content', '0003_source_last_error_code'),
        ('notifications', '0001_notifications_and_digests_from_content'),
    ]

    state_operations = [
        migrations.RemoveField(
            model_name='notification',
            name='user',
        ),
        migrations.RemoveField(
            model_name='notificationpreference',
            name='user',
        ),
        migrations.DeleteModel(
            name='DigestDelivery',
        ),
        migrations.DeleteModel(
            name='Notification',
        ),
        migrations.DeleteModel(
            name='NotificationPreference',
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[])]
