"""Signal handlers that keep the index following the content.

Every change that can narrow who may see a page (unpublish, delete, move, a view
restriction added, changed or its groups edited, a publish that changes a content field
such as a lesson's `zichtbaarheid`) applies the new audience of the page and its
descendants to their entries at once, in the same transaction (`indexer.narrow`: no
re-analysis). The expensive re-analysis is queued after commit (`indexer.schedule_sync`).

Pages that cite a changed one (their indexed text may quote it, as Wagtail's reference
index knows them) are re-indexed after a publish in the queue; after a narrowing change at
once, so that their text never quotes what its readers may no longer see.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.indexer import narrow, remove_pages, schedule_sync, sync_pages


def _with_descendants(page: Page) -> list[int]:
    return list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


def _citing(page: Page) -> list[int]:
    """Pages whose indexed text quotes this one, as Wagtail's reference index knows them."""
    page_type = ContentType.objects.get_for_model(Page).pk
    return [
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(page)
        .filter(base_content_type_id=page_type)
        .values_list("object_id", flat=True)
        .distinct()
    ]


@receiver(page_published)
def on_published(sender, instance, **kwargs):
    # A content field may have narrowed the audience (e.g. a lesson's zichtbaarheid): apply
    # it now; the text, tags and other cluster relations are analysed after commit.
    narrow([instance.pk])
    schedule_sync([instance.pk, *_citing(instance)])


@receiver(page_unpublished)
def on_unpublished(sender, instance, **kwargs):
    pages = _with_descendants(instance)
    narrow(pages)
    schedule_sync(pages)
    _reindex_citing(instance)


def _reindex_citing(page: Page) -> None:
    citing = _citing(page)
    if citing:
        sync_pages(citing)


@receiver(post_page_move)
def on_moved(sender, instance, **kwargs):
    pages = _with_descendants(instance)
    narrow(pages)
    schedule_sync(pages)


@receiver(pre_delete, sender=Page)
def on_page_delete(sender, instance, **kwargs):
    remove_pages([instance.pk])
    instance._search_citing = _citing(instance)


@receiver(post_delete, sender=Page)
def on_page_deleted(sender, instance, **kwargs):
    citing = [pk for pk in getattr(instance, "_search_citing", ()) if pk != instance.pk]
    if citing:
        sync_pages(citing)


def _restriction_changed(page_id) -> None:
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        pages = _with_descendants(page)
        narrow(pages)
        schedule_sync(pages)
        _reindex_citing(page)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_restriction_change(sender, instance, **kwargs):
    _restriction_changed(instance.page_id)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def on_restriction_groups_change(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(
        instance, PageViewRestriction
    ):
        _restriction_changed(instance.page_id)
