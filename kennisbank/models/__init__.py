"""Models of the site-wide app: the taxonomy snippets and the home page."""

from .information import FOOTER_PAGES, InformatiePagina
from .pages import HomePage
from .taxonomy import (
    Actielijn,
    Doel,
    Doelgroep,
    Gebied,
    Gemeente,
    Organisatie,
    TaxonomyFieldsMixin,
    TaxonomyTerm,
    Thema,
)

__all__ = [
    "Actielijn",
    "Doel",
    "Doelgroep",
    "Gebied",
    "Gemeente",
    "FOOTER_PAGES",
    "HomePage",
    "InformatiePagina",
    "Organisatie",
    "TaxonomyFieldsMixin",
    "TaxonomyTerm",
    "Thema",
]
