"""Factories for feed tests: published content items with topics and audiences."""

import factory
from django.utils import timezone

from sichtbar.content.models import ContentItem, ContentStatus


class FeedContentItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContentItem
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"beitrag-{n}")
    title = factory.Sequence(lambda n: f"Beitrag {n}")
    summary = "<p>Worum es geht.</p>"
    url = factory.Sequence(lambda n: f"https://www.example.com/blog/{n}")
    language = "de"
    status = ContentStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted:
            self.departments.set(extracted)
