"""The dashboard's filter form: gemeente and period (a year, or from/to dates), plain GET.

Invalid input never causes an error page: the view shows the form's messages and the
unfiltered figures, and says so.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kennisbank.models import Gemeente
from leerloop.selectors import NO_FILTERS, Filters

FIRST_YEAR = 2018  # the first lessons of the recovery programme predate the Kennisbank


def _year_choices():
    this_year = timezone.localdate().year
    return [("", _("Alle jaren"))] + [
        (str(year), str(year)) for year in range(this_year + 1, FIRST_YEAR - 1, -1)
    ]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class FilterForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Gemeente.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle gemeenten"),
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
    )
    jaar = forms.TypedChoiceField(
        label=_("Jaar"),
        choices=_year_choices,
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Kies een jaar uit de lijst.")},
    )
    van = forms.DateField(
        label=_("Van"),
        required=False,
        widget=DateInput,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={"invalid": _("Vul bij ‘Van’ een datum in als JJJJ-MM-DD.")},
    )
    tot = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=DateInput,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={"invalid": _("Vul bij ‘Tot en met’ een datum in als JJJJ-MM-DD.")},
    )

    def clean(self):
        data = super().clean()
        jaar, van, tot = data.get("jaar"), data.get("van"), data.get("tot")
        if jaar and (van or tot):
            raise forms.ValidationError(_("Kies een jaar óf een periode met datums, niet beide."))
        if van and tot and van > tot:
            self.add_error("tot", _("‘Tot en met’ ligt vóór ‘Van’; draai de datums om."))
        return data

    def filters(self) -> Filters:
        """The filters to apply: none at all when the input was invalid."""
        if not self.is_bound or not self.is_valid():
            return NO_FILTERS
        data = self.cleaned_data
        van, tot = data.get("van"), data.get("tot")
        if data.get("jaar"):
            van = datetime.date(data["jaar"], 1, 1)
            tot = datetime.date(data["jaar"], 12, 31)
        return Filters(gemeente=data.get("gemeente"), van=van, tot=tot)
