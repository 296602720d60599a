"""Harvest: turn what a kennisdag session produced into draft lessons in one step.

Each draft is pre-filled with the kennisdag link, its thema's, organisations, audiences and
tags, written by the lessons' one write path (`lessons.services.create_lesson`, like an
import), and is submitted to the lessons' editorial workflow: an editor reviews and publishes.
"""

from django.db import transaction
from django.utils.text import slugify

from kennisdagen.models import KennisdagPage
from lessons.format import SAMENVATTING_MAX, TITLE_MAX
from lessons.parser import LessonData
from lessons.services import create_lesson, lesson_index

HARVEST_TAG = "kennisdag"


class HarvestError(Exception):
    """Harvesting is not possible (no lesson index, unknown session); the message is Dutch."""


def can_harvest(kennisdag: KennisdagPage, user) -> bool:
    """Whoever may edit the kennisdag may harvest lessons from it (organisers, editors)."""
    return kennisdag.permissions_for_user(user).can_edit()


def find_session(kennisdag: KennisdagPage, block_id: str):
    for block in kennisdag.programma:
        if block.id == block_id:
            return block
    raise HarvestError("Deze sessie bestaat niet (meer) in het programma.")


def _unique_slug(parent, title: str) -> str:
    base = slugify(title)[:60] or "les"
    slug, n = base, 1
    while parent.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def harvest_lessons(kennisdag: KennisdagPage, block_id: str, titles: list[str], user) -> list:
    """Create one draft lesson per title from the session `block_id`, through the lesson
    service (the same write as an import); start the lessons' workflow; return the lessons."""
    index = lesson_index(create=False)
    if index is None:
        raise HarvestError("Er is nog geen lessenoverzicht om de lessen onder te zetten.")
    session = find_session(kennisdag, block_id).value
    description = (session.get("description") or "").strip()
    summary = description or f"Opgehaald tijdens de sessie “{session['title']}”."
    body = (
        f"## Situatie\n\nOpgehaald op {kennisdag.title}, sessie “{session['title']}”.\n\n"
        "## Aanpak\n\n\n## Wat werkte\n\n\n## Advies\n"
    )
    terms = {
        "themas": list(kennisdag.themas.all()),
        "organisaties": list(kennisdag.organisaties.all()),
        "doelgroepen": list(kennisdag.doelgroepen.all()),
    }
    tags = [tag.name for tag in kennisdag.tags.all()] + [HARVEST_TAG]
    lessons = []
    for title in titles:
        data = LessonData(
            slug=_unique_slug(index, title),
            title=title[:TITLE_MAX],  # as the exchange format allows, so an export re-imports
            soort="les",
            fase="idee",
            samenvatting=summary[:SAMENVATTING_MAX],
            datum=kennisdag.datum,
            body=body,
            terms=terms,
            tags=tags,
            kennisdag=kennisdag,
        )
        lesson = create_lesson(data, index, live=False, user=user)
        workflow = lesson.get_workflow()
        if workflow is not None:
            workflow.start(lesson, user)
        lessons.append(lesson)
    return lessons
