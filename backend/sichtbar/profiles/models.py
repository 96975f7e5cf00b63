"""Expert profiles, their sections with per-section visibility, and the curated skill taxonomy."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from sichtbar.core.models import TimeStampedModel


class Visibility(models.TextChoices):
    """Who may see a section. Ordered: each level includes the audiences of the ones before it."""

    PRIVATE = "private", _("Only me")
    INTERNAL = "internal", _("Colleagues")
    PUBLIC_NOINDEX = "public_noindex", _("Public, not indexed by search engines")
    PUBLIC = "public", _("Public")


class Audience(models.TextChoices):
    """Who is looking: a colleague (signed in) or an external visitor."""

    INTERNAL = "internal", _("Colleagues")
    PUBLIC = "public", _("Visitors")


VISIBLE_TO = {
    Audience.INTERNAL: {Visibility.INTERNAL, Visibility.PUBLIC_NOINDEX, Visibility.PUBLIC},
    Audience.PUBLIC: {Visibility.PUBLIC_NOINDEX, Visibility.PUBLIC},
}


class Section(models.TextChoices):
    """Profile sections with their own visibility. `basics` (name, headline, photo, department,
    location) gates the whole profile: a section is never more visible than the basics."""

    BASICS = "basics", _("Name, headline, photo, department and location")
    BIO = "bio", _("About me")
    SKILLS = "skills", _("Skills")
    LANGUAGES = "languages", _("Languages")
    LINKS = "links", _("Links")
    AVAILABILITY = "availability", _("Availability")


class SkillStatus(models.TextChoices):
    APPROVED = "approved", _("Approved")
    PROPOSED = "proposed", _("Proposed")
    REJECTED = "rejected", _("Rejected")
    MERGED = "merged", _("Merged")


class Skill(TimeStampedModel):
    """A skill in the curated taxonomy, named in German and English, optionally below a parent skill."""

    slug = models.SlugField(max_length=120, unique=True)
    name_de = models.CharField(_("German name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent skill"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SkillStatus.choices, default=SkillStatus.APPROVED, db_index=True
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_skills",
    )

    class Meta:
        ordering = ["name_de"]
        constraints = [
            models.UniqueConstraint(
                Lower("name_de"), condition=models.Q(status="approved"), name="skill_name_de_unique_approved"
            ),
        ]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.name_de

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_de


class SkillAlias(models.Model):
    """A synonym or abbreviation of a skill ("K8s" for Kubernetes); search treats it as the skill."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("synonym"), max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="skill_alias_unique_ci")]
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")

    def __str__(self) -> str:
        return self.name


