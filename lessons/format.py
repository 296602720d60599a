"""The lesson exchange format, as data: the one list of keys and the one taxonomy table.

The format is a public contract (README, "Lesson exchange format"): Markdown with YAML front
matter, one lesson a file. Everything that must agree about it reads it from here:

- the parser (`lessons.parser`) validates against `KEYS`, `REQUIRED`, `ENUMS` and the limits;
- the importer, the bulk path and the services write the relations named in `TAXONOMY`;
- the exporter (`lessons.exporter`) writes the keys in the order of `KEYS` and each term the
  way `TaxonomyRelation.export_value` names it;
- the search document of a lesson takes its facets from `TAXONOMY` (`facet`, `facet_label`)
  and `ENUM_FACETS`.

`TAXONOMY` is the one table "front-matter key -> field on `LessonPage` -> taxonomy model ->
search facet". Models are named by label and resolved lazily, so this module imports no
model at import time and can be read before the app registry is ready.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.apps import apps

from kennisbank.visibility import Zichtbaarheid

# --- keys ------------------------------------------------------------------------------------

# Every front-matter key, in the order the format lists them (and the exporter writes them).
KEYS: tuple[str, ...] = (
    "title",
    "slug",
    "soort",
    "fase",
    "samenvatting",
    "datum",
    "gebied",
    "gemeente",
    "organisaties",
    "actielijnen",
    "doelen",
    "themas",
    "doelgroepen",
    "tags",
    "zichtbaarheid",
    "contact",
    "toegepast_in",
    "bronnen",
    "kennisdag",
)
REQUIRED: tuple[str, ...] = ("title", "soort", "fase", "samenvatting", "datum")

# Closed value lists. `soort` and `fase` are the choices of `LessonPage` (lessons.models
# `Soort`, `Fase`); they are spelled out here because the format is the contract and the
# model follows it (`tests/lessons/test_format.py` keeps them equal).
SOORT: tuple[str, ...] = ("les", "goed-voorbeeld", "werkwijze")
FASE: tuple[str, ...] = ("idee", "in-uitvoering", "werkt", "opgeschaald", "gestopt")
ZICHTBAARHEID: tuple[str, ...] = tuple(Zichtbaarheid.values)
ZICHTBAARHEID_DEFAULT = Zichtbaarheid.OPENBAAR.value
ENUMS: dict[str, tuple[str, ...]] = {"soort": SOORT, "fase": FASE, "zichtbaarheid": ZICHTBAARHEID}

# Limits (characters).
TITLE_MIN, TITLE_MAX = 3, 200
SAMENVATTING_MAX = 500
CONTACT_MAX = 200
TAG_MAX = 100
RESULTAAT_MAX = 500
BRON_TITEL_MAX = 300
SLUG_MAX = 80  # a slug derived from the title is cut here

SLUG_RE = re.compile(r"^[a-z0-9-]+$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
URL_SCHEMES: tuple[str, ...] = ("http", "https")

# Keys of the items of the two list-of-maps keys.
ADOPTION_KEYS: tuple[str, ...] = ("gebied", "datum", "resultaat")
BRON_KEYS: tuple[str, ...] = ("titel", "url")

# The conventional level-2 headings of the body, in order (each optional).
SECTIONS: tuple[str, ...] = (
    "Situatie",
    "Aanpak",
    "Resultaat",
    "Wat werkte",
    "Wat niet werkte",
    "Randvoorwaarden",
    "Advies",
)


# --- taxonomy ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaxonomyRelation:
    """One taxonomy key of the format and everything that hangs off it."""

    key: str  # front-matter key
    field: str  # field on LessonPage (a ForeignKey when not `many`, else a many-to-many)
    model_label: str  # the taxonomy model, "app_label.Model"
    many: bool  # a list in the file, a many-to-many on the page
    facet: str  # search facet name
    facet_label: str  # search facet label (Dutch, shown to readers)
    by_abbreviation: bool = False  # exported as the abbreviation when the term has one
    by_slug: bool = False  # exported as the slug (closed lists), else by name

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def export_value(self, term) -> str:
        """How a file names `term` (the importer resolves name, slug or abbreviation)."""
        if self.by_abbreviation and getattr(term, "afkorting", ""):
            return term.afkorting
        return term.slug if self.by_slug else term.name


TAXONOMY: tuple[TaxonomyRelation, ...] = (
    TaxonomyRelation("gebied", "gebied", "kennisbank.Gebied", False, "gebied", "Gebied"),
    TaxonomyRelation("gemeente", "gemeente", "kennisbank.Gemeente", False, "gemeente", "Gemeente"),
    TaxonomyRelation(
        "organisaties",
        "organisaties",
        "kennisbank.Organisatie",
        True,
        "organisatie",
        "Organisatie",
        by_abbreviation=True,
    ),
    TaxonomyRelation(
        "actielijnen",
        "actielijnen",
        "kennisbank.Actielijn",
        True,
        "actielijn",
        "Actielijn",
        by_slug=True,
    ),
    TaxonomyRelation("doelen", "doelen", "kennisbank.Doel", True, "doel", "Doel", by_slug=True),
    TaxonomyRelation("themas", "themas", "kennisbank.Thema", True, "thema", "Thema", by_slug=True),
    TaxonomyRelation(
        "doelgroepen",
        "doelgroepen",
        "kennisbank.Doelgroep",
        True,
        "doelgroep",
        "Doelgroep",
        by_slug=True,
    ),
)
TAXONOMY_BY_KEY: dict[str, TaxonomyRelation] = {r.key: r for r in TAXONOMY}
SINGLE_TAXONOMY: tuple[TaxonomyRelation, ...] = tuple(r for r in TAXONOMY if not r.many)
MANY_TAXONOMY: tuple[TaxonomyRelation, ...] = tuple(r for r in TAXONOMY if r.many)

# Facets of a lesson that are not taxonomy: field -> (facet name, facet label).
ENUM_FACETS: dict[str, tuple[str, str]] = {
    "soort": ("soort", "Soort les"),
    "fase": ("fase", "Fase"),
}
TAG_FACET: tuple[str, str] = ("tag", "Tag")

# Every facet of a lesson, in display order: name -> label.
FACET_LABELS: dict[str, str] = {
    **dict(ENUM_FACETS.values()),
    **{r.facet: r.facet_label for r in TAXONOMY},
    TAG_FACET[0]: TAG_FACET[1],
}

# What reading a lesson's taxonomy costs in bulk: select_related / prefetch_related names.
SELECT_RELATED: tuple[str, ...] = tuple(r.field for r in SINGLE_TAXONOMY)
PREFETCH_RELATED: tuple[str, ...] = tuple(r.field for r in MANY_TAXONOMY)
