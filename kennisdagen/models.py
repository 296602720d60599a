"""Page types for kennisdagen: the index (upcoming first, then the archive) and one kennisdag."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from kennisbank.models.pages import BasePage


class KennisdagIndexPage(BasePage):
    intro = models.TextField(_("introductie"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["kennisbank.HomePage"]
    subpage_types = ["kennisdagen.KennisdagPage"]
    max_count = 1

    class Meta:
        verbose_name = _("kennisdagenoverzicht")


class KennisdagPage(BasePage):
    datum = models.DateField(_("datum"))
    samenvatting = models.TextField(_("samenvatting"), max_length=600, blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("datum"), FieldPanel("samenvatting")]
    parent_page_types = ["kennisdagen.KennisdagIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("kennisdag")
        verbose_name_plural = _("kennisdagen")
