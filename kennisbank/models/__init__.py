"""Models of the site-wide app: the taxonomy snippets and the home page."""

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
    "HomePage",
    "Organisatie",
    "TaxonomyFieldsMixin",
    "TaxonomyTerm",
    "Thema",
]
