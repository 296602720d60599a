"""Spelling suggestions ("bedoelde u ...?") from the corpus vocabulary.

`suggest(term, vocabulary)` returns the known word closest to `term` — at most two edits
(insert, delete, substitute, swap two neighbours: optimal string alignment distance), one
for words of up to four letters — preferring fewer edits, then the more frequent word.
A word the vocabulary already knows gets no suggestion.

The vocabulary maps folded surface words (not stems: the suggestion is shown to the user)
to document counts. `Suggester` indexes a vocabulary once for repeated look-ups: it
only compares words of similar length that share their first or second letter with the
query (typos rarely hit both) and whose sets of letters and of letter pairs differ no more
than the allowed edits can explain;
`suggest` without an index compares against every word (fine for a few thousand).
"""

from __future__ import annotations

from collections.abc import Mapping

from .normalize import fold
from .tokenizer import tokenize

__all__ = ["edit_distance", "suggest", "Suggester", "max_edits"]


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


def _mask(word: str) -> int:
    """Two signatures in one int: the set of letters (bits 0-31; one edit flips at most
    two) and the set of letter pairs hashed to 64 bits (bits 32-95; one edit flips at most
    six: a swap of neighbours removes three pairs and adds three)."""
    mask = 0
    for c in word:
        mask |= 1 << (ord(c) - 97 if "a" <= c <= "z" else 26 + ord(c) % 6)
    padded = f"^{word}$"
    for i in range(len(padded) - 1):
        mask |= 1 << (32 + (ord(padded[i]) * 31 + ord(padded[i + 1])) % 64)
    return mask


_LETTERS = (1 << 32) - 1


class Suggester:
    """A vocabulary indexed for fast `suggest` look-ups (see the module docstring)."""

    def __init__(self, vocabulary: Mapping[str, int], min_count: int = 1):
        self.vocabulary: dict[str, int] = {}
        for word, count in vocabulary.items():
            folded = fold(word)
            if folded and count >= min_count:
                self.vocabulary[folded] = self.vocabulary.get(folded, 0) + count
        # (length, first letter) and (length, "+" second letter) → [(word, letter mask)]
        self._buckets: dict[tuple[int, str], list[tuple[str, int]]] = {}
        for word in self.vocabulary:
            entry = (word, _mask(word))
            self._buckets.setdefault((len(word), word[0]), []).append(entry)
            if len(word) > 1 and word[1] != word[0]:
                self._buckets.setdefault((len(word), "+" + word[1]), []).append(entry)

    def _candidates(self, word: str, limit: int) -> set[str]:
        mask = _mask(word)
        letter_bound, pair_bound = 2 * limit, 6 * limit
        # same first letter; same second letter; first two swapped or first one deleted;
        # a letter inserted before the first one
        keys = [word[0], "+" + word[0]]
        if len(word) > 1:
            keys += ["+" + word[1], word[1]]
        found: set[str] = set()
        for length in range(len(word) - limit, len(word) + limit + 1):
            for key in keys:
                for candidate, candidate_mask in self._buckets.get((length, key), ()):
                    difference = mask ^ candidate_mask
                    if (difference & _LETTERS).bit_count() <= letter_bound and (
                        difference >> 32
                    ).bit_count() <= pair_bound:
                        found.add(candidate)
        return found

    def suggest(self, term: str) -> str | None:
        word = fold(term)
        if not word or word.isdigit() or word in self.vocabulary:
            return None
        return _best(word, self._candidates(word, max_edits(word)), self.vocabulary)

    def suggest_query(self, text: str) -> str | None:
        """The query with every unknown word replaced by its suggestion, or None."""
        changed, pieces, previous = False, [], 0
        for token in tokenize(text):
            replacement = self.suggest(token.text)
            pieces.append(text[previous : token.start])
            pieces.append(replacement or token.text)
            changed = changed or bool(replacement)
            previous = token.end
        pieces.append(text[previous:])
        return "".join(pieces) if changed else None
