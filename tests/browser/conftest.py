"""Fixtures the cross-page browser tests borrow from the dossier and kennisdag suites."""

from tests.dossiers.conftest import dossier_index, make_dossier  # noqa: F401
from tests.kennisdagen.conftest import kennisdag_index, make_kennisdag  # noqa: F401
