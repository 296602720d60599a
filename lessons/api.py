"""Wagtail API v2 for lessons: the page endpoint, honouring lesson visibility.

Wagtail's endpoint shows only public pages; a signed-in professional (session login)
also gets the professionals-only lessons, through the same selector as every channel.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Page

from kennisbank.roles import is_professional
from lessons.selectors import visible_lessons


class KennisbankPagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if is_professional(self.request.user):
            lessons = visible_lessons(self.request.user).values("pk")
            queryset = queryset | Page.objects.filter(pk__in=lessons)
        return queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", KennisbankPagesAPIViewSet)
