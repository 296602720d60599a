"""Rows of new lessons in bulk: the fast path behind `lessons.services.bulk_create_lessons`.

Wagtail's page API (`add_child`, `save_revision`, `publish`) costs about 50 ms and 120
queries per lesson: three full saves with validation, a revision round trip and signals on
every save. The parser has already validated every field, so new lessons are written here
as the same rows in a handful of multi-row inserts per batch: the page and lesson rows, the
taxonomy and tag links (relations from `lessons.format.TAXONOMY`), adoptions and sources,
one revision and the create (and publish) log entries.

Only rows: the view restriction, the search indexes and the reference index are the
service's (`lessons.services`), so that every caller gets them the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, Revision

from kennisbank.markdown import render
from lessons import format as fmt
from lessons.models import Adoption, Bron, LessonIndexPage, LessonPage, LessonTag
from lessons.parser import LessonData

_PAGE_FIELDS = [f for f in Page._meta.concrete_fields if not f.primary_key]


class TagCache:
    """Tag rows by name, looked up or created once per insert (django-taggit matches names
    exactly). Not shared across transactions: a rolled-back savepoint would leave it holding
    tags that no longer exist."""

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


def insert_lessons(
    items: list[LessonData],
    index: LessonIndexPage,
    *,
    live: bool,
    is_voorbeeld: bool = False,
    user=None,
) -> list[LessonPage]:
    """Insert new lessons as children of `index` and return the pages: rows only (the view
    restriction and what follows the commit are `lessons.services.bulk_create_lessons`).

    Call inside a transaction: a failure leaves nothing behind.
    """
    if not items:
        return []
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(LessonPage)
    # Lock the parent like treebeard's add_child does, so concurrent imports cannot collide.
    index = LessonIndexPage.objects.select_for_update().get(pk=index.pk)
    # Under the lock, so that a second import running at the same time cannot have created
    # one of these slugs since the caller looked (the caller then writes them one by one).
    taken = list(
        index.get_children().filter(slug__in=[d.slug for d in items]).values_list("slug", flat=True)
    )
    if taken:
        raise ValueError(f"les bestaat al: {', '.join(sorted(taken))}")
    last = index.get_children().order_by("-path").first()
    step = last._get_lastpos_in_path() if last else 0
    depth = index.depth + 1

    pages = []
    for offset, data in enumerate(items, 1):
        page = LessonPage(
            title=data.title,
            draft_title=data.title,
            slug=data.slug,
            path=Page._get_path(index.path, depth, step + offset),
            depth=depth,
            numchild=0,
            url_path=f"{index.url_path}{data.slug}/",
            content_type=content_type,
            locale_id=index.locale_id,
            translation_key=uuid.uuid4(),
            live=live,
            has_unpublished_changes=not live,
            first_published_at=now if live else None,
            last_published_at=now if live else None,
            owner=user,
            is_voorbeeld=is_voorbeeld,
            soort=data.soort,
            fase=data.fase,
            samenvatting=data.samenvatting,
            datum=data.datum,
            body=data.body,
            body_html=render(data.body),
            zichtbaarheid=data.zichtbaarheid,
            contact=data.contact,
            kennisdag=data.kennisdag,
            **{r.field: data.term(r.key) for r in fmt.SINGLE_TAXONOMY},
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

    _relations(pages, items, TagCache())
    _revisions_and_log(pages, content_type, live=live, user=user, now=now)
    return pages


def _relations(pages: list[LessonPage], items: list, tags: TagCache) -> None:
    for relation in fmt.MANY_TAXONOMY:
        through = getattr(LessonPage, relation.field).through
        column = LessonPage._meta.get_field(relation.field).m2m_reverse_field_name()
        rows = [
            through(lessonpage_id=page.pk, **{f"{column}_id": term.pk})
            for page, data in zip(pages, items, strict=True)
            for term in dict.fromkeys(data.term(relation.key))
        ]
        through.objects.bulk_create(rows)
    LessonTag.objects.bulk_create(
        LessonTag(content_object_id=page.pk, tag_id=tag.pk)
        for page, data in zip(pages, items, strict=True)
        for tag in tags.resolve(data.tags)
    )
    Adoption.objects.bulk_create(
        Adoption(page_id=page.pk, sort_order=n, **adoption)
        for page, data in zip(pages, items, strict=True)
        for n, adoption in enumerate(data.adoptions)
    )
    Bron.objects.bulk_create(
        Bron(page_id=page.pk, sort_order=n, **bron)
        for page, data in zip(pages, items, strict=True)
        for n, bron in enumerate(data.bronnen)
    )


def _revisions_and_log(pages, content_type, *, live: bool, user, now) -> None:
    # Refetched so the revision holds exactly what the database now has, relations included.
    stored = {
        p.pk: p
        for p in LessonPage.objects.filter(pk__in=[p.pk for p in pages]).prefetch_related(
            *fmt.PREFETCH_RELATED,
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
