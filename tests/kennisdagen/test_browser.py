"""Kennisdag page and index in a real browser: zero axe violations, gallery usable by keyboard."""

import datetime
import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from kennisbank.models import HomePage, Thema
from kennisdagen.models import KennisdagFoto, KennisdagIndexPage, KennisdagPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _image(title):
    out = io.BytesIO()
    PILImage.new("RGB", (64, 48), (1, 104, 155)).save(out, "PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(out.getvalue()), name=f"{title}.png")
    )


def _ensure_site_and_index():
    """The home page, site, collection and index, recreated if a flush removed them.

    After an earlier transactional test with the live server, the serialized restore of the
    migration data is sometimes incomplete (seen on SQLite and PostgreSQL); these tests then
    build what they need themselves instead of failing in setup.
    """
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    home = HomePage.objects.first()
    if home is None:
        locale, _ = Locale.objects.get_or_create(language_code="nl")
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=locale)
        )
        home = root.add_child(
            instance=HomePage(
                title="Kennisbank Herstel Groningen", slug="home", intro="Test", locale=locale
            )
        )
        Site.objects.all().delete()
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    Thema.objects.get_or_create(slug="veilig", defaults={"name": "Veilig"})
    index = KennisdagIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=KennisdagIndexPage(title="Kennisdagen", slug="kennisdagen"))
    return index


@pytest.fixture
def kennisdag(db):
    index = _ensure_site_and_index()
    day = KennisdagPage(
        title="Kennisdag in de browser",
        slug="kennisdag-in-de-browser",
        datum=datetime.date(2026, 3, 26),
        start_tijd=datetime.time(9, 30),
        eind_tijd=datetime.time(16, 0),
        locatie_naam="Dorpshuis",
        locatie_adres="Dorpsstraat 1, Oosternieland",
        samenvatting="Een dag om te testen.",
        verslag="Wat we leerden.\n\nEn nog meer.",
        programma=[
            {
                "type": "sessie",
                "value": {
                    "start": "10:00",
                    "end": "11:00",
                    "title": "Eén plan per huis",
                    "speakers": [{"name": "An", "role": "casemanager", "organisation": "NCG"}],
                    "description": "Uitleg.",
                    "materials": [],
                },
            }
        ],
    )
    index.add_child(instance=day)
    for number in (1, 2):
        day.fotos.add(
            KennisdagFoto(
                image=_image(f"foto-{number}"),
                alt_text=f"Deelnemers aan gesprekstafel {number}",
                onderschrift=f"Gesprekstafel {number}",
            )
        )
    day.save_revision().publish()
    return day


def test_kennisdag_page_has_no_axe_violations(page, axe_violations, kennisdag):  # noqa: F811
    page.goto(kennisdag.url)
    assert page.locator("h1").inner_text() == "Kennisdag in de browser"
    assert axe_violations(page) == []


def test_index_has_no_axe_violations(page, axe_violations, kennisdag):  # noqa: F811
    page.goto("/kennisdagen/")
    assert page.get_by_role("link", name="Kennisdag in de browser").is_visible()
    assert axe_violations(page) == []
    page.get_by_label("Thema").select_option(index=1)
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()
    assert axe_violations(page) == []


def test_gallery_is_usable_by_keyboard(page, kennisdag):  # noqa: F811
    page.goto(kennisdag.url)
    links = page.locator(".gallery__link")
    assert links.count() == 2
    first_href = links.nth(0).get_attribute("href")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('gallery__link')"):
            break
    else:
        pytest.fail("the gallery cannot be reached with Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == first_href
    # A visible focus indicator (WCAG 2.4.7): the site's outline applies to the link.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == links.nth(
        1
    ).get_attribute("href")
    page.keyboard.press("Shift+Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(first_href)
