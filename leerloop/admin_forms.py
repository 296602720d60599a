"""The admin form of a finding: no finding without at least one source.

Bestuurders must never get a conclusion without its source, so the form refuses a finding
that cites neither a lesson nor a link (the inline formsets are checked together here).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

SOURCE_FORMSETS = ("bronlessen", "bronnen")


class BevindingForm(WagtailAdminModelForm):
    def _kept_forms(self, name: str) -> int:
        formset = self.formsets.get(name)
        if formset is None:
            return 0
        return sum(
            1
            for form in formset.forms
            if form.is_valid() and form.has_changed() and not form.cleaned_data.get("DELETE")
        )

    def clean(self):
        cleaned = super().clean()
        if not any(self._kept_forms(name) for name in SOURCE_FORMSETS):
            raise ValidationError(
                _("Geef minstens één bron: een les uit de Kennisbank of een link naar een bron.")
            )
        return cleaned
