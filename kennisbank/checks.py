"""System checks of the ground floor's database structures (run by `migrate` and by
`manage.py check --database default`)."""

from django.core.checks import Error, Tags, register
from django.db import connections

from kennisbank.restricted_depths import DEPTHS, missing_triggers


@register(Tags.database)
def restricted_depth_triggers(app_configs=None, databases=None, **kwargs):
    """The triggers behind the visibility policy's depths are in place: without them a
    restriction at a new tree depth would not be checked (`kennisbank.restricted_depths`)."""
    if not databases or "default" not in databases:
        return []
    connection = connections["default"]
    if DEPTHS not in connection.introspection.table_names():
        return []  # not migrated this far yet
    missing = missing_triggers("default")
    if not missing:
        return []
    return [
        Error(
            "De database mist triggers die de zichtbaarheidsregel nodig heeft: "
            + ", ".join(missing)
            + ". Afgeschermde pagina's op een nieuwe diepte in de boom worden dan niet "
            "herkend.",
            hint="python manage.py migrate --skip-checks (zet de triggers terug)",
            id="kennisbank.E001",
        )
    ]
