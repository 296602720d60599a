"""Dossier pages in a real browser: zero axe violations (WCAG 2.1 AA) on a dossier and the index."""

import datetime

import pytest

from kennisbank.lookup import TermIndex
from kennisbank.models import Gebied
from lessons.models import Adoption

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def dossier(page, make_lesson, make_dossier):  # page first: the live server's database is set up
    werkt = make_lesson("Eén vast aanspreekpunt", fase="werkt", gebied="Oosternieland")
    opgeschaald = make_lesson("Keukentafelgesprek met alle partijen", fase="opgeschaald")
    Adoption.objects.create(
        page=opgeschaald,
        gebied=TermIndex(Gebied).get("Ten Boer-West"),
        datum=datetime.date(2026, 1, 20),
        resultaat="Overgenomen bij alle nieuwe intakes.",
    )
    idee = make_lesson("Erfplan", fase="idee")
    return make_dossier(
        "Bewonersondersteuning rond het versterkingsadvies",
        synthese="## Het patroon\nEen mens die het **geheel** overziet.\n\n- Eén gezicht\n- Plan",
        key_lessons=[(werkt, "Eén gezicht voor de bewoner."), (opgeschaald, "Werkt al elders.")],
        open_knelpunten=[("Termijnen lopen uiteen.", [idee])],
        aanbevelingen=[("Wijs één begeleider aan.", [werkt, opgeschaald])],
    )


def test_dossier_page_has_no_axe_violations(page, dossier, axe_violations):
    page.goto(dossier.url)
    assert page.get_by_role("heading", level=1).inner_text() == dossier.title
    assert page.get_by_role("link", name="Download als PDF").is_visible()
    assert axe_violations(page) == []


def test_dossier_index_has_no_axe_violations(page, dossier, axe_violations):
    page.goto("/dossiers/")
    assert page.get_by_role("link", name=dossier.title).is_visible()
    assert axe_violations(page) == []


def test_print_button_appears_with_javascript(page, dossier):
    page.goto(dossier.url)
    assert page.get_by_role("button", name="Afdrukken").is_visible()
