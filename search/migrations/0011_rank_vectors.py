"""Search index, PostgreSQL only: a narrow ranking table, `search_rankvector`.

Ranking by `ts_rank_cd` over the full `search_vector` unpacks every matching row's TOASTed
vector (6-7 kB at 300-800 words): at 50,000 lessons a common word costs hundreds of
milliseconds. Each entry gets a compact vector here as well: its title terms (weight A)
and the first `RANK_TERMS` terms of its running text (weight B), small enough to be stored
inline (storage MAIN) in a table of two columns. The engine ranks every match on it, then
ranks the best few again on the full vector (`DatabaseEngine._rerank`). A trigger keeps it
in step with `search_searchentry` (insert, updates of the term columns, delete, truncate).
No foreign key: Django's flush truncates the entries and knows nothing of this table, and
a truncate trigger empties it instead. SQLite ranks with FTS5 and needs none.
"""

from django.db import migrations

RANK_TERMS = 120  # terms of running text in the compact vector: ~1.5 kB, stored inline


def compact(row: str) -> str:
    """The compact vector of the entry `row` (NEW in the trigger, the table when filling)."""
    return f"""setweight(to_tsvector('simple', coalesce({row}.title_terms, '')), 'A')
    || setweight(to_tsvector('simple', array_to_string(
        (string_to_array(coalesce({row}.body_terms, ''), ' '))[1:{RANK_TERMS}], ' ')), 'B')"""


POSTGRES_FORWARD = [
    """CREATE TABLE search_rankvector (
        entry_id bigint PRIMARY KEY,
        vector tsvector NOT NULL
    )""",
    "ALTER TABLE search_rankvector ALTER COLUMN vector SET STORAGE MAIN",
    # Constants only (RANK_TERMS, column names): no input reaches these statements.
    f"""CREATE FUNCTION search_rankvector_sync() RETURNS trigger AS $$
    BEGIN
        INSERT INTO search_rankvector (entry_id, vector) VALUES (NEW.id, {compact("NEW")})
        ON CONFLICT (entry_id) DO UPDATE SET vector = EXCLUDED.vector;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql""",  # noqa: S608
    """CREATE TRIGGER search_rankvector_sync
        AFTER INSERT OR UPDATE OF title_terms, body_terms ON search_searchentry
        FOR EACH ROW EXECUTE FUNCTION search_rankvector_sync()""",
    """CREATE FUNCTION search_rankvector_delete() RETURNS trigger AS $$
    BEGIN
        DELETE FROM search_rankvector WHERE entry_id = OLD.id;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER search_rankvector_delete
        AFTER DELETE ON search_searchentry
        FOR EACH ROW EXECUTE FUNCTION search_rankvector_delete()""",
    """CREATE FUNCTION search_rankvector_truncate() RETURNS trigger AS $$
    BEGIN
        TRUNCATE search_rankvector;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER search_rankvector_truncate
        AFTER TRUNCATE ON search_searchentry
        FOR EACH STATEMENT EXECUTE FUNCTION search_rankvector_truncate()""",
    f"""INSERT INTO search_rankvector (entry_id, vector)
        SELECT id, {compact("search_searchentry")} FROM search_searchentry""",  # noqa: S608
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_rankvector_truncate ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_rankvector_truncate()",
    "DROP TRIGGER IF EXISTS search_rankvector_delete ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_rankvector_delete()",
    "DROP TRIGGER IF EXISTS search_rankvector_sync ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_rankvector_sync()",
    "DROP TABLE IF EXISTS search_rankvector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0010_index_format")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD))]
