"""App config for kennisdagen."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KennisdagenConfig(AppConfig):
    name = "kennisdagen"
    verbose_name = _("Kennisdagen")
