"""Dutch text analysis: one pipeline for indexing, querying and highlighting.

tokenize → fold (lowercase, strip accents) → drop stopwords → stem (Snowball Dutch, run to
a fixpoint, doubled vowels collapsed so `adviseer`/`adviser` meet) → add the parts of
compound words found in the lexicon (`dakisolatie` also yields `dak`, `isolatie`).

Both database engines store the resulting terms; the Elasticsearch analyzer mirrors the
same steps (asciifolding, dictionary decompounder on the same lexicon, Dutch stemmer).
Query terms are quoted into FTS5 / tsquery syntax here, so no user input reaches the
database's query parser unescaped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import snowballstemmer
from django.utils.html import escape as _escape

MAX_QUERY_CHARS = 500
MIN_PART = 3
_WORD_RE = re.compile(r"\w+", re.UNICODE)
_STEMMER = snowballstemmer.stemmer("dutch")
_DOUBLE_VOWEL = re.compile(r"([aeou])\1")

_STOPWORD_TEXT = """aan al alle als bij dan dat de der des deze die dit door dus een en er hem
het hij hoe hun ik in is je kan maar me met mij na naar niet nog nu of om onder ons ook op over
te tot u uit van veel voor want was wat we wel wie wij zal ze zich zij zijn zo zonder"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


class Token(NamedTuple):
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text or "")]


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Stem a folded word; repeated until stable so `fiets` and `fietsen` meet."""
    if word.isdigit() or len(word) <= 3:
        return word
    for _ in range(3):
        stemmed = _STEMMER.stemWord(word)
        if stemmed == word:
            break
        word = stemmed
    return _DOUBLE_VOWEL.sub(r"\1", word)


@lru_cache(maxsize=1)
def base_lexicon() -> frozenset[str]:
    """Known words that compounds are split into (folded). Editors' vocabulary grows it."""
    path = Path(__file__).with_name("lexicon_nl.txt")
    words = {fold(line.strip()) for line in path.read_text("utf-8").splitlines()}
    return frozenset(w for w in words if len(w) >= MIN_PART and not w.startswith("#"))


@lru_cache(maxsize=200_000)
def split_compound(word: str) -> tuple[str, ...]:
    """Parts of a compound in the lexicon, e.g. versterkingsadvies → versterking, advies.

    Tries every split point with an optional linking -s- or -e-/-en-; the right-hand part
    may itself be a compound. Returns () when no full split is found.
    """
    lexicon = base_lexicon()
    if len(word) < 2 * MIN_PART:
        return ()
    for i in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, rest = word[:i], word[i:]
        if head not in lexicon:
            continue
        for link in ("", "s", "en", "e"):
            if not rest.startswith(link):
                continue
            tail = rest[len(link) :]
            if len(tail) < MIN_PART:
                continue
            if tail in lexicon:
                return (head, tail)
            deeper = split_compound(tail)
            if deeper:
                return (head, *deeper)
    return ()


def _word_terms(folded: str) -> list[str]:
    terms = [stem(folded)]
    for part in split_compound(folded):
        part_stem = stem(part)
        if part_stem not in terms:
            terms.append(part_stem)
    return terms


def analyze_document(text: str) -> list[str]:
    """Index-time terms: stems of every non-stopword, then the stems of compound parts.

    Parts go after the running text, so phrase matches (synonyms of several words) still
    see the original words next to each other.
    """
    terms, parts = [], []
    for token in tokenize(text):
        folded = fold(token.text)
        if folded in STOPWORDS:
            continue
        word_terms = _word_terms(folded)
        terms.append(word_terms[0])
        parts.extend(word_terms[1:])
    return terms + parts


def document_words(text: str) -> list[str]:
    """Folded, unstemmed words (vocabulary for suggestions and autocomplete)."""
    return [
        folded
        for folded in (fold(t.text) for t in tokenize(text))
        if len(folded) >= 2 and folded not in STOPWORDS and not folded.isdigit()
    ]


# --- synonyms ------------------------------------------------------------------------------


