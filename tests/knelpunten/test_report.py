"""The report form: who may use it, its validation, the personal-data guard and the honeypot."""

import pytest
from django.urls import reverse

from knelpunten.models import Knelpunt, Status

URL = reverse("knelpunten:report")


@pytest.mark.parametrize("name", ["knelpunten:report", "knelpunten:mine"])
def test_anonymous_user_is_sent_to_login_with_next(client, db, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('kennisbank:login')}?next={url}"


def test_anonymous_post_saves_nothing_and_is_sent_to_login(client, db, valid_data):
    response = client.post(URL, valid_data)
    assert response.status_code == 302
    assert reverse("kennisbank:login") in response["Location"]
    assert not Knelpunt.objects.exists()


def test_signed_in_user_without_role_gets_403_with_explanation(client, organiser, valid_data):
    client.force_login(organiser)
    response = client.get(URL)
    assert response.status_code == 403
    assert "Knelpunten melden is voor professionals" in response.content.decode()
    assert client.post(URL, valid_data).status_code == 403
    assert not Knelpunt.objects.exists()


def test_professional_sees_the_form_in_dutch(client, professional):
    client.force_login(professional)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Knelpunt melden" in html
    assert "Wat loopt er vast?" in html


def test_honeypot_is_hidden_from_people_and_assistive_tech(client, professional):
    client.force_login(professional)
    html = client.get(URL).content.decode()
    wrapper_start = html.index('<div class="kp-hp" aria-hidden="true">')
    wrapper = html[wrapper_start : html.index("</div>", wrapper_start)]
    assert "Laat dit veld leeg" in wrapper
    assert 'tabindex="-1"' in wrapper
    assert 'name="website"' in wrapper


def test_valid_report_is_saved_as_new_with_its_reporter(client, reporter, valid_data):
    client.force_login(reporter)
    response = client.post(URL, valid_data)
    assert response.status_code == 302
    assert response["Location"] == reverse("knelpunten:mine")
    knelpunt = Knelpunt.objects.get()
    assert knelpunt.melder == reporter
    assert knelpunt.status == Status.NIEUW
    assert knelpunt.gebied.slug == "ten-boer-west"
    assert not knelpunt.openbaar
    assert knelpunt.status_gewijzigd_op == knelpunt.aangemeld_op


def test_editor_may_report_too(client, editor, valid_data):
    client.force_login(editor)
    assert client.post(URL, valid_data).status_code == 302
    assert Knelpunt.objects.get().melder == editor


def test_organisations_are_saved(client, professional, valid_data):
    from kennisbank.models import Organisatie

    img = Organisatie.objects.get(afkorting="IMG")
    client.force_login(professional)
    client.post(URL, {**valid_data, "organisaties": [str(img.pk)]})
    assert list(Knelpunt.objects.get().organisaties.all()) == [img]


def test_missing_fields_get_clear_dutch_messages(client, professional):
    client.force_login(professional)
    response = client.post(URL, {"titel": "", "wat_zit_vast": "", "website": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vul in wat er vastloopt, in één korte zin." in html
    assert "Beschrijf de situatie: wat zit er vast, en waarom?" in html
    assert "Kies waar het knelpunt speelt: een gebied, een gemeente of allebei." in html
    assert "Er zijn 3 punten om te verbeteren" in html
    assert not Knelpunt.objects.exists()


def test_invalid_field_is_marked_for_screen_readers(client, professional):
    client.force_login(professional)
    html = client.post(URL, {"titel": "", "wat_zit_vast": "x", "website": ""}).content.decode()
    assert 'aria-describedby="id_titel_helptext id_titel_error"' in html
    assert 'id="id_titel_error"' in html
    assert 'aria-invalid="true"' in html


def test_too_long_title_says_the_limit(client, professional, valid_data):
    client.force_login(professional)
    html = client.post(URL, {**valid_data, "titel": "x" * 201}).content.decode()
    assert "hooguit 200 tekens (nu 201)" in html


def test_gebied_outside_the_chosen_gemeente_is_refused(client, professional, valid_data):
    from kennisbank.models import Gemeente

    oldambt = Gemeente.objects.get(slug="oldambt")
    client.force_login(professional)
    html = client.post(URL, {**valid_data, "gemeente": str(oldambt.pk)}).content.decode()
    assert "Ten Boer-West ligt in de gemeente Groningen, niet in Oldambt." in html
    assert not Knelpunt.objects.exists()


def test_gebied_alone_fills_in_its_gemeente(client, professional, valid_data):
    client.force_login(professional)
    client.post(URL, {**valid_data, "gemeente": ""})
    assert Knelpunt.objects.get().gemeente.slug == "groningen"


@pytest.mark.parametrize(
    ("field", "text", "label", "match"),
    [
        ("titel", "Bel mevrouw op 06-12345678", "Wat loopt er vast?", "06-12345678"),
        (
            "wat_zit_vast",
            "Mail de bewoner via j.jansen@example.nl",
            "Beschrijf de situatie",
            "j.jansen@example.nl",
        ),
        ("regeling", "Dossier 9711 AB 12", "Welke regel of regeling speelt een rol?", "9711 AB 12"),
        ("wat_zou_helpen", "BSN 111222333 opzoeken", "Wat zou helpen?", "111222333"),
    ],
)
def test_personal_data_is_refused_and_the_message_names_field_and_match(
    client, professional, valid_data, field, text, label, match
):
    client.force_login(professional)
    response = client.post(URL, {**valid_data, field: text})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"“{label}” bevat mogelijk een persoonsgegeven van een bewoner" in html
    assert f"“{match}”" in html
    assert not Knelpunt.objects.exists()


def test_honeypot_filled_submission_looks_like_success_but_saves_nothing(
    client, professional, valid_data
):
    client.force_login(professional)
    honest = client.post(URL, valid_data)
    Knelpunt.objects.all().delete()
    bot = client.post(URL, {**valid_data, "website": "https://spam.example"}, follow=True)
    assert bot.redirect_chain == [(honest["Location"], 302)]
    assert "Dank u wel. Uw knelpunt is ontvangen." in bot.content.decode()
    assert not Knelpunt.objects.exists()
