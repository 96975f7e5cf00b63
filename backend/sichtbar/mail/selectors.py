"""Reads of the mail outbox (for administrators)."""

from django.db.models import QuerySet

from .models import OutboxMail


def outbox_mail_list() -> QuerySet[OutboxMail]:
    return OutboxMail.objects.all()
