"""Guideline versions, their acceptances and the confidentiality rules move here from the content app. The
tables keep their names (`db_table`), so this migration changes Django's state only; the content app's
0005 removes them from its state. Content types follow the models so admin and permissions stay linked."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MODELS = ["guidelineversion", "guidelineacceptance", "confidentialityrule"]


def _relabel(apps, old: str, new: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    taken = set(content_type.objects.filter(app_label=new, model__in=MODELS).values_list("model", flat=True))
    content_type.objects.filter(app_label=old, model__in=[m for m in MODELS if m not in taken]).update(
        app_label=new
    )


def move_content_types(apps, schema_editor) -> None:
    _relabel(apps, "content", "governance")


def move_content_types_back(apps, schema_editor) -> None:
    _relabel(apps, "governance", "content")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("content", "0004_notifications_and_digests_moved_out"),  # the tables exist from here on
    ]

    state_operations = [
        migrations.CreateModel(
            name='ConfidentialityRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('kind', models.CharField(choices=[('word', 'Word'), ('phrase', 'Phrase'), ('pattern', 'Pattern (regular expression)')], max_length=8, verbose_name='kind')),
                ('value', models.CharField(max_length=200, verbose_name='value')),
                ('action', models.CharField(choices=[('block', 'Block'), ('warn', 'Warn')], default='warn', max_length=8, verbose_name='action')),
                ('description', models.CharField(blank=True, max_length=500, verbose_name='explanation for employees')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'db_table': 'content_confidentialityrule',
                'ordering': ['name', 'id'],
            },
        ),
        migrations.CreateModel(
            name='GuidelineVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('version', models.PositiveIntegerField(unique=True, verbose_name='version')),
                ('title_de', models.CharField(max_length=200, verbose_name='title (German)')),
                ('title_en', models.CharField(max_length=200, verbose_name='title (English)')),
                ('text_de', models.TextField(help_text='Sanitised HTML.', verbose_name='text (German)')),
                ('text_en', models.TextField(help_text='Sanitised HTML.', verbose_name='text (English)')),
                ('published_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='published at')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'db_table': 'content_guidelineversion',
                'ordering': ['-version'],
            },
        ),
        migrations.CreateModel(
            name='GuidelineAcceptance',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('accepted_at', models.DateTimeField(verbose_name='accepted at')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='guideline_acceptances', to=settings.AUTH_USER_MODEL)),
                ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='acceptances', to='governance.guidelineversion')),
            ],
            options={
                'db_table': 'content_guidelineacceptance',
                'ordering': ['-accepted_at'],
                'constraints': [models.UniqueConstraint(fields=('user', 'version'), name='content_guidelineacceptance_unique')],
            },
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[]),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
