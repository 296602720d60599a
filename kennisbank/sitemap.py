"""The sitemap: every page an anonymous visitor may see, through the one visibility policy.

Wagtail's own sitemap lists `.live().public()` pages, which adds one condition per
restricted page (SQLite refuses it beyond ~1,000) and knows nothing of a page's
`zichtbaarheid` field; here the pages come from `kennisbank.visibility.visible(…, None)`,
for every page type. A sitemap is public-only for everyone: it is fetched without a login
and may be cached.
"""

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from kennisbank.visibility import visible


class VisibleSitemap(Sitemap):
    def items(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True)
        return visible(pages, None).order_by("path").defer_streamfields().specific()


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"wagtail": VisibleSitemap})
