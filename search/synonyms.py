"""The editors' synonym list, as the analysis pipeline uses it.

Editors maintain `SynonymGroup` rows in the admin. The parsed set is cached per process
and rebuilt when the list changes (one cheap aggregate query per search), so an edit
takes effect on the next query without a redeploy.
"""

from django.db.models import Count, Max

from search import analysis
from search.models import SynonymGroup

_cache: dict = {"key": None, "set": None}


def current_synonyms():
    stamp = SynonymGroup.objects.filter(active=True).aggregate(n=Count("id"), t=Max("updated_at"))
    key = (stamp["n"], stamp["t"])
    if _cache["key"] != key:
        lines = SynonymGroup.objects.filter(active=True).values_list("terms", flat=True)
        _cache["set"] = analysis.SynonymSet.from_lines(lines)
        _cache["key"] = key
    return _cache["set"]
