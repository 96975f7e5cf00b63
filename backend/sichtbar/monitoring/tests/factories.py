from datetime import UTC

import factory

from sichtbar.monitoring.models import (
    Mention,
    MentionSource,
    MonitoredTerm,
    MonitoredTermKind,
    MonitoringFeed,
    MonitoringFeedKind,
)


class MonitoringFeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonitoringFeed

    name = factory.Sequence(lambda n: f"Nachrichten {n}")
    url = factory.Sequence(lambda n: f"https://news{n}.example.com/feed")
    kind = MonitoringFeedKind.NEWS


class MonitoredTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonitoredTerm

    text = factory.Sequence(lambda n: f"Marke{n}")
    kind = MonitoredTermKind.BRAND


class MentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mention
        skip_postgeneration_save = True

    source = MentionSource.FEED
    feed = factory.SubFactory(MonitoringFeedFactory)
    external_id = factory.Sequence(lambda n: f"item-{n}")
    url = factory.LazyAttribute(lambda o: f"https://news.example.com/{o.external_id}")
    title = factory.Sequence(lambda n: f"Artikel {n}")
    excerpt = "Ein Artikel über <mark>Sichtbar</mark>"
    text = "Ein Artikel über Sichtbar"
    published_at = factory.Faker("date_time_this_month", tzinfo=UTC)

    @factory.post_generation
    def terms(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted:
            self.terms.set(extracted)

    @factory.post_generation
    def experts(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted:
            self.experts.set(extracted)
