"""The dashboard in a real browser: zero axe violations (WCAG 2.1 AA) with every data table
open, also with filter errors and for an editor, and a text alternative for every chart."""

import pytest
from django.contrib.auth.models import Group

from kennisbank.roles import REDACTEUREN
from tests import factories
from tests.browser_fixtures import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHARTS = [
    "Lessen per fase per actielijn",
    "Toepassingen per kwartaal",
    "Van welk gebied naar welk gebied",
    "Lessen per gemeente en gebied",
    "Signalen per status en leeftijd",
    "Lessen over hun herzieningsdatum, naar achterstand",
]


@pytest.fixture
def content(page, dataset, signals):  # page first: the live server's database is set up
    return dataset


def _open_all_tables(page):
    for summary in page.locator("details > summary").all():
        summary.click()


def test_dashboard_has_no_axe_violations(page, content, axe_violations):
    page.goto("/leerloop/")
    assert page.get_by_role("heading", level=1).inner_text() == "Leerloop"
    _open_all_tables(page)
    assert page.locator("details[open] table").count() >= 6
    assert axe_violations(page) == []


def test_every_chart_has_a_text_alternative(page, content):
    page.goto("/leerloop/")
    charts = page.locator("svg[role=img]")
    assert charts.count() == len(CHARTS)
    for title in CHARTS:
        # The accessible name (title + desc) is what a screen reader announces.
        chart = page.get_by_role("img", name=title)
        assert chart.count() == 1
    names = page.evaluate(
        """() => [...document.querySelectorAll('svg[role=img]')].map(svg =>
             svg.getAttribute('aria-labelledby').split(' ')
               .map(id => document.getElementById(id).textContent.trim()))"""
    )
    for title, desc in names:
        assert title and len(desc) > 20  # the desc states the numbers, not just a label


def test_dashboard_with_filter_errors_has_no_axe_violations(page, content, axe_violations):
    page.goto("/leerloop/?gemeente=atlantis&van=2026-05-01&tot=2026-01-01")
    assert page.get_by_role("alert").is_visible()
    assert axe_violations(page) == []


def test_filter_form_works_without_javascript(browser, live_server, content):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/leerloop/")
    page.get_by_label("Gemeente", exact=True).select_option(label="Oldambt")
    page.get_by_role("button", name="Toon cijfers").click()
    page.wait_for_load_state()
    assert "gemeente=oldambt" in page.url
    assert "(gemeente Oldambt)" in page.locator("#summary-heading").inner_text()
    context.close()


def test_editor_dashboard_has_no_axe_violations(page, content, axe_violations):
    group, _ = Group.objects.get_or_create(name=REDACTEUREN)
    factories.UserFactory(username="browserredacteur").groups.add(group)
    login(page, "browserredacteur", factories.PASSWORD)
    page.goto("/leerloop/")
    assert page.get_by_role("table", name="Te herzien (alleen zichtbaar voor de redactie)")
    _open_all_tables(page)
    assert axe_violations(page) == []
