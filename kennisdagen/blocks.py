"""StreamField blocks of a kennisdag programme: sessions with time slot, speakers and materials."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class SpeakerBlock(blocks.StructBlock):
    """Who speaks in a session: a name, the role and the organisation they speak for."""

    name = blocks.CharBlock(label=_("naam"), max_length=120)
    role = blocks.CharBlock(label=_("rol"), max_length=120, required=False)
    organisation = blocks.CharBlock(label=_("organisatie"), max_length=160, required=False)

    class Meta:
        icon = "user"
        label = _("spreker")


class SessionBlock(blocks.StructBlock):
    """One session of the day. Its materials are documents from the Kennisdagen collection."""

    start = blocks.TimeBlock(label=_("begintijd"))
    end = blocks.TimeBlock(label=_("eindtijd"), required=False)
    title = blocks.CharBlock(label=_("titel"), max_length=200)
    speakers = blocks.ListBlock(SpeakerBlock(), label=_("sprekers"), default=[])
    description = blocks.TextBlock(label=_("omschrijving"), required=False, max_length=2000)
    materials = blocks.ListBlock(
        DocumentChooserBlock(label=_("document")),
        label=_("materiaal van deze sessie"),
        default=[],
        help_text=_("Presentaties (PDF of PPTX) en handouts van deze sessie."),
    )

    class Meta:
        icon = "time"
        label = _("sessie")
        template = "kennisdagen/blocks/session.html"
