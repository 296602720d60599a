"""Views behind the lesson index's routes: the filtered list and the tag page (thin)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from taggit.models import Tag

from kennisbank.models import Gebied, Gemeente, Thema
from lessons.models import Fase, Soort
from lessons.selectors import filter_lessons, lessons_with_tag, visible_lessons

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
