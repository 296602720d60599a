"""Facet counting with bitsets, for the database engine.

Counting facets in SQL means joining every matching document to its facet rows, which
grows with the number of hits (hundreds of milliseconds at 50,000 documents). Instead,
each process keeps, per facet value and per audience key, a bitset of entry ids (a
Python int). The bits a viewer may see are the OR of the audience keys the one policy lets
them see (`kennisbank.visibility.Viewer.may_see`). A query's matches become one more
bitset; a count is then
`(candidates & value_bits).bit_count()`: microseconds per value, whatever the corpus size.

Following writes: every search reads the token of the append-only `IndexChange` log (one
aggregate row). When it changed, the process reads the ids and stamps of the log rows, and
of those it has not applied yet the entries they name; it clears those entries' bits and
loads their audience, date and facet rows again (`_apply`): milliseconds, not the seconds a
full build takes at 50,000 entries. The snapshot remembers which rows (id and stamp) it
applied, not just the highest id, so a transaction that commits late with a lower id is
still applied. It builds everything again (`_build`) only when it cannot be sure a delta
is complete: no snapshot yet, a row it applied is gone or changed (a rollback), the log was
pruned past a row it has not seen, a row says `full` (the index was cleared) or the delta is
larger than a good share of the index. A snapshot is never changed in place: a new one
replaces it, so a search in another thread keeps a consistent one.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field, replace

from kennisbank.visibility import PUBLIC_KEY, Viewer
from search.models import IndexChange, SearchEntry, SearchFacetValue


def to_bits(ids) -> int:
    ids = list(ids)
    if not ids:
        return 0
    buffer = bytearray((max(ids) >> 3) + 1)
    for i in ids:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


def ids_of(bits: int):
    """The ids in a bitset, ascending (byte by byte: testing bit i of a large int by shifting
    would cost O(size) per bit)."""
    data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    for index, byte in enumerate(data):
        while byte:
            low = byte & -byte
            yield index * 8 + low.bit_length() - 1
            byte ^= low


@dataclass
class FacetIndex:
    key: str
    values: dict[str, dict[str, int]] = field(default_factory=dict)
    labels: dict[tuple[str, str], str] = field(default_factory=dict)
    audiences: dict[str, int] = field(default_factory=dict)
    dates: dict[int, object] = field(default_factory=dict)
    # The `IndexChange` rows this snapshot reflects (id -> stamp), the highest id the log
    # had when it was read, and the ids below that the log did not have (rolled back, or
    # a transaction still running then: applied when it shows up).
    applied: dict[int, str] = field(default_factory=dict)
    horizon: int = 0
    gaps: frozenset[int] = frozenset()

    def audience_keys(self, viewer: Viewer) -> list[str]:
        """The audience keys in the index that this viewer may see."""
        return sorted(key for key in self.audiences if viewer.may_see(key))

    def visible(self, viewer: Viewer) -> int:
        bits = 0
        for key in self.audience_keys(viewer):
            bits |= self.audiences[key]
        return bits

    def filter_bits(self, facet: str, values) -> int:
        bits = 0
        for value in values:
            bits |= self.values.get(facet, {}).get(value, 0)
        return bits


_lock = threading.Lock()
_current: FacetIndex | None = None

# How often this process built the bitsets from scratch and how often it applied a delta
# (read by the tests and the benchmark).
stats: Counter = Counter()


def index_key() -> str:
    return IndexChange.current_token()


def current() -> FacetIndex:
    global _current
    key = index_key()
    snapshot = _current
    if snapshot is not None and snapshot.key == key:
        return snapshot
    with _lock:
        if _current is None or _current.key != key:
            _current = _follow(_current, key)
        return _current


def audience_keys(viewer: Viewer) -> list[str]:
    """The audience keys in the index this viewer may see. An anonymous viewer can see at
    most the public key, so autocomplete for anonymous visitors (most of it) asks the policy
    about that one key without reading the index token. Narrowing only: should the policy
    ever let anonymous visitors see more, they would get fewer words, never more."""
    if viewer.is_anonymous:
        return [key for key in (PUBLIC_KEY,) if viewer.may_see(key)]
    return current().audience_keys(viewer)


def _read_log() -> dict[int, str]:
    return dict(IndexChange.objects.values_list("id", "stamp"))


def _follow(snapshot: FacetIndex | None, key: str) -> FacetIndex:
    """The snapshot brought up to the log: the rows not applied yet as a delta, or a
    full build when a delta cannot be trusted. The log is read before the entries, so what
    is loaded is at least as new as the rows applied; applying a row twice does no harm."""
    log = _read_log()
    if snapshot is None:
        return _build(key, log)
    new = _unapplied(snapshot, log)
    if new is None:
        return _build(key, log)
    touched: set[int] = set()
    if new:
        rows = list(IndexChange.objects.filter(pk__in=new).values_list("pk", "full", "entries"))
        if len(rows) != len(new) or any(full for _, full, _ in rows):
            return _build(key, log)  # pruned meanwhile, or the index was cleared
        for _, _, entries in rows:
            touched.update(int(pk) for pk in entries.split())
    if len(touched) > max(2_000, min(len(snapshot.dates) // 4, 20_000)):
        return _build(key, log)  # a delta this large costs about as much as a build
    return _apply(snapshot, key, log, touched)


def _unapplied(snapshot: FacetIndex, log: dict[int, str]) -> list[int] | None:
    """The ids of the log rows the snapshot has not applied; None when it cannot know."""
    if not log:
        return None if snapshot.applied else []
    low = min(log)
    if low > snapshot.horizon + 1 or any(gap < low for gap in snapshot.gaps):
        return None  # pruned past rows this snapshot may never have seen
    for pk, stamp in snapshot.applied.items():
        if pk >= low and log.get(pk) != stamp:
            return None  # a row it applied was rolled back (or its id reused)
    return sorted(pk for pk in log if pk not in snapshot.applied)


def _log_state(log: dict[int, str]) -> dict:
    if not log:
        return {"applied": {}, "horizon": 0, "gaps": frozenset()}
    low, high = min(log), max(log)
    gaps = frozenset(pk for pk in range(low, high + 1) if pk not in log)
    return {"applied": dict(log), "horizon": high, "gaps": gaps}


def _apply(snapshot: FacetIndex, key: str, log: dict[int, str], touched: set[int]) -> FacetIndex:
    """A new snapshot: the touched entries' bits cleared, then loaded again from the
    database (an entry that is gone stays cleared)."""
    stats["update"] += 1
    if not touched:
        return replace(snapshot, key=key, **_log_state(log))
    keep = ~to_bits(touched)
    dates = {pk: date for pk, date in snapshot.dates.items() if pk not in touched}
    by_audience: dict[str, list[int]] = {}
    rows = SearchEntry.objects.filter(pk__in=touched).values_list("id", "audience", "date")
    for entry_id, audience, date in rows:
        by_audience.setdefault(audience, []).append(entry_id)
        dates[entry_id] = date
    audiences = {}
    for name in snapshot.audiences.keys() | by_audience.keys():
        bits = snapshot.audiences.get(name, 0) & keep | to_bits(by_audience.get(name, ()))
        if bits:
            audiences[name] = bits
    labels = dict(snapshot.labels)
    ids_by_value: dict[tuple[str, str], list[int]] = {}
    rows = SearchFacetValue.objects.filter(entry_id__in=touched).values_list(
        "entry_id", "facet", "value", "label"
    )
    for entry_id, facet, value, label in rows:
        ids_by_value.setdefault((facet, value), []).append(entry_id)
        labels[(facet, value)] = label
    values: dict[str, dict[str, int]] = {}
    for facet in snapshot.values.keys() | {facet for facet, _ in ids_by_value}:
        old = snapshot.values.get(facet, {})
        added = {v: ids for (f, v), ids in ids_by_value.items() if f == facet}
        merged = {}
        for value in old.keys() | added.keys():
            bits = old.get(value, 0)
            if bits & ~keep:
                bits &= keep
            bits |= to_bits(added.get(value, ()))
            if bits:
                merged[value] = bits
        values[facet] = merged
    return FacetIndex(
        key=key, values=values, labels=labels, audiences=audiences, dates=dates, **_log_state(log)
    )


def _build(key: str, log: dict[int, str]) -> FacetIndex:
    stats["build"] += 1
    index = FacetIndex(key=key, **_log_state(log))
    by_audience: dict[str, list[int]] = {}
    for entry_id, audience, date in SearchEntry.objects.values_list("id", "audience", "date"):
        by_audience.setdefault(audience, []).append(entry_id)
        index.dates[entry_id] = date
    index.audiences = {key: to_bits(ids) for key, ids in by_audience.items()}
    ids_by_value: dict[tuple[str, str], list[int]] = {}
    rows = SearchFacetValue.objects.values_list("entry_id", "facet", "value", "label")
    for entry_id, facet, value, label in rows.iterator(chunk_size=10_000):
        ids_by_value.setdefault((facet, value), []).append(entry_id)
        index.labels[(facet, value)] = label
    for (facet, value), ids in ids_by_value.items():
        index.values.setdefault(facet, {})[value] = to_bits(ids)
    return index
