"""Search index: field weights. Summary, slide text and taxonomy labels get analysed
columns of their own beside title and body, so ranking can weigh them apart
(title > summary > body = labels > slide text; `search.engines.database`).

SQLite: the FTS5 table of migration 0002 is recreated with the columns title_terms,
summary_terms, body_terms, slide_terms, label_terms, title_words (bm25 weights per column in
`search.engines.database`), with its sync triggers, and rebuilt from the entries.

PostgreSQL: the generated `search_vector` is recreated with four weights (title A, summary
B, body and labels C, slide text D; `ts_rank_cd` weights in `search.engines.database`) with
its GIN index, and the compact ranking vectors of migration 0011 follow the same weights
(title, the lead of summary and body, the labels), refilled from the entries.

Entries written before this migration keep summary and labels inside `body_terms` until
`search_index upgrade` re-analyses them (`search.documents.DOCUMENT_FORMAT` 4), and search
works meanwhile. Reversible: going back restores the structures of 0002 and 0011; both
directions forget the recorded index format, so the next upgrade re-analyses every page.
"""

from django.db import migrations, models

# --- SQLite -------------------------------------------------------------------------------


def _fts_statements(columns: tuple[str, ...]) -> list[str]:
    """The FTS5 external-content table over `columns` of the entries, its sync triggers and
    a rebuild from the entries. Constants only: no input reaches these statements."""
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"""CREATE VIRTUAL TABLE search_fts USING fts5(
            {names},
            content='search_searchentry', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2', prefix='2 3'
        )""",
        f"""CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN
            INSERT INTO search_fts(rowid, {names}) VALUES (new.id, {new});
        END""",
        f"""CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN
            INSERT INTO search_fts(search_fts, rowid, {names}) VALUES ('delete', old.id, {old});
        END""",
        f"""CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchentry BEGIN
            INSERT INTO search_fts(search_fts, rowid, {names}) VALUES ('delete', old.id, {old});
            INSERT INTO search_fts(rowid, {names}) VALUES (new.id, {new});
        END""",
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    ]


SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
SQLITE_OLD = _fts_statements(("title_terms", "body_terms", "title_words"))
SQLITE_NEW = _fts_statements(
    ("title_terms", "summary_terms", "body_terms", "slide_terms", "label_terms", "title_words")
)

# --- PostgreSQL ---------------------------------------------------------------------------

OLD_VECTOR = """setweight(to_tsvector('simple', coalesce(title_terms, '')), 'A')
    || setweight(to_tsvector('simple', coalesce(body_terms, '')), 'B')"""
# Labels weigh as the body (measured: a tag often names the topic a lesson's text does not).
NEW_VECTOR = """setweight(to_tsvector('simple', coalesce(title_terms, '')), 'A')
    || setweight(to_tsvector('simple', coalesce(summary_terms, '')), 'B')
    || setweight(to_tsvector('simple', coalesce(body_terms, '')), 'C')
    || setweight(to_tsvector('simple', coalesce(label_terms, '')), 'C')
    || setweight(to_tsvector('simple', coalesce(slide_terms, '')), 'D')"""

# The compact ranking vector (migration 0011): title, the lead of the running text.
OLD_RANK_TERMS = 120
# Now: title, the first terms of summary and of body, the labels; never the slide text.
SUMMARY_LEAD, BODY_LEAD, LABEL_LEAD = 60, 120, 40


def _lead(row: str, column: str, terms: int, weight: str) -> str:
    return f"""setweight(to_tsvector('simple', array_to_string(
        (string_to_array(coalesce({row}.{column}, ''), ' '))[1:{terms}], ' ')), '{weight}')"""


def old_compact(row: str) -> str:
    return f"""setweight(to_tsvector('simple', coalesce({row}.title_terms, '')), 'A')
    || {_lead(row, "body_terms", OLD_RANK_TERMS, "B")}"""


def new_compact(row: str) -> str:
    return f"""setweight(to_tsvector('simple', coalesce({row}.title_terms, '')), 'A')
    || {_lead(row, "summary_terms", SUMMARY_LEAD, "B")}
    || {_lead(row, "body_terms", BODY_LEAD, "C")}
    || {_lead(row, "label_terms", LABEL_LEAD, "C")}"""


def _postgres_statements(vector: str, compact, columns: str) -> list[str]:
    """The weighted `search_vector`, its GIN index, the compact vectors' trigger function
    and trigger (on updates of `columns`), and the compact vectors refilled."""
    return [
        f"""ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector
            GENERATED ALWAYS AS ({vector}) STORED""",
        "CREATE INDEX search_entry_vector_idx ON search_searchentry USING GIN (search_vector)",
        f"""CREATE OR REPLACE FUNCTION search_rankvector_sync() RETURNS trigger AS $$
        BEGIN
            INSERT INTO search_rankvector (entry_id, vector) VALUES (NEW.id, {compact("NEW")})
            ON CONFLICT (entry_id) DO UPDATE SET vector = EXCLUDED.vector;
            RETURN NULL;
        END
        $$ LANGUAGE plpgsql""",  # noqa: S608
        f"""CREATE TRIGGER search_rankvector_sync
            AFTER INSERT OR UPDATE OF {columns} ON search_searchentry
            FOR EACH ROW EXECUTE FUNCTION search_rankvector_sync()""",
        "TRUNCATE search_rankvector",
        f"""INSERT INTO search_rankvector (entry_id, vector)
            SELECT id, {compact("search_searchentry")} FROM search_searchentry""",  # noqa: S608
    ]


# Before the columns change: the generated vector and the trigger name the term columns.
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS search_rankvector_sync ON search_searchentry",
    "DROP INDEX IF EXISTS search_entry_vector_idx",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]
POSTGRES_OLD = _postgres_statements(OLD_VECTOR, old_compact, "title_terms, body_terms")
POSTGRES_NEW = _postgres_statements(
    NEW_VECTOR, new_compact, "title_terms, summary_terms, body_terms, label_terms"
)


def _outdate_index(apps, schema_editor):
    """Whatever the direction, the entries no longer hold what the code expects (forward:
    summary and labels still inside `body_terms`; backward: the dropped columns' terms
    lost), so the recorded index format goes and `search_index upgrade` re-analyses."""
    apps.get_model("search", "IndexFormat").objects.all().delete()


def _run(sqlite: list[str], postgresql: list[str]):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in {"sqlite": sqlite, "postgresql": postgresql}.get(vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0011_rank_vectors")]

    operations = [
        # The structures over the old columns go first (SQLite remakes the table to add a
        # column, which would drop the triggers; PostgreSQL's generated column names them).
        migrations.RunPython(
            _run(SQLITE_DROP, POSTGRES_DROP), _run(SQLITE_DROP + SQLITE_OLD, POSTGRES_OLD)
        ),
        migrations.AddField(
            model_name="searchentry",
            name="summary_terms",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="slide_terms",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="label_terms",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(_run(SQLITE_NEW, POSTGRES_NEW), _run(SQLITE_DROP, POSTGRES_DROP)),
        migrations.RunPython(_outdate_index, _outdate_index),
    ]
