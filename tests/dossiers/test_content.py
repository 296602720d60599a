"""What a dossier shows: ready to scale, a sanitized synthesis, sourced statements, the index."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from dossiers.blocks import RecommendationBlock
from dossiers.selectors import ready_to_scale
from kennisbank.lookup import TermIndex
from kennisbank.models import Gebied
from lessons.models import Adoption

pytestmark = pytest.mark.django_db


def test_ready_to_scale_lists_only_werkt_and_opgeschaald_lessons_with_their_adoptions(
    client, make_lesson, make_dossier
):
    werkt = make_lesson("Vast aanspreekpunt", fase="werkt")
    opgeschaald = make_lesson("Keukentafelgesprek", fase="opgeschaald")
    idee = make_lesson("Erfplan", fase="idee")
    gestopt = make_lesson("Digitaal dossier", fase="gestopt")
    Adoption.objects.create(
        page=opgeschaald,
        gebied=TermIndex(Gebied).get("Oosternieland"),
        datum=datetime.date(2026, 1, 20),
        resultaat="Overgenomen bij alle nieuwe intakes.",
    )
    dossier = make_dossier(
        key_lessons=[(werkt, "Eén gezicht."), (idee, "Nog een idee.")],
        aanbevelingen=[("Plan samen.", [opgeschaald, gestopt])],
    )

    ready = ready_to_scale(dossier, AnonymousUser())

    assert [lesson.title for lesson in ready] == ["Keukentafelgesprek", "Vast aanspreekpunt"]
    assert [a.resultaat for a in ready[0].adoptions.all()] == [
        "Overgenomen bij alle nieuwe intakes."
    ]
    html = client.get(dossier.url).content.decode()
    section = html.split('id="opschalen-heading"')[1].split("</section>")[0]
    assert "Oosternieland" in section
    assert "Overgenomen bij alle nieuwe intakes." in section
    assert "Erfplan" not in section
    assert "Digitaal dossier" not in section


def test_synthesis_markdown_is_rendered_and_sanitized_on_save(make_dossier):
    dossier = make_dossier(
        synthese=(
            "## Wat werkt\n**Eén** gezicht.\n\n<script>alert(1)</script>\n\n"
            "[klik](javascript:alert(1)) <img src=x onerror=alert(1)>"
        )
    )

    html = dossier.synthese_html
    assert '<h3 id="wat-werkt">Wat werkt</h3>' in html  # under the page's "Synthese" h2
    assert "<strong>Eén</strong>" in html
    assert "<script" not in html
    assert "<img" not in html
    assert "javascript:" not in html


def test_synthesis_is_shown_on_the_page_as_html(client, make_dossier):
    dossier = make_dossier(synthese="## Het patroon\nEen mens die het **geheel** overziet.")

    html = client.get(dossier.url).content.decode()

    assert "<strong>geheel</strong>" in html


def test_statement_shows_its_text_with_links_to_its_source_lessons(
    client, make_lesson, make_dossier
):
    lesson = make_lesson("Tijdlijn op één A4")
    dossier = make_dossier(aanbevelingen=[("Geef ieder huishouden een tijdlijn.", [lesson])])

    html = client.get(dossier.url).content.decode()
    section = html.split('id="aanbevelingen-heading"')[1].split("</section>")[0]

    assert "Geef ieder huishouden een tijdlijn." in section
    assert f'<a href="{lesson.url}">Tijdlijn op één A4</a>' in section


def test_statement_without_source_lessons_does_not_validate():
    block = RecommendationBlock()

    with pytest.raises(ValidationError):
        block.clean(block.to_python({"tekst": "Een bewering zonder bron.", "bronnen": []}))


def test_dossier_page_links_to_its_pdf(client, make_dossier):
    dossier = make_dossier()

    html = client.get(dossier.url).content.decode()

    assert f'href="{dossier.url}pdf/"' in html
    assert "Download als PDF" in html


def test_index_lists_published_dossiers_newest_first_and_no_drafts(client, make_dossier):
    make_dossier("Ouder dossier", peildatum=datetime.date(2026, 1, 1))
    make_dossier("Nieuwer dossier", peildatum=datetime.date(2026, 6, 1))
    make_dossier("Concept dossier", publish=False)

    html = client.get("/dossiers/").content.decode()

    assert html.index("Nieuwer dossier") < html.index("Ouder dossier")
    assert "Concept dossier" not in html


def test_editor_can_open_the_dossier_add_and_edit_forms(client, editor, make_dossier):
    dossier = make_dossier()
    client.force_login(editor)

    add = client.get(f"/admin/pages/add/dossiers/dossierpage/{dossier.get_parent().pk}/")
    edit = client.get(f"/admin/pages/{dossier.pk}/edit/")

    assert add.status_code == 200
    assert edit.status_code == 200
    assert "waarom dit ertoe doet" in edit.content.decode().lower()
