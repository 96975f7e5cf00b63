"""PostgreSQL: extended statistics on (facet, value) of the terms table.

The two columns are correlated (value 'press' only occurs with facet 'availability'); without these
statistics the planner underestimates a filter's matches by an order of magnitude and probes the
documents one by one instead of intersecting the full-text index with the filter (measured: 48 → 28 ms
for "Datenschutz" + available=press over 10,000 profiles)."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE STATISTICS IF NOT EXISTS search_term_facet_value (mcv, dependencies)"
            " ON facet, value FROM search_searchterm"
        )
        schema_editor.execute("ANALYZE search_searchterm")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP STATISTICS IF EXISTS search_term_facet_value")


class Migration(migrations.Migration):
    dependencies = [("search", "0005_facet_terms")]

    operations = [migrations.RunPython(create, drop)]
