"""Fixtures for follow tests: a reader without a role, dossiers, and republishing (an edit)."""

import pytest

from tests import factories
from tests.dossiers.conftest import dossier_index, make_dossier  # noqa: F401 - fixtures


@pytest.fixture
def reader(db):
    """A signed-in user without a role: sees what anonymous visitors see."""
    return factories.UserFactory(username="lezer")


@pytest.fixture
def republish(django_capture_on_commit_callbacks):
    """Publish a new revision of a page (an edit), as an editor would."""

    def run(page):
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    return run
