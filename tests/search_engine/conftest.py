"""Fixtures for the behavioural search suite: one suite, run against every available engine.

The database engine runs on whichever database this leg uses (SQLite or PostgreSQL).
Elasticsearch runs when ELASTICSEARCH_URL is set; otherwise its parameter is skipped with
a message that says so.
"""

import datetime
import os

import pytest
from django.utils.text import slugify

from kennisbank.lookup import TermIndex
from kennisbank.models import Gebied, Gemeente, HomePage, Organisatie, Thema
from lessons.models import LessonIndexPage, LessonPage

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request, settings, db):
    """Select the engine for this test and start from an empty index."""
    if request.param == "elasticsearch":
        if not ES_URL:
            pytest.skip("Elasticsearch engine: set ELASTICSEARCH_URL to run this suite on it")
        settings.ELASTICSEARCH_URL = ES_URL
    else:
        settings.ELASTICSEARCH_URL = ""
    from search.engines import get_engine

    engine = get_engine()
    engine.clear()
    return engine


@pytest.fixture
def lesson_index(db):
    index = LessonIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.get()
        index = home.add_child(instance=LessonIndexPage(title="Lessen", slug="lessen"))
    return index


@pytest.fixture
def make_lesson(lesson_index, django_capture_on_commit_callbacks):
    """Create and publish a lesson; the publish signal indexes it (after commit)."""
    counter = {"n": 0}

    def make(
        title,
        body="",
        *,
        samenvatting=None,
        soort="les",
        fase="werkt",
        datum=datetime.date(2026, 3, 1),
        gebied=None,
        gemeente=None,
        organisaties=(),
        themas=(),
        tags=(),
        zichtbaarheid="openbaar",
        publish=True,
    ):
        counter["n"] += 1
        lesson = LessonPage(
            title=title,
            slug=f"{slugify(title)[:40]}-{counter['n']}",
            soort=soort,
            fase=fase,
            datum=datum,
            samenvatting=samenvatting if samenvatting is not None else title,
            body=body,
            zichtbaarheid=zichtbaarheid,
            gebied=TermIndex(Gebied).get(gebied) if gebied else None,
            gemeente=TermIndex(Gemeente).get(gemeente) if gemeente else None,
        )
        lesson_index.add_child(instance=lesson)
        lesson.organisaties.set(TermIndex(Organisatie).get_many(organisaties))
        lesson.themas.set(TermIndex(Thema).get_many(themas))
        lesson.tags.set(list(tags))
        with django_capture_on_commit_callbacks(execute=True):
            revision = lesson.save_revision()
            if publish:
                revision.publish()
        lesson.refresh_from_db()
        return lesson

    return make


def api(client, **params):
    response = client.get("/api/zoeken/", params)
    assert response.status_code == 200, response.content
    return response.json()


def titles(data):
    return [r["title"] for r in data["results"]]


def facet(data, name):
    return {item["value"]: item["count"] for item in data["facets"][name]}
