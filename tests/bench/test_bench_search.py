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
SEARCH_KINDS = [
    "plain (page 1, facets, snippets)",
    "filtered",
    "all facets + highlights, filtered",
    "plain, sorted by date",
]
SIGNED_IN_KINDS = ["plain (page 1, facets, snippets)", "all facets + highlights, filtered"]
SAMPLES = 12


@pytest.fixture
def bench_output(lesson_index):
    out = StringIO()
    call_command(
        "bench_search",
        *("--docs", str(DOCS), "--stock-sample", "3", "--samples", str(SAMPLES), "--yes"),
        stdout=out,
    )
    return out.getvalue()


def reported(name: str, output: str) -> bool:
    line = rf"^{re.escape(name)}\s+n=\d+\s+p50=\s*[\d.]+ ms\s+p95=\s*[\d.]+ ms\s+p99=\s*[\d.]+ ms"
    return re.search(line, output, re.M) is not None


def test_bench_search_reports_every_query_kind_with_the_machine_load(bench_output):
    for kind in SEARCH_KINDS:
        for phase in ("cold", "warm"):
            assert reported(f"{kind}, anonymous, {phase}", bench_output), (kind, bench_output)
    for kind in SIGNED_IN_KINDS:
        for phase in ("cold", "warm"):
            assert reported(f"{kind}, professional, {phase}", bench_output), (kind, bench_output)
    assert reported("autocomplete", bench_output)
    assert reported("floor: FTS match, top 10", bench_output)
    assert re.search(rf"indexing: {DOCS} documents in [\d.]+ s \(\d+ docs/s\)", bench_output)
    assert re.search(r"load average [\d.]+ [\d.]+ [\d.]+ \(1/5/15 min\); \d+ cores", bench_output)


def test_bench_search_asks_at_least_500_distinct_query_texts(bench_output):
    distinct = int(re.search(r"(\d+) distinct query texts", bench_output).group(1))
    assert distinct >= 500


def test_bench_search_samples_each_kind_as_often_as_asked(bench_output):
    counts = re.findall(r"anonymous, cold\s+n=(\d+)", bench_output)
    assert counts and {int(n) for n in counts} == {SAMPLES}


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
