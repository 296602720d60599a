"""Page types of dossiers: the dossier index and the dossier, a curated synthesis for bestuurders.

Thin by design: what a reader may see of a dossier (and what is ready to scale) lives in
`dossiers.selectors`, the PDF in `dossiers.pdf`, Markdown rendering in `kennisbank.markdown`.
The page types never import those (they sit above the models): what a page adds to its
context and what its PDF route answers comes from `dossiers.views`, which
`DossiersConfig.ready()` plugs in as `page_views`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from dossiers.blocks import BottleneckBlock, RecommendationBlock, cited_page_ids
from kennisbank.markdown import render
from kennisbank.models.pages import BasePage
from lessons.models import LessonPage
from lessons.widgets import MarkdownTextarea


class DossierIndexPage(BasePage):
    """All dossiers, newest peildatum first; dossiers live directly under it."""

    intro = models.TextField(_("introductie"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["kennisbank.HomePage"]
    subpage_types = ["dossiers.DossierPage"]
    max_count = 1
    page_views = None  # dossiers.views, plugged in by DossiersConfig.ready()

    class Meta:
        verbose_name = _("dossieroverzicht")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.page_views.index_context(self, request))
        return context


class DossierPage(RoutablePageMixin, BasePage):
    """One question for bestuurders, answered from the lessons: synthesis, key lessons, what
    is ready to scale, open bottlenecks and recommendations, each with its sources.

    Route `pdf/` returns the same content as a PDF for a meeting.
    """

    vraag = models.CharField(
        _("vraag"),
        max_length=250,
        help_text=_(
            "De ene vraag die dit dossier beantwoordt, zoals een bestuurder hem stelt. "
            "Bijvoorbeeld: ‘Kunnen we de mkb- en agro-consulenten overal inzetten?’"
        ),
    )
    samenvatting = models.TextField(
        _("samenvatting"),
        max_length=600,
        help_text=_("Het antwoord in drie zinnen. Staat bovenaan en in de zoekresultaten."),
    )
    peildatum = models.DateField(
        _("peildatum"),
        help_text=_("De datum waarop de inhoud is bijgewerkt; staat op het titelblad van de PDF."),
    )
    synthese = models.TextField(
        _("synthese (Markdown)"),
        blank=True,
        help_text=_(
            "De redactionele synthese: wat de lessen samen zeggen. Gebruik ## voor kopjes. "
            "Noem geen bewoners; verwijs naar lessen via de onderdelen hieronder."
        ),
    )
    synthese_html = models.TextField(editable=False, blank=True)
    aanbevelingen = StreamField(
        [("aanbeveling", RecommendationBlock())],
        verbose_name=_("aanbevelingen"),
        blank=True,
        help_text=_("Wat bestuurders kunnen besluiten of doen; elke aanbeveling met bronnen."),
    )
    open_knelpunten = StreamField(
        [("knelpunt", BottleneckBlock())],
        verbose_name=_("open knelpunten"),
        blank=True,
        help_text=_("Wat nog vastzit en bestuurlijke aandacht vraagt; elk knelpunt met bronnen."),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("vraag"), FieldPanel("samenvatting"), FieldPanel("peildatum")],
            heading=_("Kern"),
        ),
        FieldPanel("synthese", widget=MarkdownTextarea),
        InlinePanel(
            "key_lessons",
            heading=_("Kernlessen"),
            label=_("kernles"),
            help_text=_(
                "De lessen die de vraag het best beantwoorden, met per les waarom die ertoe "
                "doet. Lessen in fase ‘werkt’ of ‘opgeschaald’ verschijnen ook onder "
                "‘Klaar om op te schalen’."
            ),
        ),
        FieldPanel("open_knelpunten"),
        FieldPanel("aanbevelingen"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("vraag"),
        index.SearchField("samenvatting"),
        index.SearchField("synthese"),
    ]

    parent_page_types = ["dossiers.DossierIndexPage"]
    subpage_types = []
    page_views = None  # dossiers.views, plugged in by DossiersConfig.ready()

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")

    def save(self, *args, **kwargs):
        # Rendered once per save (and so per revision published), never per request.
        # The synthesis sits under the page's own "Synthese" heading (h2): its ## becomes h3.
        self.synthese_html = render(self.synthese, heading_offset=1)
        super().save(*args, **kwargs)

    def source_lesson_ids(self) -> list[int]:
        """Ids of every lesson cited anywhere, in order of first citation, without duplicates."""
        ids = [item.lesson_id for item in self.key_lessons.all() if item.lesson_id]
        ids += cited_page_ids(self.open_knelpunten) + cited_page_ids(self.aanbevelingen)
        return list(dict.fromkeys(ids))

    def source_lessons(self):
        """ALL LessonPages cited anywhere in this dossier, unfiltered: callers that show them
        to a reader go through `dossiers.selectors.visible_source_lessons`."""
        return LessonPage.objects.filter(pk__in=self.source_lesson_ids())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.page_views.dossier_page_context(self, request))
        return context

    @path("")
    def page_route(self, request):
        return self.render(request)

    @path("pdf/", name="pdf")
    def pdf_route(self, request):
        return self.page_views.dossier_pdf(request, self)


class DossierKeyLesson(Orderable):
    """A key lesson of a dossier, with the editor's note on why it matters."""

    page = ParentalKey(DossierPage, on_delete=models.CASCADE, related_name="key_lessons")
    lesson = models.ForeignKey(
        "lessons.LessonPage",
        verbose_name=_("les"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    note = models.TextField(
        _("waarom dit ertoe doet"),
        max_length=600,
        help_text=_(
            "Eén tot drie zinnen voor een bestuurder: wat deze les voor de vraag betekent."
        ),
    )

    panels = [FieldPanel("lesson"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("kernles")
        verbose_name_plural = _("kernlessen")
