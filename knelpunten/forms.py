"""Forms of knelpunten: the report form for professionals and the admin triage form.

The report form refuses likely personal data of residents (the same guard as lessons) and
carries a honeypot field; the view treats a filled honeypot as success but saves nothing.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from kennisbank.forms import PersonalDataGuardMixin
from kennisbank.models import Gebied, Gemeente, Organisatie
from knelpunten.models import Knelpunt

CHECKED_FIELDS = ("titel", "wat_zit_vast", "regeling", "wat_zou_helpen")
HONEYPOT = "website"


class KnelpuntForm(PersonalDataGuardMixin, forms.ModelForm):
    """What a professional fills in to report a knelpunt."""

    personal_data_fields = CHECKED_FIELDS

    # Humans never see this field (hidden by CSS and from assistive tech); bots fill it in.
    website = forms.CharField(
        label=gettext_lazy("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    # A knelpunt that plays everywhere (a national rule, say) has no gebied and no gemeente.
    landelijk = forms.BooleanField(
        label=gettext_lazy("Het speelt landelijk, niet in één gebied of gemeente"),
        required=False,
    )

    class Meta:
        model = Knelpunt
        fields = [
            "titel",
            "wat_zit_vast",
            "gebied",
            "gemeente",
            "organisaties",
            "regeling",
            "wat_zou_helpen",
        ]
        labels = {
            "titel": gettext_lazy("Wat loopt er vast?"),
            "wat_zit_vast": gettext_lazy("Beschrijf de situatie"),
            "gebied": gettext_lazy("Gebied"),
            "gemeente": gettext_lazy("Gemeente"),
            "organisaties": gettext_lazy("Welke organisaties zijn betrokken?"),
            "regeling": gettext_lazy("Welke regel of regeling speelt een rol?"),
            "wat_zou_helpen": gettext_lazy("Wat zou helpen?"),
        }
        help_texts = {
            "titel": gettext_lazy(
                "Eén korte zin, bijvoorbeeld: ‘Subsidie en schadeherstel "
                "niet in één keer aan te vragen’."
            ),
            "wat_zit_vast": gettext_lazy(
                "Wat gebeurt er, voor wie, en waarom komt het niet verder? Noem geen namen, "
                "adressen, telefoonnummers of andere gegevens van bewoners."
            ),
            "gebied": gettext_lazy(
                "Kies een gebied, een gemeente of allebei; of kruis hieronder ‘landelijk’ aan."
            ),
            "gemeente": gettext_lazy("Leeg laten als het gebied de gemeente al zegt."),
            "organisaties": gettext_lazy("Kies er geen, één of meer."),
            "regeling": gettext_lazy(
                "Bijvoorbeeld een subsidieregeling, een werkwijze of een "
                "afspraak. Mag leeg blijven."
            ),
            "wat_zou_helpen": gettext_lazy(
                "Een oplossing, een besluit of een gesprek met wie? Mag leeg blijven."
            ),
        }
        error_messages = {
            "titel": {
                "required": gettext_lazy("Vul in wat er vastloopt, in één korte zin."),
                "max_length": gettext_lazy(
                    "Maak de titel korter: hooguit %(limit_value)d tekens (nu %(show_value)d)."
                ),
            },
            "wat_zit_vast": {
                "required": gettext_lazy("Beschrijf de situatie: wat zit er vast, en waarom?"),
            },
            "regeling": {
                "max_length": gettext_lazy(
                    "Maak dit korter: hooguit %(limit_value)d tekens (nu %(show_value)d)."
                ),
            },
        }
        widgets = {
            "titel": forms.TextInput(attrs={"autocomplete": "off"}),
            "wat_zit_vast": forms.Textarea(attrs={"rows": 6}),
            "wat_zou_helpen": forms.Textarea(attrs={"rows": 4}),
            "organisaties": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gebied"].queryset = Gebied.objects.select_related("gemeente").order_by("name")
        self.fields["gebied"].empty_label = _("Geen bepaald gebied")
        self.fields["gemeente"].queryset = Gemeente.objects.order_by("name")
        self.fields["gemeente"].empty_label = _("Geen bepaalde gemeente")
        self.fields["organisaties"].queryset = Organisatie.objects.order_by("name")
        self.fields["titel"].widget.attrs["maxlength"] = Knelpunt._meta.get_field(
            "titel"
        ).max_length

    @property
    def is_honeypot_filled(self) -> bool:
        return bool((self.data.get(HONEYPOT) or "").strip())

    def clean(self):
        cleaned = super().clean()
        gebied, gemeente = cleaned.get("gebied"), cleaned.get("gemeente")
        if cleaned.get("landelijk"):
            if gebied or gemeente:
                self.add_error(
                    "landelijk",
                    _("Een landelijk knelpunt heeft geen gebied of gemeente: maak die leeg."),
                )
            return cleaned
        if not gebied and not gemeente and not self.has_error("gebied"):
            self.add_error(
                "gebied",
                _(
                    "Kies waar het knelpunt speelt: een gebied, een gemeente of allebei. "
                    "Speelt het overal, kruis dan ‘landelijk’ aan."
                ),
            )
        if gebied and gemeente and gebied.gemeente_id and gebied.gemeente_id != gemeente.pk:
            self.add_error(
                "gemeente",
                _("%(gebied)s ligt in de gemeente %(juist)s, niet in %(gekozen)s.")
                % {"gebied": gebied.name, "juist": gebied.gemeente.name, "gekozen": gemeente.name},
            )
        return cleaned


class KnelpuntAdminForm(PersonalDataGuardMixin, WagtailAdminModelForm):
    """The triage form in the Wagtail admin: records who changed the status (audit row)."""

    personal_data_fields = (*CHECKED_FIELDS, "toelichting")

    def save(self, commit=True):
        # Knelpunt.save writes the audit row; it only needs to know who made the change.
        self.instance.status_changed_by = self.for_user
        return super().save(commit=commit)
