"""Models of the site-wide app: the taxonomy snippets, the home page and the content
generation that page-fragment caches are keyed by, and the tree depths that carry view
restrictions (read by the visibility policy)."""

from .changes import ContentChange
from .information import FOOTER_PAGES, InformatiePagina
from .pages import HomePage
from .restrictions import RestrictedDepth
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
    "RestrictedDepth",
    "Organisatie",
    "TaxonomyFieldsMixin",
    "TaxonomyTerm",
    "Thema",
]
