"""Dossiers in the site search, and the demo dossiers."""

import pytest

from demo import dossiers as dossier_demo
from demo import kennisdagen as kennisdag_demo
from demo import lessons as lesson_demo
from dossiers.models import DossierKeyLesson, DossierPage

pytestmark = pytest.mark.django_db


def _search(client, q):
    response = client.get("/api/zoeken/", {"q": q})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_published_dossier_appears_in_site_search_with_type_dossier(
    client, make_lesson, make_dossier
):
    lesson = make_lesson("Consulent voor de boer")
    make_dossier(
        "Erfconsulenten opschalen",
        vraag="Kunnen de erfconsulenten overal aan de slag?",
        key_lessons=[(lesson, "Het bewijs.")],
    )

    results = _search(client, "erfconsulenten")

    assert [(r["title"], r["type"]) for r in results] == [("Erfconsulenten opschalen", "dossier")]


def test_search_never_finds_a_dossier_by_a_note_on_a_restricted_lesson(
    client, make_lesson, make_dossier
):
    secret = make_lesson("Escalatie", zichtbaarheid="professionals")
    make_dossier("Escalatiedossier", key_lessons=[(secret, "Een vertrouwelijk stuurgroepbesluit.")])

    assert _search(client, "stuurgroepbesluit") == []


def test_a_cited_lesson_turning_restricted_takes_its_note_out_of_the_dossier_index(
    client, make_lesson, make_dossier, django_capture_on_commit_callbacks
):
    lesson = make_lesson("Escalatie")
    make_dossier("Escalatiedossier", key_lessons=[(lesson, "Een opvallend stuurgroepbesluit.")])
    assert [r["type"] for r in _search(client, "stuurgroepbesluit")] == ["dossier"]

    lesson.zichtbaarheid = "professionals"
    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision().publish()

    assert _search(client, "stuurgroepbesluit") == []


@pytest.fixture
def demo_lessons(db):
    # The order of demo.loader.LOADERS: lessons link to demo kennisdagen.
    kennisdag_demo.load()
    lesson_demo.load()


def test_demo_loader_is_idempotent(demo_lessons):
    dossier_demo.load()
    first = {p.slug: p.key_lessons.count() for p in DossierPage.objects.all()}

    dossier_demo.load()

    assert DossierPage.objects.count() == 2
    assert {p.slug: p.key_lessons.count() for p in DossierPage.objects.all()} == first
    assert DossierKeyLesson.objects.count() == sum(first.values())
    assert all(p.is_voorbeeld and p.live for p in DossierPage.objects.all())


def test_demo_dossiers_cite_only_existing_lessons_and_render(client, demo_lessons):
    dossier_demo.load()

    for dossier in DossierPage.objects.all():
        cited = dossier.source_lesson_ids()
        assert dossier.source_lessons().count() == len(cited) > 3
        assert client.get(dossier.url).status_code == 200
