"""The search page on a phone (390×844) in Chromium: the first result is on the first
screen, the facets wait in a closed "Filters" disclosure that counts the selected filters,
one tap opens them, and axe finds nothing at WCAG 2.1 AA collapsed or open. On a wide screen
the facets stand beside the results with no toggle, as before (issue 11, item 6)."""

import re

import pytest

from tests.factories import aanspreekpunt_lessons

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        viewport=PHONE,
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def corpus(phone, make_lesson):  # phone first: the live server's database is set up
    return aanspreekpunt_lessons(make_lesson)


def _filters(page):
    return page.locator("summary", has_text="Filters")


def test_first_result_is_on_the_first_screen_while_filters_are_collapsed(phone, corpus):
    phone.goto("/zoeken/?q=aanspreekpunt")
    assert phone.locator("details.facets__disclosure").get_attribute("open") is None
    assert phone.get_by_label("Oldambt").is_hidden()
    first = phone.locator(".result-list .result").first.bounding_box()
    assert first["y"] < PHONE["height"], first
    title = phone.locator(".result-list .result .card__title").first.bounding_box()
    assert title["y"] + title["height"] <= PHONE["height"], title


def test_filters_summary_shows_the_number_of_selected_filters(phone, corpus):
    phone.goto("/zoeken/?q=aanspreekpunt&gemeente=oldambt&thema=leefbaar")
    assert re.match(r"Filters \(2\b", _filters(phone).inner_text())
    assert phone.locator(".facets__active").is_visible()


def test_opening_the_filters_shows_the_facet_checkboxes(phone, corpus):
    phone.goto("/zoeken/?q=aanspreekpunt")
    _filters(phone).tap()
    checkboxes = phone.get_by_role("checkbox")
    assert checkboxes.count() > 0
    assert all(checkboxes.nth(i).is_visible() for i in range(checkboxes.count()))
    assert phone.get_by_label("Oldambt").is_visible()


def test_a_filter_applied_on_a_phone_narrows_the_results(phone, corpus):
    phone.goto("/zoeken/?q=aanspreekpunt")
    _filters(phone).tap()
    phone.get_by_label("Oldambt").tap()
    phone.get_by_role("button", name="Filters toepassen").tap()
    phone.wait_for_url("**gemeente=oldambt**")
    assert phone.get_by_role("status").first.inner_text().startswith("1 resultaat")
    assert re.match(r"Filters \(1\b", _filters(phone).inner_text())


def test_collapsed_filters_have_no_axe_violations(phone, corpus, axe_violations):
    phone.goto("/zoeken/?q=aanspreekpunt&gemeente=oldambt")
    assert axe_violations(phone) == []


def test_open_filters_have_no_axe_violations(phone, corpus, axe_violations):
    phone.goto("/zoeken/?q=aanspreekpunt&gemeente=oldambt")
    _filters(phone).tap()
    phone.get_by_label("Oldambt").wait_for(state="visible")
    assert axe_violations(phone) == []


def test_on_a_wide_screen_the_facets_stand_beside_the_results_without_a_toggle(page, corpus):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/zoeken/?q=aanspreekpunt")
    assert _filters(page).is_hidden()
    assert page.get_by_role("heading", name="Verfijnen").is_visible()
    facet = page.get_by_label("Oldambt").bounding_box()
    result = page.locator(".result-list .result").first.bounding_box()
    assert facet["x"] + facet["width"] < result["x"]  # a column to the left
