"""The search page as served, before any script runs (issue 11, item 6): the facets sit in a
"Filters" disclosure that starts closed, so a phone shows the results first; its summary
counts the selected filter values; and every facet checkbox is still inside the search
form, so filtering works without JavaScript."""

import re

import pytest

from tests.factories import aanspreekpunt_lessons
from tests.search.conftest import api

pytestmark = pytest.mark.django_db

TAG = re.compile(r"<[^>]+>")


@pytest.fixture
def corpus(database_engine, make_lesson):
    return aanspreekpunt_lessons(make_lesson)


def _page(client, **params) -> str:
    response = client.get("/zoeken/", params)
    assert response.status_code == 200
    return response.content.decode()


def _search_form(html: str) -> str:
    """The search form's markup (forms do not nest, so its first </form> closes it)."""
    start = html.index('id="search-form"')
    return html[start : html.index("</form>", start)]


def _summary_text(html: str) -> str:
    summary = re.search(r"<summary[^>]*>(.*?)</summary>", html, re.S).group(1)
    return " ".join(TAG.sub("", summary).split())


def _checkboxes(markup: str) -> set[tuple[str, str]]:
    return set(re.findall(r'<input type="checkbox" name="([^"]+)" value="([^"]+)"', markup))


def test_facets_are_served_in_a_closed_filters_disclosure(client, corpus):
    form = _search_form(_page(client, q="aanspreekpunt"))
    details = re.search(r"<details[^>]*>", form).group(0)
    assert 'class="facets__disclosure"' in details
    assert " open" not in details
    disclosure = form[form.index(details) : form.index("</details>")]
    assert _checkboxes(disclosure)  # the facets are inside it


def test_the_filters_summary_counts_each_selected_value(client, corpus):
    html = _page(client, q="aanspreekpunt", gemeente=["oldambt", "het-hogeland"], jaar="2026")
    assert _summary_text(html) == "Filters (3 actief)"
    assert len(re.findall(r'<input type="checkbox"[^>]* checked>', html)) == 3


def test_without_selected_filters_the_summary_shows_no_count(client, corpus):
    assert _summary_text(_page(client, q="aanspreekpunt")) == "Filters"


def test_every_facet_value_is_a_checkbox_inside_the_search_form(client, corpus):
    facets = api(client, q="aanspreekpunt")["facets"]
    offered = {(name, item["value"]) for name, items in facets.items() for item in items}
    assert ("gemeente", "oldambt") in offered
    form = _search_form(_page(client, q="aanspreekpunt"))
    assert _checkboxes(form) == offered


def test_a_selected_value_past_the_first_twelve_stays_checked_in_the_form(
    client, database_engine, make_lesson
):
    # Thirteen tags of one lesson each: sorted by label, "thema-m" comes thirteenth.
    for letter in "abcdefghijklm":
        make_lesson(f"Dorpsoverleg {letter}", "Over het dorpsoverleg.", tags=[f"thema-{letter}"])
    form = _search_form(_page(client, q="dorpsoverleg", tag="thema-m"))
    assert re.search(r'<input type="checkbox" name="tag" value="thema-m"[^>]* checked>', form)
    assert _summary_text(form) == "Filters (1 actief)"
