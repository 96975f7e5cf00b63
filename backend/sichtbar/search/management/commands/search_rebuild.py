"""Rebuild the search index: the database index from scratch, and with Elasticsearch a new index per
audience that replaces the old one by an atomic alias swap (search keeps answering meanwhile)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sichtbar.profiles.models import Audience, Profile
from sichtbar.search.documents import build_documents
from sichtbar.search.services import elasticsearch_enabled, search_rebuild_database
from sichtbar.search.text import load_taxonomy

BATCH = 500


class Command(BaseCommand):
    help = "Rebuild the expert search index (database, and Elasticsearch with an alias swap when configured)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--skip-database", action="store_true", help="Only rebuild the Elasticsearch indices."
        )

    def handle(self, *args: Any, skip_database: bool = False, **options: Any) -> None:
        if not skip_database:
            count = search_rebuild_database()
            self.stdout.write(self.style.SUCCESS(f"Database index: {count} profiles indexed."))
        if elasticsearch_enabled():
            from sichtbar.search.backends.elastic import rebuild

            taxonomy = load_taxonomy()
            ids = list(Profile.objects.order_by("id").values_list("id", flat=True))
            documents = {
                audience: [
                    doc
                    for start in range(0, len(ids), BATCH)
                    for doc in build_documents(
                        profile_ids=ids[start : start + BATCH], audience=audience, taxonomy=taxonomy
                    )
                ]
                for audience in Audience.values
            }
            swapped = rebuild(documents_by_audience=documents, taxonomy=taxonomy)
            for audience, index in swapped.items():
                self.stdout.write(
                    self.style.SUCCESS(f"Elasticsearch {audience}: alias now points to {index}.")
                )
