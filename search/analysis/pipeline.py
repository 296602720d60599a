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
The syntax is that of PostgreSQL's ``websearch_to_tsquery``: ``"..."`` is a phrase,
``-woord`` / ``-"..."`` excludes (`QueryPlan.excluded`), ``OR`` separates alternatives
(distributed into the AND of groups). Stopwords outside phrases and synonyms are dropped,
and so are question words and auxiliaries (`QUERY_STOPWORDS`: ``hoe krijg ik ...``), unless
the query has nothing else. A compound matches itself or all of its parts anywhere
(``dakisolatie`` ⇄ ``dak isolatie``, ``corporatiewoningen`` ⇄ ``woningcorporatie``); two
words typed apart also match the closed compound (``wacht tijd`` → ``wachttijd``); its head
word alone is in `QueryPlan.relaxed`, for the engine to run when nothing matched.
Multi-word names (`names`: Ten Boer-West, Scheemda 't Waar) are one term at index and query
time, so *boer* does not find the place; synonyms add alternatives. The plan knows which
alternatives were typed (`QueryPlan.typed`, `typed_plan()`): the engines rank those above
their expansions (synonyms, compound parts, closed forms).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from .lexicon import Lexicon, base_lexicon
from .names import NameMatch, NameSet, default_names
from .normalize import STOPWORDS, _words, fold, stem
from .synonyms import SynonymSet
from .tokenizer import HYPHENS, TOKEN_RE, Token, tokenize
from .wordforms import reduce_diminutive

__all__ = [
    "Analyzer",
    "QueryPlan",
    "analyze_document",
    "analyze_label",
    "analyze_query",
    "default_analyzer",
    "use_lexicon",
    "MAX_QUERY_CHARS",
    "MAX_QUERY_GROUPS",
    "MAX_ALTERNATIVES",
]

MAX_QUERY_CHARS = 1_000  # a 100 kB "query" is cut here, before any work is done
MAX_QUERY_GROUPS = 24
MAX_ALTERNATIVES = 16
MAX_JOINED_PARTS = 4
MIN_HEAD = 4  # a compound's head word used alone must have this many letters
MIN_MODIFIER = 3
MIN_JOIN = 3  # words typed apart are also tried closed when both have this many letters
_CONJUNCTIONS = frozenset({"en", "of", "tot", "noch"})
# Dropped from queries (never from documents) when the query has other words: question words
# and auxiliaries carry no topic ("hoe krijg ik ..."), so a question needs only its content.
QUERY_STOPWORDS = STOPWORDS | frozenset(
    _words(
        """waar waarom wanneer welk welke hoeveel waarmee waarover kun kunt kunnen moet
    moeten mag mogen doe doet doen ga gaat gaan heb hebt heeft hebben krijg krijgt krijgen
    word wordt worden mijn jouw jullie onze iemand iets eens steeds even graag ergens"""
    )
)
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
    # The plan to run when this one finds nothing: each compound also as its head word alone
    # (spouwmuurisolatie → isolatie, also when its other parts are unknown). Empty when the
    # query has no compound with a known head.
    relaxed: tuple[Group, ...] = ()
    # Phrases no hit may contain (``-woord``, ``-"twee woorden"``).
    excluded: tuple[Alternative, ...] = ()
    # The alternatives written as typed (the first of each group the query made; both sides
    # of an ``OR``). The others are expansions: synonyms, compound parts, closed forms of
    # words typed apart, completed hyphens, head words. Ranking weighs expansions less
    # (`querystring`); matching treats them alike.
    typed: frozenset[Alternative] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.groups)

    def relaxed_plan(self) -> QueryPlan | None:
        """The head-word fallback as a plan of its own, or None."""
        if not self.relaxed:
            return None
        return QueryPlan(
            self.relaxed, self.words, self.truncated, excluded=self.excluded, typed=self.typed
        )

    def expanded(self) -> bool:
        """Whether any group has an alternative that was not typed (what ranking weighs
        less): without one, every alternative weighs the same."""
        return any(alt not in self.typed for group in self.groups for alt in group)

    def typed_plan(self) -> QueryPlan | None:
        """Any of the alternatives as typed, one group (what the engines rank beside the
        whole plan, so that expansions weigh less); None when nothing was expanded."""
        if not self.typed or not self.expanded():
            return None
        typed = (alt for group in self.groups for alt in group if alt in self.typed)
        return QueryPlan((tuple(dict.fromkeys(typed)),), self.words, typed=self.typed)

    def terms(self) -> frozenset[str]:
        """Every term of every alternative (what a highlighter marks)."""
        return frozenset(t for group in self.groups for alt in group for t in alt)


