"""App config for knelpunten."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnelpuntenConfig(AppConfig):
    name = "knelpunten"
    verbose_name = _("Knelpunten")
