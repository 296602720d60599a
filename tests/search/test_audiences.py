"""Search shows each page exactly to its audience, as `kennisbank.visibility` decides it:
hits, snippets, facet counts, spelling suggestions and autocomplete alike."""

import pytest

from kennisbank.roles import ORGANISATOREN, PROFESSIONALS, REDACTEUREN
from search.models import SearchEntry
from tests.search.conftest import api, facet, suggestions, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def redactie_dossier(database_engine, make_dossier, restrict):
    make_dossier("Openbaar dossier over wonen", synthese="Wonen in het dorp.")
    dossier = make_dossier(
        "Dossier redactieberaad",
        synthese="Het grondwaterpeilbesluit ligt nog bij de redactie.",
    )
    restrict(dossier, "groups", REDACTEUREN)
    return dossier


def test_a_dossier_for_redacteuren_is_not_found_by_a_professional(
    client, redactie_dossier, member_of
):
    client.force_login(member_of("pro", PROFESSIONALS))
    data = api(client, q="grondwaterpeilbesluit")
    assert data["total"] == 0 and data["query_used"] == "grondwaterpeilbesluit"  # its echo
    assert "grondwaterpeil" not in str({k: v for k, v in data.items() if k != "query_used"})
    assert api(client, q="grondwaterpeilbesluitt")["suggestion"] is None
    dossiers = api(client, q="dossier")
    assert titles(dossiers) == ["Openbaar dossier over wonen"]
    assert facet(dossiers, "type") == {"dossier": 1}
    assert suggestions(client, "grondw") == []
    html = client.get("/zoeken/", {"q": "dossier"}).content.decode()
    assert "redactieberaad" not in html and "grondwaterpeil" not in html


def test_a_dossier_for_redacteuren_is_found_by_a_redacteur(client, redactie_dossier, member_of):
    client.force_login(member_of("red", REDACTEUREN))
    data = api(client, q="grondwaterpeilbesluit")
    assert titles(data) == ["Dossier redactieberaad"]
    assert "<mark>grondwaterpeilbesluit</mark>" in data["results"][0]["snippet"]
    assert facet(api(client, q="dossier"), "type") == {"dossier": 2}
    assert "grondwaterpeilbesluit" in suggestions(client, "grondw")


def test_a_login_restricted_page_is_found_by_any_signed_in_user_only(
    client, database_engine, make_lesson, restrict, member_of
):
    lesson = make_lesson("Les achter de inlog", "Het kwelsloottracé.")
    restrict(lesson, "login")
    assert api(client, q="kwelsloottrace")["total"] == 0
    assert suggestions(client, "kwelsl") == []
    client.force_login(member_of("zonder-groep"))
    assert titles(api(client, q="kwelsloottrace")) == ["Les achter de inlog"]
    assert "kwelsloottracé" in suggestions(client, "kwelsl")


def test_a_password_restricted_page_is_found_by_nobody(
    client, database_engine, make_lesson, restrict, superuser
):
    lesson = make_lesson("Les met wachtwoord", "Het dijkverzwaringsplan.")
    restrict(lesson, "password")
    assert not SearchEntry.objects.filter(page_id=lesson.pk).exists()
    assert api(client, q="dijkverzwaringsplan")["total"] == 0
    client.force_login(superuser)
    assert api(client, q="dijkverzwaringsplan")["total"] == 0
    assert suggestions(client, "dijkverz") == []


def test_a_group_restricted_kennisdag_is_found_by_its_members(
    client, database_engine, make_kennisdag, restrict, member_of, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        day = make_kennisdag("Kennisdag voor organisatoren", samenvatting="Het draaiboekoverleg.")
    restrict(day, "groups", ORGANISATOREN)
    client.force_login(member_of("pro", PROFESSIONALS))
    assert api(client, q="draaiboekoverleg")["total"] == 0
    client.force_login(member_of("org", ORGANISATOREN))
    data = api(client, q="draaiboekoverleg")
    assert titles(data) == ["Kennisdag voor organisatoren"]
    assert facet(data, "type") == {"kennisdag": 1}


def test_the_entry_stores_the_audience_key_of_the_policy(database_engine, make_lesson, restrict):
    from kennisbank.visibility import audience_of

    lesson = make_lesson("Les voor professionals", "tekst", zichtbaarheid="professionals")
    assert SearchEntry.objects.get(page_id=lesson.pk).audience == audience_of(lesson).key
    assert audience_of(lesson).key.startswith("groepen:")
