import factory
from django.utils import timezone

from sichtbar.content.models import ContentItem, ContentSource, ContentStatus, ShareText


class ContentItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContentItem
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"content-hub-{n}")
    title = factory.Sequence(lambda n: f"Beitrag {n}")
    summary = "<p>Worum es geht.</p>"
    url = factory.Sequence(lambda n: f"https://www.example.com/news/{n}")
    language = "de"
    status = ContentStatus.DRAFT


class PublishedContentFactory(ContentItemFactory):
    status = ContentStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class ShareTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShareText

    content = factory.SubFactory(ContentItemFactory)
    network = "linkedin"
    text = "Lesenswert!"


class ContentSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContentSource

    name = factory.Sequence(lambda n: f"Firmenblog {n}")
    feed_url = factory.Sequence(lambda n: f"https://blog.example.com/feed-{n}.xml")


class FeedContentItemFactory(PublishedContentFactory):
    """A published item as feeds and shares see it, with optional topics and audience departments."""

    slug = factory.Sequence(lambda n: f"beitrag-{n}")
    url = factory.Sequence(lambda n: f"https://www.example.com/blog/{n}")

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted:
            self.departments.set(extracted)
