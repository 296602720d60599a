"""The admin form of a lesson: refuses likely personal data unless the editor confirms."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm

from kennisbank.privacy import find_personal_data

CHECKED_FIELDS = ["title", "samenvatting", "body"]


class LessonPageForm(WagtailAdminPageForm):
    allow_personal_data = forms.BooleanField(
        required=False,
        label=gettext_lazy("Ik bevestig dat dit geen persoonsgegevens van bewoners zijn"),
        help_text=gettext_lazy(
            "Alleen aanvinken als de melding hierboven ten onrechte is, bijvoorbeeld bij het "
            "algemene telefoonnummer van een organisatie."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("allow_personal_data"):
            return cleaned
        for name in CHECKED_FIELDS:
            for finding in find_personal_data(cleaned.get(name) or ""):
                self.add_error(
                    name,
                    _(
                        "Regel %(line)s bevat mogelijk een persoonsgegeven (%(kind)s): "
                        "“%(match)s”. Haal het weg, of vink onderaan de bevestiging aan als "
                        "het geen gegevens van een bewoner zijn."
                    )
                    % {"line": finding.line, "kind": finding.label, "match": finding.match},
                )
        return cleaned
