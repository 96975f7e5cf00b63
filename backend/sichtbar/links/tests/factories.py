"""Factories for the links app (with minimal content items and shares of their own)."""

import uuid

import factory
from django.utils import timezone

from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.content.models import ContentItem, ContentStatus
from sichtbar.core.networks import Network
from sichtbar.links.models import Click, Conversion, DeviceClass, TrackedLink
from sichtbar.links.services import link_code_generate


class LinksContentItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContentItem

    slug = factory.Sequence(lambda n: f"karriere-artikel-{n}")
    title = factory.Sequence(lambda n: f"Artikel {n}")
    url = factory.Sequence(lambda n: f"https://www.example.com/karriere/{n}?ref=feed#bewerben")
    status = ContentStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class LinksShareFactory(factory.django.DjangoModelFactory):
    """The share a link is made for. Links sit below sharing: the factory names the model by its label, the
    way `TrackedLink.share` does, and uses the stored values of its choices."""

    class Meta:
        model = "sharing.Share"

    user = factory.SubFactory(UserFactory)
    content = factory.SubFactory(LinksContentItemFactory)
    network = Network.LINKEDIN
    method = "intent"
    status = "opened"
    shared_at = factory.LazyFunction(timezone.now)


class TrackedLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrackedLink

    share = factory.SubFactory(LinksShareFactory)
    code = factory.LazyFunction(link_code_generate)
    user = factory.LazyAttribute(lambda o: o.share.user)
    content = factory.LazyAttribute(lambda o: o.share.content)
    network = factory.LazyAttribute(lambda o: o.share.network)
    destination = factory.LazyAttribute(
        lambda o: f"{o.content.url.split('?')[0]}?utm_source={o.network}&utm_medium=employee_advocacy"
    )


class ClickFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Click

    event_id = factory.LazyFunction(uuid.uuid4)
    link = factory.SubFactory(TrackedLinkFactory)
    occurred_at = factory.LazyFunction(timezone.now)
    user_id_at_click = factory.LazyAttribute(lambda o: o.link.user_id)
    content_id_at_click = factory.LazyAttribute(lambda o: o.link.content_id)
    network = factory.LazyAttribute(lambda o: o.link.network)
    visitor_hash = factory.Sequence(lambda n: f"{n:064x}")
    referrer_host = "www.linkedin.com"
    device_class = DeviceClass.DESKTOP


class ConversionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conversion

    link = factory.SubFactory(TrackedLinkFactory)
    key = factory.Sequence(lambda n: f"application-{n}")
    occurred_at = factory.LazyFunction(timezone.now)
