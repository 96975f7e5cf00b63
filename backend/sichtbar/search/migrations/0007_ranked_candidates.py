"""PostgreSQL: skill levels in the stored facet column and a full-text index per audience.

`facet_terms` now carries a skill's level ("skill:kubernetes:4"), so ranking reads the level of a matched
skill from the row it already has instead of probing the terms table once per matching document; existing
rows are rewritten from their terms here (no re-index needed). A GIN index per audience lets a query use
one index instead of intersecting the full-text index with the audience's 75 % of the table."""

from django.db import migrations

REWRITE = """
UPDATE search_searchdocument d SET facet_terms = COALESCE((
    SELECT string_agg(
        CASE WHEN t.facet = 'skill' THEN t.facet || ':' || t.value || ':' || t.level
             ELSE t.facet || ':' || t.value END,
        ' ' ORDER BY CASE t.facet WHEN 'skill' THEN 0 WHEN 'language' THEN 1 ELSE 2 END, t.id)
    FROM search_searchterm t WHERE t.document_id = d.id), '')
"""
AUDIENCES = ("public", "internal")


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite counts facets from the terms table; new rows are written in the new format
    schema_editor.execute(REWRITE)
    for audience in AUDIENCES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_doc_vector_{audience} ON search_searchdocument"
            f" USING GIN (search_vector) WHERE audience = '{audience}'"
        )
    schema_editor.execute("ANALYZE search_searchdocument")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for audience in AUDIENCES:
        schema_editor.execute(f"DROP INDEX IF EXISTS search_doc_vector_{audience}")
    schema_editor.execute(
        "UPDATE search_searchdocument SET facet_terms ="
        " regexp_replace(facet_terms, '(skill:[^: ]+):[0-9]+', '\\1', 'g')"
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0006_term_statistics")]

    operations = [migrations.RunPython(forward, backward)]
