"""Skill levels with their subtrees, and one full-text index per audience only.

`skill_levels` holds " slug:level" for every visible skill and every ancestor of one, with the highest
level in its subtree, so the ranking reads the level of a recognised skill ("Cloud" with its twelve
sub-skills) with one lookup per row instead of one per sub-skill. Existing rows are filled from their
terms and the taxonomy here (no re-index needed). The full-text index over both audiences goes: every
query names its audience and has a partial index of its own since 0007."""

from django.db import migrations, models

FILL = """
WITH RECURSIVE reach(document_id, skill_id, level) AS (
    SELECT t.document_id, s.id, t.level
    FROM search_searchterm t JOIN profiles_skill s ON s.slug = t.value
    WHERE t.facet = 'skill'
  UNION
    SELECT r.document_id, p.id, r.level
    FROM reach r JOIN profiles_skill c ON c.id = r.skill_id JOIN profiles_skill p ON p.id = c.parent_id
    WHERE p.status = 'approved'
),
best AS (
    SELECT r.document_id, s.slug, MAX(r.level) AS level
    FROM reach r JOIN profiles_skill s ON s.id = r.skill_id GROUP BY r.document_id, s.slug
)
UPDATE search_searchdocument AS d SET skill_levels = f.levels
FROM (SELECT document_id, {aggregate} AS levels FROM best GROUP BY document_id) f
WHERE f.document_id = d.id
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_doc_vector_gin")
        aggregate = "string_agg(' ' || slug || ':' || level, '' ORDER BY slug)"
    else:  # SQLite: the order of group_concat does not matter to a lookup by slug
        aggregate = "group_concat(' ' || slug || ':' || level, '')"
    schema_editor.execute(FILL.format(aggregate=aggregate))


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_doc_vector_gin ON search_searchdocument USING GIN (search_vector)"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0007_ranked_candidates")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="skill_levels",
            field=models.TextField(
                blank=True,
                help_text="' slug:level' per visible skill and per ancestor of one (the highest level in "
                "its subtree), so ranking reads a recognised skill's level, descendants included, with one "
                "lookup.",
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
