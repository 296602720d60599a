"""Fixtures for follow tests: a reader without a role, dossiers, and republishing (an edit)."""

import datetime

import pytest

from tests import factories


@pytest.fixture
def reader(db):
    """A signed-in user without a role: sees what anonymous visitors see."""
    return factories.UserFactory(username="lezer")


@pytest.fixture
def make_dossier(db, django_capture_on_commit_callbacks):
    """Create and publish a dossier citing `lessons` as key lessons."""
    from dossiers.models import DossierIndexPage, DossierKeyLesson, DossierPage

    counter = {"n": 0}

    def make(title="Consulenten opschalen", lessons=(), publish=True):
        counter["n"] += 1
        index = DossierIndexPage.objects.get()
        page = DossierPage(
            title=title,
            slug=f"follow-dossier-{counter['n']}",
            vraag="Kunnen we de consulenten overal inzetten?",
            samenvatting="Ja, met mandaat en vroege inzet.",
            synthese="## Wat werkt\nEén consulent per erf.",
            peildatum=datetime.date(2026, 9, 1),
            live=False,
            key_lessons=[DossierKeyLesson(lesson=lesson, note="Telt mee.") for lesson in lessons],
        )
        index.add_child(instance=page)
        with django_capture_on_commit_callbacks(execute=True):
            revision = page.save_revision()
            if publish:
                revision.publish()
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def republish(django_capture_on_commit_callbacks):
    """Publish a new revision of a page (an edit), as an editor would."""

    def run(page):
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    return run
