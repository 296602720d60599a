"""How search results read, through /zoeken/ and /api/zoeken/, on every engine: snippets
quote the rendered text (no Markdown syntax), marks sit on whole analysed words only, and
a title's matching words are marked too, always HTML-safe.

Found by the relevance benchmark (issue 11): snippets showed "## Situatie" and `**…**`,
"huis" was marked inside "buurthuis", and title matches got no mark.
"""

import re

import pytest

from search.analysis import default_analyzer
from tests.search_engine import conftest as engines
from tests.search_engine.conftest import api

engine = engines.engine  # the fixture that runs each test on every available engine

pytestmark = pytest.mark.django_db

MARKDOWN_BODY = (
    "## Situatie\n\n"
    "Bewoners wisten **niet** waar de *regeling* voor de steigerbouw stond.\n\n"
    "## Aanpak\n\n"
    "- Een [folder](https://example.org/folder) over de steigerbouw\n"
    "- Een spreekuur in het dorp\n\n"
    "1. eerst bellen\n"
    "2. dan langs\n\n"
    "> Het werkte voor de steigerbouw.\n"
)
# What Markdown syntax would leave in the text: heading hashes, emphasis, link brackets,
# list markers at the start of a line or after a space, quote markers.
SYNTAX = re.compile(r"#|\*|_[^_]+_|\]\(|\[|(^|\s)[-+>](\s)|(^|\s)\d+\.\s")
MARK = re.compile(r"</?mark>")


def _text(snippet: str) -> str:
    return MARK.sub("", snippet)


def _snippet_of(data, title: str) -> str:
    return next(r["snippet"] for r in data["results"] if r["title"] == title)


def test_api_snippet_shows_rendered_text_without_markdown_syntax(client, engine, make_lesson):
    make_lesson("Steigers in het dorp", MARKDOWN_BODY, samenvatting="Over steigers.")
    snippet = _snippet_of(api(client, q="steigerbouw"), "Steigers in het dorp")
    assert "<mark>steigerbouw</mark>" in snippet
    assert "Aanpak" in snippet and "folder" in snippet
    assert not SYNTAX.search(_text(snippet)), snippet


def test_search_page_snippet_shows_rendered_text_without_markdown_syntax(
    client, engine, make_lesson
):
    make_lesson("Steigers in het dorp", MARKDOWN_BODY, samenvatting="Over steigers.")
    html = client.get("/zoeken/", {"q": "regeling"}).content.decode()
    snippet = re.search(r'<p class="result__snippet">(.*?)</p>', html, re.S).group(1)
    assert "<mark>regeling</mark>" in snippet
    assert not SYNTAX.search(_text(snippet)), snippet


def test_dossier_snippet_shows_rendered_synthesis(client, engine, make_dossier):
    make_dossier(
        title="Erfbezoek",
        synthese="## Wat werkt\n\n**Eén** keukentafelgesprek per erf, zie [de gids](https://x.nl).",
    )
    snippet = _snippet_of(api(client, q="keukentafelgesprek"), "Erfbezoek")
    assert "<mark>keukentafelgesprek</mark>" in snippet and "de gids" in snippet
    assert not SYNTAX.search(_text(snippet)), snippet


def test_kennisdag_snippet_shows_rendered_report(
    client, engine, make_kennisdag, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_kennisdag("Kennisdag Loppersum", verslag="### Opbrengst\n\n* **Wijkwinkels** helpen")
    snippet = _snippet_of(api(client, q="wijkwinkels"), "Kennisdag Loppersum")
    assert "<mark>Wijkwinkels</mark>" in snippet
    assert not SYNTAX.search(_text(snippet)), snippet


def test_raw_html_in_markdown_stays_escaped_text_in_snippet(client, engine, make_lesson):
    make_lesson("Formulieren", "De knop <b>verzenden</b> & het formulier.", samenvatting="Kort.")
    snippet = _snippet_of(api(client, q="formulier"), "Formulieren")
    assert "&lt;b&gt;verzenden&lt;/b&gt; &amp; het <mark>formulier</mark>" in snippet


# --- marks on whole analysed words ---------------------------------------------------------


def _marked_words(snippet: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", snippet)


def test_marks_never_fall_inside_a_word(client, engine, make_lesson):
    make_lesson(
        "Ontmoeten",
        "Het buurthuis ligt naast het huis; thuis praten de huizen niet, huisbezoeken wel.",
        samenvatting="Kort.",
    )
    snippet = _snippet_of(api(client, q="huis"), "Ontmoeten")
    # A mark starts and ends at a word boundary: never buurt<mark>huis</mark>.
    assert not re.search(r"\w<mark>|</mark>\w", snippet), snippet
    assert "thuis" in _text(snippet) and "thuis" not in _marked_words(snippet)
    assert "huis" in _marked_words(snippet)


def test_compound_is_marked_whole_exactly_when_the_analysis_splits_it(client, engine, make_lesson):
    make_lesson("Ontmoeten", "Het buurthuis ligt naast het huis.", samenvatting="Kort.")
    snippet = _snippet_of(api(client, q="huis"), "Ontmoeten")
    split = "huis" in default_analyzer().word("buurthuis").part_terms
    assert ("buurthuis" in _marked_words(snippet)) == split, snippet


def test_stemmed_query_marks_inflected_forms(client, engine, make_lesson):
    make_lesson("Bouwen", "Twaalf woningen en een woning werden vervangen.", samenvatting="Kort.")
    marked = _marked_words(_snippet_of(api(client, q="woning"), "Bouwen"))
    assert "woningen" in marked and "woning" in marked
    assert "werden" not in marked


# --- titles ------------------------------------------------------------------------------


def test_api_title_html_marks_matching_title_words(client, engine, make_lesson):
    make_lesson("Nieuwe woningen in het dorp", "Er werd gebouwd.", samenvatting="Kort.")
    result = api(client, q="woning")["results"][0]
    assert result["title"] == "Nieuwe woningen in het dorp"  # the plain field stays as it was
    assert result["title_html"] == "Nieuwe <mark>woningen</mark> in het dorp"


def test_title_html_is_escaped_before_marking(client, engine, make_lesson):
    make_lesson("Zorg & <b>woningen</b>", "Er werd gebouwd.", samenvatting="Kort.")
    result = api(client, q="woningen")["results"][0]
    assert result["title_html"] == "Zorg &amp; &lt;b&gt;<mark>woningen</mark>&lt;/b&gt;"


def test_search_page_marks_the_title(client, engine, make_lesson):
    make_lesson("Nieuwe woningen in het dorp", "Er werd gebouwd.", samenvatting="Kort.")
    html = client.get("/zoeken/", {"q": "woning"}).content.decode()
    title = re.search(r'<h3 class="card__title"><a [^>]*>(.*?)</a>', html, re.S).group(1)
    assert title == "Nieuwe <mark>woningen</mark> in het dorp"


def test_title_without_match_has_no_mark(client, engine, make_lesson):
    make_lesson("Het dorp", "Twaalf woningen werden vervangen.", samenvatting="Kort.")
    assert api(client, q="woning")["results"][0]["title_html"] == "Het dorp"
