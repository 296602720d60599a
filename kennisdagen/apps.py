"""App config for kennisdagen: wires the text extraction of uploaded slides."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KennisdagenConfig(AppConfig):
    name = "kennisdagen"
    verbose_name = _("Kennisdagen")

    def ready(self):
        from kennisdagen import signals  # noqa: F401 - connects the extraction trigger
