"""Page types for lessons: the lesson index and the lesson page (fields of the exchange format).

Thin by design: rendering lives in `kennisbank.markdown`, reads in `lessons.selectors`,
visibility in `kennisbank.visibility`, import/export in `lessons.importer` / `lessons.exporter`.

The page types sit below the selectors and views that read them, so they never import
those: what a page adds to its context and what its routes answer comes from
`lessons.views`, which `LessonsConfig.ready()` plugs in as `page_views`.
"""

from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable
from wagtail.search import index

from kennisbank.markdown import render, sections
from kennisbank.models import TaxonomyFieldsMixin
from kennisbank.models.pages import BasePage
from kennisbank.visibility import ZichtbaarheidMixin, may_view
from lessons.forms import LessonPageForm
from lessons.serializers import TagField, TermField
from lessons.widgets import MarkdownTextarea


class Soort(models.TextChoices):
    LES = "les", _("Les")
    GOED_VOORBEELD = "goed-voorbeeld", _("Goed voorbeeld")
    WERKWIJZE = "werkwijze", _("Werkwijze")


class Fase(models.TextChoices):
    IDEE = "idee", _("Idee")
    IN_UITVOERING = "in-uitvoering", _("In uitvoering")
    WERKT = "werkt", _("Werkt")
    OPGESCHAALD = "opgeschaald", _("Opgeschaald")
    GESTOPT = "gestopt", _("Gestopt")


FASE_STEPS = [Fase.IDEE, Fase.IN_UITVOERING, Fase.WERKT, Fase.OPGESCHAALD]


