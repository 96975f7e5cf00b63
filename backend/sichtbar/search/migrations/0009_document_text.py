"""The long texts of a search document move to a table of their own (SearchDocumentText).

A text query reads every matching row of the index for the total, the facets and the pre-rank; the bio,
skill texts, compound expansions and stored cards made those rows about 2 KB wide. They are copied here
and dropped from the row. On PostgreSQL a dropped column's values stay in the rows until each row is
written again, so every row is rewritten once at the end (autovacuum reclaims the old versions; see
docs/operations.md for VACUUM FULL)."""

import django.core.serializers.json
import django.db.models.deletion
from django.db import migrations, models


COPY = """
INSERT INTO search_searchdocumenttext (document_id, bio_text, skills_text, meta_text, expansions, cards)
SELECT id, bio_text, skills_text, meta_text, expansions, cards FROM search_searchdocument
"""
COPY_BACK = """
UPDATE search_searchdocument SET
    bio_text = t.bio_text, skills_text = t.skills_text, meta_text = t.meta_text,
    expansions = t.expansions, cards = t.cards
FROM search_searchdocumenttext t WHERE t.document_id = search_searchdocument.id
"""


def copy_texts(apps, schema_editor):
    schema_editor.execute(COPY)


def copy_texts_back(apps, schema_editor):
    schema_editor.execute(COPY_BACK)


def rewrite_rows(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":  # SQLite rebuilt the table for RemoveField
        schema_editor.execute("UPDATE search_searchdocument SET skill_levels = skill_levels")
        schema_editor.execute("ANALYZE search_searchdocument")


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0008_skill_levels'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchDocumentText',
            fields=[
                ('document', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='text', serialize=False, to='search.searchdocument')),
                ('bio_text', models.TextField(blank=True)),
                ('skills_text', models.TextField(blank=True, help_text='Visible skill names (de, en) and synonyms.')),
                ('meta_text', models.TextField(blank=True, help_text='Department, location, availability topics.')),
                ('expansions', models.TextField(blank=True, help_text='Joined and split compounds, for matching only.')),
                ('cards', models.JSONField(default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder, help_text='The ExpertCard per language (de, en) as this audience saw it at indexing time, so a results page needs no joins; sections are re-checked against the profile when served.')),
            ],
        ),
        migrations.RunPython(copy_texts, copy_texts_back),
        migrations.RemoveField(
            model_name='searchdocument',
            name='bio_text',
        ),
        migrations.RemoveField(
            model_name='searchdocument',
            name='cards',
        ),
        migrations.RemoveField(
            model_name='searchdocument',
            name='expansions',
        ),
        migrations.RemoveField(
            model_name='searchdocument',
            name='meta_text',
        ),
        migrations.RemoveField(
            model_name='searchdocument',
            name='skills_text',
        ),
        migrations.RunPython(rewrite_rows, migrations.RunPython.noop),
    ]
