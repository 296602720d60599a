"""The information page: the site furniture every Dutch government site has
(toegankelijkheidsverklaring, privacyverklaring, contact, colofon), edited by Redacteuren.

The four pages are created by a data migration with starter text; the footer links them by
their slugs (`FOOTER_PAGES`)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from .pages import BasePage

# (slug, title) of the footer's pages, in footer order.
FOOTER_PAGES = [
    ("toegankelijkheid", "Toegankelijkheidsverklaring"),
    ("privacy", "Privacyverklaring"),
    ("contact", "Contact"),
    ("colofon", "Colofon"),
]


class InformatiePagina(BasePage):
    """A plain page of text: a title, an introduction and a rich-text body."""

    intro = RichTextField(_("introductie"), features=["bold", "italic", "link"], blank=True)
    body = RichTextField(
        _("tekst"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["kennisbank.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("informatiepagina")
        verbose_name_plural = _("informatiepagina's")
