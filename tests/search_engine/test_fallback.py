"""When Elasticsearch is down, search answers from the database engine, discreetly, no 500."""

import time

import pytest

from tests.search_engine.conftest import api, page_titles

pytestmark = pytest.mark.django_db

DEAD_ES = "http://127.0.0.1:9"  # nothing listens on the discard port here


@pytest.fixture
def dead_elasticsearch(settings, make_lesson):
    settings.ELASTICSEARCH_URL = ""
    make_lesson("Vast aanspreekpunt", "Een vast aanspreekpunt voor bewoners.")
    settings.ELASTICSEARCH_URL = DEAD_ES


def test_search_page_answers_from_the_database_when_elasticsearch_is_down(
    client, dead_elasticsearch
):
    started = time.perf_counter()
    response = client.get("/zoeken/", {"q": "aanspreekpunt"})
    assert time.perf_counter() - started < 5
    assert response.status_code == 200
    html = response.content.decode()
    assert page_titles(html) == ["Vast aanspreekpunt"]
    assert "reservezoekfunctie" in html


def test_api_answers_from_the_database_when_elasticsearch_is_down(client, dead_elasticsearch):
    assert api(client, q="aanspreekpunt")["total"] == 1


def test_suggest_answers_when_elasticsearch_is_down(client, dead_elasticsearch):
    response = client.get("/api/zoeken/suggest/", {"q": "aansp"})
    assert response.status_code == 200
    assert "aanspreekpunt" in response.json()["suggestions"]
