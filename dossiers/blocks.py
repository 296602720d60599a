"""StreamField blocks of a dossier: statements (recommendations, open bottlenecks) with sources.

A bestuurder must never get a claim without its source, so every statement requires at
least one cited lesson; and, as its help text promises, a statement refuses likely personal
data of residents (the same guard and message as every form, `kennisbank.forms`).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from kennisbank.forms import personal_data_message


class StatementBlock(blocks.StructBlock):
    """One statement of the dossier and the lessons it rests on."""

    tekst = blocks.TextBlock(
        label=_("uitspraak"),
        max_length=1000,
        help_text=_("Eén of twee zinnen, concreet en zonder persoonsgegevens."),
    )
    bronnen = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="lessons.LessonPage", label=_("les")),
        label=_("bronnen"),
        min_num=1,
        help_text=_("De lessen waarop deze uitspraak steunt; minstens één."),
    )

    class Meta:
        icon = "openquote"
        label = _("uitspraak")

    def clean(self, value):
        value = super().clean(value)
        message = personal_data_message(str(self.child_blocks["tekst"].label), value["tekst"])
        if message:
            raise StructBlockValidationError(block_errors={"tekst": ValidationError(message)})
        return value


class RecommendationBlock(StatementBlock):
    class Meta:
        icon = "tick"
        label = _("aanbeveling")


class BottleneckBlock(StatementBlock):
    class Meta:
        icon = "warning"
        label = _("knelpunt")


def statements(stream) -> list[tuple[str, list[int]]]:
    """(text, cited page ids) per statement, in editorial order, read from the raw data so
    no cited page is loaded (and a deleted one is simply absent)."""
    out = []
    for item in stream.raw_data:
        value = item.get("value") or {}
        ids = []
        for source in value.get("bronnen") or []:
            # ListBlock stores {"type": "item", "value": id, "id": uuid}; older data a bare id.
            page_id = source.get("value") if isinstance(source, dict) else source
            if page_id:
                ids.append(int(page_id))
        out.append((value.get("tekst", ""), ids))
    return out


def cited_page_ids(stream) -> list[int]:
    return [page_id for _, ids in statements(stream) for page_id in ids]
