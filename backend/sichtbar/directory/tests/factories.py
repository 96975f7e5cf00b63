import factory

from sichtbar.directory.models import ContactRequest, ContactStatus, ContactTopic
from sichtbar.profiles.tests.factories import ProfileFactory


class ContactRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactRequest

    profile = factory.SubFactory(ProfileFactory)
    assigned_to = factory.LazyAttribute(lambda o: o.profile)
    name = "Jana Presse"
    email = factory.Sequence(lambda n: f"visitor{n}@zeitung.example")
    organisation = "Süddeutsche Beispielzeitung"
    topic = ContactTopic.PRESS
    message = "Hätten Sie Zeit für ein kurzes Interview zur Cloud-Migration?"
    language = "de"
    consent = True
    consent_version = "2026-11"
    status = ContactStatus.NEW
