"""Models of the site-wide app: the taxonomy snippets, the home page and the content
generation that page-fragment caches are keyed by."""

from .changes import ContentChange
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
    "ContentChange",
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
