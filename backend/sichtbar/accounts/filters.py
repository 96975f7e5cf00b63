"""Filters of the accounts list endpoints."""

import django_filters

from .models import Invitation, InvitationStatus, Role, User


class UserFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(choices=Role.choices)
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = User
        fields = ["role", "department", "location", "is_active"]


class InvitationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=InvitationStatus.choices)

    class Meta:
        model = Invitation
        fields = ["status", "role"]
