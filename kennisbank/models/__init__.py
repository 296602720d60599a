"""Models of the site-wide app: the taxonomy snippets and the home page."""

from .pages import HomePage
from .taxonomy import (
    Actielijn,
    Doel,
    Doelgroep,
    Gebied,
    Gemeente,
    Organisatie,
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
    "TaxonomyTerm",
    "Thema",
]
