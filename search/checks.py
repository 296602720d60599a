"""System checks of the search index's database structures (run by `migrate` and by
`manage.py check --database default`)."""

from django.core.checks import Tags, Warning, register
from django.db import connections

from search.engines.matchindex import MATCH_INDEX, current_method


@register(Tags.database)
def match_index(app_configs=None, databases=None, **kwargs):
    """PostgreSQL: the match index is RUM (`search.engines.matchindex`); GIN works, slower
    for phrases; a missing one makes every search a scan."""
    if not databases or "default" not in databases:
        return []
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return []
    if "search_matchvector" not in connection.introspection.table_names():
        return []  # not migrated yet
    method = current_method(connection)
    if method == "rum":
        return []
    if method is None:
        return [
            Warning(
                f"De zoekindex mist zijn matchindex ({MATCH_INDEX}): elke zoekvraag leest "
                "de hele tabel.",
                hint="python manage.py search_index upgrade",
                id="search.W002",
            )
        ]
    return [
        Warning(
            "De zoekindex gebruikt GIN in plaats van RUM: zoekvragen met een woordgroep "
            "(samenstellingen los geschreven, synoniemen van twee woorden) zijn trager.",
            hint="Installeer het pakket postgresql-NN-rum op de databaseserver en draai "
            "python manage.py search_index upgrade (als superuser, of met CREATE EXTENSION "
            "rum vooraf).",
            id="search.W001",
        )
    ]
