"""What can be followed, and who may see it: the seams to search, lessons and dossiers.

Visibility is never decided here: lessons through `lessons.selectors.visible_lessons`,
dossiers through `dossiers.selectors`, searches by the search service run as the user.
"""

from __future__ import annotations

import hashlib
import json

from django.db.models import QuerySet
from django.utils.datastructures import MultiValueDict
from wagtail.models import Page

from dossiers.models import DossierPage
from dossiers.selectors import visible_dossiers, visible_source_lessons
from lessons.models import LessonPage
from search.models import FACETS
from search.service import SearchInputError, clean_text, parse_query

# --- dossiers ---------------------------------------------------------------------------


def as_dossier(page: Page):
    """The page as a DossierPage, or None when it is something else."""
    if page is None:
        return None
    specific = page.specific
    return specific if isinstance(specific, DossierPage) else None


def visible_dossier(user, page: Page):
    """The dossier behind `page` if this user may see it (the dossiers app decides)."""
    dossier = as_dossier(page)
    if dossier is None or not visible_dossiers(user).filter(pk=dossier.pk).exists():
        return None
    return dossier


def visible_dossier_lessons(dossier, user) -> QuerySet[LessonPage]:
    """The dossier's cited lessons this user may read (through `visible_lessons`)."""
    return visible_source_lessons(dossier, user)


# --- saved searches ---------------------------------------------------------------------


def normalise_search_params(params, user=None) -> dict:
    """Only the keys the search knows, cleaned, de-duplicated and sorted; paging and sort
    dropped (the digest always sorts by date). Raises SearchInputError on values the
    search would refuse, and when nothing is left to search for."""
    normalised = {}
    text = clean_text(params.get("q", "") or "")
    if text:
        normalised["q"] = text
    getlist = params.getlist if hasattr(params, "getlist") else _listify(params)
    for facet in FACETS:
        values = sorted({v.strip() for v in getlist(facet) if v and v.strip()})
        if values:
            normalised[facet] = values
    if not normalised:
        raise SearchInputError("Een zoekopdracht bewaren kan pas met een zoekterm of filter.")
    parse_query(params_as_querydict(normalised), user)  # same validation as the search page
    return normalised


def _listify(mapping):
    def getlist(key):
        value = mapping.get(key)
        if value is None:
            return []
        return list(value) if isinstance(value, list | tuple) else [value]

    return getlist


def params_as_querydict(params: dict) -> MultiValueDict:
    data = MultiValueDict()
    for key, value in params.items():
        data.setlist(key, list(value) if isinstance(value, list | tuple) else [value])
    return data


def params_key(params: dict) -> str:
    return hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()


def search_label(params: dict) -> str:
    """A readable name for a saved search, e.g. '“isolatie” · thema: veilig'."""
    parts = [f"“{params['q']}”"] if params.get("q") else []
    parts += [f"{facet}: {', '.join(params[facet])}" for facet in FACETS if params.get(facet)]
    return " · ".join(parts)[:255]
