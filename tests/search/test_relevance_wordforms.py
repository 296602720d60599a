"""Unit tests for the Dutch word forms and names the relevance work added to the analysis
(`search/analysis/wordforms.py`, `names.py`, the relaxed plan and the learned lexicon)."""

import pytest

from search.analysis import analyze_document, analyze_query, fold, stem
from search.analysis.lexicon import base_lexicon, learn
from search.analysis.names import NameSet
from search.analysis.pipeline import Analyzer, default_analyzer, use_lexicon
from search.analysis.wordforms import NOUN_VERB_PAIRS, reduce_diminutive


@pytest.mark.parametrize(
    ("diminutive", "base"),
    [
        ("scheurtjes", "scheur"),
        ("tafeltje", "tafel"),
        ("boekje", "boek"),
        ("kaartje", "kaart"),
        ("boompje", "boom"),
        ("woninkje", "woning"),
        ("bankje", "bank"),
        ("balletje", "bal"),
        ("ringetje", "ring"),
        ("autootje", "auto"),
    ],
)
def test_diminutive_reduces_to_its_base_word(diminutive, base):
    assert reduce_diminutive(diminutive) == base
    assert stem(diminutive) == stem(base)


@pytest.mark.parametrize("word", ["meisje", "netjes", "petje", "je", "wereld"])
def test_words_that_merely_end_in_je_are_left_alone(word):
    assert reduce_diminutive(word) == word


@pytest.mark.parametrize(("noun", "verb"), NOUN_VERB_PAIRS)
def test_noun_and_verb_pairs_meet(noun, verb):
    assert stem(noun) == stem(verb)


def test_short_plurals_in_zen_meet_their_singular_but_lezen_stays_apart_from_lessen():
    assert stem("rozen") == stem("roos")
    assert stem("dozen") == stem("doos")
    assert stem("lezen") != stem("lessen")


def terms_of(text):
    return set(analyze_document(text))


def test_ten_boer_west_indexes_as_a_name_and_as_ten_boer_not_as_boer():
    terms = terms_of("Een avond in Ten Boer-West.")
    assert {"tenboerwest", "tenboer"} <= terms
    assert stem("boer") not in terms


@pytest.mark.parametrize(
    "spelling", ["Scheemda 't Waar", "Scheemda ’t Waar", "Scheemda t Waar", "scheemda twaar"]
)
def test_every_apostrophe_form_of_scheemda_t_waar_is_one_name(spelling):
    assert analyze_query(spelling).groups == ((("scheemdatwaar",),),)
    assert "scheemdatwaar" in terms_of(f"Spreekuur in {spelling}.")


def test_a_place_keeps_the_town_it_lies_in_as_a_word():
    assert stem("scheemda") in terms_of("Spreekuur in Scheemda 't Waar.")
    assert stem(fold("waar")) not in terms_of("Spreekuur in Scheemda 't Waar.")


def test_organisation_name_keeps_its_words_but_is_not_split_into_compound_parts():
    terms = terms_of("Het Instituut Mijnbouwschade Groningen schoof aan.")
    assert stem("mijnbouwschade") in terms
    assert stem("schade") not in terms


def test_an_analyzer_without_names_indexes_every_word():
    analyzer = Analyzer(names=NameSet())
    assert stem("boer") in analyzer.analyze_document("Ten Boer-West")


def test_compound_query_matches_the_compound_or_all_its_parts_and_relaxes_to_its_head():
    plan = analyze_query("corporatiewoningen")
    term = stem("corporatiewoningen")
    assert plan.groups == (((term,), ("corporatie",)), ((term,), (stem("woning"),)))
    assert (stem("woning"),) in plan.relaxed_plan().groups[0]


def test_unknown_compound_has_its_known_head_only_in_the_relaxed_plan():
    plan = analyze_query("parkeervergunning")
    assert plan.groups == (((stem("parkeervergunning"),),),)
    assert (stem("vergunning"),) in plan.relaxed_plan().groups[0]


def test_a_plan_without_compounds_has_no_relaxed_plan():
    assert analyze_query("wisselwoning dorp").relaxed_plan() is None


def test_words_typed_apart_also_match_the_closed_compound():
    groups = analyze_query("wacht tijd").groups
    assert all((stem("wachttijd"),) in group for group in groups)


def test_learned_lexicon_splits_compounds_of_frequent_indexed_words():
    assert base_lexicon().split("keukentafelgesprek") == ()
    lexicon = learn({"keukentafel": 4, "Gesprek": 9})
    assert lexicon.split("keukentafelgesprek")[-1] == "gesprek"
    assert lexicon.fingerprint != base_lexicon().fingerprint


def test_use_lexicon_changes_the_default_analyzer_and_none_restores_it():
    try:
        use_lexicon(learn({"keukentafel": 4, "gesprek": 9}))
        assert stem("gesprek") in analyze_document("Een keukentafelgesprek")
    finally:
        use_lexicon(None)
    assert default_analyzer().lexicon.fingerprint == base_lexicon().fingerprint


@pytest.mark.parametrize(
    ("base", "inflected"),
    [("sociaal", "sociale"), ("psychosociaal", "psychosociale"), ("financieel", "financiele")],
)
def test_adjectives_in_aal_and_eel_meet_their_inflected_form(base, inflected):
    assert stem(base) == stem(inflected)
