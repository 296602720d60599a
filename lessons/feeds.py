"""RSS feed of the newest public lessons (anonymous by nature: feed readers do not log in)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from lessons.selectors import latest_lessons


class LatestLessonsFeed(Feed):
    feed_type = Rss201rev2Feed
    title = "Nieuwe lessen · Kennisbank Herstel Groningen"
    description = "De nieuwste openbare lessen uit het herstel van Groningen."

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    # Absolute on the public base URL (the Site follows SITE_URL), not the request's host.
    def link(self):
        return self.index_page.full_url

    def feed_url(self):
        return f"{self.index_page.full_url}feed/"

    def items(self):
        # Always as an anonymous visitor: a feed URL is shared and cached.
        return latest_lessons(None, limit=30)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.samenvatting

    def item_link(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return item.first_published_at
