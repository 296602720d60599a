"""Home and login in a real browser: they load, work by keyboard and pass axe (WCAG 2.1 AA)."""

import pytest

from tests.browser_fixtures import login
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_home_has_no_axe_violations(page, axe_violations):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Kennisbank Herstel Groningen"
    assert axe_violations(page) == []


def test_login_page_has_no_axe_violations(page, axe_violations):
    page.goto("/inloggen/")
    assert axe_violations(page) == []


def test_login_page_with_an_error_has_no_axe_violations(page, axe_violations):
    login(page, "niemand", "fout")
    assert page.get_by_role("alert").is_visible()
    assert axe_violations(page) == []


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_search_from_the_home_page_by_keyboard(page):
    page.goto("/")
    page.get_by_label("Zoek in de Kennisbank").fill("aanspreekpunt")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=aanspreekpunt")
    assert page.locator("h1").inner_text() == "Zoeken in de Kennisbank"


def test_a_professional_logs_in_through_the_front_end(page, professional):
    login(page, "professional", PASSWORD)
    assert page.get_by_role("button", name="Uitloggen").is_visible()
