"""Reads of dossiers: which dossiers and which of their cited lessons a user may see.

Every cited lesson passes through `lessons.selectors.visible_lessons`, so a professionals-only
lesson never reaches the page, the PDF or the search index of a reader who may not read it:
not its title, not its link, not the editor's note about it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from dossiers.blocks import statements
from dossiers.models import DossierIndexPage, DossierKeyLesson, DossierPage
from kennisbank.visibility import audiences_of, visible
from lessons.models import Adoption, Fase, LessonPage
from lessons.selectors import visible_lessons

READY_TO_SCALE = (Fase.WERKT, Fase.OPGESCHAALD)


@dataclass(frozen=True)
class Statement:
    """A recommendation or bottleneck as one reader sees it: only sources they may read."""

    tekst: str
    bronnen: list[LessonPage] = field(default_factory=list)


def visible_dossiers(user, index: DossierIndexPage | None = None) -> QuerySet[DossierPage]:
    """Live dossiers this user may see (as `kennisbank.visibility` decides: a dossier an
    editor restricts to a group, to signed-in users or with a password), newest first."""
    qs = visible(DossierPage.objects.all(), user)
    if index is not None:
        qs = qs.child_of(index)
    return qs.order_by("-peildatum", "title")


def visible_source_lessons(dossier: DossierPage, user) -> QuerySet[LessonPage]:
    """The cited lessons of `dossier` this user may read, by title."""
    return visible_lessons(user).filter(pk__in=dossier.source_lesson_ids()).order_by("title")


def visible_key_lessons(dossier: DossierPage, user) -> list[DossierKeyLesson]:
    """Key lessons (with the editor's note) whose lesson this user may read, in order."""
    items = list(dossier.key_lessons.all())
    shown = (
        visible_lessons(user)
        .select_related("gebied", "gemeente")
        .in_bulk([item.lesson_id for item in items])
    )
    out = []
    for item in items:
        if item.lesson_id in shown:
            # Show the live, visible lesson, never a draft or restricted copy via the FK.
            item.visible_lesson = shown[item.lesson_id]
            out.append(item)
    return out


def ready_to_scale(dossier: DossierPage, user) -> QuerySet[LessonPage]:
    """Cited lessons in fase werkt or opgeschaald that this user may read, with their
    adoptions (where they were taken up since) prefetched: opgeschaald first."""
    return (
        visible_source_lessons(dossier, user)
        .filter(fase__in=READY_TO_SCALE)
        .select_related("gebied", "gemeente")
        .prefetch_related(
            Prefetch(
                "adoptions",
                queryset=Adoption.objects.select_related("gebied").order_by("datum"),
            )
        )
        .order_by("fase", "title")  # "opgeschaald" sorts before "werkt": taken up first
    )


def visible_statements(stream, readable: dict[int, LessonPage]) -> list[Statement]:
    """Statements of a stream with only the sources in `readable`. A statement none of whose
    sources the reader may see is left out: its claim would stand without a source."""
    out = []
    for tekst, ids in statements(stream):
        bronnen = [readable[i] for i in dict.fromkeys(ids) if i in readable]
        if bronnen:
            out.append(Statement(tekst=tekst, bronnen=bronnen))
    return out


def dossier_context(dossier: DossierPage, user) -> dict:
    """Everything the dossier template needs for this user (the page and the PDF share it)."""
    sources = list(visible_source_lessons(dossier, user))
    readable = {lesson.pk: lesson for lesson in sources}
    return {
        "key_lessons": visible_key_lessons(dossier, user),
        "ready_to_scale": list(ready_to_scale(dossier, user)),
        "open_knelpunten": visible_statements(dossier.open_knelpunten, readable),
        "aanbevelingen": visible_statements(dossier.aanbevelingen, readable),
        "source_lessons": sources,
    }


def shows_restricted_lessons(lessons) -> bool:
    """Does this reader's version cite any lesson that is not public (so that a PDF of it
    must not be passed on)? Decided by the policy, for whatever restriction the lesson has."""
    return any(not audience.is_public for audience in audiences_of(lessons).values())


def dossier_search_text(dossier: DossierPage) -> str:
    """The text the site search indexes: what an anonymous reader sees, so a search snippet
    never quotes a note or statement that rests only on professionals-only lessons."""
    context = dossier_context(dossier, None)
    parts = [dossier.vraag, dossier.synthese]
    parts += [item.note for item in context["key_lessons"]]
    parts += [s.tekst for s in context["open_knelpunten"] + context["aanbevelingen"]]
    return "\n".join(part for part in parts if part)
