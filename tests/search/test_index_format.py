"""The release step re-analyses the index in place when the code's index format changed.

Entries written by an older release (here: a body still holding Markdown, as snippets did
before they were made from rendered text) are refreshed by `search_index upgrade`, pages
that are no longer searchable leave, the format is recorded, and a second run does
nothing. Searches keep finding every page while the refresh runs.
"""

import pytest
from django.core.management import call_command
from django.db import connection

from search import indexer
from search.engines import get_database_engine
from search.models import IndexFormat, SearchEntry
from tests.search.conftest import api, titles

pytestmark = pytest.mark.django_db

BODY = "## Situatie\n\nBewoners kregen **één** vast aanspreekpunt."


@pytest.fixture
def old_index(database_engine, make_lesson):
    """Two lessons indexed, then made to look like an older release's entries."""
    lessons = [make_lesson("Vast aanspreekpunt", BODY), make_lesson("Keukentafel", BODY)]
    SearchEntry.objects.update(body=BODY)
    IndexFormat.objects.all().delete()
    return lessons


def test_upgrade_re_analyses_entries_of_an_older_format(old_index):
    call_command("search_index", "upgrade")
    for body in SearchEntry.objects.values_list("body", flat=True):
        assert "##" not in body and "**" not in body
        assert "vast aanspreekpunt" in body


def test_upgrade_records_the_format_of_this_code(old_index):
    call_command("search_index", "upgrade")
    assert IndexFormat.objects.get(engine="database").version == indexer.index_format()


def test_upgrade_of_a_current_index_changes_nothing(old_index, capsys):
    call_command("search_index", "upgrade")
    SearchEntry.objects.update(body="ongewijzigd")
    call_command("search_index", "upgrade")
    assert set(SearchEntry.objects.values_list("body", flat=True)) == {"ongewijzigd"}
    assert "al het huidige formaat" in capsys.readouterr().out


def test_upgrade_removes_entries_of_pages_no_longer_searchable(old_index):
    gone = old_index[1]
    type(gone).objects.filter(pk=gone.pk).update(live=False)  # as if a signal was missed
    call_command("search_index", "upgrade")
    assert list(SearchEntry.objects.values_list("page_id", flat=True)) == [old_index[0].pk]


def test_searches_find_every_page_while_the_refresh_runs(client, old_index):
    seen = []

    def during(count):
        seen.append(sorted(titles(api(client, q="aanspreekpunt"))))

    indexer.refresh(get_database_engine(), progress=during, batch_size=1)
    assert seen == [["Keukentafel", "Vast aanspreekpunt"]] * 2


def test_rebuild_records_the_format_too(old_index):
    call_command("search_index", "rebuild")
    assert IndexFormat.objects.get(engine="database").version == indexer.index_format()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
def test_a_rebuild_leaves_the_planner_statistics_of_the_index_tables_current(old_index):
    call_command("search_index", "rebuild")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relname IN "
            "('search_searchentry', 'search_searchword', 'search_rankvector', "
            "'search_matchvector')"
        )
        tuples = dict(cursor.fetchall())
    assert tuples["search_searchentry"] == tuples["search_rankvector"] == 2
    assert tuples["search_matchvector"] == 2
    assert tuples["search_searchword"] > 0
