"""The analysis pipeline: document terms for the index, query plans for searching.

Index time, `analyze_document(text)` returns the term stream to store, in two parts:

1. one term per token, in text order: ``stem(fold(token))`` — stopwords included, so
   phrases such as ``in één keer`` and ``midden- en kleinbedrijf`` keep their positions;
2. after the running text, the extra terms: the stems of compound parts (``dakisolatie``
   → ``dak``, ``isolatie``), closed forms of hyphenated words (``Boer-West`` →
   ``boerwest``, ``e-mail`` → ``email``) and completed suspended hyphens
   (``midden- en kleinbedrijf`` → ``middenbedrijf``).

Extras go to the end (not next to their word) because SQLite FTS5 has no way to put two
terms at one position; a phrase over the running text therefore still matches.

Query time, `analyze_query(text, synonyms)` returns a `QueryPlan`: an AND of groups, each
group an OR of alternatives, each alternative a term sequence that must match as a phrase.
``"..."`` in a query is a phrase; stopwords outside phrases and synonyms are dropped
(unless the query has nothing else); a compound also matches its parts written apart
(``dakisolatie`` ⇄ ``dak isolatie`` / ``dak-isolatie``); synonyms add alternatives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from .lexicon import Lexicon, base_lexicon
from .normalize import STOPWORDS, fold, stem
from .synonyms import SynonymSet
from .tokenizer import HYPHENS, TOKEN_RE, Token, tokenize

__all__ = [
    "Analyzer",
    "QueryPlan",
    "analyze_document",
    "analyze_query",
    "default_analyzer",
    "MAX_QUERY_CHARS",
    "MAX_QUERY_GROUPS",
    "MAX_ALTERNATIVES",
]

MAX_QUERY_CHARS = 1_000  # a 100 kB "query" is cut here, before any work is done
MAX_QUERY_GROUPS = 24
MAX_ALTERNATIVES = 16
MAX_JOINED_PARTS = 4
_CONJUNCTIONS = frozenset({"en", "of", "tot", "noch"})
# The token pattern plus the hyphen after a token: (token, joining hyphen, suspended hyphen).
_DOCUMENT_RE = re.compile(
    "("
    + TOKEN_RE.pattern
    + ")"
    + "(?:(?P<joined>["
    + "".join(sorted(HYPHENS))
    + "])(?=[^\\W_])"
    + "|(?P<suspended>["
    + "".join(sorted(HYPHENS))
    + "])(?=\\s|,|$))?"
)
_QUOTES = re.compile('["\u201c\u201d\u201e\u00ab\u00bb]')

Alternative = tuple[str, ...]
Group = tuple[Alternative, ...]


class _Word(NamedTuple):
    folded: str
    term: str
    parts: tuple[str, ...]  # folded compound parts
    part_terms: tuple[str, ...]  # their stems, without the word's own term


@dataclass(frozen=True)
class QueryPlan:
    """AND over `groups`; a group is an OR over alternatives; an alternative is a phrase."""

    groups: tuple[Group, ...] = ()
    words: tuple[str, ...] = ()  # folded query words (for suggestions and analytics)
    truncated: bool = False

    def __bool__(self) -> bool:
        return bool(self.groups)

    def terms(self) -> frozenset[str]:
        """Every term of every alternative (what a highlighter marks)."""
        return frozenset(t for group in self.groups for alt in group for t in alt)


class Analyzer:
    """The pipeline bound to one lexicon. Word analysis is memoised per surface form."""

    def __init__(self, lexicon: Lexicon | None = None):
        self.lexicon = lexicon if lexicon is not None else base_lexicon()
        self._memo: dict[str, _Word] = {}

    # --- words ---------------------------------------------------------------------------------

    def word(self, surface: str) -> _Word:
        cached = self._memo.get(surface)
        if cached is not None:
            return cached
        folded = fold(surface)
        term = stem(folded)
        parts = self.lexicon.split(folded)
        part_terms = tuple(dict.fromkeys(p for p in (stem(x) for x in parts) if p != term))
        result = _Word(folded, term, parts, part_terms)
        if len(self._memo) > 500_000:
            self._memo.clear()
        self._memo[surface] = result
        return result

    def _suspension_tail(self, word: _Word) -> str:
        """The shared last part a suspended hyphen points to (kleinbedrijf → bedrijf)."""
        if word.parts:
            return word.parts[-1]
        folded = word.folded
        for i in range(1, len(folded) - 3):
            if folded[i:] in self.lexicon.words:
                return folded[i:]
        return ""

    # --- documents -----------------------------------------------------------------------------

    def _analyze(self, text: str) -> tuple[list[str], list[tuple[str, int]]]:
        """The running-text terms and the extras as (term, position of their token)."""
        main: list[str] = []
        extras: list[tuple[str, int]] = []
        if not text:
            return main, extras
        append = main.append
        memo_get = self._memo.get
        run: list[str] = []  # folded words joined by hyphens so far
        run_start = 0
        suspended: list[tuple[str, int]] = []  # (folded head, position)
        for position, (surface, joined, suspends) in enumerate(_DOCUMENT_RE.findall(text)):
            word = memo_get(surface) or self.word(surface)
            append(word.term)
            if word.part_terms:
                extras.extend((part, position) for part in word.part_terms)
            if joined:
                if not run:
                    run_start = position
                run.append(word.folded)
                continue
            if run:
                run.append(word.folded)
                if len(run) <= MAX_JOINED_PARTS:
                    extras.append((stem("".join(run)), run_start))
                run = []
            if suspends:
                suspended.append((word.folded, position))
            elif suspended and word.folded not in _CONJUNCTIONS:
                tail = self._suspension_tail(word)
                if tail:
                    extras.extend((stem(head + tail), at) for head, at in suspended)
                suspended = []
        return main, extras

    def analyze_document(self, text: str) -> list[str]:
        """Index-time terms: the running text, then the extras (see the module docstring)."""
        main, extras = self._analyze(text)
        main.extend(t for t, _ in extras)
        return main

    # --- queries -------------------------------------------------------------------------------

    def analyze_query(self, text: str, synonyms: SynonymSet | None = None) -> QueryPlan:
        text = text or ""
        truncated = len(text) > MAX_QUERY_CHARS
        text = text[:MAX_QUERY_CHARS]
        groups: list[Group] = []
        words: list[str] = []
        for segment, quoted in _segments(text):
            tokens = tokenize(segment)
            if not tokens:
                continue
            analysed = [self.word(t.text) for t in tokens]
            words.extend(w.folded for w in analysed if w.folded not in STOPWORDS)
            if quoted:
                groups.append((tuple(w.term for w in analysed),))
                continue
            groups.extend(self._query_groups(tokens, analysed, synonyms))
        if not groups:
            return QueryPlan((), tuple(words), truncated)
        groups = _dedupe_groups(groups)
        if len(groups) > MAX_QUERY_GROUPS:
            groups, truncated = groups[:MAX_QUERY_GROUPS], True
        return QueryPlan(tuple(groups), tuple(dict.fromkeys(words)), truncated)

    def _query_groups(
        self, tokens: list[Token], analysed: list[_Word], synonyms: SynonymSet | None
    ) -> list[Group]:
        keys = [w.term for w in analysed]
        by_start = {}
        if synonyms is not None:
            by_start = {start: (end, group) for start, end, group in synonyms.match_spans(keys)}
        only_stopwords = all(w.folded in STOPWORDS for w in analysed)
        groups: list[Group] = []
        i = 0
        while i < len(tokens):
            token, word = tokens[i], analysed[i]
            if token.joined:
                j = i
                while j < len(tokens) - 1 and tokens[j].joined and j - i < MAX_JOINED_PARTS:
                    j += 1
                run = analysed[i : j + 1]
                alternatives = [
                    tuple(w.term for w in run),
                    (stem("".join(w.folded for w in run)),),
                ]
                groups.append(tuple(dict.fromkeys(alternatives)))
                i = j + 1
                continue
            if i in by_start:  # (hyphenated runs first: "Boer" in "Boer-West" is no boer)
                end, phrases = by_start[i]
                matched = tuple(keys[i:end])
                alternatives = [matched]
                for phrase in phrases:
                    alternatives.extend(self._alternatives_for_phrase(phrase))
                groups.append(tuple(dict.fromkeys(alternatives))[:MAX_ALTERNATIVES])
                i = end
                continue
            i += 1
            if word.folded in STOPWORDS and not only_stopwords:
                continue
            alternatives = self._alternatives_for_phrase((word.folded,))
            if token.suspended:
                following = next(
                    (
                        w
                        for t, w in zip(tokens[i:], analysed[i:], strict=True)
                        if not t.suspended and w.folded not in _CONJUNCTIONS
                    ),
                    None,
                )
                tail = self._suspension_tail(following) if following else ""
                if tail:
                    alternatives.append((stem(word.folded + tail),))
            groups.append(tuple(dict.fromkeys(alternatives))[:MAX_ALTERNATIVES])
        return groups

    def _alternatives_for_phrase(self, phrase: tuple[str, ...]) -> list[Alternative]:
        """A phrase of folded words as term sequences; a single compound word also as its
        parts written apart (dakisolatie → dak isolatie)."""
        if len(phrase) == 1:
            word = self.word(phrase[0])
            alternatives = [(word.term,)]
            if word.parts:
                alternatives.append(tuple(stem(p) for p in word.parts))
            return alternatives
        return [tuple(stem(fold(w)) for w in phrase)]

    # --- highlighting support ------------------------------------------------------------------

    def marked_tokens(self, text: str, plan: QueryPlan | None) -> list[tuple[int, int, bool]]:
        """(start, end, matches the plan) for every token of `text`, in one pass."""
        wanted = plan.terms() if plan is not None else frozenset()
        singles = _single_terms(plan) if wanted else frozenset()
        decided: dict[str, bool] = {}  # a text repeats its words: decide each surface once
        tokens = []
        for match in TOKEN_RE.finditer(text or ""):
            surface = match.group()
            hit = decided.get(surface)
            if hit is None:
                hit = False
                if wanted:
                    word = self.word(surface)
                    # "en" of a phrase alternative is not worth a mark on its own
                    if not (word.folded in STOPWORDS and word.term not in singles):
                        hit = word.term in wanted or any(p in wanted for p in word.part_terms)
                decided[surface] = hit
            tokens.append((*match.span(), hit))
        return tokens


def _single_terms(plan: QueryPlan) -> frozenset[str]:
    return frozenset(alt[0] for group in plan.groups for alt in group if len(alt) == 1)


def _segments(text: str) -> list[tuple[str, bool]]:
    """Split on double quotes into (text, quoted) pieces; an unpaired quote is ignored."""
    marks = [m.start() for m in _QUOTES.finditer(text)]
    if len(marks) % 2:
        last = marks.pop()
        text = text[:last] + " " + text[last + 1 :]
    segments, previous = [], 0
    for open_at, close_at in zip(marks[::2], marks[1::2], strict=True):
        segments.append((text[previous:open_at], False))
        segments.append((text[open_at + 1 : close_at], True))
        previous = close_at + 1
    segments.append((text[previous:], False))
    return [(s, q) for s, q in segments if s.strip()]


def _dedupe_groups(groups: list[Group]) -> list[Group]:
    seen, result = set(), []
    for group in groups:
        key = frozenset(group)
        if group and key not in seen:
            seen.add(key)
            result.append(group)
    return result


_DEFAULT_ANALYZER: Analyzer | None = None


def default_analyzer() -> Analyzer:
    """The analyzer over the shipped lexicon, created once."""
    global _DEFAULT_ANALYZER
    if _DEFAULT_ANALYZER is None:
        _DEFAULT_ANALYZER = Analyzer()
    return _DEFAULT_ANALYZER


def analyze_document(text: str, analyzer: Analyzer | None = None) -> list[str]:
    """Index-time terms of `text` (folded stems, then compound parts and other extras)."""
    return (analyzer or default_analyzer()).analyze_document(text)


def analyze_query(
    text: str, synonyms: SynonymSet | None = None, analyzer: Analyzer | None = None
) -> QueryPlan:
    """The query plan for `text`; `synonyms` None means no synonym expansion."""
    return (analyzer or default_analyzer()).analyze_query(text, synonyms)
