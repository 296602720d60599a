"""The public search, as every channel (HTML page, JSON API) uses it.

`parse_query` turns request parameters into a `SearchQuery` (or a clear `SearchInputError`);
`run_search` asks the configured engine and falls back to the database engine when
Elasticsearch fails or is too slow; a search asked again with the same index, synonyms and
audience is answered from the process's result cache (`search.resultcache`).

Visibility is the one policy's (`kennisbank.visibility`): a query carries the user's
`Viewer`, the engines answer from the audiences it may see, and before answering, the hits
are checked again against the live pages (`visible_among`), so no drift, failed task or lagging
worker can show a page to someone who may not see it. What fails that check is dropped,
logged as drift and queued for a sync that repairs it. Editors' picks, "meer zoals dit"
and the click-through (`page_for_click`) go through the same policy.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from django.db import connection
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from kennisbank.visibility import Viewer, viewer_of, visible_among
from search import analysis, resultcache
from search import analytics as search_analytics
from search import related as related_store
from search.engines import get_database_engine, get_engine
from search.engines.base import (
    MAX_PAGE,
    PER_PAGE,
    RELAX_BELOW,
    SORTS,
    Hit,
    SearchQuery,
    SearchResults,
)
from search.indexer import schedule_sync
from search.models import SearchEntry
from search.registry import FACETS

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
        viewer=viewer_of(user),
        exact=params.get("exact", "") in {"1", "ja", "true"},
    )


def _fallback(operation: str, engine):
    fallback = get_database_engine()
    if engine is fallback:
        return None
    logger.exception("%s on %s failed; answering from the database", operation, engine.name)
    return fallback


def _ask(engine, query: SearchQuery) -> SearchResults:
    try:
        return engine.search(query)
    except Exception:
        fallback = _fallback("Search", engine)
        if fallback is None:
            raise
        results = fallback.search(query)
        results.degraded = True
        return results


def _leniently(engine, query: SearchQuery, results: SearchResults):
    """The corrected query when the strict one found nothing, then the relaxed one when
    what was found is too little: (the query answered, its results)."""
    if results.total == 0 and results.suggestion and not query.exact:
        corrected = replace(query, text=results.suggestion)
        retry = _ask(engine, corrected)
        if retry.total:
            retry.corrected_from, retry.query_used = query.text, corrected.text
            retry.suggestion = None
            query, results = corrected, retry
    if results.total < RELAX_BELOW:
        loose = _ask(engine, replace(query, relaxed=True))
        if loose.total > results.total:
            loose.relaxed, loose.strict_total = True, results.total
            loose.corrected_from, loose.query_used = results.corrected_from, results.query_used
            loose.suggestion = results.suggestion
            results = loose
    return query, results


def run_search(query: SearchQuery, *, lenient: bool = False) -> SearchResults:
    """All words first. Lenient (the search page and the API, where a person reads the
    answer): when that finds nothing and the speller has a correction, the corrected
    query (unless `query.exact`); when it finds fewer than `RELAX_BELOW` hits, the
    documents matching most words. The results say which was run (`corrected_from`,
    `query_used`, `relaxed`), so the page and the API can tell the user. The extra queries
    run only when the strict one found too little: the all-words path costs nothing more.
    Not lenient (saved searches in digests): exactly what matches the query as saved."""
    engine, typed = get_engine(), query.text
    # Repeated searches come from this process's cache (`search.resultcache`: keyed by the
    # viewer's audience signature and the index token); the database engine's answers only.
    key = resultcache.key_for(query, lenient=lenient) if engine is get_database_engine() else None
    results = resultcache.get(key) if key else None
    if results is None:
        results = _ask(engine, query)
        results.query_used = query.text
        if lenient and query.text:
            query, results = _leniently(engine, query, results)
        results.hits = only_visible(results.hits, query.viewer)
        if key and not results.degraded:
            resultcache.put(key, results)
    else:
        # The live re-check on every answer, a cached one too.
        results.hits = only_visible(results.hits, query.viewer)
    if query.page == 1 and typed:
        picks = editors_picks(typed, query.viewer)
        picked = {hit.page_id for hit in picks}
        results.hits = picks + [hit for hit in results.hits if hit.page_id not in picked]
    return results


def only_visible(hits: list[Hit], viewer: Viewer) -> list[Hit]:
    """The hits the viewer may see now. An index entry that says otherwise is drift: it is
    left out, logged, and its page queued for a sync that repairs the index."""
    allowed = visible_among([hit.page_id for hit in hits], viewer)
    drifted = sorted({hit.page_id for hit in hits if hit.page_id not in allowed})
    if drifted:
        logger.warning(
            "Search index drift: pages %s are indexed for an audience that may not see them; "
            "left out and queued for a sync",
            drifted,
        )
        schedule_sync(drifted)
    return [hit for hit in hits if hit.page_id in allowed]


def _has_promotions(query_string: str) -> bool:
    """Whether any search promotion exists for this query string: one indexed lookup in
    plain SQL (most searches have none, and the full query costs a millisecond to build)."""
    promotion = SearchPromotion._meta
    query = promotion.get_field("query").related_model._meta
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {promotion.db_table} p JOIN {query.db_table} q "  # noqa: S608
            f"ON q.{query.pk.column} = p.{promotion.get_field('query').column} "
            f"WHERE q.{query.get_field('query_string').column} = %s LIMIT 1",
            [query_string],
        )
        return cursor.fetchone() is not None


def editors_picks(text: str, viewer: Viewer) -> list[Hit]:
    """Wagtail search promotions for this query, on top; only pages the viewer may see."""
    query_string = normalise_query_string(text)
    if not _has_promotions(query_string):
        return []
    promotions = list(
        SearchPromotion.objects.filter(query__query_string=query_string)
        .select_related("page")
        .order_by("sort_order")
    )
    allowed = visible_among([p.page_id for p in promotions if p.page_id], viewer)
    entries = {e.page_id: e for e in SearchEntry.objects.filter(page_id__in=allowed)}
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


def warm_up() -> None:
    """Build what the first search of a fresh process would otherwise build in its request:
    the facet bitsets (about a second at 10,000 documents) and the anonymous visitors'
    learned lexicon (`deploy/gunicorn.conf.py` calls it when a worker starts). Never raises:
    a worker starts even when the database is away (the first search builds them then)."""
    from search import facetindex, lexicons

    try:
        if get_engine() is get_database_engine():
            lexicons.query_analyzer(viewer_of(None), facetindex.current())
    except Exception:
        logger.warning("Search warm-up failed; the first search builds them", exc_info=True)


def suggest(prefix: str, user, limit: int = 8) -> list[str]:
    prefix = clean_text(prefix)
    if len(prefix) < 2:
        return []
    viewer = viewer_of(user)
    engine = get_engine()
    try:
        return engine.suggest(prefix, viewer, limit)
    except Exception:
        fallback = _fallback("Suggest", engine)
        if fallback is None:
            raise
        return fallback.suggest(prefix, viewer, limit)


def related(page_id: int, user, limit: int = 5) -> list[Hit]:
    """ "Meer zoals dit": the pages most alike, from the shared store (`search.related`,
    computed by the engine once per indexed version of the page), only those the user may
    see now; a page never fails for this (Elasticsearch down: the database engine)."""
    ids = related_store.related_ids(page_id, viewer_of(user), limit)
    entries = SearchEntry.objects.in_bulk(ids, field_name="page_id")
    return [
        Hit(
            page_id=entry.page_id,
            title=entry.title,
            url=entry.url,
            type=entry.doc_type,
            snippet=escape(entry.summary),
            date=entry.date,
            summary=entry.summary,
        )
        for entry in (entries.get(pk) for pk in ids)
        if entry is not None
    ]


def page_for_click(page_id: int, user) -> SearchEntry | None:
    """The index entry of a clicked result, only when the user may see the page now and its
    address is on this site (no open redirect)."""
    entry = SearchEntry.objects.filter(page_id=page_id).first()
    if entry is None or not entry.url.startswith("/") or entry.url.startswith("//"):
        return None
    if page_id not in visible_among([page_id], viewer_of(user)):
        return None
    return entry


def log_query(query: SearchQuery, results: SearchResults) -> int | None:
    """Record what was asked, normalised, without who asked it (no IP, no user): buffered,
    written after the response (`search.analytics`). The id of the log row, for clicks."""
    if not query.text or query.page != 1:
        return None
    normalised = " ".join(analysis.fold(w) for w in query.text.split())[:200]
    filters = "&".join(f"{k}={v}" for k, vs in sorted(query.filters.items()) for v in vs)
    return search_analytics.record(normalised, filters[:500], results.total)
