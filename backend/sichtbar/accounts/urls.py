"""Routes of the accounts app, mounted under /api/v1/."""

from django.urls import path

from sichtbar.core.throttling import throttle

from . import apis, oidc

urlpatterns = [
    path("auth/csrf/", apis.CsrfApi.as_view(), name="auth-csrf"),
    path("auth/login/", apis.LoginApi.as_view(), name="auth-login"),
    path("auth/logout/", apis.LogoutApi.as_view(), name="auth-logout"),
    path("auth/me/", apis.MeApi.as_view(), name="auth-me"),
    path("auth/config/", apis.AuthConfigApi.as_view(), name="auth-config"),
    path("auth/sso/start/", throttle("sso")(oidc.SsoStartView.as_view()), name="auth-sso-start"),
    path("auth/sso/callback/", throttle("sso")(oidc.SsoCallbackView.as_view()), name="auth-sso-callback"),
    path("auth/password-reset/", apis.PasswordResetApi.as_view(), name="auth-password-reset"),
    path(
        "auth/password-reset/confirm/",
        apis.PasswordResetConfirmApi.as_view(),
        name="auth-password-reset-confirm",
    ),
    path("auth/invitations/accept/", apis.InvitationAcceptApi.as_view(), name="auth-invitation-accept"),
    path(
        "auth/invitations/<str:token>/", apis.InvitationPreviewApi.as_view(), name="auth-invitation-preview"
    ),
    path("auth/tokens/", apis.ApiTokenListCreateApi.as_view(), name="auth-tokens"),
    path("auth/tokens/<str:token_key>/", apis.ApiTokenRevokeApi.as_view(), name="auth-token-revoke"),
    path("scim-tokens/", apis.ScimTokenListCreateApi.as_view(), name="scim-tokens"),
    path("scim-tokens/<id:pk>/", apis.ScimTokenRevokeApi.as_view(), name="scim-token-revoke"),
    path("users/", apis.UserListApi.as_view(), name="users"),
    path("users/invitations/", apis.InvitationListCreateApi.as_view(), name="invitations"),
    path("users/invitations/<id:pk>/", apis.InvitationRevokeApi.as_view(), name="invitation-revoke"),
    path("users/invitations/<id:pk>/resend/", apis.InvitationResendApi.as_view(), name="invitation-resend"),
    path("users/<id:pk>/", apis.UserDetailApi.as_view(), name="user-detail"),
    path("organisation/departments/", apis.DepartmentListCreateApi.as_view(), name="departments"),
    path("organisation/departments/<id:pk>/", apis.DepartmentDetailApi.as_view(), name="department-detail"),
    path("organisation/locations/", apis.LocationListCreateApi.as_view(), name="locations"),
    path("organisation/locations/<id:pk>/", apis.LocationDetailApi.as_view(), name="location-detail"),
    path("organisation/import/", apis.OrganisationImportApi.as_view(), name="organisation-import"),
]
