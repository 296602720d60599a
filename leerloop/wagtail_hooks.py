"""Admin of leerloop: findings on the progress questions as a snippet for the Redacteuren."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from leerloop.models import Bevinding


class BevindingViewSet(SnippetViewSet):
    model = Bevinding
    icon = "doc-full"
    menu_label = _("Voortgangsbevindingen")
    menu_order = 260
    add_to_admin_menu = True
    list_display = [
        "titel",
        "vraag",
        DateColumn("periode_van", label=_("Van"), sort_key="periode_van"),
        DateColumn("periode_tot", label=_("Tot en met"), sort_key="periode_tot"),
    ]
    list_filter = ["vraag"]
    search_fields = ["titel", "bevinding"]
    ordering = ["-periode_tot"]


register_snippet(BevindingViewSet)
