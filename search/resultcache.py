"""Repeated searches answered from memory: a per-process cache of search results.

What is kept is data, never a page: the engine's answer after the service's lenient retries
and the policy's re-check (hits with their marked titles and snippets, facet counts, the
total, spelling suggestion, what was run). The page and the API render it per request, with
that request's CSRF token, user name and click ids; editors' picks are looked up per request.

The key (`key_for`) holds everything the answer depends on:

- the query: its cleaned text (`service.clean_text`), validated filters, sort, page, page
  size, `exact`, `relaxed` and whether the service was lenient;
- the viewer's **audience signature** (`kennisbank.visibility.audience_signature`, the one
  policy): anonymous visitors, professionals, group members and editors never share an
  entry unless the policy lets them see exactly the same pages;
- the **index token** (`IndexChange.current_token`): every write to the index adds an
  `IndexChange` row in the write's own transaction, including the synchronous narrowing of
  an unpublish, a restriction or a `zichtbaarheid` change (`search.indexer.narrow`, from the
  signal handlers in the changing transaction). The token is read before the answer is
  computed, and what is computed is at least as new as the token read. A request that still
  reads the old token may fill the old key; once the narrowing has committed, every request
  reads the new token and never meets an entry made before it;
- the version of the editors' synonym list (a change applies to the next query).

And every answer, from the cache or not, has its hits checked against the live pages again
before it is shown (`service.only_visible`), as every search always had: the cache never
weakens that check.

Only the database engine's answers are kept: Elasticsearch makes its writes visible on its
own refresh schedule, not in the transaction that moves the token, so an answer computed
just after a write could be older than its key says. Answers of the fallback engine
(`degraded`) are not kept either, so the next search asks Elasticsearch again.

Bounded: at most `SEARCH_RESULT_CACHE_SIZE` entries (default 400) per process, least
recently used out first; entries of an older index token are dropped as soon as an entry for
a newer one is stored (they can never be read again).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import replace

from django.conf import settings

from kennisbank.visibility import Viewer, audience_signature
from search.engines.base import SearchQuery, SearchResults
from search.models import IndexChange
from search.synonyms import synonyms_version

DEFAULT_SIZE = 400

_lock = threading.Lock()
_entries: OrderedDict[tuple, SearchResults] = OrderedDict()
_token: list[str | None] = [None]  # the index token of the entries kept


def size() -> int:
    return int(getattr(settings, "SEARCH_RESULT_CACHE_SIZE", DEFAULT_SIZE))


def key_for(query: SearchQuery, *, lenient: bool) -> tuple:
    """The key of this query's answer for its viewer now (reads the index token and the
    synonyms' version: two small queries)."""
    token = IndexChange.current_token()
    return (
        token,
        synonyms_version(),
        signature(query.viewer),
        query.text,
        tuple(sorted((facet, tuple(values)) for facet, values in query.filters.items() if values)),
        query.sort,
        query.page,
        query.per_page,
        query.exact,
        query.relaxed,
        lenient,
    )


def signature(viewer: Viewer) -> str:
    return audience_signature(viewer)


def _copy(results: SearchResults) -> SearchResults:
    """A copy whose lists a caller may rebind or extend without touching the stored one."""
    return replace(
        results,
        hits=list(results.hits),
        facets={name: list(counts) for name, counts in results.facets.items()},
    )


def get(key: tuple) -> SearchResults | None:
    with _lock:
        results = _entries.get(key)
        if results is None:
            return None
        _entries.move_to_end(key)
    return _copy(results)


def put(key: tuple, results: SearchResults) -> None:
    limit = size()
    if limit <= 0:
        return
    stored = _copy(results)
    with _lock:
        if _token[0] != key[0]:
            _entries.clear()  # an older token's entries can never be read again
            _token[0] = key[0]
        _entries[key] = stored
        _entries.move_to_end(key)
        while len(_entries) > limit:
            _entries.popitem(last=False)


def clear() -> None:
    """Forget every entry of this process (tests)."""
    with _lock:
        _entries.clear()
        _token[0] = None


def count() -> int:
    return len(_entries)
