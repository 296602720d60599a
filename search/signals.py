"""Signal handlers that keep the index following the content.

Publish, unpublish, delete, move and view-restriction changes each schedule a sync of the
pages concerned (and their descendants, whose URL or visibility may change with them).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.indexer import remove_pages, schedule_sync


def _with_descendants(page: Page) -> list[int]:
    return list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


def _citing(page: Page) -> list[int]:
    """Pages whose indexed text quotes this one (a dossier cites its lessons), as Wagtail's
    reference index knows them."""
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
    # Tags and other cluster relations are saved with the revision; index after commit.
    schedule_sync([instance.pk, *_citing(instance)])


@receiver(page_unpublished)
def on_unpublished(sender, instance, **kwargs):
    schedule_sync(_with_descendants(instance) + _citing(instance))


@receiver(post_page_move)
def on_moved(sender, instance, **kwargs):
    schedule_sync(_with_descendants(instance))


@receiver(pre_delete, sender=Page)
def on_page_delete(sender, instance, **kwargs):
    remove_pages([instance.pk])


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_restriction_change(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        schedule_sync(_with_descendants(page))
