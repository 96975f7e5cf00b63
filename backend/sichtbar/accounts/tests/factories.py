from datetime import timedelta

import factory
from django.utils import timezone

from sichtbar.accounts.models import (
    Department,
    Invitation,
    InvitationStatus,
    Location,
    Role,
    User,
    hash_secret,
)

TEST_PASSWORD = "correct-horse-battery-9"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"Abteilung {n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"Standort {n}")
    city = "München"
    country = "DE"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    role = Role.EMPLOYEE
    department = factory.SubFactory(DepartmentFactory)
    location = factory.SubFactory(LocationFactory)
    password = factory.django.Password(TEST_PASSWORD)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    class Params:
        secret = factory.Sequence(lambda n: f"invitation-secret-{n}")

    email = factory.Sequence(lambda n: f"invitee{n}@example.com")
    first_name = "Ina"
    last_name = "Eingeladen"
    role = Role.EMPLOYEE
    token_hash = factory.LazyAttribute(lambda o: hash_secret(o.secret))
    status = InvitationStatus.PENDING
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
