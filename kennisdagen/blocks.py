"""StreamField blocks of a kennisdag programme: sessions with time slot, speakers and materials."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class SpeakerBlock(blocks.StructBlock):
    """Who speaks in a session: a name, the role and the organisation they speak for."""

    name = blocks.CharBlock(label=_("Naam"), max_length=120)
    role = blocks.CharBlock(label=_("Rol"), max_length=120, required=False)
    organisation = blocks.CharBlock(label=_("Organisatie"), max_length=160, required=False)

    class Meta:
        icon = "user"
        label = _("Spreker")


class SessionBlock(blocks.StructBlock):
    """One session of the day. Its materials are documents from the Kennisdagen collection."""

    start = blocks.TimeBlock(label=_("Begintijd"))
    end = blocks.TimeBlock(label=_("Eindtijd"), required=False)
    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    speakers = blocks.ListBlock(SpeakerBlock(), label=_("Sprekers"), default=[])
    description = blocks.TextBlock(label=_("Omschrijving"), required=False, max_length=2000)
    materials = blocks.ListBlock(
        DocumentChooserBlock(label=_("Document")),
        label=_("Materiaal van deze sessie"),
        default=[],
        help_text=_("Presentaties (PDF of PPTX) en handouts van deze sessie."),
    )

    class Meta:
        icon = "time"
        label = _("Sessie")
        template = "kennisdagen/blocks/session.html"
