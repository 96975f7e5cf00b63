"""Facts the directory records: daily profile views and search appearances per audience, and contact
requests to experts.

No table stores a visitor's IP address or a visitor's user id.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from sichtbar.core.models import TimeStampedModel
from sichtbar.profiles.models import Audience, Profile


class ProfileView(models.Model):
    """How often a profile was opened on one day by one audience (a counter, not a log)."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="views")
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices)
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        ordering = ["-day", "profile"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "audience", "day"], name="profile_view_unique_day")
        ]
        verbose_name = _("profile view")
        verbose_name_plural = _("profile views")

    def __str__(self) -> str:
        return f"{self.profile_id} {self.audience} {self.day}: {self.count}"


class SearchAppearance(models.Model):
    """How often a profile appeared on a results page of the directory search on one day, per audience.

    Counted without touching the database on the search request: increments are buffered in Redis and
    flushed here by a periodic task (see `directory.services.search_appearances_flush`). The analytics app
    reads this table as a fact: profile_id, day, audience, count."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="search_appearances")
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices)
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("appearances"), default=0)

    class Meta:
        ordering = ["-day", "profile"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "audience", "day"], name="search_appearance_unique_day"
            )
        ]
        verbose_name = _("search appearance")
        verbose_name_plural = _("search appearances")

    def __str__(self) -> str:
        return f"{self.profile_id} {self.audience} {self.day}: {self.count}"


class SearchAppearanceFlush(models.Model):
    """A buffered batch already written to SearchAppearance: a retried flush of the same batch (the
    worker died between the database commit and deleting the Redis key) is not counted twice."""

    token = models.CharField(max_length=64, unique=True)
    flushed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.token


class ContactTopic(models.TextChoices):
    PRESS = "press", _("Press enquiry")
    TALK = "talk", _("Talk or event")
    CUSTOMER = "customer", _("Customer question")
    OTHER = "other", _("Other")


class ContactStatus(models.TextChoices):
    NEW = "new", _("New")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class ContactRequest(TimeStampedModel):
    """A visitor's message to an expert. It sits in the inbox of `assigned_to` (the addressed expert
    unless the press triage moved it); press requests also show in the managers' triage queue."""

    # A UUID, so the public create endpoint reveals nothing about how many requests exist, and a
    # discarded (honeypot) request can be answered with an id of the same form.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    profile = models.ForeignKey(
        Profile, verbose_name=_("addressed expert"), on_delete=models.CASCADE, related_name="contact_requests"
    )
    assigned_to = models.ForeignKey(
        Profile,
        verbose_name=_("assigned expert"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_contact_requests",
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"), max_length=254)
    organisation = models.CharField(_("organisation"), max_length=160, blank=True)
    topic = models.CharField(_("topic"), max_length=16, choices=ContactTopic.choices, db_index=True)
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language"), max_length=2, default="de")
    consent = models.BooleanField(_("consent to processing"), default=False)
    consent_version = models.CharField(_("consent text version"), max_length=32)
    status = models.CharField(
        _("status"), max_length=16, choices=ContactStatus.choices, default=ContactStatus.NEW, db_index=True
    )
    reply = models.TextField(_("reply"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    response_seconds = models.PositiveIntegerField(_("response time (seconds)"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    assignee_notified_at = models.DateTimeField(null=True, blank=True)
    acknowledgement_sent_at = models.DateTimeField(null=True, blank=True)
    reply_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["topic", "status", "created_at"], name="contact_triage_idx")]
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")

    def __str__(self) -> str:
        return f"{self.get_topic_display()}: {self.name} → {self.profile_id}"
