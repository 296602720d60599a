"""Autocomplete and spelling suggestions of the database engine, from `SearchWord`: the
suggestion vocabulary with document counts per audience key, so a viewer is only offered
what occurs in content they may see (`search.facetindex.audience_keys`).

Indexing: `document_vocabulary` turns a document into the tokens of its `vocabulary`
column — words with their display form, pairs of content words from the title and
summary, the title itself and the labels of `SUGGESTED_FACETS` — and `count_rows` turns
(token, audience) counts into `SearchWord` rows (the engine's `_add_counts` upserts them).

Querying: every read is one audience key's range of the covering index (audience, kind,
word, docs): `WHERE audience = ? AND kind = ? AND word >= prefix AND word < next(prefix)
ORDER BY docs DESC LIMIT n`, an index range scan whatever the vocabulary's size. A viewer
who may see several keys gets the best of each key, summed exactly for those candidates.
Autocomplete sends all its ranges as one statement (`tops`), so a keystroke costs one round
trip (two for a viewer with several keys), not one query per kind and key.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db import connection
from django.db.models import Q
from django.db.models.functions import Length

from kennisbank.visibility import Viewer
from search import analysis, facetindex
from search.analysis import STOPWORDS, fold, stem, tokenize
from search.analysis.suggest import max_edits
from search.models import SearchWord

# Facet labels offered as completions (names of places and organisations), by facet name.
SUGGESTED_FACETS = ("gebied", "gemeente", "organisatie")
# Content words a document contributes pairs from: the title and summary (bounded, and what
# people search for), not every sentence of the body.
PAIR_SOURCE_CHARS = 2000
MAX_KEY = 100
MAX_DISPLAY = 200
_SEP = "\u241e"  # separates kind, key and display in a vocabulary token (not whitespace)
_SPACE = "\u2423"  # a space inside a token
SPELLING_CANDIDATES = 20_000


class Suggestion(str):
    """A completion as text, with what it is (`kind`: "woord", "titel" or a facet name)."""

    kind: str = "woord"

    def __new__(cls, text: str, kind: str = "woord"):
        suggestion = super().__new__(cls, text)
        suggestion.kind = kind
        return suggestion


# --- indexing ---------------------------------------------------------------------------


def encode(kind: str, key: str, display: str) -> str:
    """One vocabulary token; a word shown as its key is just the key (the old format)."""
    if kind == SearchWord.WORD and display == key:
        return key
    return _SEP.join(
        (kind, key.replace(" ", _SPACE), " ".join(display.split()).replace(" ", _SPACE))
    )


def decode(token: str) -> tuple[str, str, str]:
    """(kind, key, display) of a vocabulary token."""
    if _SEP not in token:
        return SearchWord.WORD, token, token
    kind, key, display = token.split(_SEP, 2)
    return kind, key.replace(_SPACE, " "), display.replace(_SPACE, " ")


def _content(key: str) -> bool:
    return len(key) >= 2 and key not in STOPWORDS and not key.isdigit()


def _display_forms(text: str) -> dict[str, str]:
    """Folded word -> the form to show: as most often written, preferring forms that are not
    capitalised only because they open a sentence (Coördinator -> coördinator; IMG stays)."""
    forms: dict[str, Counter] = defaultdict(Counter)
    for token in tokenize(text):
        key = fold(token.text)
        if _content(key):
            forms[key][token.text] += 1
    chosen = {}
    for key, counter in forms.items():
        chosen[key] = max(
            counter,
            key=lambda form: (
                not (form[:1].isupper() and form[1:].islower() and form.lower() in counter),
                form[:1].islower(),
                counter[form],
            ),
        )
    return chosen


def _folded_key(text: str) -> str:
    return " ".join(k for k in (fold(t.text) for t in tokenize(text)) if k)[:MAX_KEY]


def document_vocabulary(document, words: list[str], text: str) -> str:
    """The `vocabulary` column of a document: one token per suggestion it contributes.

    `words` are its searchable folded words (`terms.document_words` of text and labels),
    `text` the text they come from (for the display forms)."""
    forms = _display_forms(text)
    tokens = {encode(SearchWord.WORD, w, forms.get(w, w)[:MAX_DISPLAY]) for w in words}
    lead = f"{document.title}\n{document.summary}"[:PAIR_SOURCE_CHARS]
    for line in lead.splitlines():
        content = [t.text for t in tokenize(line) if _content(fold(t.text))]
        for first, second in zip(content, content[1:], strict=False):
            key = f"{fold(first)} {fold(second)}"[:MAX_KEY]
            display = f"{forms.get(fold(first), first)} {forms.get(fold(second), second)}"
            tokens.add(encode(SearchWord.PAIR, key, display[:MAX_DISPLAY]))
    title_key = _folded_key(document.title)
    if title_key:
        tokens.add(encode(SearchWord.TITLE, title_key, document.title[:MAX_DISPLAY]))
    for facet in SUGGESTED_FACETS:
        for _, label in document.facets.get(facet, ()):
            keys = _label_keys(label)
            tokens.update(encode(facet, key, label[:MAX_DISPLAY]) for key in keys)
    return " ".join(sorted(tokens))


def _label_keys(label: str) -> list[str]:
    """A label is found from its start and from each later content word (mijnbouwschade ->
    Instituut Mijnbouwschade Groningen)."""
    folded = [fold(t.text) for t in tokenize(label)]
    folded = [k for k in folded if k]
    keys = [" ".join(folded)[:MAX_KEY]] if folded else []
    for i in range(1, len(folded)):
        if _content(folded[i]):
            keys.append(" ".join(folded[i:])[:MAX_KEY])
    return list(dict.fromkeys(keys))


def count_rows(counts: Counter) -> list[tuple[str, str, str, str, int]]:
    """(audience, kind, word, display, docs) rows from (token, audience) counts, in key
    order (writers lock rows in the same order and cannot deadlock each other)."""
    totals: Counter = Counter()
    displays: dict[tuple[str, str, str], str] = {}
    for (token, audience), n in counts.items():
        if not n:
            continue
        kind, key, display = decode(token)
        row = (audience, kind, key[:MAX_KEY])
        totals[row] += n
        if n > 0 or row not in displays:
            displays[row] = display[:MAX_DISPLAY]
    return [(*row, displays[row], n) for row, n in sorted(totals.items()) if n]


# --- querying ---------------------------------------------------------------------------


def _prefix_range(prefix: str) -> Q:
    """Keys starting with `prefix`, as a range of the index on both databases (SQLite uses
    no index for LIKE 'prefix%'); startswith keeps it exact under any collation."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return Q(word__gte=prefix, word__lt=upper, word__startswith=prefix)


