"""Query compounds are split with a lexicon learned from the indexed vocabulary, through
/api/zoeken/ on the database engine (SQLite or PostgreSQL, whichever this leg runs).

``keukentafelgesprek`` is in no hand list; once *keukentafel* and *gesprek* are words of
enough visible documents, the query finds a lesson about a conversation at the kitchen
table. What is learned comes only from content the searcher may see, and follows publishes.
(The Elasticsearch engine analyses queries with its own decompounder; see `search.lexicons`.)
"""

import pytest

from kennisbank.visibility import ANONYMOUS
from search import facetindex, lexicons
from search.analysis.lexicon import base_lexicon
from search.models import IndexChange
from tests.search.conftest import api, titles

pytestmark = pytest.mark.django_db

COMPOUND = "keukentafelgesprek"


@pytest.fixture(autouse=True)
def fresh_lexicons(database_engine):
    lexicons.forget()
    yield
    lexicons.forget()


def test_the_compound_is_in_no_hand_list():
    assert base_lexicon().split(COMPOUND) == ()


def test_a_query_compound_of_frequent_indexed_words_finds_a_lesson_with_its_parts(
    client, make_lesson
):
    make_lesson("Gesprek aan de keukentafel", "Een gesprek aan de keukentafel met bewoners.")
    make_lesson("Een nieuwe keukentafel", "De keukentafel van het dorpshuis.")
    make_lesson("Het eerste gesprek", "Na het gesprek volgt een plan.")
    assert titles(api(client, q=COMPOUND))[0] == "Gesprek aan de keukentafel"


def test_a_word_held_by_one_document_only_does_not_split_the_query(client, make_lesson):
    make_lesson("Gesprek aan de keukentafel", "Een gesprek aan de keukentafel met bewoners.")
    make_lesson("Het eerste gesprek", "Na het gesprek volgt een plan.")
    assert titles(api(client, q=COMPOUND)) == []


def test_the_learned_lexicon_follows_a_publish(client, make_lesson):
    make_lesson("Gesprek aan de keukentafel", "Een gesprek aan de keukentafel met bewoners.")
    make_lesson("Het eerste gesprek", "Na het gesprek volgt een plan.")
    assert titles(api(client, q=COMPOUND)) == []
    make_lesson("Een nieuwe keukentafel", "De keukentafel van het dorpshuis.")
    assert titles(api(client, q=COMPOUND))[0] == "Gesprek aan de keukentafel"


def test_words_only_in_restricted_lessons_never_split_an_anonymous_query(
    client, make_lesson, professional
):
    make_lesson("Openbaar gesprek", "Een gesprek aan de keukentafel met bewoners.")
    make_lesson("Het eerste gesprek", "Na het gesprek volgt een plan.")
    for n in range(2):
        make_lesson(
            f"Vertrouwelijke keukentafel {n}",
            "De keukentafel van het dorpshuis.",
            zichtbaarheid="professionals",
        )
    assert titles(api(client, q=COMPOUND)) == []
    client.force_login(professional)
    assert "Openbaar gesprek" in titles(api(client, q=COMPOUND))


def learned_at(index_state="a", built=0.0, cost=0.0):
    return lexicons._Learned(token=index_state, built=built, cost=cost, analyzer=None)


def test_an_expensive_vocabulary_is_learned_again_in_the_background_not_in_the_request():
    old = learned_at(cost=1.0, built=0.0)
    assert lexicons.refresh_kind(old, "b", now=lexicons.REFRESH_SECONDS + 1) == "background"


def test_an_expensive_vocabulary_is_learned_again_at_most_every_refresh_period():
    old = learned_at(cost=1.0, built=100.0)
    assert lexicons.refresh_kind(old, "b", now=101.0) is None


def test_a_cheap_vocabulary_is_learned_again_at_once_and_a_current_one_not_at_all():
    assert lexicons.refresh_kind(learned_at(cost=0.001), "b", now=1.0) == "now"
    assert lexicons.refresh_kind(learned_at(cost=1.0), "a", now=1e9) is None
    assert lexicons.refresh_kind(None, "a", now=0.0) == "now"


def test_a_background_refresh_learns_the_new_vocabulary(client, make_lesson, monkeypatch):
    monkeypatch.setattr(lexicons, "CHEAP_BUILD_SECONDS", -1.0)  # requests never learn again
    monkeypatch.setattr(lexicons, "REFRESH_SECONDS", 1e9)  # nor start a thread
    make_lesson("Gesprek aan de keukentafel", "Een gesprek aan de keukentafel met bewoners.")
    make_lesson("Het eerste gesprek", "Na het gesprek volgt een plan.")
    assert titles(api(client, q=COMPOUND)) == []
    make_lesson("Een nieuwe keukentafel", "De keukentafel van het dorpshuis.")
    keys = tuple(facetindex.audience_keys(ANONYMOUS))
    lexicons._learn(keys, IndexChange.current_token())  # what the thread runs
    assert titles(api(client, q=COMPOUND))[0] == "Gesprek aan de keukentafel"
