"""Fixtures for the production tests: the dossier, kennisdag and knelpunt fixtures of their
own suites, and a distinctive public base URL (SITE_URL) applied to settings and the Site."""

import pytest
from wagtail.models import Site

from kennisbank.sites import apply_site_url
from tests.dossiers.conftest import dossier_index, make_dossier  # noqa: F401
from tests.kennisdagen.conftest import kennisdag_index, make_kennisdag  # noqa: F401
from tests.knelpunten.conftest import groningen, ten_boer_west, valid_data  # noqa: F401

PUBLIC_BASE = "https://kennisbank.example.nl"


@pytest.fixture(autouse=True)
def _fresh_site_root_paths():
    """Tests here change the Site; Wagtail caches its root paths beyond the test's rollback."""
    Site.clear_site_root_paths_cache()
    yield
    Site.clear_site_root_paths_cache()


@pytest.fixture
def public_base(settings, db):
    """SITE_URL set to PUBLIC_BASE, as the environment would at start-up and migrate."""
    settings.SITE_URL = PUBLIC_BASE
    settings.WAGTAILADMIN_BASE_URL = PUBLIC_BASE
    settings.WAGTAILAPI_BASE_URL = PUBLIC_BASE
    apply_site_url()
    Site.clear_site_root_paths_cache()
    return PUBLIC_BASE
