"""Search engines behind one small interface (`base.SearchEngine`).

`get_engine()` returns the engine the settings choose: Elasticsearch when ELASTICSEARCH_URL
is set, else the embedded database engine (SQLite FTS5 / PostgreSQL full text).
`get_database_engine()` is the embedded one, which is always kept current: the fallback
when Elasticsearch fails, and the source of the audience keys an index holds.
"""

from functools import cache

from django.conf import settings

from search.engines.database import DatabaseEngine
from search.engines.elastic import ElasticsearchEngine


@cache
def _engine_for(url: str):
    if url:
        return ElasticsearchEngine(url)
    return DatabaseEngine()


def get_engine():
    return _engine_for(getattr(settings, "ELASTICSEARCH_URL", ""))


def get_database_engine():
    return _engine_for("")
