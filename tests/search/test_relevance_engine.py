"""Running the corrected query and relaxing to most words, through /zoeken/ and /api/zoeken/,
on every engine.

Found by the relevance benchmark (bench/relevance/): typos returned nothing although the
speller's suggestion was right, and natural-language questions returned nothing because
every content word had to match. Both now run a second query, only when the first found
too little, and say so.
"""

import pytest
from django.http import QueryDict

from search import service
from tests.search_engine import conftest as engines
from tests.search_engine.conftest import api, page_titles, titles

engine = engines.engine  # the fixture that runs each test on every available engine

pytestmark = pytest.mark.django_db


@pytest.fixture
def verhuizing(make_lesson):
    return make_lesson("Hulp bij de verhuizing", "Bewoners krijgen hulp bij het inpakken.")


def test_a_typo_runs_the_corrected_query_and_says_so(client, engine, verhuizing):
    data = api(client, q="verhuizng")
    assert titles(data) == ["Hulp bij de verhuizing"]
    assert data["corrected_from"] == "verhuizng"
    assert data["query_used"] == "verhuizing"


def test_the_page_names_the_corrected_query_and_links_to_the_query_as_typed(
    client, engine, verhuizing
):
    html = client.get("/zoeken/", {"q": "verhuizng"}).content.decode()
    assert page_titles(html) == ["Hulp bij de verhuizing"]
    assert "Resultaten voor <em>verhuizing</em>" in html
    assert 'href="?q=verhuizng&amp;exact=1"' in html


def test_exact_searches_as_typed_and_only_suggests(client, engine, verhuizing):
    data = api(client, q="verhuizng", exact="1")
    assert titles(data) == []
    assert data["corrected_from"] is None
    assert data["suggestion"] == "verhuizing"
    html = client.get("/zoeken/", {"q": "verhuizng", "exact": "1"}).content.decode()
    assert "Resultaten voor" not in html and "Bedoelde u" in html


def test_a_query_with_hits_is_never_corrected(client, engine, verhuizing, make_lesson):
    make_lesson("Verhuizng", "Een titel met een tikfout.")
    data = api(client, q="verhuizng")
    assert titles(data) == ["Verhuizng"]
    assert data["corrected_from"] is None and data["query_used"] == "verhuizng"


def test_a_word_only_a_tag_carries_is_corrected_too(client, engine, make_lesson):
    make_lesson("Hulp bij het inpakken", "Vrijwilligers helpen mee.", tags=["mantelzorg"])
    data = api(client, q="mantelzrg")
    assert titles(data) == ["Hulp bij het inpakken"]
    assert data["corrected_from"] == "mantelzrg"


@pytest.fixture
def aannemers(make_lesson):
    make_lesson("Malafide aannemers weren", "Een keurmerk toont of een aannemer betrouwbaar is.")
    make_lesson("Bewoners informeren", "Een brief aan alle bewoners.")


QUESTION = "wie controleert of een aannemer betrouwbaar is met een keurmerk"


def test_a_question_without_all_words_finds_the_documents_with_most(client, engine, aannemers):
    # controleert is in no document; aannemer, betrouwbaar and keurmerk are in one
    data = api(client, q=QUESTION)
    assert titles(data) == ["Malafide aannemers weren"]
    assert data["relaxed"] is True


def test_the_page_says_the_results_match_most_words(client, engine, aannemers):
    html = client.get("/zoeken/", {"q": QUESTION}).content.decode()
    assert page_titles(html) == ["Malafide aannemers weren"]
    assert "Geen resultaten met alle woorden; dit zijn resultaten met de meeste woorden" in html


def test_a_document_with_more_of_the_words_ranks_higher(client, engine, make_lesson):
    make_lesson("Drie woorden", "Een betrouwbaar keurmerk voor de aannemer.")
    make_lesson("Vier woorden", "Een betrouwbaar keurmerk voor de aannemer die asbest sloopt.")
    make_lesson("Twee woorden", "Een aannemer met een keurmerk.")  # 2 of 5: too few
    data = api(client, q="aannemer betrouwbaar keurmerk asbest dakgoot")
    assert data["relaxed"] is True
    assert titles(data) == ["Vier woorden", "Drie woorden"]


def test_two_words_are_never_relaxed_to_one(client, engine, make_lesson):
    make_lesson("Termijnen verlengen", "Soms verlengen we de termijn.")
    data = api(client, q="paspoort verlengen")
    assert titles(data) == [] and data["relaxed"] is False


def test_enough_hits_with_all_words_are_not_relaxed(client, engine, make_lesson):
    for n in range(3):
        make_lesson(f"Aannemer {n}", "Een betrouwbaar keurmerk voor de aannemer.")
    make_lesson("Alleen twee", "Een aannemer met een keurmerk.")
    data = api(client, q="aannemer betrouwbaar keurmerk")
    assert data["relaxed"] is False
    assert data["total"] == 3


def test_a_compound_falls_back_to_its_head_word_with_the_other_words(client, engine, make_lesson):
    make_lesson("Schade aan het gebouw", "Scheuren in de muren van het oude gebouw.")
    make_lesson("Een gebouw", "Zonder meer.")
    data = api(client, q="kerkgebouw schade")
    assert titles(data) == ["Schade aan het gebouw"]
    assert data["relaxed"] is True


def test_a_lone_compound_is_not_relaxed_to_its_head(client, engine, make_lesson):
    make_lesson("De vergunning voor de versterking", "Een omgevingsvergunning aanvragen.")
    assert titles(api(client, q="parkeervergunning")) == []


def test_a_title_match_outranks_body_mentions(client, engine, make_lesson):
    make_lesson(
        "Bewoners informeren",
        "Het keurmerk, nog eens het keurmerk en weer het keurmerk voor elke aannemer.",
        samenvatting="Een brief.",
    )
    make_lesson("Keurmerk voor aannemers", "Wie mag bouwen.", samenvatting="Een lijst.")
    assert titles(api(client, q="keurmerk"))[0] == "Keurmerk voor aannemers"


def test_a_search_run_for_a_program_is_neither_corrected_nor_relaxed(engine, verhuizing, aannemers):
    # saved searches in digests (follow.digest) must get exactly what matches as saved
    for text in ["verhuizng", QUESTION]:
        query = service.parse_query(QueryDict(f"q={text}"), None)
        results = service.run_search(query)
        assert results.total == 0 and not results.relaxed and results.corrected_from is None
