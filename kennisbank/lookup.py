"""Resolve free text to a taxonomy term: by name, slug or abbreviation, ignoring case and accents.

The lesson importer, the listing filters and search all resolve through here, so that
"Coördinator", "coordinator" and "COORDINATOR" always mean the same thing.
"""

from collections.abc import Iterable

from django.db import models
from django.utils.text import slugify


class UnknownTermError(ValueError):
    """A value matched no term. The message lists the known values so the fix is obvious."""

    def __init__(self, model: type[models.Model], value: str, known: list[str]):
        self.model = model
        self.value = value
        self.known = known
        label = model._meta.verbose_name
        super().__init__(
            f"onbekende {label} {value!r}; bekende waarden: {', '.join(known) or '(geen)'}"
        )


def normalise(value: str) -> str:
    """Fold accents and case, and collapse punctuation and spaces to single hyphens."""
    return slugify(str(value).replace("'", " "))


class TermIndex:
    """A snapshot of one taxonomy model keyed by every normalised spelling of each term.

    Build one per import run or request; the tables are small, so a snapshot is one query.
    """

    def __init__(self, model: type[models.Model], queryset: Iterable | None = None):
        self.model = model
        self.terms = list(model.objects.all() if queryset is None else queryset)
        self._by_key: dict[str, models.Model] = {}
        for term in self.terms:
            for key in term.lookup_keys():
                self._by_key.setdefault(normalise(key), term)

    def known_values(self) -> list[str]:
        return [
            f"{term.name} ({term.afkorting})" if getattr(term, "afkorting", "") else term.name
            for term in self.terms
        ]

    def get(self, value: str):
        term = self._by_key.get(normalise(value)) if value is not None else None
        if term is None:
            raise UnknownTermError(self.model, str(value), self.known_values())
        return term

    def get_many(self, values: Iterable[str]) -> list:
        seen, result = set(), []
        for value in values:
            term = self.get(value)
            if term.pk not in seen:
                seen.add(term.pk)
                result.append(term)
        return result