class Analyzer:
    """The pipeline bound to one lexicon. Word analysis is memoised per surface form."""

    def __init__(self, lexicon: Lexicon | None = None, names: NameSet | None = None):
        self.lexicon = lexicon if lexicon is not None else base_lexicon()
        self.names = names if names is not None else default_names()
        self._memo: dict[str, _Word] = {}

    # --- words ---------------------------------------------------------------------------------

    def word(self, surface: str) -> _Word:
        cached = self._memo.get(surface)
        if cached is not None:
            return cached
        folded = fold(surface)
        term = stem(folded)
        parts = self.lexicon.split(reduce_diminutive(folded))
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
        found = _DOCUMENT_RE.findall(text)
        name_starts = self.names.first_tokens if self.names else frozenset()
        name: NameMatch | None = None
        for position, (surface, joined, suspends) in enumerate(found):
            word = memo_get(surface) or self.word(surface)
            if name is not None and position >= name.end:
                name = None
            if name is None and word.folded in name_starts:
                name = self._name_at(found, position)
            if name is not None:  # a place or organisation: a name, not loose words
                if position == name.start:
                    if name.kept:
                        extras.append((name.term, position))
                    extras.extend((e, position) for e in name.extras)
                append(word.term if position in name.kept else name.term)
                run, suspended = [], []
                continue
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

    def _name_at(self, found: list[tuple[str, str, str]], position: int) -> NameMatch | None:
        """The name starting at `position` of a document's tokens, in document positions."""
        window = [
            (self._memo.get(s) or self.word(s)).folded
            for s, _, _ in found[position : position + self.names.longest]
        ]
        match = self.names.match_at(window, 0)
        if match is None:
            return None
        return replace(
            match,
            start=position,
            end=position + match.end,
            kept=frozenset(position + k for k in match.kept),
        )

    def _names_at(self, surfaces: list[str]) -> dict[int, NameMatch]:
        """Token position → the name it belongs to."""
        folded = [(self._memo.get(s) or self.word(s)).folded for s in surfaces]
        return {p: m for m in self.names.find(folded) for p in range(m.start, m.end)}

    def analyze_document(self, text: str) -> list[str]:
        """Index-time terms: the running text, then the extras (see the module docstring)."""
        main, extras = self._analyze(text)
        main.extend(t for t, _ in extras)
        return main

    # --- queries -------------------------------------------------------------------------------

    def analyze_query(self, text: str, synonyms: SynonymSet | None = None) -> QueryPlan:
        """The plan for a search box query, with the syntax of PostgreSQL's
        ``websearch_to_tsquery``: ``"phrase"``, ``-word`` / ``-"phrase"`` (exclude) and
        ``OR`` between alternatives (``wisselwoning OR tijdelijke woning``: either side).
        Anything else is text; no input is an error."""
        text = text or ""
        truncated = len(text) > MAX_QUERY_CHARS
        text = text[:MAX_QUERY_CHARS]
        words: list[str] = []
        excluded: list[Alternative] = []
        typed: set[Alternative] = set()
        disjuncts: list[tuple[list[Group], list[Group]]] = []
        for clause in _clauses(text):
            groups: list[Group] = []
            relaxed: list[Group] = []
            for segment, quoted, exclude in clause:
                tokens = tokenize(segment)
                if not tokens:
                    continue
                analysed = [self.word(t.text) for t in tokens]
                if exclude or quoted:
                    phrase = self._phrase(tokens, analysed)
                    if exclude:
                        excluded.append(phrase)
                        continue
                    groups.append((phrase,))
                    relaxed.append((phrase,))
                    typed.add(phrase)
                    words.extend(w.folded for w in analysed if w.folded not in STOPWORDS)
                    continue
                words.extend(w.folded for w in analysed if w.folded not in QUERY_STOPWORDS)
                strict, loose = self._query_groups(tokens, analysed, synonyms)
                typed.update(group[0] for group in strict)  # as typed: always the first
                groups.extend(strict)
                relaxed.extend(loose)
            if groups:
                disjuncts.append((_dedupe_groups(groups), _dedupe_groups(relaxed)))
        words_found = tuple(dict.fromkeys(words))
        excluded_terms = tuple(dict.fromkeys(e for e in excluded if e and all(e)))
        if not disjuncts:
            return QueryPlan((), words_found, truncated, excluded=excluded_terms)
        typed_found = frozenset(typed)
        groups = _either(g for g, _ in disjuncts)
        relaxed = _either(r for _, r in disjuncts)
        if len(groups) > MAX_QUERY_GROUPS:
            groups, truncated = groups[:MAX_QUERY_GROUPS], True
        relaxed = relaxed[:MAX_QUERY_GROUPS]
        return QueryPlan(
            tuple(groups),
            words_found,
            truncated,
            tuple(relaxed) if relaxed != groups else (),
            excluded_terms,
            typed_found,
        )

    def _phrase(self, tokens: list[Token], analysed: list[_Word]) -> Alternative:
        """The running-text terms of a quoted (or excluded) phrase, names included."""
        names = self._names_at([t.text for t in tokens]) if self.names else {}
        return tuple(
            names[i].term if i in names and i not in names[i].kept else w.term
            for i, w in enumerate(analysed)
        )

    def _query_groups(
        self, tokens: list[Token], analysed: list[_Word], synonyms: SynonymSet | None
    ) -> tuple[list[Group], list[Group]]:
        """The groups of an unquoted segment, and the same with compounds relaxed to their
        head word. A compound matches itself or all of its parts anywhere in the text
        (corporatiewoningen → woningcorporatie); its head alone only in the relaxed plan."""
        keys = [w.term for w in analysed]
        by_start = {}
        if synonyms is not None:
            by_start = {start: (end, group) for start, end, group in synonyms.match_spans(keys)}
        only_stopwords = all(w.folded in QUERY_STOPWORDS for w in analysed)
        names = {m.start: m for m in self.names.find([w.folded for w in analysed])}
        groups: list[Group] = []
        plain: list[tuple[int, int, int, str]] = []  # (group, loose group, position, word)
        loose: list[Group] = []  # the relaxed groups (see `QueryPlan.relaxed`)
        i = 0
        while i < len(tokens):
            token, word = tokens[i], analysed[i]
            name = names.get(i)
            if name is not None and len(name.kept) < name.end - name.start:
                groups.append(((name.term,),))  # Ten Boer-West, Scheemda 't Waar
                loose.append(groups[-1])
                i = name.end
                continue
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
                loose.append(groups[-1])
                i = j + 1
                continue
            if i in by_start:  # (hyphenated runs first: "Boer" in "Boer-West" is no boer)
                end, phrases = by_start[i]
                matched = tuple(keys[i:end])
                alternatives = [matched]
                for phrase in phrases:
                    alternatives.extend(self._alternatives_for_phrase(phrase))
                groups.append(tuple(dict.fromkeys(alternatives))[:MAX_ALTERNATIVES])
                loose.append(groups[-1])
                i = end
                continue
            i += 1
            if word.folded in QUERY_STOPWORDS and not only_stopwords:
                continue
            alternatives = self._alternatives_for_phrase((word.folded,))
            head = self._head_term(word)
            if word.parts and not token.suspended:
                parts = [p for p in dict.fromkeys(stem(x) for x in word.parts) if p != word.term]
                groups.extend(((word.term,), (part,)) for part in parts)
                loose.append(tuple(dict.fromkeys([*alternatives, *([(head,)] if head else [])])))
                continue
            if len(word.folded) >= MIN_JOIN and not token.suspended:
                plain.append((len(groups), len(loose), i - 1, word.folded))
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
            group = tuple(dict.fromkeys(alternatives))[:MAX_ALTERNATIVES]
            groups.append(group)
            loose.append(group if not head else (*group, (head,))[:MAX_ALTERNATIVES])
        # Two words typed apart also match the closed compound: "wacht tijd" finds wachttijd.
        for (g1, l1, at1, w1), (g2, l2, at2, w2) in zip(plain, plain[1:], strict=False):
            if at2 == at1 + 1:
                joined = (stem(w1 + w2),)
                for target, index in ((groups, g1), (groups, g2), (loose, l1), (loose, l2)):
                    target[index] = (*target[index], joined)[:MAX_ALTERNATIVES]
        return groups, loose

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

    def _head_term(self, word: _Word) -> str:
        """The term of a compound's head word (its last part, or the longest known word that
        ends it when its other parts are unknown), or ""."""
        last = word.parts[-1] if word.parts else self._head(word.folded)
        term = stem(last) if last and len(last) >= MIN_HEAD else ""
        return term if term != word.term else ""

    def _head(self, folded: str) -> str:
        """The longest known word that ends `folded` after a modifier of 3+ letters."""
        base = reduce_diminutive(folded)
        if base in self.lexicon.base:  # a known unit (nieuwbouw) is not a compound
            return ""
        for i in range(MIN_MODIFIER, len(base) - MIN_HEAD + 1):
            if base[i:] in self.lexicon.words:
                return base[i:]
        return ""

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


