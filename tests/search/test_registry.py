"""Content declares its search documents: `search/` names no content type, and the facet
list, labels, type labels and Elasticsearch mapping follow the registrations."""

import ast
from pathlib import Path

import pytest

from search import registry
from search.documents import SearchDocument
from search.engines.elastic import index_definition

SEARCH = Path(__file__).resolve().parents[2] / "search"
CONTENT_NAMES = {"lessons", "kennisdagen", "dossiers", "les", "kennisdag", "dossier", "lessen"}


def _code_strings(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.value


def test_search_code_names_no_content_type():
    offenders = [
        f"{path.relative_to(SEARCH)}: {value!r}"
        for path in SEARCH.rglob("*.py")
        # The Dutch analysis holds words of the language ("les" is one), not content types.
        if not {"migrations", "analysis"} & set(path.parts)
        for value in _code_strings(path)
        if value.lower().split(".")[0] in CONTENT_NAMES
    ]
    assert offenders == []


def test_facets_come_from_the_registrations_framed_by_type_and_year():
    facets = registry.facets()
    assert list(facets)[0] == "type" and list(facets)[-1] == "jaar"
    assert facets["soort"] == "Soort les" and facets["thema"] == "Thema"
    assert list(registry.FACETS) == list(facets)
    assert registry.type_labels() == {"les": "Les", "kennisdag": "Kennisdag", "dossier": "Dossier"}


@pytest.fixture
def extra_type():
    """A further searchable type, registered for one test (on a model that exists)."""
    saved = dict(registry._types)
    registry.register(
        registry.SearchType(
            model="kennisbank.HomePage",
            slug="start",
            label="Startpagina",
            build=lambda page: SearchDocument(page.pk, page.title, page.url or "", None),
            facets=(("regio", "Regio"),),
        )
    )
    yield
    registry._types.clear()
    registry._types.update(saved)


def test_a_new_registration_brings_its_facet_label_type_and_mapping(extra_type):
    assert registry.facets()["regio"] == "Regio"
    assert list(registry.facets())[-1] == "jaar"
    assert registry.type_label("start") == "Startpagina"
    properties = index_definition("kb-test").to_dict()["mappings"]["properties"]
    assert properties["regio"]["type"] == "keyword"


@pytest.mark.django_db
def test_the_search_page_shows_the_labels_of_the_registered_facets(client, make_lesson, settings):
    settings.ELASTICSEARCH_URL = ""
    make_lesson("Les over dijken", "dijken", gemeente="Eemsdelta")
    html = client.get("/zoeken/", {"q": "dijken"}).content.decode()
    assert "Soort les" in html and "Gemeente" in html
