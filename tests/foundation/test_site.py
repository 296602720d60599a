"""The site as a visitor, an editor and an organiser meet it."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_anonymous_home_renders_intro_search_and_entry_points(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert "De Kennisbank bewaart wat overheden en partners" in html
    assert 'role="search"' in html and 'action="/zoeken/"' in html
    for audience in ["Professionals", "Organisatoren", "Bestuurders"]:
        assert audience in html


def test_home_serves_its_stylesheet_locally(client):
    html = client.get("/").content.decode()
    assert "/static/kennisbank/css/kennisbank.css" in html
    assert "http://" not in html.split("<body")[0].replace("http://testserver", "")
    assert "https://" not in html.split("<body")[0]


def test_front_end_login_signs_a_professional_in(client, professional):
    response = client.post(
        reverse("kennisbank:login"), {"username": "professional", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"].is_authenticated


def test_login_with_a_wrong_password_says_so(client, professional):
    response = client.post(
        reverse("kennisbank:login"), {"username": "professional", "password": "fout"}
    )
    assert response.status_code == 200
    assert "Inloggen is niet gelukt" in response.content.decode()


def test_logout_signs_out(client, professional):
    client.force_login(professional)
    response = client.post(reverse("kennisbank:logout"))
    assert response.status_code == 200
    assert "U bent uitgelogd" in response.content.decode()
    assert not client.get("/").context["user"].is_authenticated


def test_editor_reaches_the_admin(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_editor_can_open_the_taxonomy(client, editor):
    client.force_login(editor)
    assert client.get("/admin/snippets/kennisbank/gemeente/").status_code == 200


def test_organiser_reaches_the_admin_but_not_the_taxonomy(client, organiser):
    client.force_login(organiser)
    assert client.get("/admin/").status_code == 200
    response = client.get("/admin/snippets/kennisbank/gemeente/")
    assert response.status_code in (302, 403)


def test_organiser_cannot_add_a_taxonomy_term(client, organiser):
    from kennisbank.models import Gemeente

    client.force_login(organiser)
    response = client.post(
        "/admin/snippets/kennisbank/gemeente/add/", {"name": "Delfzijl", "slug": "delfzijl"}
    )
    assert response.status_code in (302, 403)
    assert not Gemeente.objects.filter(slug="delfzijl").exists()


def test_professional_has_no_admin_access(client, professional):
    client.force_login(professional)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_search_page_survives_an_unbalanced_quote(client):
    response = client.get("/zoeken/", {"q": '"versterking'})
    assert response.status_code == 200


def test_unknown_page_gives_a_dutch_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_the_404_search_box_offers_suggestions(client):
    html = client.get("/bestaat-niet/").content.decode()
    assert 'data-suggest-url="/api/zoeken/suggest/"' in html
    assert "search/suggest.js" in html


def test_home_page_sends_bestuurders_to_the_dossiers(client):
    html = client.get("/").content.decode()
    assert 'href="/dossiers/"' in html
    assert "Naar de dossiers" in html


def test_a_browser_preferring_english_still_gets_one_language(client):
    # No English translation yet: dates and messages must not switch language mid-page.
    html = client.get("/kennisdagen/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl"' in html
