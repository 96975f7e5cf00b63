"""Role permissions: every endpoint states the lowest role that may call it."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from .models import Role


class _RolePermission(BasePermission):
    role: str = Role.EMPLOYEE
    message = _("Your role does not allow this action.")

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.has_role(self.role))


class IsEmployee(_RolePermission):
    role = Role.EMPLOYEE


class IsManager(_RolePermission):
    role = Role.MANAGER


class IsAdmin(_RolePermission):
    role = Role.ADMIN
