"""App config for kennisdagen: enforces Pillow's pixel limit and wires text extraction."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KennisdagenConfig(AppConfig):
    name = "kennisdagen"
    verbose_name = _("Kennisdagen")

    def ready(self):
        from kennisdagen import signals  # noqa: F401 - connects the extraction trigger
        from kennisdagen.uploads import enforce_pillow_pixel_limit

        enforce_pillow_pixel_limit()
