"""The site benchmark's load generator and report on a tiny corpus, against Django's live
server: the endpoints it asks, its status and latency bookkeeping, the login through the
form, and the first search after a publish, so that a change to a page, the login or the
search cannot break `make bench-site` silently. The bound on concurrency is checked against
a stub server. (Starting gunicorn on a scratch database is what `make bench-site` itself
does; it takes too long for the suite.)"""

import os
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from bench import searching, site
from bench.importing import QUEUED
from lessons.exporter import lesson_data
from lessons.models import LessonPage
from lessons.services import update_lesson
from search import indexer
from search.related import refresh_task

# Django's live server answers from other threads: the corpus must be committed. On SQLite
# its threads share the test database's one in-memory connection, so the live server is
# asked one request at a time; concurrency is checked on the stub server below.
live_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DOCS = 30
SAMPLES = 4


@pytest.fixture
def corpus(lesson_index):
    searching.create_lesson_pages(DOCS, 7, wagtail_index=False, realistic=True)
    indexer.rebuild()
    site.ensure_user()


@live_db
def test_every_endpoint_is_measured_and_reported_with_the_machine_load(corpus, live_server):
    lessons = LessonPage.objects.filter(slug__startswith="bench-")
    assert lessons.filter(gemeente__isnull=False).count() == DOCS  # the realistic corpus
    assert lessons.filter(tags__isnull=False).distinct().count() == DOCS
    assert lessons.filter(adoptions__isnull=False).distinct().exists()

    chosen = site.endpoints(signed_in=False, samples=SAMPLES)
    by_name = {e.name: e for e in chosen}
    for name in ["/zoeken/ (text)", "/zoeken/ (filters)", "/api/zoeken/suggest/"]:
        assert len(set(by_name[name].urls)) >= 500, name
    assert not any(u.endswith("0/") for u in by_name["lesson page"].urls)  # public ones only

    passes = site.measure(live_server.url, chosen, samples=SAMPLES, concurrency=1)
    measured = {p.endpoint for p in passes}
    # The tiny corpus has no dossier or kennisdag; every other endpoint is asked.
    assert measured == {e.name for e in chosen if e.urls}
    assert {"/zoeken/ (text)", "/api/zoeken/", "lesson page", "leerloop", "tag page"} <= measured
    for p in passes:
        assert len(p.latencies) == SAMPLES and all(s > 0 for s in p.latencies), p.endpoint
        assert not p.non_2xx, (p.endpoint, p.non_2xx)

    table = site.format_table("anonymous, cold (first pass)", passes, concurrency=1)
    assert re.search(r"load average [\d.]+ [\d.]+ [\d.]+ \(1/5/15 min\); \d+ cores", table)
    for p in passes:
        row = rf"^{re.escape(p.endpoint)}\s+\d+\s+{SAMPLES}\s+[\d.]+\s+([\d.]+\s+){{4}}0$"
        assert re.search(row, table, re.M), (p.endpoint, table)


@live_db
def test_signed_in_through_the_form_and_the_first_search_after_a_publish(corpus, live_server):
    lessons = next(
        e for e in site.endpoints(signed_in=True, samples=DOCS) if e.name == "lesson page"
    )
    restricted = [u for u in lessons.urls if u.endswith("0/")]
    assert len(restricted) == DOCS // 10

    _, statuses, _, _ = site.drive(live_server.url, lessons.urls, concurrency=1)
    refused = site.Pass("lesson page", len(lessons.urls), [0.01] * len(statuses), statuses, 1.0)
    assert refused.non_2xx == {302: len(restricted)}  # anonymous: sent to the login
    assert f"{len(restricted)} (302x{len(restricted)})" in site.format_table(
        "anonymous", [refused], concurrency=1
    )
    cookie = site.login(live_server.url, site.BENCH_USER, site.BENCH_PASSWORD)
    _, statuses, _, _ = site.drive(live_server.url, lessons.urls, concurrency=1, cookie=cookie)
    assert set(statuses) == {200}
    with pytest.raises(site.BenchSiteError):
        site.login(live_server.url, site.BENCH_USER, "fout")

    lesson = LessonPage.objects.get(slug="bench-1")
    word = "xqbrtkvzml"

    def publish():
        data = lesson_data(lesson)
        data.body += f"\n\nMeetwoord: {word}\n"
        started = time.time()
        with transaction.atomic():
            assert update_lesson(lesson, data)
        return {"committed": time.time(), "seconds": time.time() - started}

    round_ = site.probe_after_publish(
        live_server.url, publish, slug=lesson.slug, page_id=lesson.pk, word=word, timeout=10
    )
    first = round_.first_found()
    assert first is not None and first.status == 200
    assert len(round_.settled) == 10
    report = site.format_publish([round_])
    assert "first found" in report and "NOT FOUND" not in report and "load average" in report

    missing = site.probe_after_publish(  # a word nobody published is never found
        live_server.url,
        lambda: {"committed": time.time(), "seconds": 0.0},
        slug=lesson.slug,
        page_id=lesson.pk,
        word="xqnergensvz",
        timeout=0.3,
    )
    assert missing.first_found() is None
    assert "NOT FOUND" in site.format_publish([missing])


