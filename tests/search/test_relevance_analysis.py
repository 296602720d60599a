"""Dutch word forms and names, end to end through /api/zoeken/ and /zoeken/, on every engine.

One test per failure pattern the relevance benchmark (bench/relevance/) found in the
analysis: diminutives, noun/verb pairs, -s/-zen plurals, the head word of a compound,
words typed apart, and multi-word place names that must not index as loose words.
"""

import pytest

from tests.search_engine import conftest as engines
from tests.search_engine.conftest import api, page_titles, titles

engine = engines.engine  # the fixture that runs each test on every available engine

pytestmark = pytest.mark.django_db


def test_diminutive_in_the_query_finds_the_base_word(client, engine, make_lesson):
    make_lesson("Scheuren in de gevel volgen", "Elke maand de scheur meten.")
    make_lesson("Iets anders", "Over verkeer en parkeren.")
    assert titles(api(client, q="scheurtjes")) == ["Scheuren in de gevel volgen"]


def test_diminutive_in_the_text_is_found_by_the_base_word(client, engine, make_lesson):
    make_lesson("Een voorleesboekje voor de klas", "Kinderen lezen een boekje over verhuizen.")
    assert titles(api(client, q="boek kinderen")) == ["Een voorleesboekje voor de klas"]


def test_a_word_that_merely_ends_in_je_is_no_diminutive(client, engine, make_lesson):
    make_lesson("Alles netjes opgeruimd", "De bouwplaats bleef netjes.")
    assert titles(api(client, q="net")) == []


def test_noun_in_atie_finds_the_verb_in_eren(client, engine, make_lesson):
    make_lesson("Dossiers escaleren naar de stuurgroep", "Vastgelopen dossiers gaan omhoog.")
    assert titles(api(client, q="escalatie")) == ["Dossiers escaleren naar de stuurgroep"]


def test_singular_in_s_finds_plural_in_zen(client, engine, make_lesson):
    make_lesson("Verhuisdozen op tijd geleverd", "De dozen stonden een week vooraf klaar.")
    assert titles(api(client, q="doos")) == ["Verhuisdozen op tijd geleverd"]


def test_compound_finds_its_parts_anywhere_in_the_text(client, engine, make_lesson):
    make_lesson("Huurders van de woningcorporatie", "Zij wonen in huurwoningen.")
    make_lesson("Woningen in het dorp", "Een nieuwe straat.")
    assert titles(api(client, q="corporatiewoningen")) == ["Huurders van de woningcorporatie"]


def test_words_typed_apart_find_the_closed_compound(client, engine, make_lesson):
    make_lesson("De wachttijd zichtbaar maken", "Een tijdlijn op papier.")
    assert titles(api(client, q="wacht tijd")) == ["De wachttijd zichtbaar maken"]


def test_place_ten_boer_west_is_no_farmer(client, engine, make_lesson):
    make_lesson("Bewonersavond in Ten Boer-West", "Tafels per onderwerp.")
    make_lesson("Een boer en zijn erf", "Stallen en schuren in een plan.")
    assert titles(api(client, q="boer")) == ["Een boer en zijn erf"]
    assert titles(api(client, q="Ten Boer")) == ["Bewonersavond in Ten Boer-West"]
    assert titles(api(client, q="ten boer-west")) == ["Bewonersavond in Ten Boer-West"]


@pytest.mark.parametrize(
    "query", ["Scheemda 't Waar", "Scheemda ’t Waar", "scheemda twaar", "scheemda t waar"]
)
def test_scheemda_t_waar_is_found_in_every_apostrophe_form(client, engine, make_lesson, query):
    make_lesson("Spreekuur in Scheemda 't Waar", "Elke dinsdag in het dorpshuis.")
    assert titles(api(client, q=query)) == ["Spreekuur in Scheemda 't Waar"]


def test_waar_in_a_question_does_not_find_the_place(client, engine, make_lesson):
    make_lesson("Spreekuur in Scheemda 't Waar", "Elke dinsdag in het dorpshuis.")
    assert titles(api(client, q="waar")) == []


def test_minus_excludes_a_word(client, engine, make_lesson):
    make_lesson("Consulent voor winkeliers", "Een vaste consulent voor het pand.")
    make_lesson("Consulent voor agrarische bedrijven", "Stallen en schuren.")
    assert titles(api(client, q="consulent -agrarisch")) == ["Consulent voor winkeliers"]
    assert titles(api(client, q='consulent -"agrarische bedrijven"')) == [
        "Consulent voor winkeliers"
    ]


def test_or_finds_either_side(client, engine, make_lesson):
    make_lesson("Een tolk aan tafel", "Gesprekken met een tolk.")
    make_lesson("Vertaalde brieven", "Elke brief in de eigen taal: een vertaling.")
    make_lesson("Iets anders", "Over verkeer en parkeren.")
    found = titles(api(client, q="tolk OR vertaling"))
    assert sorted(found) == ["Een tolk aan tafel", "Vertaalde brieven"]


def test_only_an_exclusion_or_a_lone_operator_is_no_error(client, engine, make_lesson):
    make_lesson("Consulent voor winkeliers", "Een vaste consulent voor het pand.")
    for query in ["-consulent", "OR", "- OR -", '-""']:
        assert api(client, q=query)["total"] == 0


def test_question_words_are_not_required_to_match(client, engine, make_lesson):
    make_lesson("Waardedaling vergoeden", "Eigenaren krijgen een vergoeding voor waardeverlies.")
    found = titles(api(client, q="hoe krijg ik een vergoeding voor waardedaling"))
    assert found == ["Waardedaling vergoeden"]


def test_html_search_page_reduces_diminutives_too(client, engine, make_lesson):
    make_lesson("Tafels per onderwerp", "Bewoners lopen van tafel naar tafel.")
    response = client.get("/zoeken/", {"q": "tafeltjes"})
    assert response.status_code == 200
    assert page_titles(response.content.decode()) == ["Tafels per onderwerp"]


def test_a_label_matches_as_a_whole_name_not_by_its_compound_parts(client, engine, make_lesson):
    make_lesson("Wachtlijst bij de balie", "Bewoners wachten op een afspraak.", tags=["schadevrij"])
    make_lesson("Scheuren in de schuur", "Schade aan de schuur na een beving.")
    assert titles(api(client, q="schade")) == ["Scheuren in de schuur"]
    assert titles(api(client, q="schadevrij")) == ["Wachtlijst bij de balie"]
