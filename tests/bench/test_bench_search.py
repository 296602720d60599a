"""The search benchmark end to end on a tiny corpus, so that a change to the engine's or the
policy's interface can never break `make bench-search` silently."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from kennisbank.visibility import ANONYMOUS, PUBLIC_KEY, Viewer
from search.engines.base import SearchQuery
from search.engines.database import DatabaseEngine
from search.indexer import check
from search.models import SearchEntry

pytestmark = pytest.mark.django_db

DOCS = 60
KINDS = [
    "plain (page 1, facets, snippets)",
    "filtered",
    "all facets + highlights, filtered",
    "plain, sorted by date",
    "autocomplete",
    "floor: FTS match, top 10",
]


@pytest.fixture
def bench_output(lesson_index):
    out = StringIO()
    call_command("bench_search", "--docs", str(DOCS), "--stock-sample", "3", "--yes", stdout=out)
    return out.getvalue()


def test_bench_search_reports_every_query_kind_with_the_machine_load(bench_output):
    for kind in KINDS:
        assert re.search(rf"^{re.escape(kind)}\s+n=\d+\s+p50=\s*[\d.]+ ms", bench_output, re.M), (
            kind,
            bench_output,
        )
    assert re.search(rf"indexing: {DOCS} documents in [\d.]+ s \(\d+ docs/s\)", bench_output)
    assert re.search(r"load average [\d.]+ [\d.]+ [\d.]+ \(1/5/15 min\); \d+ cores", bench_output)


def test_bench_search_indexes_each_lesson_under_the_audience_the_policy_gives_it(bench_output):
    assert SearchEntry.objects.count() == DOCS
    restricted = SearchEntry.objects.exclude(audience=PUBLIC_KEY)
    assert restricted.count() == DOCS // 10
    assert check(DatabaseEngine()).ok  # no entry under another audience than its page's
    restricted_ids = set(restricted.values_list("page_id", flat=True))
    assert not found(ANONYMOUS) & restricted_ids
    assert found(Viewer(authenticated=True, superuser=True)) & restricted_ids


def found(viewer) -> set[int]:
    """Pages a broad query finds for `viewer` (every synthetic title names a subject)."""
    text = "woning OR boerderij OR schuur OR school OR winkel OR dorpshuis OR kerk OR stal"
    results = DatabaseEngine().search(SearchQuery(text=text, per_page=DOCS, viewer=viewer))
    return {hit.page_id for hit in results.hits}
