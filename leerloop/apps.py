"""App config for leerloop."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeerloopConfig(AppConfig):
    name = "leerloop"
    verbose_name = _("Leerloop")