class _Stub(BaseHTTPRequestHandler):
    """Answers after 30 ms with the status its path names; counts requests in flight."""

    protocol_version = "HTTP/1.1"  # keep-alive, as gunicorn
    lock = threading.Lock()
    in_flight = peak = 0

    def do_GET(self):
        with self.lock:
            type(self).in_flight += 1
            type(self).peak = max(type(self).peak, type(self).in_flight)
        time.sleep(0.03)
        with self.lock:
            type(self).in_flight -= 1
        self.send_response(int(self.path.strip("/")))
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def test_the_load_generator_keeps_its_concurrency_bound_and_records_every_request():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        paths = ["/200"] * 18 + ["/404", "/500"]
        latencies, statuses, seconds, _ = site.drive(
            f"http://127.0.0.1:{server.server_port}", paths, concurrency=4
        )
    finally:
        server.shutdown()
        server.server_close()
    assert _Stub.peak == 4
    assert statuses == [200] * 18 + [404, 500]
    assert all(latency >= 0.03 for latency in latencies)
    assert 20 * 0.03 / 4 <= seconds < 20 * 0.03  # in parallel, never more than four at once
    measured = site.Pass("stub", 20, latencies, statuses, seconds)
    assert measured.non_2xx == {404: 1, 500: 1}

    # A pass that reaches its time budget stops taking requests, and the table says so.
    try:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        latencies, statuses, seconds, _ = site.drive(
            f"http://127.0.0.1:{server.server_port}", ["/200"] * 40, concurrency=2, budget=0.1
        )
    finally:
        server.shutdown()
        server.server_close()
    assert 2 <= len(latencies) == len(statuses) < 40 and seconds < 0.6
    cut = site.Pass("stub", 1, latencies, statuses, seconds, asked=40)
    table = site.format_table("stub", [cut], concurrency=2)
    assert re.search(rf"^stub\s+1\s+{len(latencies)}\*", table, re.M)
    assert "* stopped at the time budget of a pass before 40 requests" in table


def test_percentiles_are_nearest_rank_and_memory_comes_from_proc():
    p = site.Pass("x", 100, [k / 1000 for k in range(1, 101)], [200] * 100, 2.0)
    assert (p.percentile(0.5), p.percentile(0.95), p.percentile(0.99)) == (50.0, 95.0, 99.0)
    assert p.rate == 50.0
    assert site.rss_mib(os.getpid()) > 10
    assert os.getpid() in site.children_of(os.getppid())


def test_only_scratch_databases_are_reset():
    assert site.is_scratch("/x/var/bench-site-10000.sqlite3")
    assert site.is_scratch("kb_site_10000")
    assert not site.is_scratch("kennisbank")
    assert not site.is_scratch("/work/main/db.sqlite3")


@pytest.mark.django_db
def test_only_chooses_endpoints_by_their_short_names():
    keys = [e.key for e in site.endpoints(signed_in=False, samples=SAMPLES)]
    assert keys == list(site.ENDPOINT_KEYS)
    assert site.parse_only("zoeken, api,suggest") == ["zoeken", "api", "suggest"]
    assert site.parse_only("") is None
    with pytest.raises(site.BenchSiteError, match="unknown endpoint zoek"):
        site.parse_only("zoek")


def test_server_times_come_from_the_access_log_and_stand_beside_the_client_latencies(tmp_path):
    server = site.Server({"APP_PORT": "1"}, tmp_path)
    server.access_log.write_text('<41> 200 1500 "GET /a/ HTTP/1.1"\n')
    start = server.log_position()
    lines = [f'<41> 200 {us} "GET /zoeken/?q={us} HTTP/1.1"\n' for us in (12000, 18000, 30000)]
    with open(server.access_log, "a") as log:
        log.writelines([*lines, "not a request line\n"])
    times = server.server_times(start, expected=3)
    assert times == [0.012, 0.018, 0.030]  # only what was logged after `start`
    assert server.server_times(start, expected=4, wait=0.1) == times  # gives up on a missing line

    measured = site.Pass("/zoeken/ (text)", 3, [0.02, 0.025, 0.04], [200] * 3, 1.0, server=times)
    assert measured.percentile(0.5, server=True) == 18.0
    table = site.format_table("t", [measured], concurrency=1)
    assert "srv p50" in table.splitlines()[1]
    assert re.search(
        r"^/zoeken/ \(text\)\s+3\s+3\s+3\.0\s+25\.0\s+40\.0\s+40\.0\s+40\.0"
        r"\s+18\.0\s+30\.0\s+30\.0\s+0$",
        table,
        re.M,
    ), table
    assert "srv" not in site.format_table(
        "t", [site.Pass("x", 1, [0.01], [200], 1.0)], concurrency=1
    )


@pytest.mark.django_db
def test_the_warm_pass_waits_for_queued_tasks_and_a_run_drops_leftovers(lesson_index):
    with override_settings(TASKS=QUEUED):
        assert site.drain_tasks(timeout=5).startswith("tasks: 0 queued by the first pass, done")
        refresh_task.enqueue(lesson_index.pk)
        report = site.drain_tasks(timeout=0.3, poll=0.1)
        assert "1 queued by the first pass, not done (1 left at the time limit)" in report
        assert site.drop_leftover_tasks() == "tasks: 1 left queued by an earlier run, dropped"
        refresh_task.enqueue(lesson_index.pk)
        report = site.drain_tasks(timeout=0.3, poll=0.1)
        assert "1 queued by the first pass, not done (1 left at the time limit)" in report
        DBTaskResult.objects.update(status=TaskResultStatus.SUCCESSFUL)  # as the worker would
        report = site.drain_tasks(timeout=5)
    assert report.startswith("tasks: 0 queued by the first pass, done")
    assert "load average" in report


@pytest.mark.django_db
def test_a_task_left_running_by_a_stopped_worker_is_dropped_so_the_drain_does_not_wait(
    lesson_index,
):
    with override_settings(TASKS=QUEUED):
        refresh_task.enqueue(lesson_index.pk)
        DBTaskResult.objects.update(status=TaskResultStatus.RUNNING)  # its worker was killed
        assert site.drop_leftover_tasks() == "tasks: 1 left queued by an earlier run, dropped"
        assert site.drain_tasks(timeout=5).startswith("tasks: 0 queued by the first pass, done")
