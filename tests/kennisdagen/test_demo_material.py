"""Demo kennisdagen load idempotently; text in their PDF slides reaches the material text."""

import pytest
from wagtail.documents import get_document_model

from demo import kennisdagen as demo
from kennisdagen.models import DocumentText, KennisdagPage
from kennisdagen.selectors import kennisdag_documents, kennisdag_material_text

pytestmark = pytest.mark.django_db


def test_demo_loads_two_past_and_one_upcoming_day_idempotently(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        demo.load()
    with django_capture_on_commit_callbacks(execute=True):
        pages = demo.load()
    assert KennisdagPage.objects.count() == 3
    assert get_document_model().objects.count() == 2
    assert all(page.is_voorbeeld and page.live for page in pages)
    assert [page.is_upcoming for page in pages] == [False, False, True]
    assert all(page.programma for page in pages)
    assert all(page.verslag for page in pages[:2])

    oosternieland = pages[0]
    assert DocumentText.objects.filter(status=DocumentText.Status.DONE).count() == 2
    assert "kwelderdorpen" in kennisdag_material_text(oosternieland)
    assert "kwelderdorpen" not in kennisdag_material_text(pages[1])
    # The same PDF is both a day's material and a session's: counted once.
    assert len(kennisdag_documents(oosternieland)) == 1

    html = client.get(oosternieland.url).content.decode()
    assert "Voorbeeldinhoud" in html
    assert "Eén plan per huis" in html
