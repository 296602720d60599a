"""The public search, as every channel (HTML page, JSON API) uses it.

`parse_query` turns request parameters into a `SearchQuery` (or a clear `SearchInputError`);
`run_search` asks the configured engine and falls back to the database engine when
Elasticsearch fails or is too slow. Visibility is decided here, once, from the user.
"""

from __future__ import annotations

import logging
import re

from django.utils.html import escape
from django.utils.translation import gettext as _

from kennisbank.roles import is_professional
from search import analysis
from search.engines import get_database_engine, get_engine
from search.engines.base import MAX_PAGE, PER_PAGE, SORTS, Hit, SearchQuery, SearchResults
from search.models import FACETS, QueryLog, SearchEntry, Visibility

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_FILTER_VALUES = 20
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


class SearchInputError(ValueError):
    """A parameter the search cannot use; the message says which and how to fix it."""


def clean_text(text: str) -> str:
    """Collapse whitespace and cut absurdly long input; quotes are handled by the analyser."""
    return " ".join(text[: MAX_QUERY_LENGTH * 4].split())[:MAX_QUERY_LENGTH]


def parse_query(params, user) -> SearchQuery:
    text = clean_text(params.get("q", ""))
    sort = params.get("sort") or "relevantie"
    if sort not in SORTS:
        raise SearchInputError(
            _("Sorteren kan op 'relevantie' of 'datum', niet op '%(sort)s'.") % {"sort": sort[:50]}
        )
    raw_page = params.get("page") or "1"
    try:
        page = int(raw_page)
    except ValueError:
        raise SearchInputError(
            _("Paginanummer '%(page)s' is geen getal.") % {"page": raw_page[:20]}
        ) from None
    if page < 1 or page > MAX_PAGE:
        raise SearchInputError(
            _("Paginanummer moet tussen 1 en %(max)s liggen.") % {"max": MAX_PAGE}
        )
    filters = {}
    for facet in FACETS:
        values = [v for v in params.getlist(facet) if v][:MAX_FILTER_VALUES]
        bad = [v for v in values if not SLUG_RE.match(v)]
        if bad:
            raise SearchInputError(
                _("Onbekende waarde '%(value)s' voor filter '%(facet)s'.")
                % {"value": bad[0][:50], "facet": facet}
            )
        if values:
            filters[facet] = tuple(dict.fromkeys(values))
    return SearchQuery(
        text=text,
        filters=filters,
        sort=sort,
        page=page,
        per_page=PER_PAGE,
        professional=is_professional(user),
    )


def run_search(query: SearchQuery) -> SearchResults:
    engine = get_engine()
    try:
        results = engine.search(query)
    except Exception:
        fallback = get_database_engine()
        if engine is fallback:
            raise
        logger.exception("Search engine %s failed; answering from the database", engine.name)
        results = fallback.search(query)
        results.degraded = True
    if query.page == 1 and query.text:
        picks = editors_picks(query.text, query.professional)
        picked = {hit.page_id for hit in picks}
        results.hits = picks + [hit for hit in results.hits if hit.page_id not in picked]
    return results


def editors_picks(text: str, professional: bool) -> list[Hit]:
    """Wagtail search promotions for this query, on top; only pages the user may see."""
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.search.utils import normalise_query_string

    promotions = SearchPromotion.objects.filter(
        query__query_string=normalise_query_string(text)
    ).select_related("page")
    visible = {Visibility.PUBLIC, Visibility.PROFESSIONALS} if professional else {Visibility.PUBLIC}
    entries = {
        e.page_id: e
        for e in SearchEntry.objects.filter(
            page_id__in=[p.page_id for p in promotions if p.page_id], visibility__in=visible
        )
    }
    picks = []
    for promotion in promotions:
        if promotion.page_id in entries:
            entry = entries[promotion.page_id]
            picks.append(
                Hit(
                    entry.page_id,
                    entry.title,
                    entry.url,
                    entry.doc_type,
                    escape(promotion.description or entry.summary),
                    entry.date,
                    entry.summary,
                    pick=True,
                )
            )
        elif not promotion.page_id and promotion.external_link_url:
            picks.append(
                Hit(
                    0,
                    promotion.external_link_text or promotion.external_link_url,
                    promotion.external_link_url,
                    "link",
                    escape(promotion.description),
                    None,
                    pick=True,
                )
            )
    return picks


def suggest(prefix: str, user, limit: int = 8) -> list[str]:
    prefix = clean_text(prefix)
    if len(prefix) < 2:
        return []
    engine = get_engine()
    try:
        return engine.suggest(prefix, is_professional(user), limit)
    except Exception:
        fallback = get_database_engine()
        if engine is fallback:
            raise
        logger.exception("Suggest on %s failed; answering from the database", engine.name)
        return fallback.suggest(prefix, is_professional(user), limit)


def related(page_id: int, user, limit: int = 5):
    return get_engine().related(page_id, is_professional(user), limit)


def log_query(query: SearchQuery, results: SearchResults) -> QueryLog | None:
    """Record what was asked, normalised, without who asked it (no IP, no user)."""
    if not query.text or query.page != 1:
        return None
    normalised = " ".join(analysis.fold(w) for w in query.text.split())[:200]
    filters = "&".join(f"{k}={v}" for k, vs in sorted(query.filters.items()) for v in vs)
    return QueryLog.objects.create(query=normalised, filters=filters[:500], results=results.total)
