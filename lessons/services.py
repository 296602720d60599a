"""The one write path of lessons: create, bulk create, update, publish, view restriction.

Every writer goes through here: the importer (`lessons.importer`), kennisdag harvest
(`kennisdagen.harvest`) and the admin (Wagtail publishes; the `page_published` handler in
`lessons.signals` calls `sync_view_restriction`). Inputs are `LessonData` (what the exchange
format holds, `lessons.parser`), so a lesson is written the same way whoever writes it.

- New lessons are inserted in bulk (`lessons.bulk`), also one at a time, and after the
  commit the live ones go into the site search in **one** index write per call; Wagtail's
  admin search index follows in bulk and its reference index through its own task.
- An existing lesson gets a new revision through Wagtail's path and is published by
  `publish_lesson`; the site search follows that publish (its `page_published` handler),
  so an updated lesson is indexed once. Content equal to what the lesson already holds
  writes nothing at all (`is_unchanged`).
- `zichtbaarheid` is the source of who may see a lesson; `sync_view_restriction(s)`
  derives Wagtail's view restriction from it, for publish and bulk alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db import transaction
from modelsearch.backends import get_search_backends
from wagtail.models import PageViewRestriction
from wagtail.tasks import update_reference_index_task

from kennisbank.content_cache import content_changed
from kennisbank.models import HomePage
from kennisbank.visibility import PROFESSIONAL_GROUPS, Zichtbaarheid
from lessons import bulk
from lessons import format as fmt
from lessons.exporter import lesson_data
from lessons.models import Adoption, Bron, LessonIndexPage, LessonPage
from lessons.parser import LessonData
from search.indexer import sync_pages, with_retries


class LessonWriteError(Exception):
    """A lesson cannot be written (the site lacks what it needs); the message is Dutch."""


# --- the lesson index ------------------------------------------------------------------------


def lesson_index(*, create: bool = True) -> LessonIndexPage | None:
    """The lesson index; created under the home page on a site that lacks it (`create`)."""
    index = LessonIndexPage.objects.first()
    if index is None and create:
        home = HomePage.objects.first()
        if home is None:
            raise LessonWriteError("de site heeft geen startpagina; draai eerst migrate")
        index = home.add_child(instance=LessonIndexPage(title="Lessen", slug="lessen"))
    return index


# --- view restriction ------------------------------------------------------------------------


def restriction_groups():
    """Who may see a professionals-only lesson, as Wagtail's view restriction says it."""
    return Group.objects.filter(name__in=PROFESSIONAL_GROUPS)


def sync_view_restriction(lesson: LessonPage) -> None:
    """Give the lesson Wagtail's group restriction exactly when its `zichtbaarheid` says
    *professionals* (called on publish: a draft must not unlock the live version early)."""
    sync_view_restrictions([lesson])


def sync_view_restrictions(lessons: Iterable[LessonPage], *, new: bool = False) -> None:
    """`sync_view_restriction` for many lessons. `new`: lessons this transaction inserted
    (nobody has seen or indexed them yet), so restrictions go in as multi-row inserts without
    per-row signals; otherwise rows are created and deleted one by one, so that whoever
    follows restriction changes (the search index) hears of each."""
    lessons = list(lessons)
    if not lessons:
        return
    wanted = {
        lesson.pk for lesson in lessons if lesson.zichtbaarheid == Zichtbaarheid.PROFESSIONALS
    }
    existing = {}
    if not new:
        for restriction in PageViewRestriction.objects.filter(
            page_id__in=[lesson.pk for lesson in lessons],
            restriction_type=PageViewRestriction.GROUPS,
        ):
            existing.setdefault(restriction.page_id, []).append(restriction)
    for page_id, restrictions in existing.items():
        if page_id not in wanted:
            for restriction in restrictions:
                restriction.delete()
    groups = list(restriction_groups())
    missing = [pk for pk in wanted if pk not in existing]
    if new:
        created = PageViewRestriction.objects.bulk_create(
            PageViewRestriction(page_id=pk, restriction_type=PageViewRestriction.GROUPS)
            for pk in missing
        )
        through = PageViewRestriction.groups.through
        through.objects.bulk_create(
            through(pageviewrestriction_id=row.pk, group_id=group.pk)
            for row in created
            for group in groups
        )
        return
    for pk in missing:
        restriction = PageViewRestriction(page_id=pk, restriction_type=PageViewRestriction.GROUPS)
        restriction.save()
        restriction.groups.set(groups)
    for pk in wanted & set(existing):
        for restriction in existing[pk]:
            restriction.groups.set(groups)