# One lookup's best rows of one kind for one audience key: an index range of
# (audience, kind, word, docs), the prefix checked exactly (any collation), best first.
_TOP_SQL = (
    "SELECT * FROM (SELECT {lookup} AS lookup, kind, word, display, docs FROM {table} "
    "WHERE audience = %s AND kind = %s AND word >= %s AND word < %s "
    "AND substr(word, 1, {length}) = %s AND docs > 0 ORDER BY docs DESC, word LIMIT {limit}) "
    "AS top{part}"
)


def top(kinds, prefix: str, keys: list[str], limit: int) -> list[tuple[str, str, str, int]]:
    """The `limit` rows of these kinds whose key starts with `prefix` with the most
    documents over the audience `keys`: (kind, key, display, docs), best first."""
    return tops([(kinds, prefix, limit)], keys)[0]


def tops(lookups, keys: list[str]) -> list[list[tuple[str, str, str, int]]]:
    """`top` for several (kinds, prefix, limit) lookups in one statement: a UNION ALL of
    one index range per lookup, kind and audience key (plus one statement for the exact
    counts when the viewer may see several keys). Autocomplete asks four lookups per
    keystroke; one round trip instead of one query each keeps it at a millisecond."""
    results: list[list[tuple[str, str, str, int]]] = [[] for _ in lookups]
    if not keys:
        return results
    table = SearchWord._meta.db_table
    parts, params = [], []
    for n, (kinds, prefix, limit) in enumerate(lookups):
        if not prefix or limit <= 0:
            continue
        kinds = [kinds] if isinstance(kinds, str) else list(kinds)
        per_key = limit if len(keys) == 1 else limit * 3
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        for key in keys:
            for kind in kinds:
                sql = _TOP_SQL.format(
                    lookup=n, table=table, length=len(prefix), limit=int(per_key), part=len(parts)
                )
                parts.append(sql)
                params += [key, kind, prefix, upper, prefix]
    if not parts:
        return results
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    found: list[dict[tuple[str, str], str]] = [{} for _ in lookups]
    counted: Counter = Counter()  # one key: its counts come with the rows
    for n, kind, word, display, docs in rows:
        found[n].setdefault((kind, word), display)
        if len(keys) == 1:
            counted[(kind, word)] = docs
    if len(keys) > 1:
        counted = _totals({k for candidates in found for k in candidates}, keys)
    for n, (_, _, limit) in enumerate(lookups):
        candidates = found[n]
        ranked = sorted(candidates, key=lambda k: (-counted.get(k, 0), k[1]))
        results[n] = [
            (kind, word, candidates[(kind, word)] or word, counted[(kind, word)])
            for kind, word in ranked
            if counted.get((kind, word))
        ][:limit]
    return results


