"""Storage of the embedded search engine, plus what editors and analytics keep about search.

`SearchEntry` is one indexed page, already analysed: the full-text structures are built
on its `*_terms` columns (title, summary, body, slide text, labels) by the database itself
(an FTS5 external-content table kept in sync by triggers on SQLite; a generated,
GIN-indexed, weighted `tsvector` on PostgreSQL; see migrations 0002 and 0012).
`SearchFacetValue` rows carry the facet values counted per query. Every entry stores the
`audience` key of its page (`kennisbank.visibility.Audience.key`), as does every
vocabulary count (`SearchWord`), so that a query sees only what its viewer may see.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from kennisbank.models.changes import log_token, prune_log
from search.registry import FACETS  # noqa: F401 - the facet names, derived from registrations


class SearchEntry(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="search_entry"
    )
    doc_type = models.CharField(max_length=20, db_index=True)
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500)
    date = models.DateField(null=True, db_index=True)
    # `Audience.key` of the page; no default: an entry written without one is for nobody.
    audience = models.CharField(max_length=255, db_index=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True, help_text="Plain text, for snippets.")
    # The analysed fields, weighted apart when ranking (title > summary > body > slide text
    # > labels; `search.engines.database`).
    title_terms = models.TextField(blank=True)
    summary_terms = models.TextField(blank=True, default="")
    body_terms = models.TextField(blank=True)
    slide_terms = models.TextField(blank=True, default="")
    label_terms = models.TextField(blank=True, default="")
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


def _new_stamp() -> str:
    return uuid.uuid4().hex


class IndexFormat(models.Model):
    """The format an engine's index was last built or refreshed in (`search.indexer`).

    A deploy compares it with the code's (`indexer.index_format`): when the documents or
    their analysis changed (snippets from rendered text instead of Markdown, a new lexicon),
    `search_index upgrade` re-analyses every page in place, so old entries never show the
    old format for longer than that step, and searches keep answering meanwhile."""

    engine = models.CharField(max_length=30, primary_key=True)
    version = models.CharField(max_length=100)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("zoekindexformaat")

    def __str__(self):
        return f"{self.engine}: {self.version}"


class IndexChange(models.Model):
    """An append-only log of writes to the index: each write adds a row in its transaction.

    Caches built from the index (the facet bitsets of `search.facetindex`) compare a token
    of this log (`current_token`): a one-row aggregate per search instead of one over every
    entry. Writers only insert, so concurrent writers never wait on one hot row; the log is
    pruned now and then (`record`). The token combines count, sum and maximum of the ids (a
    transaction that commits late with a lower id still changes it) with the largest of the
    rows' random stamps (an id reused after a rollback does not bring an old token back).

    A row names the entries its write added, removed or changed (`entries`, ids separated by
    spaces), so a cache that has applied the rows before it reloads only those; `full` says
    that anything may have changed (the index was cleared, or the write was too large to
    list), and a cache then builds itself again.
    """

    KEEP = 200  # rows kept when pruning
    MAX_ENTRIES = 5000  # a write touching more entries is recorded as `full`

    stamp = models.CharField(max_length=32, default=_new_stamp)
    entries = models.TextField(blank=True, default="")
    full = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("zoekindexwijziging")

    def __str__(self):
        return str(self.pk)

    @classmethod
    def record(cls, entries=None) -> None:
        """Log a write to the index: `entries`, the ids of the entries it added, removed or
        changed; None (or more than `MAX_ENTRIES`) for a change to anything."""
        ids = None if entries is None else sorted({int(pk) for pk in entries})
        if ids is None or len(ids) > cls.MAX_ENTRIES:
            change = cls.objects.create(full=True)
        else:
            change = cls.objects.create(full=False, entries=" ".join(map(str, ids)))
        prune_log(cls, change)

    @classmethod
    def current_token(cls) -> str:
        return log_token(cls)


class SearchWord(models.Model):
    """The suggestion vocabulary, with document counts per audience key: spelling suggestions
    and autocomplete.

    A row is one suggestion of one `kind` for one audience: a word (``w``), two content
    words in a row (``p``, so autocomplete can prefer what follows the words typed before),
    a title (``t``) or a facet label (the facet's name: ``gebied``, ``organisatie``, ...).
    `word` is the folded key that prefixes are matched on; `display` the form shown (case,
    accents, apostrophes as written). A viewer's count of a row is the sum over the audiences
    the viewer may see, so nothing that occurs only in content someone may not see is ever
    suggested to them. Queries read one audience key at a time as a range of the covering
    index (audience, kind, word, docs), so a prefix is an index range scan at any size.
    """

    WORD, PAIR, TITLE = "w", "p", "t"

    word = models.CharField(max_length=100)
    kind = models.CharField(max_length=30, default=WORD)
    display = models.CharField(max_length=200, blank=True, default="")
    audience = models.CharField(max_length=255)
    docs = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["audience", "kind", "word"], name="search_word_audience_unique"
            )
        ]
        indexes = [
            models.Index(fields=["audience", "kind", "word", "docs"], name="search_word_prefix"),
        ]

    def __str__(self):
        return self.display or self.word


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
    """One search, normalised, without IP or user: what was asked and how many hits it found.

    Written in batches after the response (`search.analytics`), which gives each row its id
    (so a result link can count its click before the row is written) and its time."""

    query = models.CharField(max_length=200, db_index=True)
    filters = models.CharField(max_length=500, blank=True)
    results = models.PositiveIntegerField()
    clicks = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("zoekvraag")
        verbose_name_plural = _("zoekvragen")

    def __str__(self):
        return self.query


class RelatedSet(models.Model):
    """'Meer zoals dit' of one page, stored (`search.related`): the ids of the pages most
    alike, best first, as the engine found them for every audience. Shared by all workers;
    valid while the page's index entry is the one it was computed from (`entry_id`) and it
    is younger than `SEARCH_RELATED_MAX_AGE`. Never shown as is: every read filters the ids
    through the visibility policy."""

    page_id = models.IntegerField(primary_key=True)
    entry_id = models.IntegerField()
    related_ids = models.TextField(blank=True, help_text="Comma-separated page ids, best first.")
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("meer-zoals-dit")
        verbose_name_plural = _("meer-zoals-dit")

    def __str__(self):
        return str(self.page_id)
