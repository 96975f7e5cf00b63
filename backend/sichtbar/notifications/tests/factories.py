"""Factories of the notifications app."""

import factory

from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.notifications.models import Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = "content_important"
    title = "Wichtig: Neuer Beitrag"
    url = "/content/available"
