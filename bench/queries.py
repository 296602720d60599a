"""The query texts the benchmarks ask: at least 500 distinct, realistic Dutch queries.

Shared by `make bench-site` (over HTTP) and `make bench-search` (the engine), so both
measure the same mix: the judged relevance set (its natural-language questions and typing
errors included), the search benchmark's plain queries, its topics with its subjects, and
questions and misspellings made from them. Not generated from the analyser's lexicon.
"""

from __future__ import annotations

import random

from bench import relevance, searching


def _typo(word: str, k: int) -> str:
    """A typing error: a letter dropped, two swapped or one doubled, by position."""
    if len(word) < 5:
        return word
    at = 1 + k % (len(word) - 2)
    kind = k % 3
    if kind == 0:
        return word[:at] + word[at + 1 :]
    if kind == 1:
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word[:at] + word[at] + word[at:]


def search_queries(seed: int = 7, minimum: int = 500) -> list[str]:
    """At least `minimum` distinct queries: the judged relevance set (its questions and
    typing errors included), the search benchmark's plain queries, its topics with its
    subjects, questions and typing errors made from them; shuffled by `seed`."""
    judged = [q.text for q in relevance.load_queries()]
    topics = [t.lower() for t in searching.TOPICS]
    pairs = [f"{t} {s}" for t in topics for s in searching.SUBJECTS]
    questions = [f"hoe regel je {t} bij een {s}?" for t in topics for s in searching.SUBJECTS[:3]]
    typos = [
        _typo(w, k)
        for k, w in enumerate(
            w for phrase in searching.PLAIN + topics for w in phrase.split() if len(w) >= 5
        )
    ]
    found = list(dict.fromkeys(q.strip() for q in [*judged, *searching.PLAIN, *pairs, *typos]))
    found += [q for q in questions if q not in found]
    rng = random.Random(seed)
    rng.shuffle(found)
    if len(found) < minimum:
        raise ValueError(f"only {len(found)} distinct queries, {minimum} needed")
    return found
