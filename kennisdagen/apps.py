"""App config for kennisdagen: wires the text extraction of uploaded slides."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kennisbank.home import register_section


class KennisdagenConfig(AppConfig):
    name = "kennisdagen"
    verbose_name = _("Kennisdagen")

    def ready(self):
        from kennisdagen import signals  # noqa: F401 - connects the extraction trigger
        from kennisdagen.search_documents import register_search_documents

        register_search_documents()

        # The page types reach their view layer through `page_views`: models never import
        # the selectors and views that sit above them.
        from kennisdagen import models, views

        models.KennisdagIndexPage.page_views = views
        models.KennisdagPage.page_views = views

        # The home page shows the next kennisdag this user may see (kennisbank.home).
        from kennisdagen.selectors import next_kennisdag

        register_section(
            "next_kennisdag",
            lambda request: next_kennisdag(request.user, request=request),
            order=20,
        )
