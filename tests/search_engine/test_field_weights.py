"""Field weights and words as typed, through /zoeken/ and /api/zoeken/, on every engine.

Where a word stands decides how much it weighs: title > samenvatting > body = taxonomy
labels > slide text (measured on the judged relevance set: labels weigh as the body). A
word as typed weighs more than its synonym and than its compound parts.

Each test makes the page that should lose first: on a tie the older page would come first,
so only the weighting can put the newer one on top.
"""

import pytest

from search.documents import build_document
from search.models import SynonymGroup
from tests.search_engine import conftest as engines
from tests.search_engine.conftest import api, page_titles

engine = engines.engine

pytestmark = pytest.mark.django_db

FILLER = "Een verslag van de werkgroep over de aanpak in het dorp."


def with_slides(engine, page, then):
    """Index `page` with slide text, then `then` again (so it stays the newer entry)."""
    document = build_document(page)
    document.slides = "Over kwelwater."
    engine.index([document])
    engine.index([build_document(then)])


def order(client, q):
    return [r["title"] for r in api(client, q=q)["results"]]


def test_a_title_match_outranks_a_summary_match(client, engine, make_lesson):
    make_lesson("Werkgroep in het dorp", FILLER, samenvatting="Over kwelwater in kelders.")
    make_lesson("Kwelwater in kelders", FILLER, samenvatting="Over de werkgroep in het dorp.")
    assert order(client, "kwelwater") == ["Kwelwater in kelders", "Werkgroep in het dorp"]


def test_a_summary_match_outranks_a_body_match(client, engine, make_lesson):
    make_lesson("Werkgroep A", f"{FILLER} Over kwelwater.", samenvatting="Een verslag.")
    make_lesson("Werkgroep B", f"{FILLER} Een verslag.", samenvatting="Over kwelwater.")
    assert order(client, "kwelwater") == ["Werkgroep B", "Werkgroep A"]


def test_a_body_match_outranks_a_slide_text_match(client, engine, make_lesson):
    slides = make_lesson("Werkgroep A", FILLER, samenvatting="Een verslag.")
    body = make_lesson("Werkgroep B", f"{FILLER} Over kwelwater.", samenvatting="Een verslag.")
    with_slides(engine, slides, then=body)
    assert order(client, "kwelwater") == ["Werkgroep B", "Werkgroep A"]


def test_a_label_match_outranks_a_slide_text_match(client, engine, make_lesson):
    slides = make_lesson("Werkgroep A", FILLER, samenvatting="Een verslag.")
    label = make_lesson("Werkgroep B", FILLER, samenvatting="Een verslag.", tags=["kwelwater"])
    with_slides(engine, slides, then=label)
    assert order(client, "kwelwater") == ["Werkgroep B", "Werkgroep A"]


def test_a_title_match_outranks_a_label_match(client, engine, make_lesson):
    make_lesson("Werkgroep in het dorp", FILLER, samenvatting="Een verslag.", tags=["kwelwater"])
    make_lesson("Kwelwater in het dorp", FILLER, samenvatting="Een verslag.")
    assert order(client, "kwelwater") == ["Kwelwater in het dorp", "Werkgroep in het dorp"]


def test_the_typed_word_outranks_its_synonym(client, engine, make_lesson):
    SynonymGroup.objects.create(terms="stutwerk = stempelwerk")
    make_lesson("Werkgroep A", f"{FILLER} Over stempelwerk.", samenvatting="Een verslag.")
    make_lesson("Werkgroep B", f"{FILLER} Over stutwerk.", samenvatting="Een verslag.")
    assert order(client, "stutwerk") == ["Werkgroep B", "Werkgroep A"]


def test_the_typed_word_outranks_its_compound_parts(client, engine, make_lesson):
    make_lesson("Werkgroep A", f"{FILLER} Isolatie van het dak.", samenvatting="Een verslag.")
    make_lesson("Werkgroep B", f"{FILLER} Over de dakisolatie.", samenvatting="Een verslag.")
    assert order(client, "dakisolatie") == ["Werkgroep B", "Werkgroep A"]


def test_the_search_page_shows_the_weighted_order(client, engine, make_lesson):
    make_lesson("Werkgroep in het dorp", FILLER, samenvatting="Over kwelwater in kelders.")
    make_lesson("Kwelwater in kelders", FILLER, samenvatting="Over de werkgroep in het dorp.")
    html = client.get("/zoeken/", {"q": "kwelwater"}).content.decode()
    assert page_titles(html) == ["Kwelwater in kelders", "Werkgroep in het dorp"]