class SynonymSet:
    """Groups of equivalent phrases, matched on folded words, e.g. `mkb = midden- en
    kleinbedrijf`. Built from editors' lines; each line is one group separated by '='."""

    def __init__(self, groups: list[list[tuple[str, ...]]]):
        self.groups = groups
        self._by_phrase: dict[tuple[str, ...], int] = {}
        for index, group in enumerate(groups):
            for phrase in group:
                self._by_phrase.setdefault(phrase, index)
        self.max_len = max((len(p) for p in self._by_phrase), default=0)

    @classmethod
    def from_lines(cls, lines) -> SynonymSet:
        groups = []
        for line in lines:
            phrases = []
            for part in str(line).split("="):
                words = tuple(fold(t.text) for t in tokenize(part))
                if words and words not in phrases:
                    phrases.append(words)
            if len(phrases) >= 2:
                groups.append(phrases)
        return cls(groups)

    def match(self, words: list[str], start: int) -> tuple[int, list[tuple[str, ...]]] | None:
        """The longest phrase starting at `start`: (its length, all phrases of its group)."""
        for length in range(min(self.max_len, len(words) - start), 0, -1):
            index = self._by_phrase.get(tuple(words[start : start + length]))
            if index is not None:
                return length, self.groups[index]
        return None


EMPTY_SYNONYMS = SynonymSet([])


# --- queries -------------------------------------------------------------------------------

# A plan: every group must match (AND); a group is a list of alternatives (OR); an
# alternative is a phrase: a tuple of terms that must occur in this order.
QueryPlan = list[list[tuple[str, ...]]]


def query_alternatives(text: str, synonyms: SynonymSet = EMPTY_SYNONYMS) -> list[list[str]]:
    """Per query position, the alternative phrases as folded words (for Elasticsearch)."""
    words = [fold(t.text) for t in tokenize(text[:MAX_QUERY_CHARS])]
    groups, i = [], 0
    while i < len(words):
        found = synonyms.match(words, i)
        if found:
            length, phrases = found
            groups.append([" ".join(p) for p in phrases])
            i += length
            continue
        if words[i] not in STOPWORDS or len(words) == 1:
            groups.append([words[i]])
        i += 1
    return groups


def analyze_query(text: str, synonyms: SynonymSet = EMPTY_SYNONYMS) -> QueryPlan:
    plan: QueryPlan = []
    for alternatives in query_alternatives(text, synonyms):
        group = []
        for phrase in alternatives:
            words = [w for w in phrase.split() if w not in STOPWORDS] or phrase.split()
            terms = tuple(stem(w) for w in words)
            if terms and terms not in group:
                group.append(terms)
        if group:
            plan.append(group)
    return plan


def _fts5_phrase(terms: tuple[str, ...]) -> str:
    return '"' + " ".join(t.replace('"', "") for t in terms) + '"'


def to_fts5_match(plan: QueryPlan) -> str:
    """FTS5 MATCH expression over the term columns; every term is quoted."""
    if not plan:
        return ""
    groups = ["(" + " OR ".join(_fts5_phrase(p) for p in group) + ")" for group in plan]
    return "{title_terms body_terms} : (" + " AND ".join(groups) + ")"


def _ts_term(term: str) -> str:
    return "'" + term.replace("'", "").replace("\\", "") + "'"


def to_tsquery(plan: QueryPlan) -> str:
    """to_tsquery('simple', …) expression; every term is quoted, phrases use <->."""
    if not plan:
        return ""
    groups = [
        "(" + " | ".join("(" + " <-> ".join(_ts_term(t) for t in p) + ")" for p in group) + ")"
        for group in plan
    ]
    return " & ".join(groups)


def any_of(terms, vendor: str) -> str:
    """A query matching documents with any of `terms` (for related content)."""
    plan_group = [(t,) for t in dict.fromkeys(terms) if t]
    if not plan_group:
        return ""
    if vendor == "postgresql":
        return " | ".join(_ts_term(t) for (t,) in plan_group)
    return "{title_terms body_terms} : (" + " OR ".join(_fts5_phrase(p) for p in plan_group) + ")"


def highlight_terms(plan: QueryPlan) -> set[str]:
    return {term for group in plan for phrase in group for term in phrase}


def token_matches(token_text: str, terms: set[str]) -> bool:
    folded = fold(token_text)
    if folded in STOPWORDS:
        return False
    return any(term in terms for term in _word_terms(folded))


# --- spelling --------------------------------------------------------------------------------


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein (adjacent transpositions), stopping early past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def suggest(word: str, vocabulary: dict[str, int], limit: int = 2) -> str | None:
    """The closest known word (fewest edits, then most documents), or None."""
    word = fold(word)
    best, best_key = None, None
    for candidate, count in vocabulary.items():
        distance = edit_distance(word, candidate, limit)
        if distance == 0:
            return candidate
        if distance <= limit:
            key = (distance, -count, candidate)
            if best_key is None or key < best_key:
                best, best_key = candidate, key
    return best


def escape(text: str) -> str:
    return _escape(text or "")
