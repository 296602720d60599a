"""The contract every search engine implements: a query goes in, results come out.

A query carries its `Viewer` (`kennisbank.visibility.viewer_of`); an engine answers only
from entries whose audience key the viewer may see (`Viewer.may_see`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from django.utils.html import conditional_escape

from kennisbank.visibility import ANONYMOUS, Viewer
from search import registry
from search.registry import FACETS

SORTS = ("relevantie", "datum")
PER_PAGE = 10
MAX_PAGE = 1000
# Relaxation: when the all-words query finds fewer than this many hits, the engine is asked
# again for documents matching *most* of the query's word groups (`minimum_should_match`).
RELAX_BELOW = 3
RELAX_SHARE = 0.5


def minimum_should_match(groups: int) -> int:
    """How many of a query's `groups` a relaxed hit must match: half, rounded up, and never
    fewer than two, so a query of one or two words is never relaxed to fewer words (no
    false friends from one word of two: "paspoort verlengen" must not find whatever
    mentions *verlengen*)."""
    return min(groups, max(2, math.ceil(groups * RELAX_SHARE - 1e-9)))


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevantie"
    page: int = 1
    per_page: int = PER_PAGE
    viewer: Viewer = ANONYMOUS  # whose query: decides which audiences it may see
    # Run as typed: no spelling correction (the "zoek in plaats daarvan naar" link sets it).
    exact: bool = False
    # Match most words instead of all: minimum-should-match over the word groups, plus each
    # compound's head word (`QueryPlan.relaxed_plan`). The service sets it when the
    # all-words query found too little; engines never relax on their own.
    relaxed: bool = False

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass
class Hit:
    page_id: int
    title: str
    url: str
    type: str
    snippet: str  # HTML-safe, with <mark> around matches
    date: date | None
    summary: str = ""
    pick: bool = False  # an editor's pick (search promotion)
    title_html: str = ""  # HTML-safe title with <mark> around matches ("": not marked)

    @property
    def marked_title(self) -> str:
        """The title as HTML: marked where the engine marked it, else only escaped."""
        return self.title_html or conditional_escape(self.title)

    @property
    def type_label(self) -> str:
        return registry.type_label(self.type)


@dataclass
class FacetCount:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    total: int
    page: int
    hits: list[Hit]
    facets: dict[str, list[FacetCount]]
    suggestion: str | None = None
    engine: str = ""
    degraded: bool = False  # answered by the fallback engine
    # The query as typed when the results are those of the speller's correction.
    corrected_from: str | None = None
    query_used: str | None = None  # the text the results are for (corrected or as typed)
    relaxed: bool = False  # the hits match most words, not all
    strict_total: int | None = None  # hits of the all-words query, when relaxed

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // PER_PAGE))


class SearchEngine:
    name = "base"

    def index(self, documents) -> None:
        raise NotImplementedError

    def remove(self, page_ids) -> None:
        raise NotImplementedError

    def set_audiences(self, audiences: dict[int, str]) -> None:
        """page id -> new audience key for pages already indexed, without re-analysis (a
        restriction, unpublish or move must take effect in the same transaction)."""
        raise NotImplementedError

    def search(self, query: SearchQuery) -> SearchResults:
        raise NotImplementedError

    def suggest(self, prefix: str, viewer: Viewer, limit: int = 8) -> list[str]:
        raise NotImplementedError

    def related(self, page_id: int, viewer: Viewer, limit: int = 5) -> list[Hit]:
        raise NotImplementedError

    def indexed_ids(self) -> dict[int, object]:
        """page id -> source_updated_at of every indexed page (for drift checks)."""
        raise NotImplementedError

    def indexed_audiences(self) -> dict[int, str]:
        """page id -> audience key of every indexed page (for drift checks)."""
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError


__all__ = ["FACETS", "SORTS"]
