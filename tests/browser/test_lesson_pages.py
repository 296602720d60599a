"""Lesson pages in a real browser: zero axe violations on the lesson, the index and a tag page."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def lesson(page, make_lesson):  # page first: the live server's database is set up
    make_lesson("Verwante les", "Over de keukentafel.", themas=["veilig"], tags=["keukentafel"])
    return make_lesson(
        "Eén keukentafelgesprek",
        "## Situatie\nTekst.\n\n## Wat werkte\n- Samen aan tafel.",
        gemeente="Het Hogeland",
        gebied="Oosternieland",
        themas=["veilig"],
        organisaties=["IMG", "NCG"],
        tags=["keukentafel"],
    )


def test_lesson_page_has_no_axe_violations(page, lesson, axe_violations):
    page.goto(lesson.url)
    assert page.get_by_role("heading", level=1).inner_text() == "Eén keukentafelgesprek"
    assert page.get_by_role("link", name="Wat werkte").is_visible()
    assert axe_violations(page) == []


def test_lesson_index_with_filters_has_no_axe_violations(page, lesson, axe_violations):
    page.goto("/lessen/?thema=veilig")
    assert axe_violations(page) == []


def test_tag_page_has_no_axe_violations(page, lesson, axe_violations):
    page.goto("/lessen/tag/keukentafel/")
    assert axe_violations(page) == []
