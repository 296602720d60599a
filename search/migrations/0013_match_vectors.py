"""Search index, PostgreSQL only: the full-text match moves to a narrow table,
`search_matchvector`.

Until now the GIN index was on `search_searchentry`, whose rows are wide (term columns,
snippet text, URL): ~6 to a page, 70 MB of heap at 50,000 entries. A GIN match returns row
addresses, and PostgreSQL must still visit the heap of each to read its id: a common word's
18,000 matches read 8,500 pages, 62 ms from the operating system's cache and hundreds under
load, more than any other step of a search. Here each entry's weighted vector (title A,
summary B, body and labels C, slide text D, as in migration 0012) lives in a table of two
columns with its GIN index; the vector is stored out of line (TOAST, `toast_tuple_target`
at its minimum), so the heap holds ~200 rows a page (3 MB at 50,000 entries) and the same
match reads ~375 pages: 4 ms. The full vector is read only to rank the best few again.

Triggers keep it in step with the entries, like the compact vectors of migration 0011
(insert, update of a term column, delete, truncate); no foreign key, for the same reason
(Django's flush truncates the entries). The generated `search_vector` column of the
entries and its GIN index go: nothing reads them any more, and every index write paid for
them. Reversible: going back restores the column and its index (migration 0012's
expression). SQLite matches with FTS5 and needs none of this.
"""

from django.db import migrations

TERM_COLUMNS = "title_terms, summary_terms, body_terms, label_terms, slide_terms"


def full_vector(row: str) -> str:
    """The weighted vector of an entry (`row` "NEW." in the trigger, "" in the generated
    column): migration 0012's."""
    return f"""setweight(to_tsvector('simple', coalesce({row}title_terms, '')), 'A')
    || setweight(to_tsvector('simple', coalesce({row}summary_terms, '')), 'B')
    || setweight(to_tsvector('simple', coalesce({row}body_terms, '')), 'C')
    || setweight(to_tsvector('simple', coalesce({row}label_terms, '')), 'C')
    || setweight(to_tsvector('simple', coalesce({row}slide_terms, '')), 'D')"""


FORWARD = [
    """CREATE TABLE search_matchvector (
        entry_id bigint PRIMARY KEY,
        vector tsvector NOT NULL
    ) WITH (toast_tuple_target = 128)""",
    "ALTER TABLE search_matchvector ALTER COLUMN vector SET STORAGE EXTERNAL",
    f"""CREATE FUNCTION search_matchvector_sync() RETURNS trigger AS $$
    BEGIN
        INSERT INTO search_matchvector (entry_id, vector) VALUES (NEW.id, {full_vector("NEW.")})
        ON CONFLICT (entry_id) DO UPDATE SET vector = EXCLUDED.vector;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql""",  # noqa: S608 (constants only)
    f"""CREATE TRIGGER search_matchvector_sync
        AFTER INSERT OR UPDATE OF {TERM_COLUMNS} ON search_searchentry
        FOR EACH ROW EXECUTE FUNCTION search_matchvector_sync()""",
    """CREATE FUNCTION search_matchvector_delete() RETURNS trigger AS $$
    BEGIN
        DELETE FROM search_matchvector WHERE entry_id = OLD.id;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER search_matchvector_delete
        AFTER DELETE ON search_searchentry
        FOR EACH ROW EXECUTE FUNCTION search_matchvector_delete()""",
    """CREATE FUNCTION search_matchvector_truncate() RETURNS trigger AS $$
    BEGIN
        TRUNCATE search_matchvector;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER search_matchvector_truncate
        AFTER TRUNCATE ON search_searchentry
        FOR EACH STATEMENT EXECUTE FUNCTION search_matchvector_truncate()""",
    "INSERT INTO search_matchvector (entry_id, vector) SELECT id, search_vector "
    "FROM search_searchentry",
    "CREATE INDEX search_matchvector_idx ON search_matchvector USING GIN (vector)",
    "DROP INDEX IF EXISTS search_entry_vector_idx",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
    "ANALYZE search_matchvector",
]

BACKWARD = [
    f"""ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS ({full_vector("")}) STORED""",
    "CREATE INDEX search_entry_vector_idx ON search_searchentry USING GIN (search_vector)",
    "DROP TRIGGER IF EXISTS search_matchvector_truncate ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_matchvector_truncate()",
    "DROP TRIGGER IF EXISTS search_matchvector_delete ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_matchvector_delete()",
    "DROP TRIGGER IF EXISTS search_matchvector_sync ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_matchvector_sync()",
    "DROP TABLE IF EXISTS search_matchvector",
]


def _run(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0012_field_weights")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
