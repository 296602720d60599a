"""The PDF of a dossier: produced, opens with pypdf, title page, every source lesson listed."""

import io

import pytest
from pypdf import PdfReader

from dossiers.pdf import StaticFilesOnlyFetcher, render_pdf

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> list[str]:
    """Text per page, whitespace collapsed (long titles may wrap)."""
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.fixture
def dossier(make_lesson, make_dossier):
    key = make_lesson("Consulent voor de boer", fase="opgeschaald")
    stuck = make_lesson("Subsidietermijn sluit niet aan", fase="in-uitvoering")
    advice = make_lesson("Winkel open tijdens versterking", fase="werkt")
    return make_dossier(
        "Consulenten opschalen",
        key_lessons=[(key, "Het bewijs dat het werkt.")],
        open_knelpunten=[("Termijnen lopen uiteen.", [stuck])],
        aanbevelingen=[("Zet overal een consulent in.", [advice, key])],
    )


def test_pdf_download_opens_and_contains_title_and_every_source_lesson_title(client, dossier):
    response = client.get(f"{dossier.url}pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(_text(response.content))
    assert "Consulenten opschalen" in text
    for lesson in dossier.source_lessons():
        assert lesson.title in text
    assert dossier.source_lessons().count() == 3


def test_pdf_is_an_attachment_with_a_slugged_filename(client, dossier):
    response = client.get(f"{dossier.url}pdf/")

    assert response["Content-Disposition"] == (
        'attachment; filename="dossier-consulenten-opschalen.pdf"'
    )


def test_pdf_starts_with_a_title_page_with_title_and_peildatum(dossier, professional):
    first_page = _text(render_pdf(dossier, professional))[0]

    assert "Consulenten opschalen" in first_page
    assert "1 september 2026" in first_page
    assert "Synthese" not in first_page  # the content starts on the next sheet


def test_pdf_lists_every_source_lesson_with_its_full_url(dossier, professional):
    text = " ".join(_text(render_pdf(dossier, professional)))

    for lesson in dossier.source_lessons():
        assert lesson.get_full_url() in text


def test_pdf_metadata_carries_the_dossier_title(dossier, professional):
    reader = PdfReader(io.BytesIO(render_pdf(dossier, professional)))

    assert reader.metadata.title == "Consulenten opschalen"


def test_pdf_fetcher_serves_local_static_files_and_refuses_remote_urls():
    fetcher = StaticFilesOnlyFetcher()

    response = fetcher.fetch("http://localhost/static/dossiers/dossiers.css")
    assert b"@media print" in response.read()
    with pytest.raises(ValueError):
        fetcher.fetch("https://fonts.example.org/noto-sans.woff2")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        fetcher.fetch("http://localhost/static/../../../etc/passwd")
