"""Filters of the contact-request lists."""

import django_filters

from .models import ContactRequest, ContactStatus, ContactTopic


class ContactRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ContactStatus.choices)
    topic = django_filters.ChoiceFilter(choices=ContactTopic.choices)

    class Meta:
        model = ContactRequest
        fields = ["status", "topic"]


class ContactTriageFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ContactStatus.choices)

    class Meta:
        model = ContactRequest
        fields = ["status"]
