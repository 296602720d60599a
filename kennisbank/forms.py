"""Form pieces every app shares: the personal-data guard.

Residents' personal data must never enter the Kennisbank (`kennisbank.privacy` finds it).
A form that takes free text mixes in `PersonalDataGuardMixin` and names the fields to
check; each field with a finding gets one error naming the field and every match. Forms
for editors may also offer the confirmation checkbox (`allow_personal_data`), for the
false alarm such as the general phone number of an organisation. Blocks of a StreamField
use `personal_data_message` for the same message.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kennisbank.privacy import find_personal_data

CONFIRMATION_FIELD = "allow_personal_data"


def personal_data_message(label: str, text: str, *, confirmable: bool = False) -> str | None:
    """The error for a field labelled `label` holding `text`, or None when nothing is found.
    Matches in a text of several lines carry their line number."""
    findings = find_personal_data(text or "")
    if not findings:
        return None
    several_lines = "\n" in (text or "").strip()
    matches = ", ".join(
        f"{finding.label} “{finding.match}”"
        + (_(" (regel %(line)s)") % {"line": finding.line} if several_lines else "")
        for finding in findings
    )
    message = _(
        "“%(field)s” bevat mogelijk een persoonsgegeven van een bewoner: %(matches)s. "
        "Haal het weg; de Kennisbank bewaart geen gegevens van bewoners."
    ) % {"field": label, "matches": matches}
    if confirmable:
        message += " " + _(
            "Is het geen gegeven van een bewoner, vink dan onderaan de bevestiging aan."
        )
    return message


class PersonalDataGuardMixin(forms.Form):
    """Refuse likely personal data of residents in `personal_data_fields`.

    With `personal_data_confirmable`, the form carries the checkbox `allow_personal_data`
    (put it in the panels of an admin form); ticking it lets the text through. Without it,
    the field is left out and the guard cannot be switched off."""

    personal_data_fields: tuple[str, ...] = ()
    personal_data_confirmable = False

    allow_personal_data = forms.BooleanField(
        required=False,
        label=gettext_lazy("Ik bevestig dat dit geen persoonsgegevens van bewoners zijn"),
        help_text=gettext_lazy(
            "Alleen aanvinken als de melding hierboven ten onrechte is, bijvoorbeeld bij het "
            "algemene telefoonnummer van een organisatie."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.personal_data_confirmable:
            self.fields.pop(CONFIRMATION_FIELD, None)

    def clean(self):
        cleaned = super().clean()
        if self.personal_data_confirmable and cleaned.get(CONFIRMATION_FIELD):
            return cleaned
        for name in self.personal_data_fields:
            if name not in self.fields:
                continue
            message = personal_data_message(
                str(self.fields[name].label or name),
                str(cleaned.get(name) or ""),
                confirmable=self.personal_data_confirmable,
            )
            if message:
                self.add_error(name, message)
        return cleaned
