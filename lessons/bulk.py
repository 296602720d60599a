"""Bulk creation of new lessons, the fast path of a large import.

Wagtail's page API (`add_child`, `save_revision`, `publish`) costs about 50 ms and 120
queries per lesson: three full saves with validation, a revision round trip and signals on
every save. The parser has already validated every field, so new lessons are written here
as the same rows in a handful of multi-row inserts per batch: the page and lesson rows, the
taxonomy and tag links, adoptions and sources, view restrictions for professionals-only
lessons, one revision and the create/publish log entries. What Wagtail does after a save
(its admin search index, the reference index) and our own search index follow once per
batch after the commit, through the same tasks and engines as a single publish.

Updates of existing lessons keep Wagtail's path: a re-import is a new revision.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, PageViewRestriction, Revision

from kennisbank.markdown import render
from kennisbank.visibility import Zichtbaarheid
from lessons.models import Adoption, Bron, LessonIndexPage, LessonPage, LessonTag
from lessons.services import restriction_groups

_PAGE_FIELDS = [f for f in Page._meta.concrete_fields if not f.primary_key]


class TagCache:
    """Tag rows by name, created once per import (django-taggit matches names exactly)."""

    def __init__(self):
        self.by_name: dict[str, Tag] = {}

    def resolve(self, names: Iterable[str]) -> list[Tag]:
        missing = {n for n in names if n not in self.by_name}
        if missing:
            for tag in Tag.objects.filter(name__in=missing):
                self.by_name[tag.name] = tag
            for name in sorted(missing - set(self.by_name)):
                # Tag.save makes a unique slug; new tags are few, so one insert each is fine.
                self.by_name[name] = Tag.objects.create(name=name)
        return [self.by_name[n] for n in dict.fromkeys(names)]


def create_lessons(
    items: list,
    index: LessonIndexPage,
    *,
    live: bool,
    is_voorbeeld: bool,
    user=None,
    kennisdag_for=lambda slug: None,
    tags: TagCache | None = None,
) -> list[LessonPage]:
    """Insert new lessons (ParsedLesson) as children of `index`; returns the pages.

    Call inside a transaction: a failure leaves nothing behind.
    """
    if not items:
        return []
    tags = tags or TagCache()
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(LessonPage)
    # Lock the parent like treebeard's add_child does, so concurrent imports cannot collide.
    index = LessonIndexPage.objects.select_for_update().get(pk=index.pk)
    last = index.get_children().order_by("-path").first()
    step = last._get_lastpos_in_path() if last else 0
    depth = index.depth + 1

    pages = []
    for offset, parsed in enumerate(items, 1):
        page = LessonPage(
            title=parsed.title,
            draft_title=parsed.title,
            slug=parsed.slug,
            path=Page._get_path(index.path, depth, step + offset),
            depth=depth,
            numchild=0,
            url_path=f"{index.url_path}{parsed.slug}/",
            content_type=content_type,
            locale_id=index.locale_id,
            translation_key=uuid.uuid4(),
            live=live,
            has_unpublished_changes=not live,
            first_published_at=now if live else None,
            last_published_at=now if live else None,
            owner=user,
            is_voorbeeld=is_voorbeeld,
            soort=parsed.soort,
            fase=parsed.fase,
            samenvatting=parsed.samenvatting,
            datum=parsed.datum,
            body=parsed.body,
            body_html=render(parsed.body),
            gebied=parsed.gebied,
            gemeente=parsed.gemeente,
            zichtbaarheid=parsed.zichtbaarheid,
            contact=parsed.contact,
            kennisdag=kennisdag_for(parsed.kennisdag_slug),
        )
        pages.append(page)

    # Multi-table inheritance: the base rows in one insert (ids come back), then the lesson rows.
    base_rows = Page.objects.bulk_create(
        [Page(**{f.attname: getattr(p, f.attname) for f in _PAGE_FIELDS}) for p in pages]
    )
    for page, base in zip(pages, base_rows, strict=True):
        page.pk = page.page_ptr_id = base.pk
        page.id = base.pk
        # raw: skip Wagtail's save housekeeping (done above) and its per-save signal handlers.
        page.save_base(raw=True, force_insert=True)
        page._state.adding = False
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(pages))

    _relations(pages, items, tags)
    _restrictions(pages)
    _revisions_and_log(pages, content_type, live=live, user=user, now=now)
    return pages


def _relations(pages: list[LessonPage], items: list, tags: TagCache) -> None:
    for name in ("organisaties", "actielijnen", "doelen", "themas", "doelgroepen"):
        through = getattr(LessonPage, name).through
        column = LessonPage._meta.get_field(name).m2m_reverse_field_name()
        rows = [
            through(lessonpage_id=page.pk, **{f"{column}_id": term.pk})
            for page, parsed in zip(pages, items, strict=True)
            for term in dict.fromkeys(parsed.terms.get(name, []))
        ]
        through.objects.bulk_create(rows)
    LessonTag.objects.bulk_create(
        LessonTag(content_object_id=page.pk, tag_id=tag.pk)
        for page, parsed in zip(pages, items, strict=True)
        for tag in tags.resolve(parsed.tags)
    )
    Adoption.objects.bulk_create(
        Adoption(page_id=page.pk, sort_order=n, **adoption)
        for page, parsed in zip(pages, items, strict=True)
        for n, adoption in enumerate(parsed.adoptions)
    )
    Bron.objects.bulk_create(
        Bron(page_id=page.pk, sort_order=n, **bron)
        for page, parsed in zip(pages, items, strict=True)
        for n, bron in enumerate(parsed.bronnen)
    )


def _restrictions(pages: list[LessonPage]) -> None:
    """The group restriction `lessons.services.sync_view_restriction` keeps, in bulk."""
    restricted = [p for p in pages if p.zichtbaarheid == Zichtbaarheid.PROFESSIONALS]
    if not restricted:
        return
    rows = PageViewRestriction.objects.bulk_create(
        PageViewRestriction(page_id=p.pk, restriction_type=PageViewRestriction.GROUPS)
        for p in restricted
    )
    groups = list(restriction_groups())
    through = PageViewRestriction.groups.through
    through.objects.bulk_create(
        through(pageviewrestriction_id=row.pk, group_id=group.pk)
        for row in rows
        for group in groups
    )


def _revisions_and_log(pages, content_type, *, live: bool, user, now) -> None:
    # Refetched so the revision holds exactly what the database now has, relations included.
    stored = {
        p.pk: p
        for p in LessonPage.objects.filter(pk__in=[p.pk for p in pages]).prefetch_related(
            "organisaties",
            "actielijnen",
            "doelen",
            "themas",
            "doelgroepen",
            "tagged_items",
            "adoptions",
            "bronnen",
            "images",
            "attachments",
        )
    }
    base_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        Revision(
            content_type=content_type,
            base_content_type=base_type,
            object_id=str(page.pk),
            created_at=now,
            user=user,
            object_str=page.title,
            content=stored[page.pk].serializable_data(),
            approved_go_live_at=None,
        )
        for page in pages
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        if live:
            page.live_revision = revision
    Page.objects.bulk_update(
        [
            Page(
                pk=p.pk,
                latest_revision_id=p.latest_revision_id,
                live_revision_id=p.live_revision_id,
            )
            for p in pages
        ],
        ["latest_revision", "live_revision"],
    )
    entries = []
    for page, revision in zip(pages, revisions, strict=True):
        action_id = uuid.uuid4()
        actions = ["wagtail.create"] + (["wagtail.publish"] if live else [])
        entries += [
            PageLogEntry(
                content_type=content_type,
                label=page.title,
                action=action,
                data={},
                timestamp=now,
                uuid=action_id,
                user=user,
                revision=revision if action == "wagtail.publish" else None,
                content_changed=True,
                page_id=page.pk,
            )
            for action in actions
        ]
    PageLogEntry.objects.bulk_create(entries)


def after_commit(created_ids: list[int], updated_ids: list[int]) -> None:
    """After the batch commits: our search index in one write for every lesson of the batch
    (an import ends with the index in sync, also where tasks are queued), and what Wagtail
    does after a save for the lessons created here: its admin search index in bulk, and the
    reference index as the same background task its own signal handler enqueues."""
    from wagtail.tasks import update_reference_index_task

    from search.indexer import sync_pages

    def follow_up():
        sync_pages(created_ids + updated_ids)
        if created_ids:
            _admin_search_index(created_ids)
        for pk in created_ids:
            update_reference_index_task.enqueue("lessons", "lessonpage", str(pk))

    transaction.on_commit(follow_up)


def _admin_search_index(page_ids: list[int]) -> None:
    """Wagtail's own search index (admin search), in one bulk write per backend."""
    from modelsearch.backends import get_search_backends

    pages = list(LessonPage.objects.filter(pk__in=page_ids))
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(LessonPage, pages)
