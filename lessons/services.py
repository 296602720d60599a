"""Writes around lessons that are not the importer: keeping Wagtail's view restriction in
step with `zichtbaarheid`, so Wagtail itself refuses professionals-only lessons to others
and the admin shows the lock."""

from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from kennisbank.roles import PROFESSIONALS, REDACTEUREN
from kennisbank.visibility import Zichtbaarheid
from lessons.models import LessonPage


def restriction_groups():
    """Who may see a professionals-only lesson, as Wagtail's view restriction says it."""
    return Group.objects.filter(name__in=[PROFESSIONALS, REDACTEUREN])


def sync_view_restriction(lesson: LessonPage) -> None:
    restrictions = PageViewRestriction.objects.filter(
        page=lesson, restriction_type=PageViewRestriction.GROUPS
    )
    if lesson.zichtbaarheid == Zichtbaarheid.PROFESSIONALS:
        restriction = restrictions.first() or PageViewRestriction.objects.create(
            page=lesson, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set(restriction_groups())
    else:
        restrictions.delete()
