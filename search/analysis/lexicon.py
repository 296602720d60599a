"""Compound splitting against a lexicon of known words.

Dutch writes compounds as one word (``dakisolatie``, ``versterkingsadvies``), so a search
for ``isolatie`` must also find the compound. `split_compound` splits a folded word into
lexicon words, allowing the linking morphemes ``-s-``, ``-e-`` and ``-en-`` between parts
(``versterking·s·advies``, ``boer·en·bedrijf``), several parts (``dak·isolatie·subsidie``)
and an inflected last part (``dakisolaties`` → ``dak`` + ``isolaties``).

The lexicon is the shipped base list ``lexicon_nl.txt`` (curated; a word listed there is
never split itself, so ``bestuur`` does not become ``best`` + ``uur``) plus, optionally,
frequent words of the corpus (`Lexicon.with_vocabulary`). Guards against junk splits:

* a part has at least ``MIN_PART`` (3) letters when it comes from the base list and
  ``MIN_CORPUS_PART`` (5) when it comes from the corpus;
* function words (``over``, ``onder``, ``voor``, ``aan`` ...) are never parts (``overleg``
  stays whole);
* among several splits the one with the fewest parts wins, then the one whose shortest part
  is longest (``gasthuis`` → ``gast`` + ``huis``, not ``gas`` + ``thuis``);
* a split that needs a corpus word is kept only when the parts are, on the geometric mean,
  more frequent in the corpus than the word itself (Koehn & Knight's rule): a word that is
  common as a whole (``wethouder``, ``verhuurder``) is a unit, not ``wet`` + ``houder``,
  while a rare or unseen compound of common words (``keukentafelgesprek``) is split.

The learned lexicon (`learn`) is meant for queries (`search.lexicons`): documents are
analysed with the shipped lexicon only, so the index never depends on what was learned and
nothing has to be re-analysed when the vocabulary changes.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping
from pathlib import Path

from .normalize import STOPWORDS, _words, fold

__all__ = [
    "Lexicon",
    "split_compound",
    "base_lexicon",
    "learn",
    "MIN_PART",
    "MIN_CORPUS_PART",
    "LEARN_MIN_COUNT",
]

MIN_PART = 3
MIN_CORPUS_PART = 5
LEARN_MIN_COUNT = 2  # a corpus word becomes a compound part when this many documents hold it
MAX_WORD = 40  # longer "words" (hashes, URLs) are not split
LINKS = ("", "s", "en", "e")
INFLECTIONS = ("en", "s", "e", "n", "es")

NEVER_PART = STOPWORDS | frozenset(
    _words(
        """aan af achter af al beter bij binnen boven buiten door heid ing ling lijk baar
    schap tie sie teit ster tegen toe tussen uit onder over voor naar mee met rond ver
    weer terug samen zelf eigen heel half"""
    )
)
LEXICON_FILE = Path(__file__).with_name("lexicon_nl.txt")


class Lexicon:
    """Known words for compound splitting: a curated base set plus corpus words."""

    def __init__(
        self,
        base: Iterable[str] = (),
        corpus: Iterable[str] = (),
        counts: Mapping[str, int] | None = None,
    ):
        # Folded word -> documents holding it (the corpus frequencies of `with_vocabulary`).
        self.counts: Mapping[str, int] = counts or {}
        self.base = frozenset(
            w for w in (fold(x) for x in base) if len(w) >= MIN_PART and w not in NEVER_PART
        )
        self.corpus = frozenset(
            w
            for w in (fold(x) for x in corpus)
            if len(w) >= MIN_CORPUS_PART and w not in NEVER_PART and w.isalpha()
        )
        self.words = self.base | self.corpus
        # Every part starts with one of these: positions where none starts are skipped.
        self._starts = frozenset(w[:MIN_PART] for w in self.words)
        self._cache: dict[str, tuple[str, ...]] = {}

    @classmethod
    def from_file(cls, path: Path | str = LEXICON_FILE) -> Lexicon:
        lines = Path(path).read_text("utf-8").splitlines()
        return cls(base=(line.strip() for line in lines if line.strip()[:1] not in ("", "#")))

    def with_vocabulary(self, vocabulary: Mapping[str, int], min_count: int = 5) -> Lexicon:
        """A new lexicon: this one plus corpus words seen at least `min_count` times."""
        corpus = {w for w, n in vocabulary.items() if n >= min_count}
        counts = {**self.counts, **vocabulary} if self.counts else dict(vocabulary)
        return Lexicon(base=self.base, corpus=self.corpus | corpus, counts=counts)

    @property
    def fingerprint(self) -> str:
        """A short digest of the words: an index records which lexicon analysed it, and is
        re-analysed when the lexicon it would get now differs."""
        digest = hashlib.blake2b(digest_size=8)
        for word in sorted(self.words):
            digest.update(word.encode() + b"\n")
        return digest.hexdigest()

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def __len__(self) -> int:
        return len(self.words)

    def _is_final(self, segment: str) -> bool:
        """A last part may be inflected: dakisolaties → isolatie, dakpannen → pan,
        versterkingsadviezen → advies, zonnepanelen → paneel."""
        words = self.words
        if segment in words:
            return True
        for ending in INFLECTIONS:
            if len(segment) - len(ending) < MIN_PART or not segment.endswith(ending):
                continue
            base = segment[: len(segment) - len(ending)]
            if base in words:
                return True
            last = base[-1]
            if last == base[-2] and last not in "aeiou":
                base = base[:-1]  # pannen → pan
            elif last in "zv":
                base = base[:-1] + ("s" if last == "z" else "f")  # adviezen → advies
            elif base[-2] in "aeou" and base[-3] not in "aeiou":
                base = base[:-2] + base[-2] + base[-2:]  # panelen → paneel
            if base in words:
                return True
        return False

    def split(self, word: str) -> tuple[str, ...]:
        """The parts of a compound (folded, linking morphemes removed), or ()."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        parts = self._split(word)
        if parts and not self._frequent_enough(word, parts):
            parts = ()
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[word] = parts
        return parts

    def _split(self, word: str) -> tuple[str, ...]:
        n = len(word)
        if n < 2 * MIN_PART or n > MAX_WORD or word in self.base or not word.isalpha():
            return ()
        # best[i]: best segmentation of word[i:] as (parts, ); computed right to left.
        best: list[tuple[str, ...] | None] = [None] * (n + 1)
        best[n] = ()
        starts = self._starts
        for i in range(n - MIN_PART, -1, -1):
            if word[i : i + MIN_PART] not in starts:
                continue
            candidates = []
            for j in range(i + MIN_PART, n + 1):
                if best[j] is None:
                    continue
                segment = word[i:j]
                if j == n:
                    if i == 0 or not self._is_final(segment):
                        continue
                    candidates.append((segment,))
                    continue
                for link in LINKS:
                    if link and not segment.endswith(link):
                        continue
                    head = segment[: len(segment) - len(link)] if link else segment
                    if head in self.words and self._part_ok(head):
                        candidates.append((head, *best[j]))
                        break
            if candidates:
                best[i] = min(candidates, key=_rank)
        result = best[0]
        if not result or len(result) < 2:
            return ()
        # A corpus word can itself be a compound (dakisolatie·subsidie): split it further.
        return tuple(
            sub
            for part in result
            for sub in (self.split(part) if part not in self.base else ()) or (part,)
        )

    def _frequent_enough(self, word: str, parts: tuple[str, ...]) -> bool:
        """A split that uses a corpus word is kept when its parts are, on the geometric
        mean, more frequent than the word as a whole; splits into base words always are."""
        if not self.counts or all(p in self.base for p in parts):
            return True
        whole = self.counts.get(word, 0)
        if not whole:
            return True
        logs = [math.log(max(self.counts.get(p, 0), LEARN_MIN_COUNT)) for p in parts]
        return math.exp(sum(logs) / len(logs)) > whole

    def _part_ok(self, part: str) -> bool:
        return len(part) >= (MIN_PART if part in self.base else MIN_CORPUS_PART)


