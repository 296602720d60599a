"""The seeded taxonomy and the one lookup function everything resolves terms through."""

import pytest

from kennisbank.lookup import TermIndex, UnknownTermError
from kennisbank.models import Actielijn, Doel, Doelgroep, Gebied, Gemeente, Organisatie, Thema

pytestmark = pytest.mark.django_db


def test_seed_has_the_domain_values():
    assert set(Gemeente.objects.values_list("name", flat=True)) == {
        "Eemsdelta",
        "Het Hogeland",
        "Groningen",
        "Midden-Groningen",
        "Oldambt",
    }
    assert Actielijn.objects.count() == 3
    assert Doel.objects.count() == 3
    assert set(Thema.objects.values_list("slug", flat=True)) == {
        "veilig",
        "schadevrij",
        "verduurzaamd",
        "leefbaar",
        "veerkrachtig",
    }
    assert set(Doelgroep.objects.values_list("slug", flat=True)) == {
        "inwoners",
        "ondernemers",
        "agrariers",
        "professionals",
        "bestuurders",
    }


def test_each_startgebied_is_marked_and_belongs_to_its_gemeente():
    startgebieden = {g.name: g.gemeente.name for g in Gebied.objects.filter(is_startgebied=True)}
    assert startgebieden == {
        "Oosternieland": "Het Hogeland",
        "Ten Boer-West": "Groningen",
        "Scheemda 't Waar": "Oldambt",
    }


def test_organisations_carry_abbreviation_and_kind():
    img = Organisatie.objects.get(afkorting="IMG")
    assert img.name == "Instituut Mijnbouwschade Groningen"
    assert Organisatie.objects.get(afkorting="BZK").soort == Organisatie.Soort.RIJK
    assert Organisatie.objects.filter(soort=Organisatie.Soort.GEMEENTE).count() == 5


@pytest.mark.parametrize(
    "value",
    [
        "NCG",
        "ncg",
        "Nationaal Coördinator Groningen",
        "nationaal coordinator groningen",
        "nationaal-coordinator-groningen",
        "  NATIONAAL COÖRDINATOR GRONINGEN ",
    ],
)
def test_lookup_ignores_case_accents_and_accepts_abbreviation_name_or_slug(value):
    assert TermIndex(Organisatie).get(value).afkorting == "NCG"


def test_lookup_finds_a_startgebied_with_an_apostrophe_written_without_it():
    assert TermIndex(Gebied).get("Scheemda t Waar").slug == "scheemda-t-waar"


def test_lookup_of_doelgroep_without_diaeresis():
    assert TermIndex(Doelgroep).get("agrariers").name == "Agrariërs"


def test_unknown_value_raises_an_error_that_lists_the_known_values():
    with pytest.raises(UnknownTermError) as excinfo:
        TermIndex(Gemeente).get("Delfzijl")
    message = str(excinfo.value)
    assert "'Delfzijl'" in message
    for known in ["Eemsdelta", "Het Hogeland", "Groningen", "Midden-Groningen", "Oldambt"]:
        assert known in message


def test_unknown_organisation_lists_names_with_abbreviations():
    with pytest.raises(UnknownTermError, match=r"Instituut Mijnbouwschade Groningen \(IMG\)"):
        TermIndex(Organisatie).get("UWV")


def test_term_index_get_many_drops_duplicates_and_keeps_order():
    index = TermIndex(Thema)
    terms = index.get_many(["Veilig", "leefbaar", "VEILIG"])
    assert [t.slug for t in terms] == ["veilig", "leefbaar"]


def test_a_term_added_by_an_editor_is_found():
    Gebied.objects.create(name="Loppersum-Noord", gemeente=TermIndex(Gemeente).get("eemsdelta"))
    assert TermIndex(Gebied).get("loppersum noord").gemeente.name == "Eemsdelta"
