"""Cheaper rows to scan: skill levels with their subtrees, and the display texts out of the row.

`skill_levels` holds " slug:level" for every visible skill and every ancestor of one, with the highest
level in its subtree, so the ranking reads the level of a recognised skill ("Cloud" with its twelve
sub-skills) with one lookup per row instead of one per sub-skill. Existing rows are filled from their
terms and the taxonomy here (no re-index needed).

PostgreSQL: a text query reads every matching row (for the total, the facets and the pre-rank), but only
the columns that match, rank and count. The wide display columns (bio, skill texts, stored cards,
compound expansions) made a row about 2.4 KB, two or three to a page. With `toast_tuple_target` at its
minimum, PostgreSQL moves them to the TOAST table (compressed) whenever it toasts a row, while the
columns marked MAIN stay in it. The search vector stays in the row: phase two ranks the best 500 by it.
Every row is rewritten here once, so existing rows get the layout too; the full-text index over both
audiences goes (every query names its audience and has a partial index of its own since 0007)."""

from django.db import migrations, models

IN_ROW = (
    "audience",
    "slug",
    "name",
    "sort_name",
    "department_name",
    "location_name",
    "facet_terms",
    "skill_levels",
    "search_vector",
)

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
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # the layout first, so the rows written below get it
        columns = ", ".join(f"ALTER COLUMN {column} SET STORAGE MAIN" for column in IN_ROW)
        schema_editor.execute(f"ALTER TABLE search_searchdocument {columns}")
        schema_editor.execute("ALTER TABLE search_searchdocument SET (toast_tuple_target = 128)")
        schema_editor.execute("DROP INDEX IF EXISTS search_doc_vector_gin")
        aggregate = "string_agg(' ' || slug || ':' || level, '' ORDER BY slug)"
    else:  # SQLite: the order of group_concat does not matter to a lookup by slug
        aggregate = "group_concat(' ' || slug || ':' || level, '')"
    schema_editor.execute(FILL.format(aggregate=aggregate))
    if vendor == "postgresql":
        # the rows without skills: a new version goes through the toaster too (autovacuum reclaims the
        # old versions)
        schema_editor.execute(
            "UPDATE search_searchdocument SET bio_text = bio_text || '' WHERE skill_levels = ''"
        )
        schema_editor.execute("ANALYZE search_searchdocument")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    columns = ", ".join(f"ALTER COLUMN {column} SET STORAGE EXTENDED" for column in IN_ROW)
    schema_editor.execute(f"ALTER TABLE search_searchdocument {columns}")
    schema_editor.execute("ALTER TABLE search_searchdocument RESET (toast_tuple_target)")
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
                help_text="' slug:level ' per visible skill and per ancestor of one (the highest level in "
                "its subtree), so ranking reads a recognised skill's level, descendants included, with one "
                "lookup.",
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
