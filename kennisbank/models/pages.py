"""Page types of the site-wide app: the abstract base every page builds on, and the home page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from kennisbank.blocks import EntryPointBlock
from kennisbank.home import home_sections


class BasePage(Page):
    """Fields every public page shares.

    `is_voorbeeld` marks demo content: such pages say so to every reader, so that an
    example is never mistaken for a real lesson from practice.
    """

    is_voorbeeld = models.BooleanField(
        _("voorbeeldinhoud"),
        default=False,
        help_text=_("Aan voor demonstratie-inhoud; de pagina toont dan een duidelijke melding."),
    )

    promote_panels = Page.promote_panels + [FieldPanel("is_voorbeeld")]

    class Meta:
        abstract = True


class HomePage(BasePage):
    """The front door: what the Kennisbank is, a search box, and entry points per audience."""

    intro = models.TextField(
        _("introductie"),
        max_length=600,
        help_text=_("Twee zinnen: wat de Kennisbank is en voor wie."),
    )
    entry_points = StreamField(
        [("entry_point", EntryPointBlock())],
        verbose_name=_("ingangen"),
        blank=True,
        max_num=6,
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("entry_points")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections(request))
        return context
