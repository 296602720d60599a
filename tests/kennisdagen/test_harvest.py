"""Harvest: an organiser turns a session into draft lessons in one step, pre-filled, in workflow."""

import pytest
from django.urls import reverse

from kennisbank.models import Organisatie, Thema
from lessons.models import LessonPage

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
