"""What the search index knows of a page: its text, facet values and audience.

The content apps build the text and facets (`search.registry`: each registered type has
a builder that reads the page only). The text comes in fields that the engines weigh apart,
highest first: title, summary, body, slide text; the facet labels (taxonomy, tags) weigh
least and match as whole names. This module adds what every document gets from the
search itself: its type, its year, and its audience from the one visibility policy
(`kennisbank.visibility`). A page whose audience is nobody (not live, password) is not
indexed at all. Analysis and storage happen in the engines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from wagtail.models import Page

from kennisbank.visibility import Audience, audiences_of
from search import registry

# The format of the documents this module and the content apps' builders produce, with
# their analysis. Bump it with any change to what a document holds or how its text is made
# (a deploy's `search_index upgrade` then re-analyses every page; see `IndexFormat`).
# 2: summary and body as rendered plain text (no Markdown syntax in snippets).
# 3: taxonomy labels analysed as whole names (no compound parts; `analysis.analyze_label`).
# 4: summary, body, slide text and labels in fields of their own, weighted apart.
DOCUMENT_FORMAT = 4


@dataclass
class SearchDocument:
    page_id: int
    title: str
    url: str
    date: date | None
    summary: str = ""
    body: str = ""
    # Text extracted from uploaded slides and handouts: searchable, weighted below the body.
    slides: str = ""
    # facet name -> list of (slug, label)
    facets: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    doc_type: str = ""  # the registered type's slug (set by `build_document`)
    audience: str = ""  # `Audience.key` (set by `build_document`)
    source_updated_at: object = None


def terms(queryset) -> list[tuple[str, str]]:
    """(slug, name) of taxonomy terms or tags: the usual facet values."""
    return [(term.slug, term.name) for term in queryset]


def build_document(page: Page, audience: Audience | None = None) -> SearchDocument | None:
    """The document for a live page, or None if it must not be in the index.

    `audience`: the page's audience, when the caller computed it in bulk (`documents_for`)."""
    page = page.specific
    search_type = registry.type_for(type(page))
    if search_type is None or not page.live:
        return None
    if audience is None:
        audience = audiences_of([page])[page.pk]
    if audience.nobody:
        return None
    document = search_type.build(page)
    document.doc_type = search_type.slug
    document.audience = audience.key
    document.facets["type"] = [(search_type.slug, search_type.label)]
    if document.date:
        year = str(document.date.year)
        document.facets["jaar"] = [(year, year)]
    document.source_updated_at = page.last_published_at
    return document


def _pages(search_type, ids=None):
    pages = search_type.model_class.objects.all()
    if ids is not None:
        pages = pages.filter(pk__in=ids)
    if search_type.select_related:
        pages = pages.select_related(*search_type.select_related)
    return pages.prefetch_related(*search_type.prefetch_related)


def documents_for(page_ids) -> list[SearchDocument]:
    """Documents for many pages at once (what each builder reads loaded in bulk, one query
    per relation per batch); pages that must not be indexed are left out."""
    ids = list(page_ids)
    documents = []
    for search_type in registry.types():
        documents += _documents(list(_pages(search_type, ids)))
    return documents


def _documents(pages) -> list[SearchDocument]:
    audiences = audiences_of(pages)
    documents = []
    for page in pages:
        document = build_document(page, audiences[page.pk])
        if document is not None:
            documents.append(document)
    return documents


def all_documents(chunk_size: int = 500):
    """Documents of every live searchable page, in chunks (for a rebuild or a check)."""
    for search_type in registry.types():
        pages = _pages(search_type).filter(live=True).order_by("pk")
        last = 0
        while True:
            chunk = list(pages.filter(pk__gt=last)[:chunk_size])
            if not chunk:
                break
            last = chunk[-1].pk
            yield from _documents(chunk)
