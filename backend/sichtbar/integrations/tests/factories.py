import factory

from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.integrations.models import Connection, FeedKind, ImportedPost, Provider


class ConnectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Connection

    user = factory.SubFactory(UserFactory)
    provider = Provider.BLOG
    url = factory.Sequence(lambda n: f"https://blog{n}.example.com/")
    feed_url = factory.LazyAttribute(lambda o: f"{o.url}feed")
    feed_kind = FeedKind.RSS
    title = "Ein Blog"


class ImportedPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportedPost

    connection = factory.SubFactory(ConnectionFactory)
    author = factory.LazyAttribute(lambda o: o.connection.user)
    external_id = factory.Sequence(lambda n: f"post-{n}")
    url = factory.LazyAttribute(lambda o: f"{o.connection.url}{o.external_id}")
    title = factory.Sequence(lambda n: f"Beitrag {n}")
    summary = "<p>Zusammenfassung</p>"
