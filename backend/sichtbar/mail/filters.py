"""Filters of the outbox list: status, kind and recipient."""

import django_filters

from .models import OutboxMail


class OutboxMailFilter(django_filters.FilterSet):
    class Meta:
        model = OutboxMail
        fields = ["status", "template"]
