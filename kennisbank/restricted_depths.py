"""Database triggers that keep `RestrictedDepth` (the depths that carry view restrictions).

Why triggers: a restriction can reach a new depth without any Django signal. Wagtail's
`PageViewRestriction` rows are created by forms, copies and imports; a page with a
restriction moves with its parent, and treebeard rewrites the descendants' `path` and
`depth` with one raw `UPDATE`. A row-level trigger sees every one of these writes, in the
writer's own transaction, so the depth becomes visible to readers in the same commit as
the restriction that needs it.

The triggers only add depths. A depth with no restriction left costs the visibility query
one index lookup per page and changes no answer, while removing a depth that a concurrent
transaction is about to use could let restricted pages through; so nothing removes rows.
Their number is bounded by the depth of the page tree.

`install(connection)` creates the triggers (idempotent) and adds the depths of the existing
restrictions; `kennisbank.apps` runs it after every `migrate` and `flush`. That also puts
the triggers back after a migration that rebuilt `wagtailcore_page` on SQLite (Django
rebuilds a table to alter it there, which drops its triggers). `missing_triggers` is what
the system check `kennisbank.E001` reports.
"""

from __future__ import annotations

from django.db import connections
from wagtail.models import Page, PageViewRestriction

from kennisbank.models import RestrictedDepth

DEPTHS = RestrictedDepth._meta.db_table
PAGES = Page._meta.db_table
RESTRICTIONS = PageViewRestriction._meta.db_table

TRIGGERS = (
    "kb_restricted_depth_on_insert",
    "kb_restricted_depth_on_update",
    "kb_restricted_depth_on_move",
)

_SQLITE_ON_RESTRICTION = """CREATE TRIGGER IF NOT EXISTS {name}
    AFTER {event} ON {restrictions}
    BEGIN
        INSERT OR IGNORE INTO {depths} (depth)
        SELECT depth FROM {pages} WHERE id = NEW.page_id;
    END"""

_SQLITE = (
    *(
        _SQLITE_ON_RESTRICTION.format(
            name=name, event=event, restrictions=RESTRICTIONS, depths=DEPTHS, pages=PAGES
        )
        for name, event in (
            ("kb_restricted_depth_on_insert", "INSERT"),
            ("kb_restricted_depth_on_update", "UPDATE OF page_id"),
        )
    ),
    f"""CREATE TRIGGER IF NOT EXISTS kb_restricted_depth_on_move
    AFTER UPDATE OF depth ON {PAGES}
    WHEN NEW.depth IS NOT OLD.depth
        AND EXISTS (SELECT 1 FROM {RESTRICTIONS} WHERE page_id = NEW.id)
    BEGIN
        INSERT OR IGNORE INTO {DEPTHS} (depth) VALUES (NEW.depth);
    END""",  # noqa: S608 - table names of the models
)

_POSTGRESQL = (
    f"""CREATE OR REPLACE FUNCTION kb_note_restricted_depth() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_TABLE_NAME = '{RESTRICTIONS}' THEN
            INSERT INTO {DEPTHS} (depth)
            SELECT depth FROM {PAGES} WHERE id = NEW.page_id
            ON CONFLICT DO NOTHING;
        ELSIF NEW.depth IS DISTINCT FROM OLD.depth
            AND EXISTS (SELECT 1 FROM {RESTRICTIONS} WHERE page_id = NEW.id) THEN
            INSERT INTO {DEPTHS} (depth) VALUES (NEW.depth) ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END $$""",  # noqa: S608 - table names of the models
    f"""CREATE OR REPLACE TRIGGER kb_restricted_depth_on_insert
    AFTER INSERT ON {RESTRICTIONS}
    FOR EACH ROW EXECUTE FUNCTION kb_note_restricted_depth()""",
    f"""CREATE OR REPLACE TRIGGER kb_restricted_depth_on_update
    AFTER UPDATE OF page_id ON {RESTRICTIONS}
    FOR EACH ROW EXECUTE FUNCTION kb_note_restricted_depth()""",
    f"""CREATE OR REPLACE TRIGGER kb_restricted_depth_on_move
    AFTER UPDATE OF depth ON {PAGES}
    FOR EACH ROW EXECUTE FUNCTION kb_note_restricted_depth()""",
)

_FILL = (
    f"INSERT INTO {DEPTHS} (depth) SELECT DISTINCT p.depth FROM {RESTRICTIONS} r "  # noqa: S608
    f"JOIN {PAGES} p ON p.id = r.page_id WHERE p.depth NOT IN (SELECT depth FROM {DEPTHS})"
)


def _statements(vendor: str) -> tuple[str, ...]:
    if vendor == "sqlite":
        return _SQLITE
    if vendor == "postgresql":
        return _POSTGRESQL
    raise NotImplementedError(f"no restricted-depth triggers for the {vendor} backend")


def install(using: str = "default") -> None:
    """Create the triggers where missing and add the depths of existing restrictions."""
    connection = connections[using]
    tables = connection.introspection.table_names()
    if DEPTHS not in tables or RESTRICTIONS not in tables:
        return  # migrations have not got this far (a partial migrate)
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor):
            cursor.execute(statement)
        cursor.execute(_FILL)


def install_after_migrate(sender, using="default", **kwargs) -> None:
    """`post_migrate` receiver."""
    install(using)


def uninstall(using: str = "default") -> None:
    """Drop the triggers (unapplying the migration that made `RestrictedDepth`: left in
    place, they would fail every restriction written after the table is gone)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        elif connection.vendor == "postgresql":
            for name, table in zip(TRIGGERS, (RESTRICTIONS, RESTRICTIONS, PAGES), strict=True):
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            cursor.execute("DROP FUNCTION IF EXISTS kb_note_restricted_depth()")


def missing_triggers(using: str = "default") -> list[str]:
    """The triggers this database lacks (empty when all are in place)."""
    connection = connections[using]
    names = ", ".join(f"'{name}'" for name in TRIGGERS)
    if connection.vendor == "sqlite":
        sql = f"SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN ({names})"  # noqa: S608
    elif connection.vendor == "postgresql":
        sql = f"SELECT tgname FROM pg_trigger WHERE tgname IN ({names}) AND NOT tgisinternal"  # noqa: S608
    else:
        return list(TRIGGERS)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        present = {row[0] for row in cursor.fetchall()}
    return [name for name in TRIGGERS if name not in present]
