"""Who sees which knelpunt, whose name, and which linked lessons."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from wagtail.models import Site

from knelpunten import services
from knelpunten.models import Knelpunt, Status
from knelpunten.selectors import may_see_melder, visible_knelpunten


@pytest.fixture
def public_and_hidden(make_knelpunt):
    public = make_knelpunt("Openbaar knelpunt", openbaar=True, toelichting="Opgelost met X.")
    hidden = make_knelpunt("Intern knelpunt")
    return public, hidden


def test_anonymous_sees_only_public_knelpunten(public_and_hidden):
    public, _hidden = public_and_hidden
    assert list(visible_knelpunten(AnonymousUser())) == [public]


def test_signed_in_user_without_role_sees_only_public_knelpunten(public_and_hidden, organiser):
    public, _hidden = public_and_hidden
    assert list(visible_knelpunten(organiser)) == [public]


@pytest.mark.parametrize("role", ["professional", "editor"])
def test_professionals_and_editors_see_all_knelpunten(public_and_hidden, role, request):
    user = request.getfixturevalue(role)
    assert set(visible_knelpunten(user)) == set(public_and_hidden)


def test_anonymous_index_lists_only_public_ones(client, public_and_hidden):
    html = client.get(reverse("knelpunten:index")).content.decode()
    assert "Openbaar knelpunt" in html
    assert "Intern knelpunt" not in html


def test_anonymous_gets_404_for_a_hidden_knelpunt(client, public_and_hidden):
    public, hidden = public_and_hidden
    assert client.get(reverse("knelpunten:detail", args=[public.pk])).status_code == 200
    assert client.get(reverse("knelpunten:detail", args=[hidden.pk])).status_code == 404


def test_index_filters_on_status(client, professional, make_knelpunt):
    make_knelpunt("Al opgelost", status=Status.OPGELOST)
    make_knelpunt("Nog open")
    client.force_login(professional)
    html = client.get(reverse("knelpunten:index"), {"status": "opgelost"}).content.decode()
    assert "Al opgelost" in html and "Nog open" not in html
    html = client.get(reverse("knelpunten:index"), {"status": "open"}).content.decode()
    assert "Nog open" in html and "Al opgelost" not in html


def test_unknown_status_filter_is_ignored(client, professional, make_knelpunt):
    make_knelpunt("Nog open")
    client.force_login(professional)
    response = client.get(reverse("knelpunten:index"), {"status": "<script>"})
    assert response.status_code == 200
    assert "Nog open" in response.content.decode()


def test_reporter_identity_is_hidden_from_other_professionals(
    client, professional, make_knelpunt, reporter
):
    knelpunt = make_knelpunt()
    client.force_login(professional)
    html = client.get(reverse("knelpunten:detail", args=[knelpunt.pk])).content.decode()
    assert "Meldersma" not in html and reporter.username not in html
    assert not may_see_melder(professional, knelpunt)


def test_reporter_identity_is_hidden_from_anonymous_visitors(client, make_knelpunt, reporter):
    knelpunt = make_knelpunt(openbaar=True)
    html = client.get(reverse("knelpunten:detail", args=[knelpunt.pk])).content.decode()
    assert "Meldersma" not in html and reporter.username not in html


def test_editor_sees_who_reported(client, editor, make_knelpunt):
    knelpunt = make_knelpunt()
    client.force_login(editor)
    html = client.get(reverse("knelpunten:detail", args=[knelpunt.pk])).content.decode()
    assert "Mirjam Meldersma" in html


def test_who_changed_the_status_is_hidden_from_professionals(
    client, professional, editor, make_knelpunt
):
    editor.last_name = "Redacteursma"
    editor.save()
    knelpunt = make_knelpunt()
    services.change_status(knelpunt, Status.IN_BEHANDELING, editor)
    client.force_login(professional)
    html = client.get(reverse("knelpunten:detail", args=[knelpunt.pk])).content.decode()
    assert "In behandeling" in html
    assert "Redacteursma" not in html


def test_reporter_sees_status_and_public_note_of_own_knelpunten(
    client, reporter, editor, make_knelpunt
):
    own = make_knelpunt("Mijn eigen knelpunt")
    make_knelpunt("Van iemand anders", melder=editor)
    services.change_status(own, Status.LOKALE_STUURGROEP, editor, "Staat op de agenda.")
    client.force_login(reporter)
    html = client.get(reverse("knelpunten:mine")).content.decode()
    assert "Mijn eigen knelpunt" in html
    assert "Doorgezet naar lokale stuurgroep" in html
    assert "Staat op de agenda." in html
    assert "Van iemand anders" not in html


def test_linked_professionals_only_lesson_is_not_shown_to_anonymous(
    client, make_knelpunt, make_lesson, professional
):
    open_lesson = make_lesson("Openbare les over loketten")
    closed_lesson = make_lesson("Interne les over loketten", zichtbaarheid="professionals")
    knelpunt = make_knelpunt(openbaar=True)
    knelpunt.lessen.set([open_lesson, closed_lesson])
    url = reverse("knelpunten:detail", args=[knelpunt.pk])

    html = client.get(url).content.decode()
    assert "Openbare les over loketten" in html
    assert "Interne les over loketten" not in html

    client.force_login(professional)
    html = client.get(url).content.decode()
    assert "Interne les over loketten" in html


def _page_html(client, lesson):
    site = Site.objects.get(is_default_site=True)
    return client.get(lesson.get_url(), HTTP_HOST=site.hostname).content.decode()


def test_lesson_page_shows_the_knelpunt_it_answers(client, make_knelpunt, make_lesson):
    lesson = make_lesson("Eén loket voor alles")
    knelpunt = make_knelpunt("Te veel loketten", openbaar=True)
    knelpunt.lessen.add(lesson)
    html = _page_html(client, lesson)
    assert "Het knelpunt dat deze les beantwoordt" in html
    assert "Te veel loketten" in html
    assert reverse("knelpunten:detail", args=[knelpunt.pk]) in html


def test_lesson_page_hides_a_knelpunt_the_visitor_may_not_see(
    client, make_knelpunt, make_lesson, professional
):
    lesson = make_lesson("Eén loket voor alles")
    make_knelpunt("Intern knelpunt over loketten").lessen.add(lesson)
    assert "Intern knelpunt over loketten" not in _page_html(client, lesson)
    client.force_login(professional)
    assert "Intern knelpunt over loketten" in _page_html(client, lesson)


def test_lesson_knows_its_knelpunten_through_the_related_name(make_knelpunt, make_lesson):
    lesson = make_lesson("Eén loket voor alles")
    knelpunt = make_knelpunt()
    knelpunt.lessen.add(lesson)
    assert list(lesson.knelpunten.all()) == [Knelpunt.objects.get(pk=knelpunt.pk)]


def test_signed_in_reporter_without_role_still_sees_own_hidden_knelpunt(make_knelpunt, organiser):
    own = make_knelpunt("Eigen intern knelpunt", melder=organiser)
    make_knelpunt("Intern knelpunt van een ander")
    assert list(visible_knelpunten(organiser)) == [own]