_PIECE = re.compile(r'(?P<neg>(?<!\S)[-\u2212])?"(?P<phrase>[^"]*)"|(?P<word>\S+)')
_OR = frozenset({"OR", "or", "|"})


def _clauses(text: str) -> list[list[tuple[str, bool, bool]]]:
    """The query as OR-ed clauses of (text, quoted, excluded) pieces. Quotes of any kind
    pair up (an unpaired one is ignored); ``-`` before a word or phrase excludes it; ``OR``
    between two pieces separates alternatives. Consecutive plain words stay one piece, so
    synonyms, names and hyphenated runs spanning them are still recognised."""
    text = _QUOTES.sub('"', text)
    if text.count('"') % 2:
        last = text.rindex('"')
        text = text[:last] + " " + text[last + 1 :]
    clauses: list[list[tuple[str, bool, bool]]] = [[]]
    plain: list[str] = []

    def flush() -> None:
        if plain:
            clauses[-1].append((" ".join(plain), False, False))
            plain.clear()

    for match in _PIECE.finditer(text):
        word = match.group("word")
        if word is None:
            flush()
            clauses[-1].append((match.group("phrase"), True, bool(match.group("neg"))))
        elif word in _OR:
            flush()
            if clauses[-1]:
                clauses.append([])
        elif len(word) > 1 and word[0] in "-\u2212" and word[1].isalnum():
            flush()
            clauses[-1].append((word[1:], False, True))
        else:
            plain.append(word)
    flush()
    return [c for c in clauses if c]


