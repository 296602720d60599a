"""What the site search indexes of a kennisdag: its text and facets, declared to `search`.

`register()` is called from `KennisdagenConfig.ready()`. The body is the kennisdag's
searchable text as `kennisdagen.selectors.kennisdag_search_text` composes it; the text
extracted from its slides and handouts (`kennisdag_material_text`) is the document's slide
text, which the search weighs below the body.
"""

from __future__ import annotations

from kennisbank.markdown import plain_text
from kennisdagen.selectors import kennisdag_material_text, kennisdag_search_text
from search.documents import SearchDocument, terms
from search.registry import SearchType, register

FACETS = (
    ("organisatie", "Organisatie"),
    ("thema", "Thema"),
    ("doelgroep", "Doelgroep"),
    ("tag", "Tag"),
)


def kennisdag_document(page) -> SearchDocument:
    return SearchDocument(
        page_id=page.pk,
        title=page.title,
        url=page.url or "",
        date=page.datum,
        summary=page.samenvatting,
        body=plain_text(kennisdag_search_text(page, materials=False)),  # no Markdown
        slides=plain_text(kennisdag_material_text(page)),
        facets={
            "organisatie": terms(page.organisaties.all()),
            "thema": terms(page.themas.all()),
            "doelgroep": terms(page.doelgroepen.all()),
            "tag": terms(page.tags.all()),
        },
    )


def register_search_documents() -> None:
    register(
        SearchType(
            model="kennisdagen.KennisdagPage",
            slug="kennisdag",
            label="Kennisdag",
            build=kennisdag_document,
            facets=FACETS,
            prefetch_related=("organisaties", "themas", "doelgroepen", "tags"),
        )
    )
