"""Knelpunten pages in a real browser: zero axe violations (WCAG 2.1 AA), also with errors,
a honeypot that the keyboard never reaches, and the admin's searchable lesson chooser."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from kennisbank.models import Gemeente
from kennisbank.roles import PROFESSIONALS
from knelpunten import services
from knelpunten.models import Knelpunt, Status
from tests import factories
from tests.browser_fixtures import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def signed_in(page):
    # Built here: after a flush by an earlier live-server test the seeded rows may be gone.
    group, _ = Group.objects.get_or_create(name=PROFESSIONALS)
    user = factories.UserFactory(username="browserprof")
    user.groups.add(group)
    gemeente, _ = Gemeente.objects.get_or_create(slug="oldambt", defaults={"name": "Oldambt"})
    knelpunt = Knelpunt.objects.create(
        titel="Besluitbrief is te lang en te juridisch",
        wat_zit_vast="Bewoners begrijpen niet wat er staat.",
        gemeente=gemeente,
        melder=user,
        openbaar=True,
    )
    services.change_status(knelpunt, Status.OPGELOST, None, "Er komt een samenvatting bovenaan.")
    login(page, "browserprof", factories.PASSWORD)
    return knelpunt


def test_report_form_has_no_axe_violations(page, signed_in, axe_violations):
    page.goto("/knelpunten/melden/")
    assert axe_violations(page) == []


def test_report_form_with_errors_has_no_axe_violations(page, signed_in, axe_violations):
    page.goto("/knelpunten/melden/")
    page.get_by_role("button", name="Knelpunt versturen").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    assert axe_violations(page) == []


def test_keyboard_never_reaches_the_honeypot(page, signed_in):
    page.goto("/knelpunten/melden/")
    page.get_by_label("Wat loopt er vast?").focus()
    focused = []
    for _ in range(30):
        page.keyboard.press("Tab")
        focused.append(
            page.evaluate("document.activeElement.name || document.activeElement.textContent")
        )
    # The honeypot sits just before the submit button in the page: Tab passes it by.
    assert any("Knelpunt versturen" in (name or "") for name in focused)
    assert "website" not in focused
    box = page.locator("#id_website").bounding_box()
    assert box is None or box["x"] + box["width"] <= 0


@pytest.mark.parametrize("path", ["/knelpunten/", "/knelpunten/mijn/", "detail"])
def test_list_detail_and_own_pages_have_no_axe_violations(page, signed_in, axe_violations, path):
    page.goto(signed_in.get_absolute_url() if path == "detail" else path)
    assert axe_violations(page) == []


def test_editor_finds_and_links_a_lesson_with_the_search_in_the_chooser(page, editor, make_lesson):
    make_lesson("Eén loket voor alles")
    wanted = make_lesson("Keukentafelgesprek met alle partijen")
    gemeente, _ = Gemeente.objects.get_or_create(slug="oldambt", defaults={"name": "Oldambt"})
    knelpunt = Knelpunt.objects.create(
        titel="Bewoners vertellen hun verhaal steeds opnieuw",
        wat_zit_vast="Elke partij vraagt hetzelfde.",
        gemeente=gemeente,
    )
    login(page, editor.username, factories.PASSWORD)
    page.goto(reverse(Knelpunt.snippet_viewset.get_url_name("edit"), args=[knelpunt.pk]))
    page.locator("#id_lesson_links-OPEN_MODAL").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("textbox").first.fill("keukentafel")
    # The search narrows the list to the one lesson that matches.
    expect(modal.get_by_text("Eén loket voor alles")).to_have_count(0)
    row = modal.get_by_role("row").filter(has_text="Keukentafelgesprek met alle partijen")
    row.get_by_role("checkbox").check()
    modal.locator("[data-multiple-choice-submit]").click()
    expect(page.locator("#id_lesson_links-0-les")).to_have_value(str(wanted.pk))
    page.get_by_role("button", name="Opslaan").first.click()
    page.wait_for_url("**/admin/snippets/knelpunten/knelpunt/")  # saved: back to the list
    assert [link.les_id for link in knelpunt.lesson_links.all()] == [wanted.pk]
