"""The database search index: one row per (profile, audience) with only what that audience may see."""

from django.contrib.postgres.search import SearchVectorField
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from sichtbar.profiles.models import Audience, Profile


class SearchDocument(models.Model):
    """A profile as one audience may see it, flattened for search. Rebuilt from the profile selectors;
    sections the audience may not see never reach this table."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="search_documents")
    audience = models.CharField(max_length=16, choices=Audience.choices)
    slug = models.SlugField(max_length=120)
    name = models.CharField(max_length=320)
    sort_name = models.CharField(max_length=320, db_index=True)
    headline_de = models.CharField(max_length=160, blank=True)
    headline_en = models.CharField(max_length=160, blank=True)
    department_id_value = models.BigIntegerField(null=True, db_index=True)
    department_name = models.CharField(max_length=120, blank=True)
    location_id_value = models.BigIntegerField(null=True, db_index=True)
    location_name = models.CharField(max_length=120, blank=True)
    max_level = models.PositiveSmallIntegerField(default=0)
    quality = models.FloatField(default=0.0, help_text="Completeness and recency, 0..1.")
    facet_terms = models.TextField(
        blank=True,
        help_text="The terms rows as 'facet:value' words (PostgreSQL counts facets from this column "
        "instead of joining the terms table).",
    )
    activity = models.FloatField(default=0.0, help_text="Profile.activity_score (imported posts), 0..1.")
    skill_levels = models.TextField(
        blank=True,
        help_text="' slug:level' per visible skill (its level) and per ancestor of one (the highest level "
        "below it, one lower), so ranking reads a recognised skill's level, descendants included, with one "
        "lookup.",
    )
    indexed_at = models.DateTimeField(auto_now=True)
    # PostgreSQL only (stays NULL on SQLite, which uses the FTS5 table search_fts instead).
    search_vector = SearchVectorField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "audience"], name="search_document_unique"),
        ]
        indexes = [
            models.Index(fields=["audience", "sort_name"], name="search_doc_audience_name"),
            # browsing without a query: best profiles first
            models.Index(
                fields=["audience", "-quality", "sort_name", "id"], name="search_doc_audience_quality"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.slug} ({self.audience})"


class SearchDocumentText(models.Model):
    """A document's long texts, kept out of its row: a text query reads every matching SearchDocument row
    (total, facets, pre-rank), but these only for the page's hits. A narrow row packs about twice as
    many documents into a page, and the scan costs by the page."""

    document = models.OneToOneField(
        SearchDocument, on_delete=models.CASCADE, primary_key=True, related_name="text"
    )
    bio_text = models.TextField(blank=True)
    skills_text = models.TextField(blank=True, help_text="Visible skill names (de, en) and synonyms.")
    meta_text = models.TextField(blank=True, help_text="Department, location, availability topics.")
    expansions = models.TextField(blank=True, help_text="Joined and split compounds, for matching only.")
    embedding = models.BinaryField(
        null=True,
        help_text="The dense vector of what this audience sees (float16, see search/embeddings.py); "
        "NULL until computed.",
    )
    embedding_digest = models.CharField(
        max_length=32, blank=True, db_index=True, help_text="Model and text the embedding was computed from."
    )
    cards = models.JSONField(
        default=dict,
        encoder=DjangoJSONEncoder,
        help_text="The ExpertCard per language (de, en) as this audience saw it at indexing time, so a "
        "results page needs no joins; sections are re-checked against the profile when served.",
    )

    def __str__(self) -> str:
        return f"text of {self.document_id}"


class TermFacet(models.TextChoices):
    SKILL = "skill", "skill"
    LANGUAGE = "language", "language"
    AVAILABILITY = "availability", "availability"


class SearchTerm(models.Model):
    """A filterable, countable value of a document: a visible skill (with level), language or availability."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="terms")
    facet = models.CharField(max_length=16, choices=TermFacet.choices)
    value = models.CharField(max_length=120)
    level = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["facet", "value", "level"], name="search_term_lookup"),
            models.Index(fields=["document", "facet"], name="search_term_document"),
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"
