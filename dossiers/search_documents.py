"""What the site search indexes of a dossier: its text and facets, declared to `search`.

`register()` is called from `DossiersConfig.ready()`. Text and facets are what an anonymous
reader sees (`dossiers.selectors`): never from professionals-only lessons.
"""

from __future__ import annotations

from dossiers.selectors import dossier_search_text, visible_source_lessons
from kennisbank.markdown import plain_text
from kennisbank.visibility import ANONYMOUS
from search.documents import SearchDocument
from search.registry import SearchType, register


def dossier_document(page) -> SearchDocument:
    public_sources = visible_source_lessons(page, ANONYMOUS).prefetch_related("themas")
    themas = {t.slug: t.name for lesson in public_sources for t in lesson.themas.all()}
    return SearchDocument(
        page_id=page.pk,
        title=page.title,
        url=page.url or "",
        date=page.peildatum,
        summary=page.samenvatting,
        body=plain_text(dossier_search_text(page)),  # no Markdown in a snippet
        facets={"thema": sorted(themas.items())},
    )


def register_search_documents() -> None:
    register(
        SearchType(
            model="dossiers.DossierPage",
            slug="dossier",
            label="Dossier",
            build=dossier_document,
            facets=(("thema", "Thema"),),
        )
    )
