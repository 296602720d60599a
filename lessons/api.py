"""Wagtail API v2 for lessons: the page endpoint, honouring lesson visibility.

Wagtail's endpoint shows only public pages; a signed-in professional (session login)
also gets the professionals-only lessons. Lessons are always cut down to what the
selector allows, so a lesson whose Wagtail view restriction is missing (or out of step
with `zichtbaarheid`) still does not leak through the API.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Page

from kennisbank.roles import is_professional
from lessons.models import LessonPage
from lessons.selectors import visible_lessons


class KennisbankPagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        visible = visible_lessons(self.request.user).values("pk")
        if is_professional(self.request.user):
            queryset = queryset | Page.objects.filter(pk__in=visible)
        hidden = LessonPage.objects.exclude(pk__in=visible).values("pk")
        return queryset.exclude(pk__in=hidden)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", KennisbankPagesAPIViewSet)
