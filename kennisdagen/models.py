"""Page types for kennisdagen: the index (upcoming first, then the archive) and one kennisdag.

Also the materials of a day (documents, gallery images, recording links) and the text that
background extraction pulls out of uploaded PDFs (`DocumentText`). Reads live in
`kennisdagen.selectors`, calendar output in `kennisdagen.calendar`. The page types never
import the selectors (they sit above the models): what a page adds to its context and what
the index's calendar feed lists comes from `kennisdagen.views`, which
`KennisdagenConfig.ready()` plugs in as `page_views`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from kennisbank.models import TaxonomyFieldsMixin
from kennisbank.models.pages import BasePage
from kennisdagen.blocks import SessionBlock
from kennisdagen.calendar import kennisdag_ics

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"


class KennisdagIndexPage(RoutablePageMixin, BasePage):
    """All kennisdagen: upcoming first, then the archive per year; filters for thema/organisatie."""

    intro = models.TextField(_("introductie"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["kennisbank.HomePage"]
    subpage_types = ["kennisdagen.KennisdagPage"]
    max_count = 1
    page_views = None  # kennisdagen.views, plugged in by KennisdagenConfig.ready()

    class Meta:
        verbose_name = _("kennisdagenoverzicht")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.page_views.index_context(self, request))
        return context

    # Wagtail serves only slash-terminated paths without dots, so the routes are ".../ical/";
    # the response names the file *.ics, which is what calendar apps go by.
    @path("ical/", name="feed")
    def ics_feed(self, request):
        """An iCal feed of the upcoming public kennisdagen, for calendar subscriptions."""
        return self.page_views.ics_feed(request, self)


class KennisdagTag(TaggedItemBase):
    content_object = ParentalKey(
        "kennisdagen.KennisdagPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class KennisdagPage(RoutablePageMixin, TaxonomyFieldsMixin, BasePage):
    """One kennisdag: when and where, for whom, the programme, its materials and its report."""

    datum = models.DateField(_("datum"))
    start_tijd = models.TimeField(_("begintijd"), null=True, blank=True)
    eind_tijd = models.TimeField(_("eindtijd"), null=True, blank=True)
    locatie_naam = models.CharField(_("locatie"), max_length=200, blank=True)
    locatie_adres = models.CharField(
        _("adres"), max_length=300, blank=True, help_text=_("Straat, huisnummer en plaats.")
    )
    organisaties = ParentalManyToManyField(
        "kennisbank.Organisatie",
        verbose_name=_("organiserende organisaties"),
        blank=True,
        related_name="+",
    )  # its own label; themas and doelgroepen come from TaxonomyFieldsMixin
    tags = ClusterTaggableManager(through=KennisdagTag, blank=True, verbose_name=_("tags"))
    samenvatting = models.TextField(_("samenvatting"), max_length=600, blank=True)
    programma = StreamField([("sessie", SessionBlock())], verbose_name=_("programma"), blank=True)
    verslag = models.TextField(
        _("verslag (Markdown)"),
        blank=True,
        help_text=_("Wat er besproken is en wat de dag opleverde. Noem geen bewoners."),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("datum"),
                FieldRowPanel([FieldPanel("start_tijd"), FieldPanel("eind_tijd")]),
                FieldPanel("locatie_naam"),
                FieldPanel("locatie_adres"),
            ],
            heading=_("Wanneer en waar"),
        ),
        FieldPanel("samenvatting"),
        MultiFieldPanel(
            [
                FieldPanel("organisaties"),
                FieldPanel("doelgroepen"),
                FieldPanel("themas"),
                FieldPanel("tags"),
            ],
            heading=_("Indeling"),
        ),
        FieldPanel("programma"),
        InlinePanel("documenten", heading=_("Materiaal van de dag"), label=_("document")),
        InlinePanel("fotos", heading=_("Foto's"), label=_("foto")),
        InlinePanel("opnames", heading=_("Opnames"), label=_("opname")),
        FieldPanel("verslag"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("samenvatting"),
        index.SearchField("verslag"),
        index.SearchField("locatie_naam"),
        index.FilterField("datum"),
    ]

    parent_page_types = ["kennisdagen.KennisdagIndexPage"]
    subpage_types = []
    page_views = None  # kennisdagen.views, plugged in by KennisdagenConfig.ready()

    class Meta:
        verbose_name = _("kennisdag")
        verbose_name_plural = _("kennisdagen")

    def clean(self):
        super().clean()
        if self.start_tijd and self.eind_tijd and self.eind_tijd <= self.start_tijd:
            raise ValidationError({"eind_tijd": _("De eindtijd moet na de begintijd liggen.")})
        if self.eind_tijd and not self.start_tijd:
            raise ValidationError({"start_tijd": _("Vul ook de begintijd in.")})

    # --- derived values -------------------------------------------------------------------

    @property
    def is_upcoming(self) -> bool:
        return self.datum >= timezone.localdate()

    @property
    def needs_report(self) -> bool:
        """A past day without a report: shown as a flag to editors."""
        return not self.is_upcoming and not self.verslag.strip()

    @property
    def locatie(self) -> str:
        return ", ".join(part for part in (self.locatie_naam, self.locatie_adres) if part)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.page_views.kennisdag_context(self, request))
        return context

    @path("ical/", name="ics")
    def ics(self, request):
        """This kennisdag as an iCalendar file, to put it in one's own agenda."""
        if not self.live:
            raise Http404
        response = HttpResponse(kennisdag_ics(self, request), content_type=ICS_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="kennisdag-{self.slug}.ics"'
        return response


class KennisdagDocument(Orderable):
    """A document of the whole day: slides, handouts, the attendance list without names."""

    page = ParentalKey(KennisdagPage, on_delete=models.CASCADE, related_name="documenten")
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=250, blank=True)

    panels = [FieldPanel("document"), FieldPanel("omschrijving")]


class KennisdagFoto(Orderable):
    """A gallery image. The alternative text is required: it is what a screen reader reads."""

    page = ParentalKey(KennisdagPage, on_delete=models.CASCADE, related_name="fotos")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    alt_text = models.CharField(
        _("alternatieve tekst"),
        max_length=250,
        help_text=_("Beschrijf wat er op de foto te zien is, voor wie de foto niet kan zien."),
    )
    onderschrift = models.CharField(_("onderschrift"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("onderschrift")]


class KennisdagOpname(Orderable):
    """A link to a recording of (part of) the day."""

    page = ParentalKey(KennisdagPage, on_delete=models.CASCADE, related_name="opnames")
    titel = models.CharField(_("titel"), max_length=200)
    url = models.URLField(_("adres"), max_length=1000)

    panels = [FieldPanel("titel"), FieldPanel("url")]


class DocumentText(models.Model):
    """Text extracted in the background from an uploaded document (PDF), for search."""

    class Status(models.TextChoices):
        PENDING = "pending", _("In de wachtrij")
        DONE = "done", _("Tekst gevonden")
        EMPTY = "empty", _("Geen tekst gevonden")
        FAILED = "failed", _("Mislukt")
        SKIPPED = "skipped", _("Niet ondersteund")

    document = models.OneToOneField(
        get_document_model_string(),
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="extracted_text",
    )
    text = models.TextField(_("tekst"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    error = models.TextField(_("probleem"), blank=True)
    source_hash = models.CharField(max_length=40, blank=True, editable=False)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    class Meta:
        verbose_name = _("tekst uit document")
        verbose_name_plural = _("teksten uit documenten")

    def __str__(self):
        return f"{self.document} ({self.get_status_display()})"
