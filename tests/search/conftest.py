"""Fixtures for the search tests: dossiers and kennisdagen next to the shared lessons, users
in any group, restrictions of every kind, and the search as a client sees it."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests.dossiers.conftest import dossier_index, make_dossier  # noqa: F401 - fixtures
from tests.factories import UserFactory
from tests.kennisdagen.conftest import kennisdag_index, make_kennisdag  # noqa: F401 - fixtures

DEAD_ES = "http://127.0.0.1:9"  # nothing listens on the discard port here


@pytest.fixture
def database_engine(settings):
    """Search runs on the database engine, from an empty index."""
    settings.ELASTICSEARCH_URL = ""
    from search.engines import get_database_engine

    engine = get_database_engine()
    engine.clear()
    return engine


@pytest.fixture
def member_of(db):
    def make(username, *group_names):
        user = UserFactory(username=username)
        for name in group_names:
            user.groups.add(Group.objects.get_or_create(name=name)[0])
        return user

    return make


@pytest.fixture
def restrict(django_capture_on_commit_callbacks):
    """Put a Wagtail view restriction on a page, as the admin does (row, then its groups)."""

    def make(page, kind, *group_names):
        types = {
            "groups": PageViewRestriction.GROUPS,
            "login": PageViewRestriction.LOGIN,
            "password": PageViewRestriction.PASSWORD,
        }
        with django_capture_on_commit_callbacks(execute=True):
            restriction = PageViewRestriction.objects.create(
                page=page, restriction_type=types[kind], password="geheim" * (kind == "password")
            )
            if group_names:
                restriction.groups.set(Group.objects.filter(name__in=group_names))
        return restriction

    return make


def api(client, **params):
    response = client.get("/api/zoeken/", params)
    assert response.status_code == 200, response.content
    return response.json()


def titles(data) -> list[str]:
    return [r["title"] for r in data["results"]]


def facet(data, name) -> dict[str, int]:
    return {item["value"]: item["count"] for item in data["facets"][name]}


def suggestions(client, prefix) -> list[str]:
    response = client.get("/api/zoeken/suggest/", {"q": prefix})
    assert response.status_code == 200
    return response.json()["suggestions"]
