"""Fixtures for the behavioural search suite: one suite, run against every available engine.

The database engine runs on whichever database this leg uses (SQLite or PostgreSQL).
Elasticsearch runs when ELASTICSEARCH_URL is set; otherwise its parameter is skipped with
a message that says so.
"""

import os
import re
from html import unescape

import pytest
from django.utils.html import strip_tags

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


def api(client, **params):
    response = client.get("/api/zoeken/", params)
    assert response.status_code == 200, response.content
    return response.json()


def titles(data):
    return [r["title"] for r in data["results"]]


def page_titles(html: str) -> list[str]:
    """The result titles of a /zoeken/ page as a reader sees them (marks taken off)."""
    found = re.findall(r'<h3 class="card__title">(.*?)</h3>', html, flags=re.S)
    return [unescape(strip_tags(title)).strip() for title in found]


def page_text(html: str) -> str:
    """A page as text: tags (and marks) taken off, entities decoded."""
    return unescape(strip_tags(html))


def facet(data, name):
    return {item["value"]: item["count"] for item in data["facets"][name]}