def _rank(parts: tuple[str, ...]) -> tuple[int, int, int]:
    return (len(parts), -min(len(p) for p in parts), -sum(len(p) ** 2 for p in parts))


_BASE: Lexicon | None = None


def base_lexicon() -> Lexicon:
    """The shipped lexicon (``lexicon_nl.txt``), loaded once."""
    global _BASE
    if _BASE is None:
        _BASE = Lexicon.from_file()
    return _BASE


def split_compound(term: str, lexicon: Lexicon | Iterable[str] | None = None) -> tuple[str, ...]:
    """Split a compound word into lexicon words: ``dakisolatie`` → ``("dak", "isolatie")``.

    `term` is folded first; `lexicon` is a `Lexicon`, any iterable of words (treated as a
    curated base list) or None for the shipped one. Returns () when the word is not a
    compound of known words.
    """
    if lexicon is None:
        lexicon = base_lexicon()
    elif not isinstance(lexicon, Lexicon):
        lexicon = Lexicon(base=lexicon)
    return lexicon.split(fold(term))


def learn(vocabulary: Mapping[str, int], min_count: int = LEARN_MIN_COUNT) -> Lexicon:
    """The shipped lexicon plus the indexed vocabulary: `vocabulary` maps a word (any form;
    it is folded) to the number of documents that hold it. A compound is then split when
    both parts are frequent indexed words (keukentafel·gesprek), not only hand-listed ones.

    Used for queries only (`search.lexicons.query_analyzer`, over the vocabulary of the
    audiences a viewer may see): a query compound is split into parts that documents hold
    as words or as base-lexicon parts, so the index, analysed with the shipped lexicon,
    never has to be re-analysed when the vocabulary changes. (Analysing documents with a
    learned lexicon would need that: see `Lexicon.fingerprint`.)"""
    counts: dict[str, int] = {}
    for word, count in vocabulary.items():
        folded = fold(word)
        counts[folded] = counts.get(folded, 0) + count
    return base_lexicon().with_vocabulary(counts, min_count=min_count)
