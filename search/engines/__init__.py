"""Search engines behind one small interface (`base.SearchEngine`).

`get_engine()` returns the engine the settings choose: Elasticsearch when ELASTICSEARCH_URL
is set, else the embedded database engine (SQLite FTS5 / PostgreSQL full text).
"""

from functools import cache

from django.conf import settings


@cache
def _engine_for(url: str):
    if url:
        from search.engines.elastic import ElasticsearchEngine

        return ElasticsearchEngine(url)
    from search.engines.database import DatabaseEngine

    return DatabaseEngine()


def get_engine():
    return _engine_for(getattr(settings, "ELASTICSEARCH_URL", ""))


def get_database_engine():
    return _engine_for("")
