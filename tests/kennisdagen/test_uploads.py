"""Upload safety: each bad file is refused with a clear Dutch message and nothing is saved."""

import io
import os
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PILImage
from pypdf import PdfReader, PdfWriter
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from demo.pdf import make_pdf
from kennisdagen.models import DocumentText

pytestmark = pytest.mark.django_db

Document = get_document_model()
Image = get_image_model()

SLIDES = [["Kennisdag Oosternieland", "Het kwelderherstel aanpakken als één overheid"]]


def _media_files():
    found = set()
    for root, _dirs, files in os.walk(settings.MEDIA_ROOT):
        found.update(os.path.join(root, name) for name in files)
    return found


def _encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(SLIDES))))
    writer.encrypt(user_password="geheim", owner_password="eigenaar")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zip(entries: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def _png(size=(40, 30), mode="RGB") -> bytes:
    out = io.BytesIO()
    PILImage.new(mode, size).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def collection(db):
    return Collection.objects.get(name="Kennisdagen")


@pytest.fixture
def upload_document(client, organiser, collection, django_capture_on_commit_callbacks):
    client.force_login(organiser)

    def upload(name, content, content_type="application/octet-stream"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("wagtaildocs:add"),
                {
                    "title": "Presentatie",
                    "file": SimpleUploadedFile(name, content, content_type=content_type),
                    "collection": collection.pk,
                    "tags": "",
                },
            )

    return upload


@pytest.fixture
def upload_image(client, organiser, collection):
    client.force_login(organiser)

    def upload(name, content, content_type="image/png"):
        return client.post(
            reverse("wagtailimages:add"),
            {
                "title": "Foto",
                "file": SimpleUploadedFile(name, content, content_type=content_type),
                "collection": collection.pk,
                "tags": "",
            },
        )

    return upload


def _refused(response, message, model):
    assert response.status_code == 200, "a refused upload re-shows the form"
    assert message in response.content.decode()
    assert model.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("kapot.pdf", b"%PDF-1.4\n" + b"\x00garbage" * 50, "Deze PDF is beschadigd"),
        ("nep.pdf", b"<html><script>alert(1)</script></html>", "is geen PDF"),
        ("beveiligd.pdf", None, "beveiligd met een wachtwoord"),
        ("nep.pptx", b"%PDF-1.4 not a zip", "geen geldig PPTX-bestand"),
        (
            "macro.docx",
            _zip(
                {
                    "[Content_Types].xml": '<Types><Override ContentType="application/'
                    'vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
                }
            ),
            "ander soort Office-bestand",
        ),
        ("tekening.svg", b"<svg><script>alert(1)</script></svg>", "niet toegestaan"),
        ("script.txt", b"<svg onload='alert(1)'></svg>", "geen gewone tekst"),
    ],
)
def test_bad_documents_are_refused_and_nothing_is_saved(upload_document, name, content, message):
    before = _media_files()
    content = _encrypted_pdf() if content is None else content
    _refused(upload_document(name, content), message, Document)
    assert _media_files() == before
    assert DocumentText.objects.count() == 0


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=500)
def test_oversize_document_is_refused(upload_document):
    _refused(
        upload_document("groot.pdf", make_pdf(SLIDES * 20)), "Dit bestand is te groot", Document
    )


def test_real_pptx_passes_the_content_check(upload_document):
    pptx = _zip(
        {
            "[Content_Types].xml": '<Types><Override PartName="/ppt/presentation.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.presentationml.'
            'presentation.main+xml"/></Types>',
            "ppt/presentation.xml": "<p:presentation/>",
        }
    )
    response = upload_document("dia.pptx", pptx)
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.extracted_text.status == DocumentText.Status.SKIPPED


def test_pdf_upload_extracts_text_in_the_background(upload_document):
    response = upload_document("dia.pdf", make_pdf(SLIDES), "application/pdf")
    assert response.status_code == 302
    record = Document.objects.get().extracted_text
    assert record.status == DocumentText.Status.DONE, record.error
    assert "kwelderherstel" in record.text
    assert record.error == ""


def test_owner_only_encrypted_pdf_is_accepted_and_extracted(upload_document):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(SLIDES))))
    writer.encrypt(user_password="", owner_password="eigenaar")
    out = io.BytesIO()
    writer.write(out)
    assert upload_document("alleen-lezen.pdf", out.getvalue()).status_code == 302
    record = Document.objects.get().extracted_text
    assert record.status == DocumentText.Status.DONE, record.error
    assert "kwelderherstel" in record.text


def test_damaged_pdf_that_passed_upload_records_the_problem(upload_document, monkeypatch):
    from kennisdagen import tasks

    def broken(fileobj):
        raise tasks.ExtractionError("PDF kan niet worden geopend: kapotte xref")

    monkeypatch.setattr(tasks, "extract_pdf_text", broken)
    assert upload_document("dia.pdf", make_pdf(SLIDES)).status_code == 302
    record = Document.objects.get().extracted_text
    assert record.status == DocumentText.Status.FAILED
    assert "kapotte xref" in record.error


def test_good_image_is_accepted(upload_image):
    assert upload_image("foto.png", _png()).status_code == 302
    assert Image.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "aanval.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>x()</script></svg>",
            "SVG",
        ),
        ("aanval.png", b"<?xml version='1.0'?><svg><script>x()</script></svg>", "SVG"),
        ("kapot.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "geen afbeelding of is beschadigd"),
    ],
)
def test_bad_images_are_refused(upload_image, name, content, message):
    before = _media_files()
    _refused(upload_image(name, content), message, Image)
    assert _media_files() == before


def test_image_bomb_is_refused(upload_image):
    # 10 000 x 10 000 one-bit pixels: a tiny file that would decode to 100 megapixels.
    bomb = _png(size=(10_000, 10_000), mode="1")
    assert len(bomb) < 100_000
    before = _media_files()
    response = upload_image("bom.png", bomb)
    content = response.content.decode()
    assert "te veel pixels" in content
    assert Image.objects.count() == 0
    assert _media_files() == before


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=100)
def test_oversize_image_is_refused(upload_image):
    _refused(upload_image("foto.png", _png((200, 200))), "Deze afbeelding is te groot", Image)
