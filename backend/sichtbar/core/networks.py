"""The social networks a person shares to and imports from: one enum every app may use (core is the floor)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Network(models.TextChoices):
    LINKEDIN = "linkedin", "LinkedIn"
    XING = "xing", "XING"
    MASTODON = "mastodon", "Mastodon"
    X = "x", "X"
    FACEBOOK = "facebook", "Facebook"
    EMAIL = "email", _("E-mail")
