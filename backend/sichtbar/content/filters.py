"""Query filters of the content hub's list."""

import django_filters

from .models import ContentItem


class ContentItemFilter(django_filters.FilterSet):
    language = django_filters.CharFilter()

    class Meta:
        model = ContentItem
        fields = ["status", "kind", "language", "important"]
