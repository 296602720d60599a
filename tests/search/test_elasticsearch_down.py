"""With Elasticsearch unreachable every page answers with its normal status: search,
suggest and "meer zoals dit" fall back to the database engine (which is always current)."""

import pytest

from tests.search.conftest import DEAD_ES

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(database_engine, make_lesson, make_kennisdag, make_dossier, settings):
    # The second lesson first: a lesson's "meer zoals dit" is stored when it is indexed.
    make_lesson("Tweede aanspreekpunt", "Nog een aanspreekpunt voor bewoners.")
    lesson = make_lesson("Vast aanspreekpunt", "Een vast aanspreekpunt voor bewoners.")
    kennisdag = make_kennisdag("Kennisdag aanspreekpunten")
    dossier = make_dossier("Dossier aanspreekpunten", key_lessons=[(lesson, "Werkt.")])
    settings.ELASTICSEARCH_URL = DEAD_ES
    return {"lesson": lesson.url, "kennisdag": kennisdag.url, "dossier": dossier.url}


@pytest.mark.parametrize("page", ["lesson", "kennisdag", "dossier"])
def test_content_pages_answer_when_elasticsearch_is_down(client, site, page):
    assert client.get(site[page]).status_code == 200


def test_a_lesson_page_shows_related_lessons_from_the_database(client, site):
    html = client.get(site["lesson"]).content.decode()
    assert "Tweede aanspreekpunt" in html


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/", {}),
        ("/zoeken/", {"q": "aanspreekpunt"}),
        ("/api/zoeken/", {"q": "aanspreekpunt"}),
        ("/api/zoeken/suggest/", {"q": "aansp"}),
    ],
)
def test_search_and_home_answer_when_elasticsearch_is_down(client, site, url, params):
    assert client.get(url, params).status_code == 200


def test_a_page_published_while_elasticsearch_is_down_is_found(client, site, make_lesson):
    make_lesson("Nieuwe les over de dijkwacht", "dijkwacht")
    data = client.get("/api/zoeken/", {"q": "dijkwacht"}).json()
    assert [r["title"] for r in data["results"]] == ["Nieuwe les over de dijkwacht"]
