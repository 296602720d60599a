"""The query log is written after the response, in batches, and never fails a search.

`search.analytics` buffers each search's row (its id made in the process, so a result link
can carry it) and writes the buffer after a response once it holds `SEARCH_LOG_BATCH` rows
or its oldest row is `SEARCH_LOG_SECONDS` old. These tests run the real database and the
real request cycle through Django's test client; a failing write is made by renaming the
table inside the test's transaction (rolled back afterwards).
"""

import re

import pytest
from django.db import connection

from search import analytics
from search.models import QueryLog

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_buffer():
    analytics.flush()
    QueryLog.objects.all().delete()
    yield
    analytics.flush()


@pytest.fixture
def batch_of_three(settings):
    settings.SEARCH_LOG_BATCH = 3
    settings.SEARCH_LOG_SECONDS = 3600  # no timer, no age: only the batch size writes


@pytest.fixture
def lesson(database_engine, make_lesson):
    return make_lesson("Loket in het dorp", "Een loket voor bewoners.")


def search(client, q="loket"):
    response = client.get("/zoeken/", {"q": q})
    assert response.status_code == 200
    return response


def test_a_search_does_not_write_its_row_before_the_batch_is_full(client, batch_of_three, lesson):
    search(client)
    search(client, "dorp")
    assert QueryLog.objects.count() == 0
    assert analytics.pending() == 2


def test_the_batch_is_written_in_one_go_after_the_response_that_fills_it(
    client, batch_of_three, lesson
):
    for q in ("loket", "dorp", "bewoners"):
        search(client, q)
    assert sorted(QueryLog.objects.values_list("query", flat=True)) == [
        "bewoners",
        "dorp",
        "loket",
    ]
    assert analytics.pending() == 0


def test_a_click_before_the_row_is_written_is_counted_on_it(client, batch_of_three, lesson):
    page = search(client).content.decode()
    log_id = int(re.search(rf"/zoeken/klik/(\d+)/{lesson.pk}/", page).group(1))
    assert not QueryLog.objects.filter(pk=log_id).exists()
    response = client.get(f"/zoeken/klik/{log_id}/{lesson.pk}/")
    assert response.status_code == 302
    analytics.flush()
    assert QueryLog.objects.get(pk=log_id).clicks == 1


def test_a_click_on_a_row_another_process_has_not_written_waits_for_it(db):
    log_id = analytics.new_id()
    analytics.count_click(log_id)
    analytics.flush()
    assert analytics.pending() == 1  # no row yet: the click is kept
    QueryLog.objects.create(id=log_id, query="loket", results=1)
    analytics.flush()
    assert QueryLog.objects.get(pk=log_id).clicks == 1
    assert analytics.pending() == 0


def test_ids_made_in_the_process_are_distinct_and_fit_a_bigint():
    ids = {analytics.new_id() for _ in range(10_000)}
    assert len(ids) == 10_000
    assert max(ids) < 2**63


def test_a_failing_write_does_not_fail_the_search_and_is_retried(client, batch_of_three, lesson):
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE search_querylog RENAME TO search_querylog_away")
    for q in ("loket", "dorp", "bewoners"):
        search(client, q)  # the third response tries to write, fails, and still is a 200
    assert analytics.pending() == 3
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE search_querylog_away RENAME TO search_querylog")
    analytics.flush()
    assert QueryLog.objects.count() == 3
