"""Signal handlers of the lessons app: the admin's publish keeps the view restriction in step."""

from django.dispatch import receiver
from wagtail.signals import page_published

from lessons.models import LessonPage
from lessons.services import sync_view_restriction


@receiver(page_published, sender=LessonPage)
def on_lesson_published(sender, instance, **kwargs):
    # On publish, not on save: a draft that turns a lesson public must not unlock the
    # live (professionals-only) version early. Publishes of the import and the admin alike.
    sync_view_restriction(instance)
