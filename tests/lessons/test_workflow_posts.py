"""An organiser's attempt to publish a lesson through the admin changes nothing."""

import pytest

from lessons.models import LessonPage

pytestmark = pytest.mark.django_db


def test_organiser_publish_post_is_refused_and_changes_nothing(client, make_lesson, organiser):
    lesson = make_lesson("Les van de redactie", "## Aanpak\nTekst")
    client.force_login(organiser)
    response = client.post(
        f"/admin/pages/{lesson.pk}/edit/",
        {"title": "Overgenomen", "slug": lesson.slug, "action-publish": "1"},
    )
    assert response.status_code in (302, 403)
    assert LessonPage.objects.get(pk=lesson.pk).title == "Les van de redactie"


def test_organiser_cannot_add_a_lesson_under_the_index(client, make_lesson, organiser):
    lesson = make_lesson("Bestaande les", "x")
    index = lesson.get_parent()
    client.force_login(organiser)
    response = client.get(f"/admin/pages/add/lessons/lessonpage/{index.pk}/")
    assert response.status_code in (302, 403)
    assert not index.permissions_for_user(organiser).can_add_subpage()
