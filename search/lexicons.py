"""The compound lexicon learned from the index, for analysing queries.

`query_analyzer(viewer)` is the analyser a search runs its query through: the shipped
lexicon plus the words the index holds in at least `LEARN_MIN_COUNT` documents
(`analysis.lexicon.learn`, from the `SearchWord` counts), so a query compound of frequent
indexed words is split into them (``keukentafelgesprek`` → *keukentafel* + *gesprek*) and
falls back to a head word the corpus knows, not only the hand-listed ones.

Queries only. Documents are analysed with the shipped lexicon (`analysis.analyze_document`),
so what is learned never changes the index and nothing is re-analysed when the vocabulary
grows: a split query compound matches itself or its parts as words of the text (and as the
parts the shipped lexicon split at index time), which is the same on every engine.

Audiences. A viewer's lexicon is learned only from the counts of the audience keys that
viewer may see (`facetindex.audience_keys`, the one visibility policy): a word that occurs
only in restricted content never decides how an anonymous visitor's query is split or which
head word it falls back to, so the results cannot betray that the word exists. One lexicon
per set of keys (a handful: anonymous, professionals, editors).

Freshness. Each process keeps its lexicons and compares the index token
(the facet index snapshot's key, `IndexChange.current_token`, read once per search); a changed token
makes it read the counts again (one query over the word rows of those keys). A vocabulary
that takes longer than `CHEAP_BUILD_SECONDS` to read is read again at most every
`REFRESH_SECONDS` (a bulk import changes the token with every batch), in a background
thread while searches go on with the previous lexicon; a small one at once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from dataclasses import dataclass

from django.db import connection

from kennisbank.visibility import Viewer
from search import facetindex
from search.analysis import Analyzer
from search.analysis.lexicon import LEARN_MIN_COUNT, MIN_CORPUS_PART, learn
from search.models import SearchWord

logger = logging.getLogger(__name__)

REFRESH_SECONDS = 60.0
CHEAP_BUILD_SECONDS = 0.05
MAX_LEXICONS = 16  # sets of audience keys kept per process


@dataclass
class _Learned:
    token: str
    built: float  # time.monotonic() when the counts were read
    cost: float  # seconds it took
    analyzer: Analyzer


_lock = threading.Lock()
_learned: dict[tuple[str, ...], _Learned] = {}
_building: set[tuple[str, ...]] = set()  # keys a background thread is learning


def vocabulary_counts(keys) -> Counter:
    """Folded single word -> documents holding it, summed over the audience `keys`."""
    counts: Counter = Counter()
    if not keys:
        return counts
    rows = SearchWord.objects.filter(
        audience__in=list(keys), kind=SearchWord.WORD, docs__gt=0
    ).values_list("word", "docs")
    for word, docs in rows.iterator(chunk_size=10_000):
        if word.isalpha():
            counts[word] += docs
    return counts


def _build(keys: tuple[str, ...], token: str) -> _Learned:
    started = time.monotonic()
    lexicon = learn(vocabulary_counts(keys))
    return _Learned(token, started, time.monotonic() - started, Analyzer(lexicon))


def _store(keys: tuple[str, ...], learned: _Learned) -> None:
    with _lock:
        if len(_learned) >= MAX_LEXICONS and keys not in _learned:
            _learned.clear()
        _learned[keys] = learned


def _learn(keys: tuple[str, ...], token: str) -> None:
    """Learn the lexicon of `keys` again and keep it; on failure the previous one stays."""
    try:
        _store(keys, _build(keys, token))
    except Exception:
        logger.exception("Learning the query lexicon failed; the previous one stays")
    finally:
        with _lock:
            _building.discard(keys)


def _learn_in_background(keys: tuple[str, ...], token: str) -> None:
    try:
        _learn(keys, token)
    finally:
        connection.close()  # this thread's own connection


def refresh_kind(learned: _Learned | None, token: str, now: float) -> str | None:
    """How a lexicon learned at `learned` follows the index at `token`: "now" (none yet, or
    cheap to learn), "background" (expensive, and `REFRESH_SECONDS` old), or None (current,
    or learned again too recently)."""
    if learned is None:
        return "now"
    if learned.token == token:
        return None
    if learned.cost < CHEAP_BUILD_SECONDS:
        return "now"
    return "background" if now - learned.built >= REFRESH_SECONDS else None


def query_analyzer(viewer: Viewer, index: facetindex.FacetIndex | None = None) -> Analyzer:
    """The analyser for this viewer's queries: shipped lexicon plus the frequent words of
    the content the viewer may see (see the module docstring). A search that already holds
    the facet index snapshot passes it, so the index token is read once per search.

    The first call for a set of keys learns in the request. After an index write, a cheap
    vocabulary is learned again at once; an expensive one in a background thread, at most
    every `REFRESH_SECONDS`, while requests go on with the lexicon they had (so the first
    search after a publish never waits for it)."""
    if index is None:
        index = facetindex.current()
    keys = tuple(index.audience_keys(viewer))
    token = index.key
    learned = _learned.get(keys)
    kind = refresh_kind(learned, token, time.monotonic())
    if kind == "now":
        learned = _build(keys, token)
        _store(keys, learned)
    elif kind == "background":
        with _lock:
            start = keys not in _building
            _building.add(keys)
        if start:
            threading.Thread(target=_learn_in_background, args=(keys, token), daemon=True).start()
    return learned.analyzer


def forget() -> None:
    """Drop every learned lexicon of this process (tests; a rebuild does not need it)."""
    with _lock:
        _learned.clear()


__all__ = ["LEARN_MIN_COUNT", "MIN_CORPUS_PART", "query_analyzer", "vocabulary_counts", "forget"]
