"""The organisation's privacy settings and each person's consent that others see their figures: low in
the layers, so that every app that shows a person's figures (links, directory, monitoring, analytics)
asks the same place whether works-council mode hides them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sichtbar.core.models import TimeStampedModel


class OrganisationPrivacy(TimeStampedModel):
    """The one row of the organisation's privacy settings (administrators). An empty value means the
    environment's default (`WORKS_COUNCIL_MODE`)."""

    works_council_mode = models.BooleanField(_("works-council mode"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisation privacy settings")
        verbose_name_plural = _("organisation privacy settings")

    def __str__(self) -> str:
        return "organisation privacy settings"


class FiguresOptIn(TimeStampedModel):
    """A person's opt-in: appear on the leaderboard and let managers see their own figures (in
    works-council mode; outside it managers see them anyway)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="figures_opt_in"
    )
    share_figures = models.BooleanField(
        _("show my figures to managers and on the leaderboard"), default=False
    )
    opted_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("opt-in to showing my figures")
        verbose_name_plural = _("opt-ins to showing figures")

    def __str__(self) -> str:
        return f"FiguresOptIn {self.user_id}: {self.share_figures}"
