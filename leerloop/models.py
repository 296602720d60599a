"""Models of leerloop: the agenda's three progress questions and the findings editors record.

A `Bevinding` is a periodic answer to one `Voortgangsvraag`, always with its sources (links
and/or lessons), because bestuurders must never get numbers or conclusions without a source.
The Markdown text is rendered once on save with `kennisbank.markdown.render` (sanitized HTML).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from kennisbank.markdown import render
from leerloop.admin_forms import BevindingForm
from lessons.widgets import MarkdownTextarea


class Voortgangsvraag(models.TextChoices):
    """Who the question is about; the question itself is in `VRAGEN`."""

    BEWONERS = "bewoners", _("Bewoners")
    PROFESSIONALS = "professionals", _("Professionals")
    BESTUURDERS = "bestuurders", _("Bestuurders")


# The agenda judges progress by one question per group (our own wording).
VRAGEN = {
    Voortgangsvraag.BEWONERS: _(
        "Merken bewoners dat ze sneller weten waar ze aan toe zijn, dat iemand hen persoonlijk "
        "bijstaat en dat hun huis in één keer veilig, hersteld en verduurzaamd wordt?"
    ),
    Voortgangsvraag.PROFESSIONALS: _(
        "Krijgen professionals de ruimte om te doen wat nodig is, worden hun signalen serieus "
        "genomen en raken knelpunten daadwerkelijk opgelost?"
    ),
    Voortgangsvraag.BESTUURDERS: _(
        "Zijn de gemaakte afspraken uitvoerbaar voor bestuurders, en maken ze het herstel "
        "eenvoudiger en betrouwbaarder?"
    ),
}


class Bevinding(ClusterableModel):
    """What editors found about one progress question over one period, with its sources."""

    vraag = models.CharField(
        _("voortgangsvraag"), max_length=20, choices=Voortgangsvraag.choices, db_index=True
    )
    titel = models.CharField(_("titel"), max_length=200, help_text=_("De bevinding in één zin."))
    periode_van = models.DateField(_("periode van"))
    periode_tot = models.DateField(_("periode tot en met"))
    bevinding = models.TextField(
        _("bevinding (Markdown)"),
        help_text=_(
            "Wat zeggen de lessen, signalen en cijfers over deze vraag in deze periode? "
            "Noem geen bewoners; verwijs naar bronnen hieronder."
        ),
    )
    bevinding_html = models.TextField(editable=False, blank=True)
    is_voorbeeld = models.BooleanField(
        _("voorbeeldinhoud"),
        default=False,
        help_text=_("Verzonnen inhoud om de Kennisbank te laten zien, geen echte bevinding."),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    panels = [
        FieldPanel("vraag"),
        FieldPanel("titel"),
        FieldRowPanel([FieldPanel("periode_van"), FieldPanel("periode_tot")], heading=_("Periode")),
        FieldPanel("bevinding", widget=MarkdownTextarea),
        MultiFieldPanel(
            [
                InlinePanel("bronlessen", label=_("bronles")),
                InlinePanel("bronnen", label=_("bron")),
            ],
            heading=_("Bronnen"),
        ),
        FieldPanel("is_voorbeeld"),
    ]
    base_form_class = BevindingForm

    class Meta:
        verbose_name = _("bevinding")
        verbose_name_plural = _("bevindingen")
        ordering = ["-periode_tot", "-pk"]

    def __str__(self):
        return self.titel

    def clean(self):
        super().clean()
        if self.periode_van and self.periode_tot and self.periode_tot < self.periode_van:
            raise ValidationError(
                {"periode_tot": _("Het einde van de periode ligt vóór het begin.")}
            )

    def save(self, *args, **kwargs):
        # Rendered once per save, never per request (as for lessons). The text sits under
        # the finding's own h4 on the dashboard, so its ## headings become h5 and below.
        self.bevinding_html = render(self.bevinding, heading_offset=3)
        super().save(*args, **kwargs)


class BevindingBron(Orderable):
    """A source outside the Kennisbank: a report, a monitor, minutes of a meeting."""

    bevinding = ParentalKey(Bevinding, on_delete=models.CASCADE, related_name="bronnen")
    titel = models.CharField(_("titel"), max_length=300)
    url = models.URLField(_("adres"), max_length=1000)

    panels = [FieldPanel("titel"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("bron")
        verbose_name_plural = _("bronnen")

    def __str__(self):
        return self.titel


class BevindingLes(Orderable):
    """A lesson the finding rests on; readers see it only if `visible_lessons` lets them."""

    bevinding = ParentalKey(Bevinding, on_delete=models.CASCADE, related_name="bronlessen")
    les = models.ForeignKey(
        "lessons.LessonPage", verbose_name=_("les"), on_delete=models.CASCADE, related_name="+"
    )

    # A page chooser, not a select of every lesson: the Kennisbank holds thousands.
    panels = [FieldPanel("les")]

    class Meta(Orderable.Meta):
        verbose_name = _("bronles")
        verbose_name_plural = _("bronlessen")

    def __str__(self):
        return str(self.les)
