"""App config for dossiers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "dossiers"
    verbose_name = _("Dossiers")

    def ready(self):
        from dossiers.search_documents import register_search_documents

        register_search_documents()

        # The page types reach their view layer through `page_views`: models never import
        # the selectors and views that sit above them.
        from dossiers import models, views

        models.DossierIndexPage.page_views = views
        models.DossierPage.page_views = views
