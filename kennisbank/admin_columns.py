"""Admin listing columns in the product's language: a yes/no field reads "Ja" or "Nee"."""

from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import Column


class JaNeeColumn(Column):
    """A boolean field shown as "Ja"/"Nee" (empty for None) instead of True/False."""

    def get_value(self, instance):
        value = super().get_value(instance)
        if value is None:
            return ""
        return _("Ja") if value else _("Nee")
