"""Password authentication for every login form (API, Django admin): Django's model backend behind the
per-account lockout (sichtbar/accounts/lockout.py)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend, ModelBackend
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


# Apps whose records administrators manage in the Django admin (pausing a periodic task, docs/operations.md);
# everything else is read-only there: changes go through the app, whose services validate and audit.
ADMIN_ROLE_MANAGED_APPS = frozenset({"django_celery_beat"})


class AdminRolePermissionBackend(BaseBackend):
    """Django admin permissions of the `admin` role, so administrators can use the admin the README links:
    view everything, manage the periodic tasks. Authenticates nobody; superusers keep every permission."""

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        from django.apps import apps
        from django.contrib.auth import get_permission_codename

        if not (user_obj.is_active and user_obj.is_staff and getattr(user_obj, "role", None) == "admin"):
            return set()
        if not hasattr(user_obj, "_admin_role_perm_cache"):
            perms = set()
            for model in apps.get_models():
                opts = model._meta
                actions = (
                    ("view", "add", "change", "delete")
                    if opts.app_label in ADMIN_ROLE_MANAGED_APPS
                    else ("view",)
                )
                perms |= {f"{opts.app_label}.{get_permission_codename(a, opts)}" for a in actions}
            user_obj._admin_role_perm_cache = perms
        return set(user_obj._admin_role_perm_cache)

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return any(perm.startswith(f"{app_label}.") for perm in self.get_all_permissions(user_obj))
