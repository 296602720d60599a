"""The editors' synonym list, as the analysis pipeline uses it.

Editors maintain `SynonymGroup` rows in the admin. The parsed set is cached per process
and rebuilt when the list changes (one cheap aggregate query per search), so an edit
takes effect on the next query without a redeploy. `synonyms_version` is that aggregate,
for caches of answers that depend on the list (`search.resultcache`).
"""

from django.db.models import Count, Max

from search import analysis
from search.models import SynonymGroup

_cache: dict = {"key": None, "set": None}


def synonyms_version() -> tuple:
    """Changes whenever an active synonym group is added, edited, switched off or removed."""
    stamp = SynonymGroup.objects.filter(active=True).aggregate(n=Count("id"), t=Max("updated_at"))
    return (stamp["n"], stamp["t"])


def current_synonyms():
    key = synonyms_version()
    if _cache["key"] != key:
        lines = SynonymGroup.objects.filter(active=True).values_list("terms", flat=True)
        _cache["set"] = analysis.SynonymSet.from_lines(lines)
        _cache["key"] = key
    return _cache["set"]
