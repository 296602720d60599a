"""Follow in a real browser: saving a search by keyboard, the volglijst and the
unsubscribe confirmation pass axe (WCAG 2.1 AA). The lesson index with the button is
covered by tests/browser/test_lesson_pages.py (it filters on thema=veilig)."""

import pytest

from follow import services
from follow.tokens import make_token
from kennisbank.models import Thema
from tests.browser_fixtures import login
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_save_search_by_keyboard_and_manage_the_list(page, professional, axe_violations):
    # No pages needed: the button shows for any valid query, and the serialized rollback of
    # browser tests does not restore the page tree once other tests ran in the session.
    login(page, "professional", PASSWORD)
    page.goto("/zoeken/?q=consulent")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Bewaar deze zoekopdracht").press("Enter")
    page.wait_for_load_state()
    assert page.locator(".message--success").get_by_text("Zoekopdracht bewaard.").is_visible()
    unfollow = page.get_by_role("button", name="Niet meer volgen (deze zoekopdracht)", exact=True)
    assert unfollow.is_visible()
    page.goto("/volgen/")
    assert page.get_by_role("heading", name="“consulent”").is_visible()
    assert axe_violations(page) == []


def test_unsubscribe_confirmation_is_accessible(page, professional, axe_violations):
    # Transactional tests flush the database; do not rely on the seeded taxonomy.
    thema, _ = Thema.objects.get_or_create(slug="veilig", defaults={"name": "Veilig"})
    services.follow_term(professional, thema)
    page.goto(f"/volgen/afmelden/{make_token(professional.pk)}/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Ja, afmelden").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="U bent afgemeld").is_visible()
    assert not professional.follows.exists()
