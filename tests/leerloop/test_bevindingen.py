"""Progress findings: editable by editors as a snippet, shown per question with their sources,
and never revealing a source lesson the reader may not see."""

import datetime

import pytest
from django.urls import reverse

from leerloop.models import Bevinding, BevindingBron, BevindingLes, Voortgangsvraag

URL = reverse("leerloop:dashboard")


def _url(action, *args):
    return reverse(Bevinding.snippet_viewset.get_url_name(action), args=args)


def _post_data(lessons=(), bronnen=(), **fields):
    data = {
        "vraag": "professionals",
        "titel": "Signalen worden sneller opgepakt",
        "periode_van": "2026-01-01",
        "periode_tot": "2026-06-30",
        "bevinding": "Meer knelpunten **opgelost** binnen drie maanden.",
        "bronlessen-TOTAL_FORMS": str(len(lessons)),
        "bronlessen-INITIAL_FORMS": "0",
        "bronlessen-MIN_NUM_FORMS": "0",
        "bronlessen-MAX_NUM_FORMS": "1000",
        "bronnen-TOTAL_FORMS": str(len(bronnen)),
        "bronnen-INITIAL_FORMS": "0",
        "bronnen-MIN_NUM_FORMS": "0",
        "bronnen-MAX_NUM_FORMS": "1000",
    }
    for i, lesson in enumerate(lessons):
        data.update({f"bronlessen-{i}-les": str(lesson.pk), f"bronlessen-{i}-ORDER": str(i + 1)})
    for i, (titel, url) in enumerate(bronnen):
        data.update(
            {
                f"bronnen-{i}-titel": titel,
                f"bronnen-{i}-url": url,
                f"bronnen-{i}-ORDER": str(i + 1),
            }
        )
    data.update(fields)
    return data


def test_editor_adds_a_finding_with_sources(client, editor, make_lesson):
    lesson = make_lesson("Escalatie via de stuurgroep")
    client.force_login(editor)
    assert client.get(_url("add")).status_code == 200
    response = client.post(
        _url("add"),
        _post_data([lesson], [("Monitor 2026", "https://example.org/monitor")]),
    )
    assert response.status_code == 302, response.context["form"].errors
    finding = Bevinding.objects.get()
    assert finding.vraag == Voortgangsvraag.PROFESSIONALS
    assert "<strong>opgelost</strong>" in finding.bevinding_html
    assert [b.les for b in finding.bronlessen.all()] == [lesson]
    assert [(b.titel, b.url) for b in finding.bronnen.all()] == [
        ("Monitor 2026", "https://example.org/monitor")
    ]


def test_editor_edits_and_deletes_a_finding(client, editor):
    finding = Bevinding.objects.create(
        vraag="bewoners",
        titel="Oud",
        periode_van=datetime.date(2026, 1, 1),
        periode_tot=datetime.date(2026, 3, 31),
        bevinding="Tekst.",
    )
    client.force_login(editor)
    assert client.get(_url("edit", finding.pk)).status_code == 200
    response = client.post(
        _url("edit", finding.pk),
        _post_data(bronnen=[("Notulen", "https://example.org/n")], vraag="bewoners", titel="Nieuw"),
    )
    assert response.status_code == 302, response.context["form"].errors
    finding.refresh_from_db()
    assert finding.titel == "Nieuw"
    assert client.post(_url("delete", finding.pk)).status_code == 302
    assert not Bevinding.objects.exists()


def test_period_end_before_start_is_refused(client, editor):
    client.force_login(editor)
    response = client.post(
        _url("add"), _post_data(bronnen=[("R", "https://example.org/r")], periode_tot="2025-12-31")
    )
    assert response.status_code == 200
    assert "periode_tot" in response.context["form"].errors
    assert not Bevinding.objects.exists()


@pytest.mark.parametrize("role", ["professional", "organiser"])
def test_other_roles_cannot_edit_findings(client, role, request):
    client.force_login(request.getfixturevalue(role))
    response = client.get(_url("add"))
    assert response.status_code in (302, 403)


def test_raw_html_in_a_finding_is_not_rendered(db):
    finding = Bevinding.objects.create(
        vraag="bestuurders",
        titel="T",
        periode_van=datetime.date(2026, 1, 1),
        periode_tot=datetime.date(2026, 1, 31),
        bevinding='<script>alert(1)</script> [link](javascript:alert(1)) <img src=x onerror="y">',
    )
    assert "<script>" not in finding.bevinding_html
    assert "javascript:" not in finding.bevinding_html
    assert "<img" not in finding.bevinding_html  # shown as text, never as a tag


@pytest.fixture
def findings(make_lesson):
    public = make_lesson("Openbare bronles")
    secret = make_lesson("Geheime bronles", zichtbaarheid="professionals")
    made = []
    for index, vraag in enumerate(["bewoners"] * 4 + ["bestuurders"]):
        finding = Bevinding.objects.create(
            vraag=vraag,
            titel=f"Bevinding {index}",
            periode_van=datetime.date(2025, 1 + index, 1),
            periode_tot=datetime.date(2025, 1 + index, 28),
            bevinding=f"Tekst {index}.",
        )
        made.append(finding)
    BevindingLes.objects.create(bevinding=made[3], les=public, sort_order=0)
    BevindingLes.objects.create(bevinding=made[3], les=secret, sort_order=1)
    BevindingBron.objects.create(bevinding=made[3], titel="Rapport", url="https://example.org/r")
    return made


def test_dashboard_shows_the_latest_findings_per_question_with_sources(client, findings):
    html = client.get(URL).content.decode()
    for vraag in ["Bewoners", "Professionals", "Bestuurders"]:
        assert f">{vraag}</h3>" in html
    # The three latest of 'bewoners', newest first; the oldest is left out.
    assert html.index("Bevinding 3") < html.index("Bevinding 2") < html.index("Bevinding 1")
    assert "Bevinding 0" not in html
    assert "Bevinding 4" in html
    assert "Voor deze vraag is nog geen bevinding vastgelegd." in html  # professionals
    assert "Openbare bronles" in html and "https://example.org/r" in html


def test_source_lessons_pass_through_visible_lessons(client, findings, professional):
    assert "Geheime bronles" not in client.get(URL).content.decode()
    client.force_login(professional)
    assert "Geheime bronles" in client.get(URL).content.decode()


def test_redacteuren_have_the_finding_permissions(editor):
    codenames = set(editor.groups.get().permissions.values_list("codename", flat=True))
    assert {"add_bevinding", "change_bevinding", "delete_bevinding", "view_bevinding"} <= codenames


def test_headings_in_a_finding_sit_below_the_finding_title(db):
    finding = Bevinding.objects.create(
        vraag="bewoners",
        titel="T",
        periode_van=datetime.date(2026, 1, 1),
        periode_tot=datetime.date(2026, 1, 31),
        bevinding="## Wat we zagen\n\nTekst.\n\n### Detail\n\nMeer.",
    )
    assert "<h5" in finding.bevinding_html and "</h5>" in finding.bevinding_html
    assert "<h6" in finding.bevinding_html
    assert "<h2" not in finding.bevinding_html


def test_a_finding_without_any_source_is_refused(client, editor):
    client.force_login(editor)
    response = client.post(_url("add"), _post_data())
    assert response.status_code == 200
    assert "Geef minstens één bron" in str(response.context["form"].non_field_errors())
    assert not Bevinding.objects.exists()
