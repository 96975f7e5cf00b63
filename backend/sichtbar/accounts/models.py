"""Users with e-mail login and a role, organisation data, invitations and personal API tokens."""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken

from sichtbar.core.models import TimeStampedModel


class Role(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    MANAGER = "manager", _("Manager")
    ADMIN = "admin", _("Administrator")


ROLE_RANK = {Role.EMPLOYEE: 1, Role.MANAGER: 2, Role.ADMIN: 3}


class Language(models.TextChoices):
    DE = "de", _("German")
    EN = "en", _("English")


class Department(TimeStampedModel):
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="department_name_unique_ci")]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class Location(TimeStampedModel):
    name = models.CharField(_("name"), max_length=120)
    city = models.CharField(_("city"), max_length=120)
    country = models.CharField(_("country"), max_length=2, default="DE", help_text=_("ISO 3166-1 alpha-2"))

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="location_name_unique_ci")]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.update(role=Role.ADMIN, is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):  # type: ignore[django-manager-missing]
    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.EMPLOYEE, db_index=True
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.DE)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # When the account was last deactivated: retention erases it DEACTIVATED_ACCOUNT_RETENTION_DAYS later.
    deactivated_at = models.DateTimeField(_("deactivated at"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.email

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.first_name or self.email

    def has_role(self, role: str) -> bool:
        """Roles are ordered: an admin can do what a manager can, a manager what an employee can."""
        return self.is_active and ROLE_RANK[Role(self.role)] >= ROLE_RANK[Role(role)]


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Invitation(TimeStampedModel):
    """An e-mail invitation; only the hash of the link's secret is stored."""

    email = models.EmailField(_("e-mail address"))
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.EMPLOYEE)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.SET_NULL)
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.SET_NULL)
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
        db_index=True,
    )
    invited_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations_sent"
    )
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations"
    )
    expires_at = models.DateTimeField(_("expires at"))
    # The invitee's language (mail and account); empty = the company default (LANGUAGE_CODE).
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, blank=True)
    # The latest invitation mail in the outbox; when it went out is the mail's sent_at.
    mail = models.ForeignKey(
        "mail.OutboxMail", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=models.Q(status="pending"), name="invitation_one_pending_per_email"
            )
        ]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} ({self.status})"

    @staticmethod
    def new_secret() -> str:
        return secrets.token_urlsafe(32)

    @staticmethod
    def default_expiry(days: int) -> datetime:
        return timezone.now() + timedelta(days=days)


class ApiToken(AbstractAuthToken):
    """A personal API token (knox stores only its digest); named so its owner can tell them apart."""

    name = models.CharField(_("name"), max_length=100)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")


class ScimToken(TimeStampedModel):
    """A bearer token an administrator created for an identity provider's SCIM client; only its hash is
    stored (the secret is shown once)."""

    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("SCIM token")
        verbose_name_plural = _("SCIM tokens")

    def __str__(self) -> str:
        return self.name


class ScimResource(TimeStampedModel):
    """A user or group as the identity provider sent it over SCIM (RFC 7643): the attributes we map onto a
    user or a department live there; the others are kept as sent, so the provider reads back what it wrote.
    """

    KIND_USER = "User"
    KIND_GROUP = "Group"

    kind = models.CharField(max_length=10, choices=[("User", "User"), ("Group", "Group")])
    scim_id = models.UUIDField(unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="scim"
    )
    department = models.OneToOneField(
        Department, null=True, blank=True, on_delete=models.CASCADE, related_name="scim"
    )
    attributes = models.JSONField(default=dict)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.kind} {self.scim_id}"
