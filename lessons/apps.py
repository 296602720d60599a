"""App config for lessons; connects the lesson signal handlers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = _("Lessen")

    def ready(self):
        from lessons import signals  # noqa: F401
