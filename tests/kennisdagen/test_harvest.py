"""Harvest: an organiser turns a session into draft lessons in one step, pre-filled, in workflow."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, PageViewRestriction

from kennisbank.models import Organisatie, Thema
from kennisdagen.harvest import harvest_lessons
from lessons.importer import Importer
from lessons.models import LessonPage
from lessons.services import publish_lesson
from search.models import SearchEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def day_with_session(make_kennisdag, organiser, lesson_index):
    day = make_kennisdag(
        "Kennisdag met oogst",
        owner=organiser,
        publish=False,
        programma=[
            {
                "type": "sessie",
                "value": {
                    "start": "10:00",
                    "end": "11:00",
                    "title": "Eén plan per huis",
                    "speakers": [],
                    "description": "Eén keukentafelgesprek in plaats van drie trajecten.",
                    "materials": [],
                },
            }
        ],
    )
    day.themas.set([Thema.objects.get(slug="veilig")])
    day.organisaties.set([Organisatie.objects.get(afkorting="NCG")])
    day.tags.set(["startgebied"])
    day.save_revision(user=organiser)
    return day


def test_organiser_harvests_draft_lessons_in_one_step(client, organiser, day_with_session):
    client.force_login(organiser)
    url = reverse("kennisdagen_harvest", args=[day_with_session.pk])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[day_with_session.pk]))
    assert url in edit.content.decode()

    response = client.get(url)
    assert response.status_code == 200
    field = next(name for name in response.context["form"].fields)
    response = client.post(
        url, {field: "Keukentafel met alle partijen\n\nEén vast aanspreekpunt\n"}
    )
    assert response.status_code == 302

    lessons = LessonPage.objects.filter(kennisdag=day_with_session).order_by("title")
    assert [lesson.title for lesson in lessons] == [
        "Eén vast aanspreekpunt",
        "Keukentafel met alle partijen",
    ]
    for lesson in lessons:
        assert not lesson.live
        assert lesson.samenvatting.startswith("Eén keukentafelgesprek")
        assert [t.slug for t in lesson.themas.all()] == ["veilig"]
        assert [o.afkorting for o in lesson.organisaties.all()] == ["NCG"]
        assert {t.name for t in lesson.tags.all()} == {"startgebied", "kennisdag"}
        assert lesson.workflow_in_progress
        assert not lesson.permissions_for_user(organiser).can_edit()


def test_empty_harvest_is_refused_with_a_message(client, organiser, day_with_session):
    client.force_login(organiser)
    url = reverse("kennisdagen_harvest", args=[day_with_session.pk])
    response = client.post(url, {})
    assert response.status_code == 200
    assert "Vul bij minstens één sessie een titel in." in response.content.decode()
    assert not LessonPage.objects.exists()


def test_professional_may_not_harvest(client, professional, day_with_session):
    client.force_login(professional)
    response = client.get(reverse("kennisdagen_harvest", args=[day_with_session.pk]))
    assert response.status_code in (302, 403)


def _publish_for_professionals(lesson, editor):
    draft = lesson.get_latest_revision_as_object()
    draft.zichtbaarheid = "professionals"
    publish_lesson(lesson, user=editor, revision=draft.save_revision(user=editor))


def test_a_harvested_lesson_is_written_and_published_like_an_imported_one(
    client,
    organiser,
    editor,
    professional,
    day_with_session,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    # Harvest and a draft import go through the same service: same draft state; published
    # for professionals, the same view restriction and the same place in search.
    block_id = day_with_session.programma[0].id
    source = tmp_path / "geimporteerd.md"
    source.write_text(
        "---\ntitle: Geimporteerde rijtjesles\nsoort: les\nfase: idee\n"
        "samenvatting: Kort.\ndatum: 2026-01-02\n---\n## Situatie\nTekst.\n",
        encoding="utf-8",
    )
    with django_capture_on_commit_callbacks(execute=True):
        harvested = harvest_lessons(day_with_session, block_id, ["Geoogste rijtjesles"], organiser)[
            0
        ]
        Importer(draft=True).run([source])
    imported = LessonPage.objects.get(slug="geimporteerde-rijtjesles")
    harvested = LessonPage.objects.get(pk=harvested.pk)
    for lesson in (harvested, imported):
        assert not lesson.live and lesson.has_unpublished_changes
        assert lesson.revisions.count() == 1
        assert PageLogEntry.objects.filter(page=lesson, action="wagtail.create").count() == 1
        assert not SearchEntry.objects.filter(page_id=lesson.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        for lesson in (harvested, imported):
            _publish_for_professionals(lesson, editor)

    groups = [
        set(PageViewRestriction.objects.get(page=lesson).groups.values_list("name", flat=True))
        for lesson in (harvested, imported)
    ]
    assert groups[0] == groups[1] == {"Professionals", "Redacteuren"}

    def titles_found(user):
        if user:
            client.force_login(user)
        else:
            client.logout()
        hits = client.get("/api/zoeken/", {"q": "rijtjesles"}).json()["results"]
        return sorted(hit["title"] for hit in hits)

    assert titles_found(None) == []
    assert titles_found(professional) == ["Geimporteerde rijtjesles", "Geoogste rijtjesles"]
