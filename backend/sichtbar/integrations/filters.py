"""Query filters of the activity list."""

import django_filters

from sichtbar.api.fields import IdFilter

from .models import ImportedPost


class ImportedPostFilter(django_filters.FilterSet):
    connection = IdFilter(field_name="connection_id")

    class Meta:
        model = ImportedPost
        fields = ["connection", "show_on_profile"]
