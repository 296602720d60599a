"""Storage of the embedded search engine, plus what editors and analytics keep about search.

`SearchEntry` is one indexed page, already analysed: the full-text structures are built
on its `*_terms` columns by the database itself (an FTS5 external-content table kept in
sync by triggers on SQLite; a generated, GIN-indexed `tsvector` on PostgreSQL; see
migration 0002). `SearchFacetValue` rows carry the facet values counted per query.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

FACETS = [
    "type",
    "soort",
    "fase",
    "gebied",
    "gemeente",
    "organisatie",
    "actielijn",
    "doel",
    "thema",
    "doelgroep",
    "tag",
    "jaar",
]


class Visibility(models.TextChoices):
    PUBLIC = "openbaar", _("Openbaar")
    PROFESSIONALS = "professionals", _("Alleen voor professionals")


class SearchEntry(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="search_entry"
    )
    doc_type = models.CharField(max_length=20, db_index=True)
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500)
    date = models.DateField(null=True, db_index=True)
    visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC, db_index=True
    )
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True, help_text="Plain text, for snippets.")
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    title_words = models.TextField(blank=True, help_text="Folded, unstemmed title words.")
    vocabulary = models.TextField(
        blank=True, help_text="Unique folded words of the document (feeds SearchWord counts)."
    )
    indexed_at = models.DateTimeField(auto_now=True)
    source_updated_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("zoekindex-item")
        verbose_name_plural = _("zoekindex")

    def __str__(self):
        return self.title


class SearchFacetValue(models.Model):
    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=200)
    label = models.CharField(max_length=255)

    class Meta:
        indexes = [models.Index(fields=["facet", "value"], name="search_facet_value_idx")]
        constraints = [
            models.UniqueConstraint(fields=["entry", "facet", "value"], name="search_facet_unique")
        ]

    def __str__(self):
        return f"{self.facet}={self.value}"


class IndexState(models.Model):
    """One row whose token changes with every write to the index, in the same transaction.

    Caches built from the index (the facet bitsets of `search.facetindex`) compare the token:
    a one-row read per search instead of an aggregate over every entry. A fresh random token
    (not a counter) stays unique when a transaction that wrote the index is rolled back.
    """

    token = models.CharField(max_length=32)

    @classmethod
    def bump(cls) -> None:
        token = uuid.uuid4().hex
        if not cls.objects.filter(pk=1).update(token=token):
            cls.objects.create(pk=1, token=token)

    def __str__(self):
        return self.token

    @classmethod
    def current_token(cls) -> str:
        return cls.objects.filter(pk=1).values_list("token", flat=True).first() or ""


class SearchWord(models.Model):
    """Vocabulary with document counts per visibility: spelling suggestions and autocomplete.

    Counted separately for public documents so that a word that occurs only in
    professionals-only content is never suggested to an anonymous visitor.
    """

    word = models.CharField(max_length=100, unique=True)
    public_docs = models.IntegerField(default=0)
    all_docs = models.IntegerField(default=0)

    def __str__(self):
        return self.word


class SynonymGroup(models.Model):
    """A line of words that mean the same to a searcher, e.g. 'IMG = Instituut Mijnbouwschade'.

    Editors maintain these in the admin; a change applies to the next query (no redeploy).
    """

    terms = models.CharField(
        _("synoniemen"),
        max_length=500,
        unique=True,
        help_text=_("Woorden of woordgroepen met dezelfde betekenis, gescheiden door '='."),
    )
    active = models.BooleanField(_("actief"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("terms"), FieldPanel("active")]

    class Meta:
        verbose_name = _("synoniemengroep")
        verbose_name_plural = _("synoniemen")
        ordering = ["terms"]

    def __str__(self):
        return self.terms


class QueryLog(models.Model):
    """One search, normalised, without IP or user: what was asked and how many hits it found."""

    query = models.CharField(max_length=200, db_index=True)
    filters = models.CharField(max_length=500, blank=True)
    results = models.PositiveIntegerField()
    clicks = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("zoekvraag")
        verbose_name_plural = _("zoekvragen")

    def __str__(self):
        return self.query
