"""A word that only occurs inside an uploaded PDF finds its kennisdag through the site search."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

from demo.pdf import make_pdf
from kennisdagen.models import DocumentText, KennisdagDocument
from kennisdagen.selectors import kennisdag_search_text
from kennisdagen.tasks import run_extraction

pytestmark = pytest.mark.django_db

WORD = "kwelderherstelplan"


def _search(client, q):
    response = client.get("/api/zoeken/", {"q": q})
    assert response.status_code == 200, response.content
    return [r["title"] for r in response.json()["results"]]


def test_word_in_uploaded_slides_finds_the_kennisdag(
    client, organiser, make_kennisdag, django_capture_on_commit_callbacks
):
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Dia's van de middag",
                "file": SimpleUploadedFile(
                    "dias.pdf", make_pdf([["Middagsessie", f"Het {WORD} voor de wierden"]])
                ),
                "collection": Collection.objects.get(name="Kennisdagen").pk,
                "tags": "",
            },
        )
    assert response.status_code == 302
    document = get_document_model().objects.get()
    client.logout()

    with django_capture_on_commit_callbacks(execute=True):
        day = make_kennisdag("Kennisdag met dia's")
        day.documenten.add(KennisdagDocument(document=document))
        day.save_revision().publish()

    assert WORD in kennisdag_search_text(day)
    assert _search(client, WORD) == ["Kennisdag met dia's"]


def test_text_extracted_after_publishing_is_indexed_too(
    client, make_kennisdag, django_capture_on_commit_callbacks
):
    document = get_document_model().objects.create(
        title="Later uitgelezen",
        file=ContentFile(make_pdf([[f"Het {WORD} komt later"]]), name="later.pdf"),
    )  # the upload's own extraction has not run yet (its on-commit callback is not executed)
    with django_capture_on_commit_callbacks(execute=True):
        make_kennisdag(
            "Kennisdag met late tekst",
            programma=[
                {
                    "type": "sessie",
                    "value": {
                        "start": "10:00",
                        "title": "Sessie",
                        "speakers": [],
                        "description": "",
                        "materials": [document.pk],
                    },
                }
            ],
        )
    assert _search(client, WORD) == []
    with django_capture_on_commit_callbacks(execute=True):
        assert run_extraction(document.pk) == DocumentText.Status.DONE
    assert _search(client, WORD) == ["Kennisdag met late tekst"]
