"""Autocomplete and spelling suggestions of the database engine, from `SearchWord`: the
vocabulary of the index with document counts per audience key, so a viewer is only offered
words from content they may see (`search.facetindex.audience_keys`).
"""

from __future__ import annotations

from django.db.models import Sum
from django.db.models.functions import Length

from kennisbank.visibility import Viewer
from search import analysis, facetindex
from search.engines import terms as eterms
from search.models import SearchWord


class VocabularyMixin:
    """Suggestions for `DatabaseEngine`, over the vocabulary counts it maintains."""

    def _words(self, viewer: Viewer, words=None):
        """Vocabulary counts over the audiences this viewer may see: (word, documents)."""
        keys = facetindex.audience_keys(viewer)
        words = SearchWord.objects.all() if words is None else words
        return (
            words.filter(audience__in=keys, docs__gt=0)
            .values("word")
            .annotate(n=Sum("docs"))
            .values_list("word", "n")
        )

    def _vocabulary(self, prefix: str, viewer: Viewer, limit: int | None = None):
        words = _starting_with(prefix) if prefix else None
        qs = self._words(viewer, words).order_by("-n", "word")
        return qs[:limit] if limit else qs

    def suggest(self, prefix: str, viewer: Viewer, limit: int = 8) -> list[str]:
        words = eterms.document_words(prefix)
        if not words or prefix.endswith(" "):
            return []
        *head, last = list(_ordered_words(prefix))
        if len(last) < 2:
            return []
        completions = [word for word, _ in self._vocabulary(last, viewer, limit)]
        lead = " ".join(head)
        return [f"{lead} {word}".strip() for word in completions]

    def spelling_suggestion(self, text: str, viewer: Viewer) -> str | None:
        words = list(_ordered_words(text))
        changed, corrected = False, []
        for word in words:
            known = self._vocabulary(word, viewer, 1)
            if known and known[0][0] == word:
                corrected.append(word)
                continue
            near = (
                _starting_with(word[:1])
                .annotate(length=Length("word"))
                .filter(length__gte=len(word) - 2, length__lte=len(word) + 2)
            )
            candidates = dict(self._words(viewer, near)[:20000])
            best = analysis.suggest(word, candidates)
            if best and best != word:
                corrected.append(best)
                changed = True
            else:
                corrected.append(word)
        return " ".join(corrected) if changed else None


def _starting_with(prefix: str):
    """Vocabulary rows whose word starts with `prefix`, as a range the word index serves on
    both databases (SQLite does not use an index for LIKE 'prefix%')."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return SearchWord.objects.filter(word__gte=prefix, word__lt=upper, word__startswith=prefix)


def _ordered_words(text: str) -> list[str]:
    return [analysis.fold(token.text) for token in analysis.tokenize(text)]
