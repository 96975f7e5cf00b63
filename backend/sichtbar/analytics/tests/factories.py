"""Factories for analytics tests: the facts other apps own, built minimally, plus targets."""

import uuid
from datetime import timedelta

import factory
from django.utils import timezone

from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.analytics.models import Kpi, Target, TargetScope
from sichtbar.content.models import ContentItem, ContentKind, ContentStatus
from sichtbar.core.networks import Network
from sichtbar.links.models import Click, Conversion, TrackedLink
from sichtbar.sharing.models import Share, ShareMethod, ShareStatus


class AnalyticsContentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContentItem

    slug = factory.Sequence(lambda n: f"analytics-beitrag-{n}")
    kind = ContentKind.ARTICLE
    title = factory.Sequence(lambda n: f"Beitrag {n}")
    url = factory.Sequence(lambda n: f"https://www.example.com/beitrag/{n}")
    status = ContentStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=60))


class AnalyticsShareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Share

    user = factory.SubFactory(UserFactory)
    content = factory.SubFactory(AnalyticsContentFactory)
    network = Network.LINKEDIN
    method = ShareMethod.INTENT
    status = ShareStatus.POSTED
    shared_at = factory.LazyFunction(timezone.now)
    followers_at_share = 100


class AnalyticsLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrackedLink

    share = factory.SubFactory(AnalyticsShareFactory)
    code = factory.Sequence(lambda n: f"an{n:06d}")
    user = factory.LazyAttribute(lambda o: o.share.user)
    content = factory.LazyAttribute(lambda o: o.share.content)
    network = factory.LazyAttribute(lambda o: o.share.network)
    destination = "https://www.example.com/beitrag?utm_source=linkedin"


class AnalyticsClickFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Click

    event_id = factory.LazyFunction(uuid.uuid4)
    link = factory.SubFactory(AnalyticsLinkFactory)
    occurred_at = factory.LazyFunction(timezone.now)
    user_id_at_click = factory.LazyAttribute(lambda o: o.link.user_id)
    content_id_at_click = factory.LazyAttribute(lambda o: o.link.content_id)
    network = factory.LazyAttribute(lambda o: o.link.network)


class AnalyticsConversionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conversion

    link = factory.SubFactory(AnalyticsLinkFactory)
    key = factory.Sequence(lambda n: f"bewerbung-{n}")
    kind = "application"
    occurred_at = factory.LazyFunction(timezone.now)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    kpi = Kpi.SHARES
    scope = TargetScope.COMPANY
    period_start = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=9))
    period_end = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=20))
    value = 100
