"""Expert search: one backend interface (database, Elasticsearch), audience-filtered indexing, search APIs."""
