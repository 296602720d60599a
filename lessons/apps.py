"""App config for lessons; connects the lesson signal handlers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kennisbank.home import register_section


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = _("Lessen")

    def ready(self):
        from lessons import signals  # noqa: F401
        from lessons.search_documents import register_search_documents

        register_search_documents()

        # The page types reach their view layer through `page_views`: models never import
        # the selectors and views that sit above them.
        from lessons import models, views

        models.LessonIndexPage.page_views = views
        models.LessonPage.page_views = views

        # The home page lists the latest lessons this user may see (kennisbank.home).
        from lessons.selectors import latest_lessons

        register_section(
            "latest_lessons",
            lambda request: latest_lessons(request.user, limit=5, request=request),
            order=10,
        )
