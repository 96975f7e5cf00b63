"""A narrower skill counts one level lower for its ancestors (search/documents.py, narrower_level).

`skill_levels` is rewritten from the terms and the taxonomy as 0008 wrote it, with that rule: every
visible skill at its own level, every ancestor of one at the best level below it minus one (never below
1). No re-index needed."""

from django.db import migrations, models

FILL = """
WITH RECURSIVE reach(document_id, skill_id, level, own) AS (
    SELECT t.document_id, s.id, CAST(t.level AS integer), 1
    FROM search_searchterm t JOIN profiles_skill s ON s.slug = t.value
    WHERE t.facet = 'skill'
  UNION
    SELECT r.document_id, p.id, CASE WHEN r.own = 1 THEN {greatest}(1, r.level - 1) ELSE r.level END, 0
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
        sql = FILL.format(greatest="GREATEST", aggregate="string_agg(' ' || slug || ':' || level, '' ORDER BY slug)")
    else:  # SQLite's two-argument MAX is GREATEST; the order of group_concat does not matter to a lookup
        sql = FILL.format(greatest="MAX", aggregate="group_concat(' ' || slug || ':' || level, '')")
    schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0010_document_embedding")]

    operations = [
        migrations.AlterField(
            model_name="searchdocument",
            name="skill_levels",
            field=models.TextField(
                blank=True,
                help_text="' slug:level' per visible skill (its level) and per ancestor of one (the highest "
                "level below it, one lower), so ranking reads a recognised skill's level, descendants "
                "included, with one lookup.",
            ),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
