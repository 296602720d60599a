"""App config for the public search; connects the handlers that keep the index current."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Zoeken")

    def ready(self):
        from search import checks, signals  # noqa: F401
