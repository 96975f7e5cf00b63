"""Routes of the profiles app, mounted under /api/v1/."""

from django.urls import path

from . import apis

urlpatterns = [
    path("profile/", apis.MyProfileApi.as_view(), name="profile"),
    path("profile/skills/", apis.MySkillsApi.as_view(), name="profile-skills"),
    path("profile/languages/", apis.MyLanguagesApi.as_view(), name="profile-languages"),
    path("profile/links/", apis.MyLinksApi.as_view(), name="profile-links"),
    path("profile/photo/", apis.MyPhotoApi.as_view(), name="profile-photo"),
    path("profile/publish/", apis.MyProfilePublishApi.as_view(publish=True), name="profile-publish"),
    path("profile/unpublish/", apis.MyProfilePublishApi.as_view(publish=False), name="profile-unpublish"),
    path("profile/preview/", apis.MyProfilePreviewApi.as_view(), name="profile-preview"),
    path(
        "profile/skill-suggestions/",
        apis.MySkillSuggestionListApi.as_view(),
        name="profile-skill-suggestions",
    ),
    path(
        "profile/skill-suggestions/<id:pk>/accept/",
        apis.MySkillSuggestionAcceptApi.as_view(),
        name="profile-skill-suggestion-accept",
    ),
    path(
        "profile/skill-suggestions/<id:pk>/dismiss/",
        apis.MySkillSuggestionDismissApi.as_view(),
        name="profile-skill-suggestion-dismiss",
    ),
    path("skills/", apis.SkillListCreateApi.as_view(), name="skills"),
    path("skills/autocomplete/", apis.SkillAutocompleteApi.as_view(), name="skills-autocomplete"),
    path("skills/proposals/", apis.SkillProposalApi.as_view(), name="skills-propose"),
    path("skills/<id:pk>/", apis.SkillDetailApi.as_view(), name="skill-detail"),
    path("skills/<id:pk>/approve/", apis.SkillReviewApi.as_view(approve=True), name="skill-approve"),
    path("skills/<id:pk>/reject/", apis.SkillReviewApi.as_view(approve=False), name="skill-reject"),
    path("skills/<id:pk>/merge/", apis.SkillMergeApi.as_view(), name="skill-merge"),
]