def _totals(found, keys: list[str]) -> Counter:
    """Exact document counts over `keys` of the candidate (kind, word) rows (lookups in
    the unique index)."""
    totals: Counter = Counter()
    if not found:
        return totals
    kinds = sorted({k for k, _ in found})
    words = sorted({w for _, w in found})
    table = SearchWord._meta.db_table
    marks = ", ".join
    sql = (
        f"SELECT kind, word, docs FROM {table} WHERE audience IN ({marks(['%s'] * len(keys))}) "  # noqa: S608
        f"AND kind IN ({marks(['%s'] * len(kinds))}) AND word IN ({marks(['%s'] * len(words))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*keys, *kinds, *words])
        for kind, word, docs in cursor.fetchall():
            if (kind, word) in found:
                totals[(kind, word)] += docs
    return totals


def known_words(words, keys: list[str]) -> set[str]:
    """Of these folded words, those some document the viewer may see contains."""
    words = set(words)
    if not words or not keys:
        return set()
    return set(
        SearchWord.objects.filter(
            audience__in=keys, kind=SearchWord.WORD, word__in=words, docs__gt=0
        ).values_list("word", flat=True)
    )


def near_words(word: str, keys: list[str]) -> dict[str, int]:
    """Vocabulary words that may be `word` misspelt: the same first two letters (or those
    two swapped, or the second left out), of a length within the speller's reach; each an
    index range. Folded word -> documents."""
    limit = max_edits(word)
    starts = {word[:2], word[1:2] + word[:1], word[:1] + word[2:3]}
    counts: Counter = Counter()
    for start in sorted(s for s in starts if len(s) == 2):
        rows = (
            SearchWord.objects.filter(
                _prefix_range(start), audience__in=keys, kind=SearchWord.WORD, docs__gt=0
            )
            .annotate(length=Length("word"))
            .filter(length__gte=len(word) - limit, length__lte=len(word) + limit)
            .values_list("word", "docs")[:SPELLING_CANDIDATES]
        )
        for candidate, docs in rows:
            counts[candidate] += docs
    return dict(counts)


class VocabularyMixin:
    """Suggestions for `DatabaseEngine`, over the vocabulary it maintains."""

    def suggest(self, prefix: str, viewer: Viewer, limit: int = 8) -> list[str]:
        """Completions of what was typed: the last word completed with the words before it
        kept as typed (preferring words that follow the content word before it in titles
        and summaries), then place and organisation names and titles that start with the
        typed text. Display forms as written; only from content the viewer may see."""
        tokens = tokenize(prefix)
        if not tokens or prefix.endswith(" "):
            return []
        keys = facetindex.audience_keys(viewer)
        last = tokens[-1]
        last_key = fold(last.text)
        head = prefix[: last.start].rstrip()
        head_content = [fold(t.text) for t in tokens[:-1] if _content(fold(t.text))]
        out: list[Suggestion] = []
        seen: set[str] = set()

        def add(text: str, kind: str) -> None:
            folded = _folded_key(text)
            if folded and folded not in seen:
                seen.add(folded)
                out.append(Suggestion(text, kind))

        whole = _folded_key(prefix)
        pair = f"{head_content[-1]} {last_key}" if head_content and len(last_key) >= 2 else ""
        # All four in one round trip; words and pairs fetched for the most room they can get.
        names, titles, pairs, words = tops(
            [
                (SUGGESTED_FACETS, whole if len(whole) >= 2 else "", 2),
                (SearchWord.TITLE, whole if len(whole) >= 3 else "", 3),
                (SearchWord.PAIR, pair, limit),
                (SearchWord.WORD, last_key if len(last_key) >= 2 else "", limit),
            ],
            keys,
        )
        word_room = max(limit - len(names) - len(titles), limit // 2)
        for _, _, display, _ in pairs[:word_room]:
            add(f"{head} {display.split(' ', 1)[-1]}".strip(), "woord")
        for _, _, display, _ in words:
            if len(out) >= word_room:
                break
            add(f"{head} {display}".strip(), "woord")
        for kind, _, display, _ in names:
            add(display, kind)
        for _, _, display, _ in titles:
            add(display, "titel")
        return out[:limit]

    def spelling_suggestion(self, text: str, viewer: Viewer) -> str | None:
        """'Bedoelde u ...': content words no visible document contains, replaced by the
        closest known word. Stopwords, numbers and inflections of known words (a known word
        with the same stem) are left as typed."""
        keys = facetindex.audience_keys(viewer)
        words = [fold(token.text) for token in tokenize(text)]
        content = [w for w in words if len(w) >= 3 and w not in STOPWORDS and not w.isdigit()]
        known = known_words(content, keys)
        changed, corrected = False, []
        for word in words:
            if word not in content or word in known:
                corrected.append(word)
                continue
            candidates = near_words(word, keys)
            word_stem = stem(word)
            if any(stem(c) == word_stem for c in candidates):
                corrected.append(word)  # an inflection of a known word
                continue
            best = analysis.suggest(word, candidates)
            if best and best != word:
                corrected.append(best)
                changed = True
            else:
                corrected.append(word)
        return " ".join(corrected) if changed else None
