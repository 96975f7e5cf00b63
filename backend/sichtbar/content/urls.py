"""Routes of the content app, mounted under /api/v1/."""

from django.urls import path

from . import apis

urlpatterns = [
    path("content/items/", apis.ContentItemListCreateApi.as_view(), name="content-items"),
    path("content/items/<id:pk>/", apis.ContentItemDetailApi.as_view(), name="content-item"),
    path("content/items/<id:pk>/image/", apis.ContentItemImageApi.as_view(), name="content-item-image"),
    path(
        "content/items/<id:pk>/transition/",
        apis.ContentItemTransitionApi.as_view(),
        name="content-item-transition",
    ),
    path(
        "content/items/<id:pk>/reviewers/",
        apis.ContentItemReviewersApi.as_view(),
        name="content-item-reviewers",
    ),
    path("content/settings/", apis.ContentSettingsApi.as_view(), name="content-settings"),
    path(
        "content/items/<id:pk>/comments/",
        apis.ContentItemCommentsApi.as_view(),
        name="content-item-comments",
    ),
    path("content/items/<id:pk>/history/", apis.ContentItemHistoryApi.as_view(), name="content-item-history"),
    path("content/review-queue/", apis.ContentReviewQueueApi.as_view(), name="content-review-queue"),
    path("content/available/", apis.ContentAvailableListApi.as_view(), name="content-available"),
    path("content/suggestions/", apis.ContentSuggestionListCreateApi.as_view(), name="content-suggestions"),
    path("content/sources/", apis.ContentSourceListCreateApi.as_view(), name="content-sources"),
    path("content/sources/<id:pk>/", apis.ContentSourceDetailApi.as_view(), name="content-source"),
    path(
        "content/sources/<id:pk>/import/",
        apis.ContentSourceImportApi.as_view(),
        name="content-source-import",
    ),
    path("content/check/", apis.ConfidentialityCheckApi.as_view(), name="content-check"),
    path("content/limits/", apis.NetworkLimitsApi.as_view(), name="content-limits"),
]
