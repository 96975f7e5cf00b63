import factory
from django.utils import timezone

from sichtbar.content.models import (
    ConfidentialityRule,
    ContentItem,
    ContentSource,
    ContentStatus,
    GuidelineVersion,
    RuleAction,
    RuleKind,
    ShareText,
)


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


class GuidelineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuidelineVersion

    version = factory.Sequence(lambda n: n + 1)
    title_de = "Social-Media-Richtlinie"
    title_en = "Social media guidelines"
    text_de = "<p>Seien Sie respektvoll.</p>"
    text_en = "<p>Be respectful.</p>"
    published_at = factory.LazyFunction(timezone.now)


class RuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConfidentialityRule

    name = factory.Sequence(lambda n: f"Regel {n}")
    kind = RuleKind.WORD
    value = "Geheimprojekt"
    action = RuleAction.BLOCK
