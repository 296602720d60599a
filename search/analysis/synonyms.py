"""Synonyms and abbreviations, expanded at query time.

The list is plain text, one group of equivalent phrases a line, separated by ``=``::

    IMG = Instituut Mijnbouwschade Groningen
    agro = agrarisch = boer = landbouw

Blank lines and lines starting with ``#`` are ignored. Phrases may have several words
and punctuation (``mkb = midden- en kleinbedrijf``). Matching is done on analysed terms
(folded and stemmed), so ``boeren`` matches ``boer`` and ``Coördinator`` matches
``coordinator``; expansion works in every direction within a group and the longest phrase
wins (``Instituut Mijnbouwschade Groningen`` is one match, not three words).

The same parser serves the shipped `DEFAULT_SYNONYMS` and the list editors keep in the
admin: `SynonymSet.parse` collects the lines it could not use in ``errors`` instead of
raising, so a form can show them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .normalize import fold, stem
from .tokenizer import tokenize

__all__ = ["SynonymSet", "DEFAULT_SYNONYMS", "default_synonyms", "Phrase"]

# From /shared/domain.md ("Synonyms the search must know"); editors extend it in the admin.
DEFAULT_SYNONYMS = """\
# Eén groep per regel; gelijkwaardige woorden of zinsdelen gescheiden door '='.
IMG = Instituut Mijnbouwschade Groningen
NCG = Nationaal Coördinator Groningen
BZK = Binnenlandse Zaken en Koninkrijksrelaties
mkb = midden- en kleinbedrijf
agro = agrarisch = boer = landbouw
versterking = versterkingsopgave
schadeherstel = schadeafhandeling
verduurzaming = isolatie = energiebesparing
loket = steunpunt = inloopspreekuur
bewonersbegeleider = casemanager = vast aanspreekpunt
"""

MAX_PHRASE_WORDS = 8

Phrase = tuple[str, ...]  # folded words


@dataclass
class SynonymSet:
    """Groups of equivalent phrases. Build it with `parse` or `from_lines`."""

    groups: list[tuple[Phrase, ...]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._index: dict[tuple[str, ...], int] = {}
        for number, group in enumerate(self.groups):
            for phrase in group:
                self._index.setdefault(self.key(phrase), number)
        self.max_words = max((len(k) for k in self._index), default=0)

    # --- building ------------------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> SynonymSet:
        return cls.from_lines((text or "").splitlines())

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> SynonymSet:
        groups: list[tuple[Phrase, ...]] = []
        errors: list[tuple[int, str]] = []
        for number, raw in enumerate(lines, start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            phrases: list[Phrase] = []
            for part in line.split("="):
                words = tuple(w for w in (fold(t.text) for t in tokenize(part)) if w)
                if len(words) > MAX_PHRASE_WORDS:
                    errors.append((number, f"te veel woorden in '{part.strip()}'"))
                    break
                if words and words not in phrases:
                    phrases.append(words)
            else:
                if len(phrases) >= 2:
                    groups.append(tuple(phrases))
                else:
                    errors.append((number, "minstens twee termen nodig, gescheiden door '='"))
        return cls(groups, errors)

    @staticmethod
    def key(phrase: Sequence[str]) -> tuple[str, ...]:
        """The matching key of a phrase of folded words: their stems."""
        return tuple(stem(w) for w in phrase)

    # --- matching ------------------------------------------------------------------------------

    def match_spans(self, keys: Sequence[str]) -> list[tuple[int, int, tuple[Phrase, ...]]]:
        """Non-overlapping synonym matches in a sequence of stems, longest first, left to
        right: (start, end, the group's phrases)."""
        spans = []
        i, n = 0, len(keys)
        while i < n:
            for length in range(min(self.max_words, n - i), 0, -1):
                number = self._index.get(tuple(keys[i : i + length]))
                if number is not None:
                    spans.append((i, i + length, self.groups[number]))
                    i += length
                    break
            else:
                i += 1
        return spans

    def __len__(self) -> int:
        return len(self.groups)


_DEFAULT: SynonymSet | None = None


def default_synonyms() -> SynonymSet:
    """`DEFAULT_SYNONYMS` parsed once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = SynonymSet.parse(DEFAULT_SYNONYMS)
    return _DEFAULT
