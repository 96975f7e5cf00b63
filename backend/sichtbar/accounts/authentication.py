"""Personal API token authentication (knox) that records when a token was last used."""

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from knox.auth import TokenAuthentication

from .models import ApiToken


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token sb_…`. Last use is written at most once a minute per token."""

    def validate_user(self, auth_token: Any) -> tuple[Any, Any]:
        user, token = super().validate_user(auth_token)
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
            # After the request's transaction, as a write of its own: bookkeeping never turns a read
            # request into a write (on SQLite that upgrade can fail under load).
            transaction.on_commit(lambda: ApiToken.objects.filter(pk=token.pk).update(last_used_at=now))
            token.last_used_at = now
        return user, token
