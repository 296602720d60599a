"""Wagtail API v2 page endpoint, answering through the one visibility policy.

Wagtail's own endpoint excludes restricted pages one `not_descendant_of` condition per
restricted page (which SQLite refuses beyond ~1,000) and knows nothing of a page's
`zichtbaarheid` field. Here the base queryset is `kennisbank.visibility.visible`, so a
signed-in professional (session login) also gets professionals-only pages and everyone
else never does, whatever the number of restricted pages. With `?search=` the policy is
handed to Wagtail's search backend as an `id IN (...)` subquery, the form it accepts.
"""

from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Page

from kennisbank.visibility import visible


class VisiblePagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        try:
            site = SiteFilterValidator(
                site=self.request.GET.get("site"), request=self.request
            ).site_obj
        except ValueError as error:
            raise BadRequestError(str(error)) from error
        if site is None:
            return Page.objects.none()
        pages = visible(
            Page.objects.descendant_of(site.root_page, inclusive=True), self.request.user
        )
        if "search" in self.request.GET:
            # Wagtail's search backends translate a queryset's filters into their own and
            # refuse the policy's correlated EXISTS; an `id IN (subquery)` they accept.
            return Page.objects.filter(pk__in=pages.values("pk"))
        return pages
