"""Reads for kennisdagen: listings for the index and home page, a day's context, its material text.

Kennisdagen are listed through `kennisbank.visibility.visible` and harvested lessons through
`lessons.selectors.visible_lessons`, so no listing, calendar feed or kennisdag page shows a
day or a lesson the reader may not see (drafts, restricted days, professionals-only). The report is
rendered by `kennisbank.markdown.render`, the same Markdown and sanitizing as lesson bodies.
"""

import datetime
from itertools import groupby

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.safestring import mark_safe

from kennisbank.content_cache import cached
from kennisbank.markdown import render
from kennisbank.models import Organisatie, Thema
from kennisbank.roles import is_editor
from kennisbank.visibility import visible
from kennisdagen.models import DocumentText, KennisdagPage
from lessons.selectors import visible_lessons


def harvested_lessons(page: KennisdagPage, user):
    """The lessons this kennisdag produced that `user` may see, newest first."""
    return (
        visible_lessons(user)
        .filter(kennisdag=page)
        .select_related("gebied", "gemeente")
        .order_by("-datum", "title", "pk")
    )


def visible_kennisdagen(user):
    """Live kennisdagen this user may see, as `kennisbank.visibility` decides (so an organiser
    sees a day restricted to Organisatoren, and nobody else does)."""
    return visible(KennisdagPage.objects.all(), user)


def upcoming_kennisdagen(user, index=None, today: datetime.date | None = None):
    today = today or timezone.localdate()
    days = visible_kennisdagen(user).filter(datum__gte=today)
    if index is not None:
        days = days.child_of(index)
    return days.order_by("datum", "start_tijd", "title")


def next_kennisdag(user, *, request=None):
    """The first upcoming kennisdag `user` may see, for the home page (or None). Which one
    is cached per audience, day and content generation (`kennisbank.content_cache`): the
    policy's filter over the page tree costs tens of milliseconds on a large site, the day
    itself by id under the policy again almost nothing."""
    today = timezone.localdate()

    def first_id():
        return upcoming_kennisdagen(user, today=today).values_list("pk", flat=True).first()

    pk = cached("kennisdagen.next", user, (today.isoformat(),), first_id, request=request)
    return visible_kennisdagen(user).filter(pk=pk).first() if pk else None


def render_report(text: str) -> str:
    """The report as safe HTML, with the same Markdown rendering and sanitizing as lessons."""
    if not text.strip():
        return ""
    return mark_safe(render(text))  # noqa: S308 - nh3-sanitized by kennisbank.markdown


def _selected(model, value: str):
    if not value:
        return None
    return model.objects.filter(slug=value).first()


def index_context(index, request) -> dict:
    """Upcoming days first, then the archive grouped per year (newest first), with filters."""
    today = timezone.localdate()
    thema = _selected(Thema, request.GET.get("thema", ""))
    organisatie = _selected(Organisatie, request.GET.get("organisatie", ""))

    user = getattr(request, "user", None)
    days = visible_kennisdagen(user).child_of(index).prefetch_related("themas", "organisaties")
    if thema:
        days = days.filter(themas=thema)
    if organisatie:
        days = days.filter(organisaties=organisatie)
    days = days.distinct()

    upcoming = list(days.filter(datum__gte=today).order_by("datum", "start_tijd"))
    past = list(days.filter(datum__lt=today).order_by("-datum", "title"))
    archive = [(year, list(items)) for year, items in groupby(past, key=lambda d: d.datum.year)]

    needs_report = []
    if is_editor(user):
        needs_report = [
            day
            for day in KennisdagPage.objects.child_of(index).filter(datum__lt=today)
            if not day.verslag.strip()
        ]
    return {
        "upcoming": upcoming,
        "archive": archive,
        "themas": Thema.objects.all(),
        "organisaties": Organisatie.objects.all(),
        "selected_thema": thema,
        "selected_organisatie": organisatie,
        "is_filtered": bool(thema or organisatie),
        "result_count": len(upcoming) + len(past),
        "needs_report": needs_report,
    }


# Harvested lessons per page of a kennisdag: a large day (a regional kennisdag harvests
# dozens) lists them in pages, as the lessons listing does, instead of every card at once.
HARVEST_PER_PAGE = 24


def kennisdag_context(page: KennisdagPage, request) -> dict:
    user = getattr(request, "user", None)
    lessons = Paginator(harvested_lessons(page, user), HARVEST_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return {
        "harvested_lessons": list(lessons.object_list),
        "harvested_count": lessons.paginator.count,
        "page_obj": lessons,
        "report_html": render_report(page.verslag),
        "documents": list(page.documenten.select_related("document")),
        "photos": list(page.fotos.select_related("image")),
        "recordings": list(page.opnames.all()),
        "show_report_flag": is_editor(user) and page.needs_report,
    }


def kennisdag_documents(page: KennisdagPage) -> list:
    """Every document of the day: the day's materials and each session's materials."""
    documents, seen = [], set()
    for item in page.documenten.select_related("document"):
        if item.document_id not in seen:
            seen.add(item.document_id)
            documents.append(item.document)
    for block in page.programma:
        for document in block.value.get("materials") or []:
            if document is not None and document.pk not in seen:
                seen.add(document.pk)
                documents.append(document)
    return documents


def kennisdag_material_text(page: KennisdagPage) -> str:
    """All text extracted from the day's documents, for the search index (one string)."""
    ids = [document.pk for document in kennisdag_documents(page)]
    texts = DocumentText.objects.filter(
        document_id__in=ids, status=DocumentText.Status.DONE
    ).values_list("text", flat=True)
    return "\n\n".join(text for text in texts if text)


def kennisdag_search_text(page: KennisdagPage, *, materials: bool = True) -> str:
    """The searchable body of a kennisdag: programme, speakers, report, place and slide text.

    `materials=False` leaves out the text extracted from the day's documents: the search
    document (`kennisdagen.search_documents`) indexes that as slide text, weighted apart.
    """
    parts = [page.locatie]
    for block in page.programma:
        value = block.value
        parts.append(value.get("title", ""))
        parts.append(value.get("description", ""))
        for speaker in value.get("speakers") or []:
            parts.extend(
                [speaker.get("name", ""), speaker.get("role", ""), speaker.get("organisation", "")]
            )
    parts.append(page.verslag)
    parts.extend(item.omschrijving for item in page.documenten.all())
    parts.extend(document.title for document in kennisdag_documents(page))
    if materials:
        parts.append(kennisdag_material_text(page))
    return "\n".join(part for part in parts if part)


def kennisdag_pages_using(document) -> list[int]:
    """Ids of live kennisdagen whose day or session materials include `document`.

    Session materials live in the StreamField, so those pages are checked one by one; there
    are at most a few hundred kennisdagen.
    """
    ids = set(
        KennisdagPage.objects.live()
        .filter(documenten__document=document)
        .values_list("pk", flat=True)
    )
    for page in KennisdagPage.objects.live().exclude(pk__in=ids):
        if any(d.pk == document.pk for d in kennisdag_documents(page)):
            ids.add(page.pk)
    return sorted(ids)
