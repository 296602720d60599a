"""`{% follow_button %}` on the search page, the lesson index and a dossier."""

from django.template import Context, Template
from django.test import RequestFactory

from follow import services
from kennisbank.models import Thema


def test_search_page_offers_to_save_the_search(client, professional, db):
    anonymous = client.get("/zoeken/", {"q": "consulent"}).content.decode()
    assert "Log in om te volgen" in anonymous
    assert "Bewaar deze zoekopdracht" not in anonymous
    client.force_login(professional)
    page = client.get("/zoeken/", {"q": "consulent", "thema": "veilig"}).content.decode()
    assert "Bewaar deze zoekopdracht" in page
    assert 'name="q" value="consulent"' in page and 'name="thema" value="veilig"' in page
    services.follow_search(professional, {"q": "consulent", "thema": "veilig"})
    page = client.get("/zoeken/", {"q": "consulent", "thema": "veilig"}).content.decode()
    assert "U heeft deze zoekopdracht bewaard." in page and 'value="ontvolgen"' in page
    assert "Bewaar deze zoekopdracht" not in client.get("/zoeken/").content.decode()


def test_lesson_index_offers_to_follow_one_thema_or_gebied(client, professional, lesson_index):
    client.force_login(professional)
    url = lesson_index.url
    assert "Volg thema “Veilig”" in client.get(url, {"thema": "veilig"}).content.decode()
    assert "Volg gebied" in client.get(url, {"gebied": "oosternieland"}).content.decode()
    both = client.get(url, {"thema": "veilig", "gebied": "oosternieland"}).content.decode()
    assert "Volg thema" not in both and "Volg gebied" not in both
    assert "Volg thema" not in client.get(url).content.decode()
    services.follow_term(professional, Thema.objects.get(slug="veilig"))
    assert "U volgt thema “Veilig”." in client.get(url, {"thema": "veilig"}).content.decode()


def _render(target, user):
    request = RequestFactory().get("/ergens/?x=1")
    request.user = user
    return Template("{% load follow_tags %}{% follow_button target %}").render(
        Context({"request": request, "target": target})
    )


def test_button_for_a_dossier_and_nothing_for_other_pages(professional, make_dossier, lesson_index):
    dossier = make_dossier()
    html = _render(dossier, professional)
    assert "Volg dit dossier" in html and f"/volgen/pagina/{dossier.pk}/" in html
    assert 'name="next" value="/ergens/?x=1"' in html
    assert _render(lesson_index, professional).strip() == ""
