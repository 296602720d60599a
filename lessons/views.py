"""The view layer of the lesson pages (thin): the index's routes (the filtered list, the tag
page, the feed) and what a lesson page adds to its context.

`LessonsConfig.ready()` plugs this module into the page types as `page_views`, so the
models never import the selectors and views that sit above them.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from taggit.models import Tag

from kennisbank.models import Gebied, Gemeente, Thema
from kennisbank.visibility import may_view
from lessons.feeds import LatestLessonsFeed
from lessons.models import Fase, Soort
from lessons.selectors import (
    filter_lessons,
    lesson_adoptions,
    lessons_with_tag,
    related_lessons,
    visible_lessons,
)

PER_PAGE = 12


def _page_of(request, qs):
    return Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))


def lesson_index(request, index_page):
    qs = visible_lessons(request.user).select_related("gebied", "gemeente")
    qs, applied = filter_lessons(qs, request.GET)
    return TemplateResponse(
        request,
        "lessons/lesson_index_page.html",
        {
            "page": index_page,
            "page_obj": _page_of(request, qs.order_by("-datum", "-pk")),
            "applied": applied,
            "filters": [
                ("soort", _("Soort"), Soort.choices),
                ("fase", _("Fase"), Fase.choices),
                ("gemeente", _("Gemeente"), [(g.slug, g.name) for g in Gemeente.objects.all()]),
                ("gebied", _("Gebied"), [(g.slug, g.name) for g in Gebied.objects.all()]),
                ("thema", _("Thema"), [(t.slug, t.name) for t in Thema.objects.all()]),
            ],
        },
    )


def tag_page(request, index_page, tag_slug):
    tag = Tag.objects.filter(slug=tag_slug).first()
    qs = lessons_with_tag(request.user, tag_slug)
    if tag is None or not qs.exists():
        # A tag used only on professionals-only lessons does not exist for anonymous users.
        raise Http404
    return TemplateResponse(
        request,
        "lessons/tag_page.html",
        {"page": index_page, "tag": tag, "page_obj": _page_of(request, qs)},
    )


def lesson_feed(request, index_page):
    return LatestLessonsFeed(index_page)(request)


def lesson_page_context(lesson, request) -> dict:
    """What a lesson page shows besides its own fields, as far as the reader may see it: the
    kennisdag it was harvested at is named only to those who may see that day."""
    kennisdag = lesson.kennisdag if lesson.kennisdag_id else None
    return {
        "related": related_lessons(lesson, request.user),
        "adoptions": lesson_adoptions(lesson),
        "kennisdag": kennisdag if kennisdag and may_view(request.user, kennisdag) else None,
    }
