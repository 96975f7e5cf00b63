"""Password authentication for every login form (API, Django admin): Django's model backend behind the
per-account lockout (sichtbar/accounts/lockout.py)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from .lockout import login_lock_remaining


class LockoutModelBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        user_model = get_user_model()
        if username is None:
            username = kwargs.get(user_model.USERNAME_FIELD)
        if username and password is not None and login_lock_remaining(email=username):
            # As much work as a real attempt (one password hash), then refuse: Django's authenticate()
            # stops at PermissionDenied and reports a failed login, whatever the password.
            user_model().set_password(password)
            raise PermissionDenied
        return super().authenticate(request, username=username, password=password, **kwargs)
