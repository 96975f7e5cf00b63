"""Routes of the governance app, mounted under /api/v1/ (the same paths as before the app existed)."""

from django.urls import path

from . import apis

urlpatterns = [
    path("content/rules/", apis.ConfidentialityRuleListCreateApi.as_view(), name="content-rules"),
    path("content/rules/<id:pk>/", apis.ConfidentialityRuleDetailApi.as_view(), name="content-rule"),
    path("guidelines/", apis.GuidelineListCreateApi.as_view(), name="guidelines"),
    path("guidelines/current/", apis.GuidelineCurrentApi.as_view(), name="guidelines-current"),
    path("guidelines/current/accept/", apis.GuidelineAcceptApi.as_view(), name="guidelines-accept"),
    path("guidelines/<id:pk>/", apis.GuidelineDetailApi.as_view(), name="guideline"),
    path("guidelines/<id:pk>/publish/", apis.GuidelinePublishApi.as_view(), name="guideline-publish"),
]
