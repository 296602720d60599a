"""Fixtures for dossier tests: the index from the data migration and a dossier factory."""

import datetime

import pytest

from dossiers.models import DossierIndexPage, DossierKeyLesson, DossierPage


@pytest.fixture
def dossier_index(db):
    return DossierIndexPage.objects.get(slug="dossiers")


def statements(*items):
    """Stream data for `aanbevelingen` / `open_knelpunten` from (text, [lessons]) pairs."""
    return [
        {
            "type": block_type,
            "value": {"tekst": tekst, "bronnen": [lesson.pk for lesson in bronnen]},
        }
        for block_type, tekst, bronnen in items
    ]


@pytest.fixture
def make_dossier(dossier_index, django_capture_on_commit_callbacks):
    """Create and publish a dossier; the publish signal indexes it (after commit)."""
    counter = {"n": 0}

    def make(
        title="Consulenten opschalen",
        *,
        vraag="Kunnen we de consulenten overal inzetten?",
        samenvatting="Ja, met mandaat en vroege inzet.",
        synthese="## Wat werkt\nEén consulent per erf.",
        peildatum=datetime.date(2026, 9, 1),
        key_lessons=(),
        aanbevelingen=(),
        open_knelpunten=(),
        publish=True,
    ):
        counter["n"] += 1
        page = DossierPage(
            title=title,
            slug=f"dossier-{counter['n']}",
            vraag=vraag,
            samenvatting=samenvatting,
            synthese=synthese,
            peildatum=peildatum,
            live=False,
            key_lessons=[
                DossierKeyLesson(lesson=lesson, note=note) for lesson, note in key_lessons
            ],
            aanbevelingen=statements(*[("aanbeveling", t, b) for t, b in aanbevelingen]),
            open_knelpunten=statements(*[("knelpunt", t, b) for t, b in open_knelpunten]),
        )
        dossier_index.add_child(instance=page)
        with django_capture_on_commit_callbacks(execute=True):
            revision = page.save_revision()
            if publish:
                revision.publish()
        page.refresh_from_db()
        return page

    return make
