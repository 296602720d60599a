"""The view layer of the lesson pages (thin): the index's routes (the filtered list, the tag
page, the feed) and what a lesson page adds to its context. Lists come from
`lessons.selectors.lesson_list` (counts and pages cached per audience and content
generation).

`LessonsConfig.ready()` plugs this module into the page types as `page_views`, so the
models never import the selectors and views that sit above them.
"""

from django.core.paginator import Page, Paginator
from django.http import Http404
from django.template.loader import get_template
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from taggit.models import Tag

from kennisbank.content_cache import cached
from kennisbank.visibility import may_view
from lessons.feeds import LatestLessonsFeed
from lessons.models import Fase, Soort
from lessons.selectors import (
    LessonList,
    filter_choices,
    index_list,
    lesson_adoptions,
    lesson_list,
    lesson_terms,
    lessons_with_tag,
    related_from,
)
from search.related import stored_set

PER_PAGE = 12


def _page_obj(listing: LessonList) -> Page:
    """A paginator page for the templates from a cached count and page of lessons."""
    paginator = Paginator([], PER_PAGE)
    paginator.count = listing.count  # known already: never counted again
    return Page(listing.lessons, listing.number, paginator)


def lesson_index(request, index_page):
    listing, applied = index_list(
        request.user, request.GET, request.GET.get("page"), PER_PAGE, request=request
    )
    labels = {"gemeente": _("Gemeente"), "gebied": _("Gebied"), "thema": _("Thema")}
    return TemplateResponse(
        request,
        "lessons/lesson_index_page.html",
        {
            "page": index_page,
            "page_obj": _page_obj(listing),
            "applied": applied,
            "filters": [
                ("soort", _("Soort"), Soort.choices),
                ("fase", _("Fase"), Fase.choices),
                *(
                    (name, labels[name], options)
                    for name, options in filter_choices(request=request)
                ),
            ],
        },
    )


def tag_page(request, index_page, tag_slug):
    tag = Tag.objects.filter(slug=tag_slug).first()
    if tag is None:
        raise Http404
    listing = lesson_list(
        request.user,
        lessons_with_tag(request.user, tag.slug),
        ("tag", tag.slug),
        request.GET.get("page"),
        PER_PAGE,
        request=request,
    )
    if not listing.count:
        # A tag used only on professionals-only lessons does not exist for anonymous users.
        raise Http404
    return TemplateResponse(
        request,
        "lessons/tag_page.html",
        {"page": index_page, "tag": tag, "page_obj": _page_obj(listing)},
    )


def lesson_feed(request, index_page):
    return LatestLessonsFeed(index_page)(request)


def lesson_page_context(lesson, request) -> dict:
    """What a lesson page shows besides its own fields, as far as the reader may see it: the
    kennisdag it was harvested at is named only to those who may see that day."""
    kennisdag = lesson.kennisdag if lesson.kennisdag_id else None
    return {
        "related_section": related_section(lesson, request),
        "adoptions": lesson_adoptions(lesson),
        "terms": lesson_terms(lesson, preview=getattr(request, "is_preview", False)),
        "kennisdag": kennisdag if kennisdag and may_view(request.user, kennisdag) else None,
    }


def related_section(lesson, request) -> str:
    """The "Meer zoals dit" section, rendered. Its HTML is cached per audience, content
    generation, stored set and language (`kennisbank.content_cache`): what it shows changes
    only when the lesson's stored set is recomputed (a new key), a page is published,
    unpublished or restricted, or a card's lesson changes (a new generation). A cached
    entry holds cards and nothing of the reader (no CSRF token, no name). While the first
    set is being computed, nothing is cached (the set arrives under a new key anyway)."""
    ids = stored_set(lesson.pk)
    user = request.user

    def render() -> str:
        cards = related_from(ids, lesson, user, request=request)
        template = get_template("components/related_lessons.html")
        return template.render({"related": cards, "request": request})

    if ids is None:
        return render()
    key = (lesson.pk, tuple(ids), get_language())  # HTML: its labels and dates are in a language
    return cached("lessons.related_section", user, key, render, request=request)
