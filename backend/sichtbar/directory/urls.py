"""Routes of the directory app, mounted under /api/v1/."""

from django.urls import path

from . import apis

urlpatterns = [
    path("public/experts/<slug:slug>/", apis.PublicExpertDetailApi.as_view(), name="public-expert-detail"),
    path(
        "public/experts/<slug:slug>/contact/",
        apis.ContactRequestCreateApi.as_view(),
        name="public-expert-contact",
    ),
    path(
        "directory/experts/<slug:slug>/",
        apis.DirectoryExpertDetailApi.as_view(),
        name="directory-expert-detail",
    ),
    path("contact-requests/", apis.ContactRequestListApi.as_view(), name="contact-requests"),
    path("contact-requests/triage/", apis.ContactRequestTriageListApi.as_view(), name="contact-triage"),
    path(
        "contact-requests/<uuid:pk>/answer/",
        apis.ContactRequestAnswerApi.as_view(),
        name="contact-request-answer",
    ),
    path(
        "contact-requests/<uuid:pk>/close/",
        apis.ContactRequestCloseApi.as_view(),
        name="contact-request-close",
    ),
    path(
        "contact-requests/<uuid:pk>/assign/",
        apis.ContactRequestAssignApi.as_view(),
        name="contact-request-assign",
    ),
]
