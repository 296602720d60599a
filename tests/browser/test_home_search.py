"""The home page's search box in Chromium: a combobox that offers suggestions from the
search vocabulary as you type, like the search page's (issue 11, item 5)."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def lesson(page, make_lesson):  # page first: the live server's database is set up
    return make_lesson(
        "Vast aanspreekpunt in Oosternieland",
        "Een vast aanspreekpunt hielp bewoners.",
        tags=["aanspreekpunt"],
    )


def test_home_search_box_suggests_words_as_you_type(page, lesson):
    page.goto("/")
    box = page.get_by_role("combobox", name="Zoek in de Kennisbank")
    box.press_sequentially("aansp", delay=30)
    # (a locator, not wait_for_function: the CSP rightly forbids evaluating strings)
    page.locator("#home-q-suggestions option").first.wait_for(state="attached", timeout=5000)
    values = page.eval_on_selector_all("#home-q-suggestions option", "els => els.map(e => e.value)")
    assert "aanspreekpunt" in values
