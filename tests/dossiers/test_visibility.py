"""A professionals-only lesson cited in a dossier never reaches a reader who may not read it:
not on the page, not in the PDF, not as a link, not in the editor's note about it."""

import io

import pytest
from pypdf import PdfReader

from dossiers.selectors import visible_source_lessons

pytestmark = pytest.mark.django_db

SECRET = "Escalatie naar de stuurgroep"
SECRET_NOTE = "Vertrouwelijke toelichting bij de escalatie."


@pytest.fixture
def lessons(make_lesson):
    public = make_lesson("Consulent voor de boer", fase="opgeschaald")
    secret = make_lesson(SECRET, fase="werkt", zichtbaarheid="professionals")
    return public, secret


@pytest.fixture
def dossier(lessons, make_dossier):
    public, secret = lessons
    return make_dossier(
        "Consulenten opschalen",
        key_lessons=[(public, "Het bewijs dat het werkt."), (secret, SECRET_NOTE)],
        aanbevelingen=[("Zet overal een consulent in.", [public, secret])],
        open_knelpunten=[("Besluiten blijven liggen.", [secret])],
    )


def _pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_source_lessons_returns_every_cited_lesson_unfiltered(dossier, lessons):
    assert set(dossier.source_lessons()) == set(lessons)


def test_visible_source_lessons_omits_professionals_only_lesson_for_anonymous(
    dossier, lessons, professional
):
    from django.contrib.auth.models import AnonymousUser

    public, secret = lessons
    assert list(visible_source_lessons(dossier, AnonymousUser())) == [public]
    assert set(visible_source_lessons(dossier, professional)) == {public, secret}


def test_anonymous_page_omits_professionals_only_lesson_title_link_and_note(
    client, dossier, lessons
):
    secret = lessons[1]
    html = client.get(dossier.url).content.decode()

    assert "Consulent voor de boer" in html
    assert SECRET not in html
    assert secret.url not in html
    assert SECRET_NOTE not in html


def test_anonymous_page_hides_a_statement_whose_sources_are_all_restricted(client, dossier):
    html = client.get(dossier.url).content.decode()

    assert "Zet overal een consulent in." in html
    assert "Besluiten blijven liggen." not in html


def test_professional_page_shows_professionals_only_lesson(client, dossier, professional):
    client.force_login(professional)
    html = client.get(dossier.url).content.decode()

    assert SECRET in html
    assert SECRET_NOTE in html
    assert "Besluiten blijven liggen." in html


def test_anonymous_pdf_omits_professionals_only_lesson(client, dossier):
    text = _pdf_text(client.get(f"{dossier.url}pdf/"))

    assert "Consulent voor de boer" in text
    assert SECRET not in text
    assert SECRET_NOTE not in text


def test_professional_pdf_includes_professionals_only_lesson(client, dossier, professional):
    client.force_login(professional)
    text = _pdf_text(client.get(f"{dossier.url}pdf/"))

    assert SECRET in text
    assert "Voor professionals" in text


def test_dossier_with_view_restriction_is_not_served_or_listed_to_anonymous(
    client, dossier, dossier_index
):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=dossier, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name="Professionals"))

    assert client.get(dossier.url).status_code == 302
    assert client.get(f"{dossier.url}pdf/").status_code == 302
    assert "Consulenten opschalen" not in client.get(dossier_index.url).content.decode()
