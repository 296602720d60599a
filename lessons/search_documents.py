"""What the site search indexes of a lesson: its text and facets, declared to `search`.

`register()` is called from `LessonsConfig.ready()`. The facets come from the exchange
format's one table (`lessons.format`): the enum facets, the taxonomy relations and tags.
"""

from __future__ import annotations

from kennisbank.markdown import html_text
from lessons.format import ENUM_FACETS, FACET_LABELS, PREFETCH_RELATED, SELECT_RELATED, TAXONOMY
from search.documents import SearchDocument, terms
from search.registry import SearchType, register


def lesson_document(page) -> SearchDocument:
    facets: dict[str, list[tuple[str, str]]] = {
        facet: [(getattr(page, field), getattr(page, f"get_{field}_display")())]
        for field, (facet, _label) in ENUM_FACETS.items()
    }
    for relation in TAXONOMY:
        value = getattr(page, relation.field)
        if relation.many:
            facets[relation.facet] = terms(value.all())
        else:
            facets[relation.facet] = [(value.slug, value.name)] if value else []
    facets["tag"] = terms(page.tags.all())
    if page.gebied and page.gebied.gemeente and not page.gemeente:
        facets["gemeente"] = [(page.gebied.gemeente.slug, page.gebied.gemeente.name)]
    body = "\n".join(
        [html_text(page.body_html)]  # the rendered text: no Markdown in a snippet
        + [f"{a.gebied.name}: {a.resultaat}" for a in page.adoptions.all()]
        + [page.contact]
    )
    return SearchDocument(
        page_id=page.pk,
        title=page.title,
        url=page.url or "",
        date=page.datum,
        summary=page.samenvatting,
        body=body,
        facets=facets,
    )


def register_search_documents() -> None:
    register(
        SearchType(
            model="lessons.LessonPage",
            slug="les",
            label="Les",
            build=lesson_document,
            facets=tuple(FACET_LABELS.items()),
            select_related=(*SELECT_RELATED, "gebied__gemeente"),
            prefetch_related=(*PREFETCH_RELATED, "tags", "adoptions__gebied"),
        )
    )
