"""Routes of the mail app, mounted under /api/v1/."""

from django.urls import path

from . import apis

urlpatterns = [
    path("mail-outbox/", apis.OutboxMailListApi.as_view(), name="mail-outbox"),
    path("mail-outbox/<int:mail_id>/resend/", apis.OutboxMailResendApi.as_view(), name="mail-outbox-resend"),
]
