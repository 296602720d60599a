"""The search page in a real browser: accessible, usable by keyboard, results announced."""

import pytest

from tests.factories import aanspreekpunt_lessons

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def corpus(page, make_lesson):  # page first: the live server's database is set up
    return aanspreekpunt_lessons(make_lesson)


def test_search_results_page_has_no_axe_violations(page, corpus, axe_violations):
    page.goto("/zoeken/?q=aanspreekpunt")
    assert page.get_by_role("status").first.inner_text().startswith("2 resultaten")
    assert axe_violations(page) == []


def test_filtering_by_keyboard_narrows_the_results(page, corpus):
    page.goto("/zoeken/?q=aanspreekpunt")
    page.get_by_label("Oldambt").check()
    page.get_by_role("button", name="Filters toepassen").press("Enter")
    page.wait_for_url("**gemeente=oldambt**")
    assert page.get_by_role("status").first.inner_text().startswith("1 resultaat")
    assert page.get_by_role("link", name="Aanspreekpunt voor ondernemers").is_visible()


def test_matches_are_highlighted(page, corpus):
    page.goto("/zoeken/?q=aanspreekpunt")
    assert page.locator("mark").first.inner_text().lower() == "aanspreekpunt"


def test_autocomplete_fills_the_suggestion_list(page, corpus):
    page.goto("/zoeken/")
    page.get_by_label("Zoekterm").press_sequentially("aansp", delay=30)
    # (a locator, not wait_for_function: the CSP rightly forbids evaluating strings)
    page.locator("#q-suggestions option").first.wait_for(state="attached", timeout=5000)
    values = page.eval_on_selector_all("#q-suggestions option", "els => els.map(e => e.value)")
    assert "aanspreekpunt" in values
