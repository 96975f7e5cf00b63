"""Routes of the organisation app, mounted under /api/v1/."""

from django.urls import path

from . import apis

urlpatterns = [
    path("organisation/privacy/", apis.OrganisationPrivacyApi.as_view(), name="organisation-privacy"),
]
