"""Full-text structures on SearchEntry, per database vendor.

SQLite: an FTS5 table with external content (the entry table), kept in sync by triggers.
PostgreSQL: generated `tsvector` columns (configuration `simple`: the analysis, stemming
and compound splitting already happened in Python) with GIN indexes.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title_terms, body_terms, title_words,
        content='search_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )""",
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title_terms, body_terms, title_words)
        VALUES (new.id, new.title_terms, new.body_terms, new.title_words);
    END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms, title_words)
        VALUES ('delete', old.id, old.title_terms, old.body_terms, old.title_words);
    END""",
    """CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms, title_words)
        VALUES ('delete', old.id, old.title_terms, old.body_terms, old.title_words);
        INSERT INTO search_fts(rowid, title_terms, body_terms, title_words)
        VALUES (new.id, new.title_terms, new.body_terms, new.title_words);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRES_FORWARD = [
    """ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', coalesce(title_terms, '')), 'A')
            || setweight(to_tsvector('simple', coalesce(body_terms, '')), 'B')
        ) STORED""",
    "CREATE INDEX search_entry_vector_idx ON search_searchentry USING GIN (search_vector)",
    """ALTER TABLE search_searchentry ADD COLUMN title_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title_words, ''))) STORED""",
    "CREATE INDEX search_entry_title_vector_idx ON search_searchentry USING GIN (title_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_title_vector_idx",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS title_vector",
    "DROP INDEX IF EXISTS search_entry_vector_idx",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
