"""Multi-word names (places, organisations) analysed as names instead of as loose words.

"Ten Boer-West" is a place, not a farmer: indexed word by word, a search for *boer* finds
every lesson from that area, and *waar* (in a question) finds every lesson from Scheemda
't Waar. A `NameSet` recognises such names in a token stream so the pipeline can emit

* the **name term** (the folded tokens joined: ``tenboerwest``, ``scheemdatwaar``) for the
  whole name, at index and at query time, so the name in any spelling finds it;
* the **contained names** as extra terms (Ten Boer-West lies in Ten Boer: ``tenboer``;
  Scheemda 't Waar in Scheemda: ``scheemda``);
* only the words listed as `keep` as ordinary words, never split into compound parts
  ("Instituut Mijnbouwschade Groningen" keeps its words, but its *schade* is no damage).

Apostrophe forms are one name: ``Scheemda 't Waar``, ``Scheemda ’t Waar``, ``Scheemda t
Waar``, ``Scheemda 'tWaar`` and ``Scheemda twaar`` all give ``scheemdatwaar``.

The default list holds this domain's startgebieden and organisations; the engine may build
a `NameSet` from the taxonomy instead (`NameSet.from_names`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .normalize import fold, stem
from .tokenizer import tokenize

__all__ = ["Name", "NameMatch", "NameSet", "DEFAULT_NAMES", "default_names"]

_ARTICLE_T = "t"  # 't (het) before a place name: 't Waar, 't Zandt


@dataclass(frozen=True)
class Name:
    """A name as written, the words of it that stay ordinary words, and the names it lies in."""

    text: str
    keep: tuple[str, ...] = ()  # words kept as words ("*" = all of them)
    within: tuple[str, ...] = ()  # names this one lies in, indexed with it
    aliases: tuple[str, ...] = ()  # short forms in use ("'t Waar"), the same name


@dataclass(frozen=True)
class NameMatch:
    start: int  # first token
    end: int  # one past the last token
    term: str  # the name term
    kept: frozenset[int]  # token positions (absolute) that stay ordinary words
    extras: tuple[str, ...]  # terms of the names it lies in (folded, joined)


DEFAULT_NAMES = (
    Name("Ten Boer-West", within=("Ten Boer",), aliases=("Boer-West",)),
    Name("Ten Boer"),
    Name("Scheemda 't Waar", keep=("Scheemda",), within=("Scheemda",), aliases=("'t Waar",)),
    Name("Instituut Mijnbouwschade Groningen", keep=("*",)),
    Name("Nationaal Coördinator Groningen", keep=("*",)),
    Name("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", keep=("*",)),
)


def _folded_tokens(text: str) -> list[str]:
    return [f for f in (fold(t.text) for t in tokenize(text)) if f]


def name_term(words: Sequence[str]) -> str:
    return "".join(words)


def _within_term(words: list[str]) -> str:
    """A one-word name is found as that word (stemmed, like any word); longer ones by name."""
    return stem(words[0]) if len(words) == 1 else name_term(words)


def _spellings(words: list[str]) -> set[tuple[str, ...]]:
    """The token sequences one name may arrive as: 't written apart, glued on, or left out."""
    variants = {tuple(words)}
    for i, word in enumerate(words[:-1]):
        if word == _ARTICLE_T:
            for variant in list(variants):
                if i < len(variant) and variant[i] == _ARTICLE_T:
                    glued = variant[:i] + (_ARTICLE_T + variant[i + 1],) + variant[i + 2 :]
                    dropped = variant[:i] + variant[i + 1 :]
                    variants.update({glued, dropped})
    return {v for v in variants if len(v) >= 2}


class NameSet:
    """Names to recognise in folded token streams, longest match first."""

    def __init__(self, names: Iterable[Name] = ()):
        # first folded token -> [(spelling, term, kept offsets, extras)], longest first
        self._by_first: dict[str, list[tuple[tuple[str, ...], str, frozenset[int], tuple]]] = {}
        for name in names:
            words = _folded_tokens(name.text)
            if len(words) < 2:
                continue
            term = name_term(words)
            keep_all = "*" in name.keep
            kept_words = {w for k in name.keep if k != "*" for w in _folded_tokens(k)}
            extras = tuple(_within_term(_folded_tokens(w)) for w in name.within)
            spellings = set()
            for form in (words, *(_folded_tokens(a) for a in name.aliases)):
                # every spelling, and the form written as one word (tenboerwest, twaar)
                spellings |= _spellings(form) | {(name_term(form),)}
            for spelling in spellings:
                kept = frozenset(i for i, w in enumerate(spelling) if keep_all or w in kept_words)
                self._by_first.setdefault(spelling[0], []).append((spelling, term, kept, extras))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda c: -len(c[0]))
        self._first = frozenset(self._by_first)
        self.longest = max((len(c[0]) for v in self._by_first.values() for c in v), default=0)

    @classmethod
    def from_names(cls, names: Iterable[str | Name]) -> NameSet:
        return cls(n if isinstance(n, Name) else Name(n) for n in names)

    def __bool__(self) -> bool:
        return bool(self._by_first)

    @property
    def first_tokens(self) -> frozenset[str]:
        """The folded tokens a name can start with (a cheap test before `match_at`)."""
        return self._first

    def match_at(self, folded: Sequence[str], i: int) -> NameMatch | None:
        """The longest name starting at token `i`, or None."""
        for spelling, term, kept, extras in self._by_first.get(folded[i], ()):
            end = i + len(spelling)
            if end <= len(folded) and tuple(folded[i:end]) == spelling:
                return NameMatch(i, end, term, frozenset(i + k for k in kept), extras)
        return None

    def find(self, folded: Sequence[str]) -> list[NameMatch]:
        """Non-overlapping names in a sequence of folded tokens, left to right."""
        matches: list[NameMatch] = []
        if not self._by_first:
            return matches
        i, n = 0, len(folded)
        while i < n:
            found = self.match_at(folded, i) if folded[i] in self._first else None
            if found:
                matches.append(found)
                i = found.end
            else:
                i += 1
        return matches


_DEFAULT: NameSet | None = None


def default_names() -> NameSet:
    """The shipped names (startgebieden and organisations), built once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = NameSet(DEFAULT_NAMES)
    return _DEFAULT