# --- create ------------------------------------------------------------------------------------


def create_lesson(
    data: LessonData,
    index: LessonIndexPage,
    *,
    live: bool = True,
    user=None,
    is_voorbeeld: bool = False,
) -> LessonPage:
    """One new lesson under `index`, live or as a draft (see `bulk_create_lessons`)."""
    return bulk_create_lessons([data], index, live=live, user=user, is_voorbeeld=is_voorbeeld)[0]


def bulk_create_lessons(
    items: list[LessonData],
    index: LessonIndexPage,
    *,
    live: bool = True,
    user=None,
    is_voorbeeld: bool = False,
    follow_up: bool = True,
) -> list[LessonPage]:
    """New lessons under `index` in a handful of multi-row inserts (`lessons.bulk`), each
    with its view restriction, a revision and its log entries; returns the pages.

    Call inside a transaction: a failure leaves nothing behind. After the commit
    (`follow_up`), the live lessons go into the site search in one write, and Wagtail's admin
    search and reference index follow (`follow_up=False` leaves all three to the caller, as
    a benchmark that indexes synthetic documents does)."""
    pages = bulk.insert_lessons(items, index, live=live, is_voorbeeld=is_voorbeeld, user=user)
    sync_view_restrictions(pages, new=True)
    # Multi-row inserts send no signals: the fragment caches' generation moves here.
    content_changed()
    if follow_up and pages:
        created = [page.pk for page in pages]
        transaction.on_commit(lambda: _after_create(created, live=live))
    return pages


def _after_create(page_ids: list[int], *, live: bool) -> None:
    """What follows the commit of new lessons: each is indexed once (live ones only: a
    draft is in no site search), plus what Wagtail does after a save of its own."""
    if live:
        # The index's retry on transient database errors, as its background tasks get.
        with_retries(sync_pages, page_ids)
    pages = list(LessonPage.objects.filter(pk__in=page_ids))
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(LessonPage, pages)
    for pk in page_ids:
        update_reference_index_task.enqueue("lessons", "lessonpage", str(pk))


# --- update and publish ------------------------------------------------------------------


def is_unchanged(
    lesson: LessonPage, data: LessonData, *, publish: bool = True, is_voorbeeld: bool = False
) -> bool:
    """Does the lesson already hold `data`? Compared with what a write would change: the
    live lesson when publishing, the latest revision for a draft; in the exporter's
    canonical form (`lessons.exporter.lesson_data`)."""
    if publish:
        if not lesson.live:
            return False
        current = lesson
    else:
        current = lesson.get_latest_revision_as_object()
    return (
        bool(current.is_voorbeeld) == is_voorbeeld
        and lesson_data(current).fingerprint() == data.fingerprint()
    )


def update_lesson(
    lesson: LessonPage,
    data: LessonData,
    *,
    publish: bool = True,
    user=None,
    is_voorbeeld: bool = False,
) -> bool:
    """Write `data` into an existing lesson as a new revision, published unless `publish`
    is False. Returns False, having written nothing, when the lesson already holds it."""
    if is_unchanged(lesson, data, publish=publish, is_voorbeeld=is_voorbeeld):
        return False
    # A fresh instance: the caller's may carry prefetched relations that setting new ones
    # would not replace.
    fresh = LessonPage.objects.get(pk=lesson.pk)
    page = fresh if publish else fresh.get_latest_revision_as_object()
    _apply(page, data, is_voorbeeld=is_voorbeeld)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        publish_lesson(page, user=user, revision=revision)
    return True


def publish_lesson(lesson: LessonPage, *, user=None, revision=None) -> None:
    """Publish the lesson's latest (or the given) revision through Wagtail: its
    `page_published` signal brings the view restriction (`sync_view_restriction`) and the
    site search along."""
    (revision or lesson.get_latest_revision()).publish(user=user)


def _apply(page: LessonPage, data: LessonData, *, is_voorbeeld: bool) -> None:
    page.title = data.title
    page.soort, page.fase, page.datum = data.soort, data.fase, data.datum
    page.samenvatting, page.body = data.samenvatting, data.body
    page.zichtbaarheid, page.contact = data.zichtbaarheid, data.contact
    page.is_voorbeeld = is_voorbeeld
    page.kennisdag = data.kennisdag
    for relation in fmt.TAXONOMY:
        setattr(page, relation.field, data.term(relation.key))
    page.adoptions = [Adoption(**item) for item in data.adoptions]
    page.bronnen = [Bron(**item) for item in data.bronnen]
    page.tags.set(data.tags)
