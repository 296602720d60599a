"""The shared taxonomy: gemeenten, gebieden, organisaties, actielijnen, doelen, thema's, etc.

Each term is a Wagtail snippet that editors maintain; lessons, kennisdagen, filters and
search all point at these rows. Resolve free text to a term with `kennisbank.lookup`.
A page type that is tagged with organisaties, thema's and doelgroepen gets those fields
from `TaxonomyFieldsMixin`.
"""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class TaxonomyTerm(index.Indexed, models.Model):
    """A named, slugged term. Slugs are the stable identity used in URLs and exchange files."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("Vaste korte naam voor adressen en importbestanden, bv. 'het-hogeland'."),
    )
    description = models.TextField(_("omschrijving"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    def lookup_keys(self) -> list[str]:
        """Spellings that resolve to this term (normalised by `kennisbank.lookup`)."""
        return [self.name, self.slug]


class Gemeente(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")


class Gebied(TaxonomyTerm):
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="gebieden",
        null=True,
        blank=True,
    )
    is_startgebied = models.BooleanField(
        _("startgebied"),
        default=False,
        help_text=_("Proefgebied voor de gebiedsgerichte aanpak als één overheid."),
    )

    panels = TaxonomyTerm.panels + [FieldPanel("gemeente"), FieldPanel("is_startgebied")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")


class Organisatie(TaxonomyTerm):
    class Soort(models.TextChoices):
        GEMEENTE = "gemeente", _("Gemeente")
        PROVINCIE = "provincie", _("Provincie")
        RIJK = "rijk", _("Rijk")
        UITVOERING = "uitvoeringsorganisatie", _("Uitvoeringsorganisatie")
        MAATSCHAPPELIJK = "maatschappelijk", _("Maatschappelijke organisatie")

    afkorting = models.CharField(_("afkorting"), max_length=20, blank=True)
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)

    panels = TaxonomyTerm.panels + [FieldPanel("afkorting"), FieldPanel("soort")]
    search_fields = TaxonomyTerm.search_fields + [index.SearchField("afkorting")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def lookup_keys(self) -> list[str]:
        return super().lookup_keys() + ([self.afkorting] if self.afkorting else [])


class Actielijn(TaxonomyTerm):
    nummer = models.PositiveSmallIntegerField(_("nummer"), unique=True)

    panels = [FieldPanel("nummer")] + TaxonomyTerm.panels

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("actielijn")
        verbose_name_plural = _("actielijnen")
        ordering = ["nummer"]


class Doel(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")


class Thema(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")


class Doelgroep(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")


class TaxonomyFieldsMixin(models.Model):
    """The taxonomy every tagged page type carries: organisaties, thema's and doelgroepen
    (a page type adds its own tags, whose through model is its own, and any further terms).
    No reverse accessors: a term never lists its pages (`related_name="+"`)."""

    organisaties = ParentalManyToManyField(
        "kennisbank.Organisatie", verbose_name=_("organisaties"), blank=True, related_name="+"
    )
    themas = ParentalManyToManyField(
        "kennisbank.Thema", verbose_name=_("thema's"), blank=True, related_name="+"
    )
    doelgroepen = ParentalManyToManyField(
        "kennisbank.Doelgroep", verbose_name=_("doelgroepen"), blank=True, related_name="+"
    )

    class Meta:
        abstract = True
