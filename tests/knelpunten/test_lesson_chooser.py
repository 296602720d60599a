"""Lessons are linked to a knelpunt with a searchable page chooser, in the editor's order."""

import datetime

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from knelpunten import services
from knelpunten.models import Knelpunt, KnelpuntLesson
from knelpunten.selectors import visible_lessons_of
from tests.knelpunten.test_audit import admin_post_data, edit_url, lesson_links_data

BEFORE = ("knelpunten", "0002_redacteuren_permissions")
AFTER = ("knelpunten", "0003_knelpuntlesson")


def linked_titles(knelpunt):
    return [link.les.title for link in KnelpuntLesson.objects.filter(knelpunt=knelpunt)]


def test_edit_form_offers_a_lesson_chooser_not_a_checkbox_per_lesson(
    client, editor, make_knelpunt, make_lesson
):
    make_lesson("Eén loket voor alles")
    client.force_login(editor)
    response = client.get(edit_url(make_knelpunt()))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_lesson_links-OPEN_MODAL"' in html  # the chooser's "add" button
    assert "id_lesson_links-CHOOSER_WIDGET" in html
    assert 'name="lessen"' not in html
    assert "Eén loket voor alles" not in html  # no list of every lesson


def test_chooser_is_limited_to_lessons(client, editor, make_knelpunt):
    client.force_login(editor)
    html = client.get(edit_url(make_knelpunt())).content.decode()
    assert '"modelNames": ["lessons.lessonpage"]' in html  # the page chooser's page type


def test_saving_two_chosen_lessons_stores_them_in_the_chosen_order(
    client, editor, make_knelpunt, make_lesson
):
    older = make_lesson("Oudere les", datum=datetime.date(2025, 1, 1))
    newer = make_lesson("Nieuwere les", datum=datetime.date(2026, 1, 1))
    knelpunt = make_knelpunt()
    client.force_login(editor)
    data = admin_post_data(knelpunt) | lesson_links_data(new_lessons=[older, newer])
    response = client.post(edit_url(knelpunt), data)
    assert response.status_code == 302, response.context["form"].errors
    assert linked_titles(knelpunt) == ["Oudere les", "Nieuwere les"]
    assert list(visible_lessons_of(knelpunt, editor)) == [older, newer]


def test_reordering_in_the_form_changes_the_stored_order(
    client, editor, make_knelpunt, make_lesson
):
    first, second = make_lesson("Eerste les"), make_lesson("Tweede les")
    knelpunt = make_knelpunt()
    services.link_lessons(knelpunt, [first, second])
    data = admin_post_data(knelpunt)
    data["lesson_links-0-ORDER"], data["lesson_links-1-ORDER"] = "2", "1"
    client.force_login(editor)
    assert client.post(edit_url(knelpunt), data).status_code == 302
    assert linked_titles(knelpunt) == ["Tweede les", "Eerste les"]


def test_the_same_lesson_twice_is_refused_with_a_message(
    client, editor, make_knelpunt, make_lesson
):
    lesson = make_lesson("Eén loket voor alles")
    knelpunt = make_knelpunt()
    client.force_login(editor)
    data = admin_post_data(knelpunt) | lesson_links_data(new_lessons=[lesson, lesson])
    response = client.post(edit_url(knelpunt), data)
    assert response.status_code == 200  # the form again, with an error; no 500
    assert "dubbele gegevens voor knelpunt en les" in response.content.decode()
    assert not KnelpuntLesson.objects.exists()


def test_organisers_cannot_open_the_knelpunt_form(client, organiser, make_knelpunt):
    client.force_login(organiser)
    response = client.get(edit_url(make_knelpunt()))
    assert response.status_code in (302, 403)


def test_public_page_lists_linked_lessons_in_the_chosen_order(client, make_knelpunt, make_lesson):
    older = make_lesson("Oudere les", datum=datetime.date(2025, 1, 1))
    newer = make_lesson("Nieuwere les", datum=datetime.date(2026, 1, 1))
    knelpunt = make_knelpunt(openbaar=True)
    services.link_lessons(knelpunt, [older, newer])
    html = client.get(reverse("knelpunten:detail", args=[knelpunt.pk])).content.decode()
    assert html.index("Oudere les") < html.index("Nieuwere les")


