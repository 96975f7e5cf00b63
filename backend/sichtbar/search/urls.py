"""Routes of the search app, mounted under /api/v1/ (before the directory's /public/experts/{slug}/)."""

from django.urls import path

from . import apis

urlpatterns = [
    path("public/experts/", apis.PublicExpertSearchApi.as_view(), name="public-experts-search"),
    path(
        "public/experts/autocomplete/",
        apis.PublicExpertAutocompleteApi.as_view(),
        name="public-experts-autocomplete",
    ),
    path("public/experts/match/", apis.PublicExpertMatchApi.as_view(), name="public-experts-match"),
    path("directory/experts/", apis.DirectoryExpertSearchApi.as_view(), name="directory-experts-search"),
    path(
        "directory/autocomplete/",
        apis.DirectoryExpertAutocompleteApi.as_view(),
        name="directory-autocomplete",
    ),
    path("directory/match/", apis.DirectoryExpertMatchApi.as_view(), name="directory-match"),
]
