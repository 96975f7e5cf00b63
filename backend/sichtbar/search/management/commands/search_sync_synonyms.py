"""Push the taxonomy's synonyms to Elasticsearch's synonyms set (takes effect without reindexing)."""

from typing import Any

from django.core.management.base import BaseCommand

from sichtbar.search.services import elasticsearch_enabled
from sichtbar.search.text import load_taxonomy


class Command(BaseCommand):
    help = "Update the Elasticsearch synonyms set from the skill taxonomy."

    def handle(self, *args: Any, **options: Any) -> None:
        if not elasticsearch_enabled():
            self.stdout.write(
                "Elasticsearch is not configured; the database backend reads synonyms at query time."
            )
            return
        from sichtbar.search.backends.elastic import client, sync_synonyms

        sync_synonyms(client(), load_taxonomy())
        self.stdout.write(self.style.SUCCESS("Synonyms updated."))
