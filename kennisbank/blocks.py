"""StreamField blocks shared across the site."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class EntryPointBlock(blocks.StructBlock):
    """A door into the site for one audience (professionals, organisers, bestuurders)."""

    audience = blocks.CharBlock(label=_("voor wie"), max_length=60)
    title = blocks.CharBlock(label=_("titel"), max_length=120)
    text = blocks.TextBlock(label=_("tekst"), max_length=400)
    link_page = blocks.PageChooserBlock(label=_("link naar pagina"), required=False)
    link_url = blocks.CharBlock(
        label=_("of link naar adres"),
        required=False,
        help_text=_("Een pad op deze site, bv. /zoeken/, als er geen pagina is."),
    )
    link_text = blocks.CharBlock(label=_("linktekst"), max_length=80)

    class Meta:
        icon = "link"
        template = "components/entry_point.html"
        label = _("ingang")
