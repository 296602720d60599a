"""The personal-data guard as one form mixin (kennisbank.forms), and the dossier statement
block that uses its message."""

import pytest
from django import forms
from wagtail.blocks.struct_block import StructBlockValidationError

from dossiers.blocks import RecommendationBlock
from kennisbank.forms import PersonalDataGuardMixin, personal_data_message


class NoteForm(PersonalDataGuardMixin, forms.Form):
    personal_data_fields = ("note",)
    note = forms.CharField(label="Notitie")
    other = forms.CharField(label="Niet gecontroleerd", required=False)


class ConfirmableNoteForm(NoteForm):
    personal_data_confirmable = True


def test_a_field_with_personal_data_gets_one_error_naming_field_and_every_match():
    form = NoteForm(data={"note": "Mail a@example.nl of bel 06-12345678"})
    assert not form.is_valid()
    [error] = form.errors["note"]
    assert "“Notitie” bevat mogelijk een persoonsgegeven van een bewoner" in error
    assert "“a@example.nl”" in error and "“06-12345678”" in error


def test_matches_in_a_text_of_several_lines_name_their_line():
    form = NoteForm(data={"note": "Eerste regel\nBSN 111222333"})
    assert not form.is_valid()
    assert "(regel 2)" in form.errors["note"][0]


def test_fields_not_named_are_not_checked():
    assert NoteForm(data={"note": "Niets", "other": "a@example.nl"}).is_valid()


def test_without_confirmation_the_checkbox_is_absent_and_cannot_switch_the_guard_off():
    form = NoteForm(data={"note": "a@example.nl", "allow_personal_data": "on"})
    assert "allow_personal_data" not in form.fields
    assert not form.is_valid()


def test_a_confirmable_form_says_so_and_accepts_the_text_once_confirmed():
    refused = ConfirmableNoteForm(data={"note": "Bel 050-1234567"})
    assert not refused.is_valid()
    assert "bevestiging" in refused.errors["note"][0]
    confirmed = {"note": "Bel 050-1234567", "allow_personal_data": "on"}
    assert ConfirmableNoteForm(data=confirmed).is_valid()


def test_clean_text_gives_no_message():
    assert personal_data_message("Notitie", "Een keukentafelgesprek in 9711 AB") is None


@pytest.mark.django_db
def test_a_dossier_statement_refuses_personal_data_in_its_text(make_lesson):
    block = RecommendationBlock()
    lesson = make_lesson("Bron")
    value = block.to_python({"tekst": "Bel mevrouw op 06-12345678", "bronnen": [lesson.pk]})
    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(value)
    assert "06-12345678" in str(refused.value.block_errors["tekst"])
    clean = block.to_python({"tekst": "Eén aanspreekpunt werkt", "bronnen": [lesson.pk]})
    assert block.clean(clean)["tekst"] == "Eén aanspreekpunt werkt"