class LessonIndexPage(RoutablePageMixin, BasePage):
    """The list of lessons, with filters; lessons live directly under it.

    Routes: `tag/<slug>/` lists the lessons with a tag; `feed/` is the RSS feed.
    """

    intro = models.TextField(_("introductie"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["kennisbank.HomePage"]
    subpage_types = ["lessons.LessonPage"]
    max_count = 1

    page_views = None  # lessons.views, plugged in by LessonsConfig.ready()

    class Meta:
        verbose_name = _("lessenoverzicht")

    @path("")
    def index_route(self, request):
        return self.page_views.lesson_index(request, self)

    @path("tag/<slug:tag>/")
    def tag_route(self, request, tag):
        return self.page_views.tag_page(request, self, tag)

    @path("feed/")
    def feed_route(self, request):
        return self.page_views.lesson_feed(request, self)


class LessonTag(TaggedItemBase):
    content_object = ParentalKey(
        "lessons.LessonPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class LessonPage(TaxonomyFieldsMixin, ZichtbaarheidMixin, BasePage):
    """One lesson learned from practice: what was tried, what worked, and whom to ask."""

    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    fase = models.CharField(_("fase"), max_length=20, choices=Fase.choices)
    samenvatting = models.TextField(_("samenvatting"), max_length=500)
    datum = models.DateField(_("datum"), help_text=_("Wanneer de ervaring plaatsvond."))
    body = models.TextField(
        _("tekst (Markdown)"),
        blank=True,
        help_text=_(
            "Gebruikelijke kopjes: ## Situatie, ## Aanpak, ## Resultaat, ## Wat werkte, "
            "## Wat niet werkte, ## Randvoorwaarden, ## Advies."
        ),
    )
    body_html = models.TextField(editable=False, blank=True)
    gebied = models.ForeignKey(
        "kennisbank.Gebied",
        verbose_name=_("gebied"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    gemeente = models.ForeignKey(
        "kennisbank.Gemeente",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actielijnen = ParentalManyToManyField(
        "kennisbank.Actielijn", verbose_name=_("actielijnen"), blank=True, related_name="+"
    )
    doelen = ParentalManyToManyField(
        "kennisbank.Doel", verbose_name=_("doelen"), blank=True, related_name="+"
    )
    # organisaties, themas, doelgroepen: TaxonomyFieldsMixin
    tags = ClusterTaggableManager(through=LessonTag, blank=True, verbose_name=_("tags"))
    contact = models.CharField(
        _("contact"),
        max_length=200,
        blank=True,
        help_text=_("Een rol of organisatie om te vragen, nooit een bewoner."),
    )
    kennisdag = models.ForeignKey(
        "kennisdagen.KennisdagPage",
        verbose_name=_("kennisdag"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="harvested_lessons",
        help_text=_("De kennisdag waar deze les is opgehaald."),
    )
    review_by = models.DateField(_("herzien voor"), null=True, blank=True)
    review_owner = models.ForeignKey(
        "auth.User",
        verbose_name=_("eigenaar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("soort"),
                FieldPanel("fase"),
                FieldPanel("datum"),
                FieldPanel("samenvatting"),
            ],
            heading=_("Kern"),
        ),
        FieldPanel("body", widget=MarkdownTextarea),
        MultiFieldPanel(
            [
                FieldPanel("gebied"),
                FieldPanel("gemeente"),
                FieldPanel("organisaties"),
                FieldPanel("actielijnen"),
                FieldPanel("doelen"),
                FieldPanel("themas"),
                FieldPanel("doelgroepen"),
                FieldPanel("tags"),
            ],
            heading=_("Indeling"),
        ),
        MultiFieldPanel(
            [FieldPanel("zichtbaarheid"), FieldPanel("contact"), FieldPanel("kennisdag")],
            heading=_("Toegang en contact"),
        ),
        InlinePanel("adoptions", heading=_("Toegepast in"), label=_("toepassing")),
        InlinePanel("bronnen", heading=_("Bronnen"), label=_("bron")),
        InlinePanel("images", heading=_("Afbeeldingen"), label=_("afbeelding")),
        InlinePanel("attachments", heading=_("Bijlagen"), label=_("bijlage")),
        MultiFieldPanel(
            [FieldPanel("review_by"), FieldPanel("review_owner")], heading=_("Actualiteit")
        ),
        FieldPanel("allow_personal_data"),
    ]

    api_fields = [
        APIField("soort"),
        APIField("fase"),
        APIField("samenvatting"),
        APIField("datum"),
        APIField("body"),
        APIField("body_html"),
        APIField("zichtbaarheid"),
        APIField("contact"),
        APIField("gebied", serializer=TermField(read_only=True)),
        APIField("gemeente", serializer=TermField(read_only=True)),
        APIField("organisaties", serializer=TermField(many=True, read_only=True)),
        APIField("actielijnen", serializer=TermField(many=True, read_only=True)),
        APIField("doelen", serializer=TermField(many=True, read_only=True)),
        APIField("themas", serializer=TermField(many=True, read_only=True)),
        APIField("doelgroepen", serializer=TermField(many=True, read_only=True)),
        APIField("tags", serializer=TagField(many=True, read_only=True)),
        APIField("adoptions"),
        APIField("bronnen"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("samenvatting"),
        index.SearchField("body"),
        index.FilterField("soort"),
        index.FilterField("fase"),
        index.FilterField("zichtbaarheid"),
    ]

    base_form_class = LessonPageForm
    parent_page_types = ["lessons.LessonIndexPage"]
    subpage_types = []
    route_select_related = ("gebied", "gemeente")
    page_views = None  # lessons.views, plugged in by LessonsConfig.ready()

    class Meta:
        verbose_name = _("les")
        verbose_name_plural = _("lessen")
        indexes = [
            # Newest first (home, listings, feeds): walked in order until enough visible
            # lessons are found, instead of sorting every lesson (188 ms -> 0.3 ms at 10k).
            models.Index(fields=["datum", "page_ptr"], name="lessons_datum_newest"),
            # The visibility policy's subquery of professionals-only lessons reads this
            # index instead of the whole table (the policy's re-check of ten search hits at
            # 10,000 lessons on SQLite: 100-150 ms -> 8-27 ms under load 6).
            models.Index(fields=["zichtbaarheid"], name="lessons_zichtbaarheid"),
        ]

    def save(self, *args, **kwargs):
        # Rendered once per save (and so per revision published), never per request.
        self.body_html = render(self.body)
        super().save(*args, **kwargs)

    @property
    def sections(self):
        return sections(self.body_html)

    @property
    def needs_review(self) -> bool:
        return bool(self.review_by and self.review_by < timezone.localdate())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.page_views.lesson_page_context(self, request))
        context["fase_steps"] = FASE_STEPS
        return context

    def serve(self, request, *args, **kwargs):
        # Wagtail's view restriction normally refuses first; this holds when it is missing.
        if not may_view(request.user, self, require_live=False):
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)


class Adoption(Orderable):
    """Where a lesson was taken up since (`toegepast_in`)."""

    page = ParentalKey(LessonPage, on_delete=models.CASCADE, related_name="adoptions")
    gebied = models.ForeignKey(
        "kennisbank.Gebied", verbose_name=_("gebied"), on_delete=models.PROTECT, related_name="+"
    )
    datum = models.DateField(_("datum"))
    resultaat = models.CharField(_("resultaat"), max_length=500, blank=True)

    panels = [FieldPanel("gebied"), FieldPanel("datum"), FieldPanel("resultaat")]
    api_fields = [
        APIField("gebied", serializer=TermField(read_only=True)),
        APIField("datum"),
        APIField("resultaat"),
    ]


class Bron(Orderable):
    page = ParentalKey(LessonPage, on_delete=models.CASCADE, related_name="bronnen")
    titel = models.CharField(_("titel"), max_length=300)
    url = models.URLField(_("adres"), max_length=1000)

    panels = [FieldPanel("titel"), FieldPanel("url")]
    api_fields = [APIField("titel"), APIField("url")]


class LessonImage(Orderable):
    page = ParentalKey(LessonPage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    alt_text = models.CharField(_("alternatieve tekst"), max_length=250)
    caption = models.CharField(_("onderschrift"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]


class LessonAttachment(Orderable):
    page = ParentalKey(LessonPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("document")]
