"""What the search index knows of a page: its text, facet values and visibility.

Each searchable page type has a builder here that turns a live page into a
`SearchDocument`. Builders read the page only; analysis and storage happen in the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from wagtail.models import Page, PageViewRestriction

from search.models import Visibility


@dataclass
class SearchDocument:
    page_id: int
    doc_type: str  # facet value of "type": les, kennisdag, dossier
    title: str
    url: str
    date: date | None
    visibility: str
    summary: str = ""
    body: str = ""
    # facet name -> list of (slug, label)
    facets: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    source_updated_at: object = None


TYPE_LABELS = {"les": "Les", "kennisdag": "Kennisdag", "dossier": "Dossier"}


def page_visibility(page: Page, restrictions=None) -> str | None:
    """openbaar, professionals, or None when the page must not be indexed at all.

    Wagtail's own view restrictions decide (lessons for professionals carry a group
    restriction); a password or login-only restriction keeps the page out of search.
    """
    if restrictions is None:
        restrictions = page.get_view_restrictions()
    if any(r.restriction_type != PageViewRestriction.GROUPS for r in restrictions):
        return None
    if restrictions:
        return Visibility.PROFESSIONALS
    if getattr(page, "zichtbaarheid", "openbaar") == "professionals":
        return Visibility.PROFESSIONALS
    return Visibility.PUBLIC


def _terms(queryset) -> list[tuple[str, str]]:
    return [(term.slug, term.name) for term in queryset]


def _lesson_document(page) -> SearchDocument:
    facets = {
        "soort": [(page.soort, page.get_soort_display())],
        "fase": [(page.fase, page.get_fase_display())],
        "gebied": [(page.gebied.slug, page.gebied.name)] if page.gebied else [],
        "gemeente": [(page.gemeente.slug, page.gemeente.name)] if page.gemeente else [],
        "organisatie": _terms(page.organisaties.all()),
        "actielijn": _terms(page.actielijnen.all()),
        "doel": _terms(page.doelen.all()),
        "thema": _terms(page.themas.all()),
        "doelgroep": _terms(page.doelgroepen.all()),
        "tag": [(tag.slug, tag.name) for tag in page.tags.all()],
    }
    if page.gebied and page.gebied.gemeente and not page.gemeente:
        facets["gemeente"] = [(page.gebied.gemeente.slug, page.gebied.gemeente.name)]
    body = "\n".join(
        [page.body]
        + [f"{a.gebied.name}: {a.resultaat}" for a in page.adoptions.all()]
        + [page.contact]
    )
    return SearchDocument(
        page_id=page.pk,
        doc_type="les",
        title=page.title,
        url=page.url or "",
        date=page.datum,
        visibility="",
        summary=page.samenvatting,
        body=body,
        facets=facets,
    )


def _kennisdag_document(page) -> SearchDocument:
    from kennisdagen import selectors as kennisdag_selectors

    facets = {
        "organisatie": _terms(page.organisaties.all()),
        "thema": _terms(page.themas.all()),
        "doelgroep": _terms(page.doelgroepen.all()),
        "tag": [(tag.slug, tag.name) for tag in page.tags.all()],
    }
    body = kennisdag_selectors.kennisdag_search_text(page)
    return SearchDocument(
        page_id=page.pk,
        doc_type="kennisdag",
        title=page.title,
        url=page.url or "",
        date=page.datum,
        visibility="",
        summary=page.samenvatting,
        body=body,
        facets=facets,
    )


def _dossier_document(page) -> SearchDocument:
    from django.contrib.auth.models import AnonymousUser

    from dossiers import selectors as dossier_selectors

    # Text and facets as an anonymous reader sees them: never from professionals-only lessons.
    public_sources = dossier_selectors.visible_source_lessons(page, AnonymousUser())
    themas = {t.slug: t.name for lesson in public_sources for t in lesson.themas.all()}
    return SearchDocument(
        page_id=page.pk,
        doc_type="dossier",
        title=page.title,
        url=page.url or "",
        date=page.peildatum,
        visibility="",
        summary=page.samenvatting,
        body=dossier_selectors.dossier_search_text(page),
        facets={"thema": sorted(themas.items())},
    )


BUILDERS = {
    "lessons.lessonpage": _lesson_document,
    "kennisdagen.kennisdagpage": _kennisdag_document,
    "dossiers.dossierpage": _dossier_document,
}


def is_searchable(page: Page) -> bool:
    return page.specific_class is not None and page.specific_class._meta.label_lower in BUILDERS


def build_document(page: Page, restrictions=None) -> SearchDocument | None:
    """The document for a live page, or None if it must not be in the index.

    `restrictions`: the view restrictions on the page and its ancestors, when the caller
    loaded them in bulk (see `documents_for`)."""
    page = page.specific
    builder = BUILDERS.get(page._meta.label_lower)
    if builder is None or not page.live:
        return None
    visibility = page_visibility(page, restrictions)
    if visibility is None:
        return None
    document = builder(page)
    document.visibility = visibility
    document.facets["type"] = [(document.doc_type, TYPE_LABELS[document.doc_type])]
    if document.date:
        year = str(document.date.year)
        document.facets["jaar"] = [(year, year)]
    document.source_updated_at = page.last_published_at
    return document


# What each builder reads, loaded in bulk by `documents_for` (one query per relation per batch
# instead of one per page).
PREFETCH = {
    "lessons.lessonpage": (
        ["gebied__gemeente", "gemeente"],
        [
            "organisaties",
            "actielijnen",
            "doelen",
            "themas",
            "doelgroepen",
            "tags",
            "adoptions__gebied",
        ],
    ),
}


def documents_for(page_ids) -> list[SearchDocument]:
    """Documents for many pages at once; pages that must not be indexed are left out."""
    from django.apps import apps

    ids = list(page_ids)
    documents = []
    for label in BUILDERS:
        model = apps.get_model(label)
        select, prefetch = PREFETCH.get(label, ([], []))
        pages = model.objects.filter(pk__in=ids).prefetch_related(*prefetch)
        if select:
            pages = pages.select_related(*select)
        pages = list(pages)
        restrictions = _restrictions_on(pages)
        for page in pages:
            on_path = [r for path, r in restrictions if page.path.startswith(path)]
            document = build_document(page, on_path)
            if document is not None:
                documents.append(document)
    return documents


def _restrictions_on(pages) -> list[tuple[str, PageViewRestriction]]:
    """(page path, restriction) for every restriction on these pages or their ancestors."""
    steplen = Page.steplen
    paths = {p.path[:end] for p in pages for end in range(steplen, len(p.path) + 1, steplen)}
    return [
        (r.page.path, r)
        for r in PageViewRestriction.objects.filter(page__path__in=paths).select_related("page")
    ]