def test_public_page_hides_a_chosen_professionals_only_lesson_from_anonymous(
    client, editor, make_knelpunt, make_lesson
):
    open_lesson = make_lesson("Openbare les over loketten")
    closed_lesson = make_lesson("Interne les over loketten", zichtbaarheid="professionals")
    knelpunt = make_knelpunt(openbaar=True)
    client.force_login(editor)
    data = admin_post_data(knelpunt) | lesson_links_data(new_lessons=[closed_lesson, open_lesson])
    assert client.post(edit_url(knelpunt), data).status_code == 302
    client.logout()
    html = client.get(reverse("knelpunten:detail", args=[knelpunt.pk])).content.decode()
    assert "Openbare les over loketten" in html
    assert "Interne les over loketten" not in html


def test_a_lesson_linked_to_two_knelpunten_is_listed_once_per_knelpunt(
    make_knelpunt, make_lesson, editor
):
    lesson = make_lesson("Eén loket voor alles")
    one, other = make_knelpunt("Eén"), make_knelpunt("Ander")
    services.link_lessons(one, [lesson])
    services.link_lessons(other, [lesson])
    assert list(visible_lessons_of(one, editor)) == [lesson]


def test_link_lessons_keeps_unchanged_links_and_drops_the_rest(make_knelpunt, make_lesson):
    a, b, c = make_lesson("Les A"), make_lesson("Les B"), make_lesson("Les C")
    knelpunt = make_knelpunt()
    services.link_lessons(knelpunt, [a, b])
    kept = KnelpuntLesson.objects.get(knelpunt=knelpunt, les=a)
    services.link_lessons(knelpunt, [a, c, c])
    assert linked_titles(knelpunt) == ["Les A", "Les C"]
    assert KnelpuntLesson.objects.get(knelpunt=knelpunt, les=a).pk == kept.pk


def test_status_change_elsewhere_keeps_the_links(make_knelpunt, make_lesson, editor):
    lesson = make_lesson("Eén loket voor alles")
    knelpunt = make_knelpunt()
    services.link_lessons(knelpunt, [lesson])
    services.change_status(Knelpunt.objects.get(pk=knelpunt.pk), "opgelost", editor)
    assert linked_titles(knelpunt) == ["Eén loket voor alles"]


def test_data_function_numbers_old_links_newest_lesson_first(make_knelpunt, make_lesson):
    migration = __import__(
        "knelpunten.migrations.0003_knelpuntlesson", fromlist=["number_existing_links"]
    )
    old = make_lesson("Oud", datum=datetime.date(2024, 1, 1))
    new = make_lesson("Nieuw", datum=datetime.date(2026, 1, 1))
    knelpunt = make_knelpunt()
    knelpunt.lessen.add(old, new)  # as the old relation stored them: no order
    assert set(KnelpuntLesson.objects.values_list("sort_order", flat=True)) == {None}
    migration.number_existing_links(apps, None)
    assert linked_titles(knelpunt) == ["Nieuw", "Oud"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_keeps_every_existing_link(make_knelpunt, make_lesson):
    old = make_lesson("Oud", datum=datetime.date(2024, 1, 1))
    new = make_lesson("Nieuw", datum=datetime.date(2026, 1, 1))
    knelpunt = make_knelpunt()
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    try:
        before = executor.loader.project_state([BEFORE]).apps
        OldKnelpunt = before.get_model("knelpunten", "Knelpunt")
        OldKnelpunt.objects.get(pk=knelpunt.pk).lessen.add(old.pk, new.pk)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert linked_titles(knelpunt) == ["Nieuw", "Oud"]
    assert set(Knelpunt.objects.get(pk=knelpunt.pk).lessen.all()) == {old, new}