def _either(disjuncts) -> list[Group]:
    """OR of plans (each an AND of groups) as one AND of groups, by distribution:
    (a & b) | c = (a | c) & (b | c). Capped at MAX_QUERY_GROUPS groups."""
    result: list[Group] | None = None
    for groups in disjuncts:
        if result is None:
            result = list(groups)
            continue
        result = _dedupe_groups(
            [
                tuple(dict.fromkeys((*left, *right)))[: MAX_ALTERNATIVES * 2]
                for left in result
                for right in groups
            ][: MAX_QUERY_GROUPS * 2]
        )
    return result or []


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
    """The analyzer over the shipped lexicon (or the one given to `use_lexicon`)."""
    global _DEFAULT_ANALYZER
    if _DEFAULT_ANALYZER is None:
        _DEFAULT_ANALYZER = Analyzer()
    return _DEFAULT_ANALYZER


def use_lexicon(lexicon: Lexicon | None) -> Analyzer:
    """Analyse from now on with `lexicon` (e.g. `lexicon.learn(vocabulary)`); None goes
    back to the shipped one. The caller re-analyses the index (see `Lexicon.fingerprint`)."""
    global _DEFAULT_ANALYZER
    _DEFAULT_ANALYZER = Analyzer(lexicon)
    return _DEFAULT_ANALYZER


def analyze_document(text: str, analyzer: Analyzer | None = None) -> list[str]:
    """Index-time terms of `text` (folded stems, then compound parts and other extras)."""
    return (analyzer or default_analyzer()).analyze_document(text)


_LABEL_ANALYZER: Analyzer | None = None


def analyze_label(text: str) -> list[str]:
    """Index-time terms of taxonomy labels (organisations, gebieden, thema's, tags): every
    word and multi-word name as the document pipeline makes it, but never split into
    compound parts, so a label matches as a whole name: *Instituut Mijnbouwschade* is found
    by *mijnbouwschade* or *instituut*, not by every query about *schade*."""
    global _LABEL_ANALYZER
    if _LABEL_ANALYZER is None:
        _LABEL_ANALYZER = Analyzer(lexicon=Lexicon())
    return _LABEL_ANALYZER.analyze_document(text)


def analyze_query(
    text: str, synonyms: SynonymSet | None = None, analyzer: Analyzer | None = None
) -> QueryPlan:
    """The query plan for `text`; `synonyms` None means no synonym expansion."""
    return (analyzer or default_analyzer()).analyze_query(text, synonyms)
