"""The dossier PDF: tagged (PDF/UA: structure tree, language nl), one font family, and served
from a cache per dossier revision and reader audience."""

import io
import time

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from dossiers.pdf import cache_key, render_pdf
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dossier(make_lesson, make_dossier):
    key = make_lesson("Consulent voor de boer", fase="opgeschaald")
    hidden = make_lesson("Alleen voor professionals", zichtbaarheid="professionals")
    return make_dossier(
        "Consulenten opschalen",
        key_lessons=[(key, "Het bewijs dat het werkt."), (hidden, "Ook intern.")],
    )


def _fonts(reader):
    names = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def test_pdf_is_tagged_with_dutch_as_its_language(dossier, professional):
    reader = PdfReader(io.BytesIO(render_pdf(dossier, professional)))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert str(catalog["/Lang"]) == "nl"


def test_pdf_uses_one_font_family(dossier, professional):
    fonts = _fonts(PdfReader(io.BytesIO(render_pdf(dossier, professional))))
    families = {name.removesuffix("-Bold").removesuffix("-Oblique") for name in fonts}
    assert families == {"DejaVu-Sans"}, fonts


def test_second_request_is_served_from_the_cache_quickly(client, dossier):
    url = f"{dossier.url}pdf/"
    first = client.get(url)
    started = time.perf_counter()
    second = client.get(url)
    elapsed = time.perf_counter() - started
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert elapsed < 0.2


def test_readers_who_see_the_same_sources_share_the_entry_others_do_not(dossier, professional):
    reader = factories.UserFactory(username="lezer")  # signed in, no role: sees what all see
    assert cache_key(dossier, None) == cache_key(dossier, reader)
    assert cache_key(dossier, None) != cache_key(dossier, professional)


def test_publishing_the_dossier_gives_a_new_key(dossier, django_capture_on_commit_callbacks):
    before = cache_key(dossier, None)
    dossier.samenvatting = "Nieuwe samenvatting."
    with django_capture_on_commit_callbacks(execute=True):
        dossier.save_revision().publish()
    dossier.refresh_from_db()
    assert cache_key(dossier, None) != before


def test_anonymous_pdf_from_the_cache_never_contains_restricted_lessons(
    client, dossier, professional
):
    client.force_login(professional)
    assert "Alleen voor professionals" in _text(client.get(f"{dossier.url}pdf/").content)
    client.logout()
    assert "Alleen voor professionals" not in _text(client.get(f"{dossier.url}pdf/").content)


def _text(pdf):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
