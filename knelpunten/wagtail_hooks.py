"""Admin of knelpunten: a snippet viewset for triage by the editors (Redacteuren).

Editors filter on status and gemeente, set the status and the public note, mark a signal
`openbaar` and link the lessons that answer it (a searchable page chooser, in order). The
form records who changed the status; `Knelpunt.save` writes the audit row, shown read-only
in the edit view.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    PageChooserPanel,
)
from wagtail.admin.ui.tables import BooleanColumn, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from knelpunten.forms import KnelpuntAdminForm
from knelpunten.models import Knelpunt
from knelpunten.panels import StatusHistoryPanel


class KnelpuntViewSet(SnippetViewSet):
    model = Knelpunt
    icon = "warning"
    menu_label = _("Knelpunten")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = [
        "titel",
        "status",
        "gemeente",
        DateColumn("aangemeld_op", label=_("Gemeld"), sort_key="aangemeld_op"),
        DateColumn(
            "status_gewijzigd_op", label=_("Status gewijzigd"), sort_key="status_gewijzigd_op"
        ),
        BooleanColumn("openbaar", label=_("Openbaar"), sort_key="openbaar"),
    ]
    list_filter = ["status", "gemeente", "openbaar"]
    search_fields = ["titel", "wat_zit_vast", "regeling"]
    ordering = ["-aangemeld_op"]

    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("status"),
                    FieldPanel("toelichting"),
                    FieldPanel("openbaar"),
                ],
                heading=_("Afhandeling"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("titel"),
                    FieldPanel("wat_zit_vast"),
                    FieldPanel("wat_zou_helpen"),
                    FieldPanel("regeling"),
                ],
                heading=_("Melding"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("gebied"),
                    FieldPanel("gemeente"),
                    FieldPanel("organisaties", widget=forms.CheckboxSelectMultiple),
                ],
                heading=_("Waar en wie"),
            ),
            # A searchable page chooser (lessons only), several at once, in the chosen order.
            MultipleChooserPanel(
                "lesson_links",
                chooser_field_name="les",
                heading=_("Lessen"),
                label=_("Les"),
                help_text=_(
                    "De lessen die uit dit knelpunt zijn voortgekomen of het beantwoorden."
                ),
                panels=[PageChooserPanel("les", page_type="lessons.LessonPage")],
            ),
            MultiFieldPanel(
                [
                    FieldPanel("melder", read_only=True),
                    FieldPanel("aangemeld_op", read_only=True),
                    FieldPanel("status_gewijzigd_op", read_only=True),
                ],
                heading=_("Gemeld"),
            ),
            StatusHistoryPanel(heading=_("Statusverloop")),
        ],
        base_form_class=KnelpuntAdminForm,
    )


register_snippet(KnelpuntViewSet)
