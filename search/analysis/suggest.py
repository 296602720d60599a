"""Spelling suggestions ("bedoelde u ...?") from the corpus vocabulary.

`suggest(term, vocabulary)` returns the known word closest to `term` — at most two edits
(insert, delete, substitute, swap two neighbours: optimal string alignment distance), one
for words of up to four letters — preferring fewer edits, then the more frequent word.
A word the vocabulary already knows gets no suggestion.

The vocabulary maps folded surface words (not stems: the suggestion is shown to the user)
to document counts; `suggest` compares against every word of a similar length, so the
caller passes the candidates worth considering (the engines pass a bounded vocabulary).
"""

from __future__ import annotations

from collections.abc import Mapping

from .normalize import fold

__all__ = ["edit_distance", "suggest", "max_edits"]


def max_edits(word: str) -> int:
    return 1 if len(word) <= 4 else 2


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal string alignment distance, or ``limit + 1`` as soon as it exceeds `limit`."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        row_min = i
        for j, cb in enumerate(b, 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if (
                previous2 is not None
                and j > 1
                and ca == b[j - 2]
                and a[i - 2] == cb
                and previous2[j - 2] + 1 < value
            ):
                value = previous2[j - 2] + 1
            current[j] = value
            if value < row_min:
                row_min = value
        if row_min > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1] if previous[-1] <= limit else limit + 1


def _best(word: str, candidates, vocabulary: Mapping[str, int]) -> str | None:
    limit = max_edits(word)
    best, best_key = None, None
    for candidate in candidates:
        distance = edit_distance(word, candidate, limit)
        if distance > limit:
            continue
        key = (distance, -vocabulary[candidate], candidate)
        if best_key is None or key < best_key:
            best, best_key = candidate, key
    return best


def suggest(term: str, vocabulary: Mapping[str, int], min_count: int = 1) -> str | None:
    """The likely intended word for `term`, or None (known word, or nothing close)."""
    word = fold(term)
    if not word or word.isdigit() or vocabulary.get(word, 0) >= min_count:
        return None
    limit = max_edits(word)
    candidates = (
        w for w, n in vocabulary.items() if n >= min_count and abs(len(w) - len(word)) <= limit
    )
    return _best(word, candidates, vocabulary)