class Profile(TimeStampedModel):
    """An employee's expert profile. Nothing is visible outside the company until it is published."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    slug = models.SlugField(_("address"), max_length=120, unique=True, help_text=_("Part of the public URL."))
    headline_de = models.CharField(_("headline (German)"), max_length=160, blank=True)
    headline_en = models.CharField(_("headline (English)"), max_length=160, blank=True)
    bio_de = models.TextField(_("about me (German)"), blank=True, help_text=_("Sanitised HTML."))
    bio_en = models.TextField(_("about me (English)"), blank=True, help_text=_("Sanitised HTML."))
    photo = models.ImageField(_("photo"), upload_to="profiles/photos/", blank=True)

    available_for_press = models.BooleanField(_("available for press"), default=False)
    available_for_talks = models.BooleanField(_("available for talks"), default=False)
    available_for_customers = models.BooleanField(_("available for customer questions"), default=False)
    available_for_mentoring = models.BooleanField(_("available for mentoring"), default=False)
    availability_topics = models.ManyToManyField(
        Skill, verbose_name=_("availability topics"), blank=True, related_name="available_profiles"
    )
    available_until = models.DateField(_("available until"), null=True, blank=True)
    availability_note = models.CharField(_("availability note"), max_length=280, blank=True)

    visibility_basics = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    visibility_bio = models.CharField(max_length=16, choices=Visibility.choices, default=Visibility.INTERNAL)
    visibility_skills = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    visibility_languages = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    visibility_links = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    visibility_availability = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    search_dirty = models.BooleanField(default=True, db_index=True, help_text="Needs (re)indexing.")
    # Evidence from imported activity (volume and recency of posts), 0..1; feeds the directory ranking.
    activity_score = models.FloatField(default=0.0)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")

    def __str__(self) -> str:
        return self.slug

    def section_visibility(self, section: str) -> str:
        """The effective visibility: a section is never more visible than the basics, and an
        unpublished profile is visible to colleagues at most."""
        order = list(Visibility.values)
        own = getattr(self, f"visibility_{section}")
        effective = min(own, self.visibility_basics, key=order.index)
        if not self.is_published and order.index(effective) > order.index(Visibility.INTERNAL):
            effective = Visibility.INTERNAL
        return effective

    def visible_to(self, section: str, audience: str) -> bool:
        return self.user.is_active and self.section_visibility(section) in VISIBLE_TO[Audience(audience)]

    @property
    def is_indexable(self) -> bool:
        """Search engines may index the public page (the public-noindex tier sends noindex)."""
        return self.section_visibility(Section.BASICS) == Visibility.PUBLIC


class LanguageLevel(models.TextChoices):
    NATIVE = "native", _("Native")
    C2 = "C2", "C2"
    C1 = "C1", "C1"
    B2 = "B2", "B2"
    B1 = "B1", "B1"
    A2 = "A2", "A2"
    A1 = "A1", "A1"


class ProfileLanguage(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language"), max_length=8, help_text=_("ISO 639-1, e.g. de, en, tr"))
    level = models.CharField(_("level"), max_length=8, choices=LanguageLevel.choices)

    class Meta:
        ordering = ["profile", "code"]
        constraints = [models.UniqueConstraint(fields=["profile", "code"], name="profile_language_unique")]

    def __str__(self) -> str:
        return f"{self.code} ({self.level})"


class LinkKind(models.TextChoices):
    LINKEDIN = "linkedin", "LinkedIn"
    XING = "xing", "XING"
    BLOG = "blog", _("Blog")
    ORCID = "orcid", "ORCID"
    GITHUB = "github", "GitHub"
    MASTODON = "mastodon", "Mastodon"
    WEBSITE = "website", _("Website")


class ProfileLink(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("kind"), max_length=16, choices=LinkKind.choices)
    url = models.URLField(_("address"), max_length=500)

    class Meta:
        ordering = ["profile", "kind"]
        constraints = [models.UniqueConstraint(fields=["profile", "kind", "url"], name="profile_link_unique")]

    def __str__(self) -> str:
        return self.url


class ProfileSkill(models.Model):
    """A skill on a profile: level 1 (basics) to 5 (recognised expert), interest and sharing flags."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="profile_skills")
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    interest = models.BooleanField(_("want to grow in this"), default=False)
    ask_me_about = models.BooleanField(_("ask me about"), default=False)
    can_mentor = models.BooleanField(_("can mentor"), default=False)

    class Meta:
        ordering = ["-level", "skill__name_de"]
        constraints = [models.UniqueConstraint(fields=["profile", "skill"], name="profile_skill_unique")]

    def __str__(self) -> str:
        return f"{self.skill} ({self.level})"


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    DISMISSED = "dismissed", _("Dismissed")


class SkillSuggestion(TimeStampedModel):
    """A skill found in a person's imported posts. Accepting adds it to the profile; a dismissed skill is
    never suggested again. Recomputed after every import (sichtbar.profiles.services)."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="skill_suggestions")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="suggestions")
    evidence_count = models.PositiveIntegerField(_("posts mentioning it"), default=0)
    last_seen = models.DateTimeField(_("last mentioned"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )

    class Meta:
        ordering = ["-evidence_count", "-last_seen", "id"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="profile_skill_suggestion_unique")
        ]
        verbose_name = _("skill suggestion")
        verbose_name_plural = _("skill suggestions")

    def __str__(self) -> str:
        return f"{self.skill} ({self.evidence_count}, {self.status})"
