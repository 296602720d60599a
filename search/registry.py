"""What the site search indexes, as the content apps declare it.

`search/` owns analysis, engines, index sync, views and analytics, and names no content
type. Each content app registers from its `AppConfig.ready()` a `SearchType`: the page
model (by label), how to build its `SearchDocument`, what to load in bulk for that, its
facets (name and Dutch label) and the slug and label of its type. Everything the search
needs to know about facets and types is derived from these registrations:

- the facet list (`FACETS`, `facets()`), in registration order, framed by the two facets
  the search adds to every document: the type of content first, the year last;
- the facet labels shown to readers (`facets()`);
- the Elasticsearch field mapping (one keyword field per facet);
- the type labels of hits (`type_label`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from django.apps import apps

# The facets every document gets from the search itself: (name, Dutch label).
TYPE_FACET = ("type", "Soort inhoud")
YEAR_FACET = ("jaar", "Jaar")


@dataclass(frozen=True)
class SearchType:
    """One kind of page the search indexes."""

    model: str  # "app_label.ModelName"
    slug: str  # the value of the facet "type" (and of a hit's `type`)
    label: str  # Dutch, shown to readers
    build: Callable  # live specific page -> SearchDocument (audience, type and year are added)
    facets: tuple[tuple[str, str], ...] = ()  # (name, Dutch label) in display order
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    @property
    def model_class(self):
        return apps.get_model(self.model)

    @property
    def label_lower(self) -> str:
        return self.model.lower()


_types: dict[str, SearchType] = {}


def register(search_type: SearchType) -> None:
    """Declare a searchable page type (call from the content app's `AppConfig.ready()`).

    Registering the same model again replaces the earlier declaration (tests, reloads)."""
    _types[search_type.label_lower] = search_type


def types() -> list[SearchType]:
    return list(_types.values())


def type_for(model) -> SearchType | None:
    """The registration of a page's (specific) model, or None when it is not searchable."""
    if model is None:
        return None
    return _types.get(model._meta.label_lower)


def models() -> list:
    return [t.model_class for t in _types.values()]


def facets() -> dict[str, str]:
    """Every facet, in display order: name -> Dutch label."""
    result = dict([TYPE_FACET])
    for search_type in _types.values():
        for name, label in search_type.facets:
            result.setdefault(name, label)
    result.setdefault(*YEAR_FACET)
    return result


def type_labels() -> dict[str, str]:
    return {t.slug: t.label for t in _types.values()}


def type_label(slug: str) -> str:
    return type_labels().get(slug, "Link" if slug == "link" else slug)


class _FacetNames(Sequence):
    """The facet names as a sequence that is read from the registrations when used, so it
    can be imported before the content apps are ready."""

    def __getitem__(self, index):
        return list(facets())[index]

    def __len__(self) -> int:
        return len(facets())

    def __iter__(self) -> Iterator[str]:
        return iter(list(facets()))

    def __contains__(self, name) -> bool:
        return name in facets()

    def __repr__(self) -> str:
        return f"FACETS{list(facets())!r}"


FACETS = _FacetNames()
