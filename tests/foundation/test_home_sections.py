"""The home page composes its sections from what the apps register (kennisbank.home)."""

import pytest

from kennisbank import home


@pytest.fixture
def extra_section():
    def provider(request):
        return "anoniem" if request.user.is_anonymous else request.user.username

    home.register_section("bezoeker", provider, order=99)
    yield
    home._SECTIONS.pop("bezoeker")


def test_a_registered_section_reaches_the_home_page_context_per_request(
    client, db, extra_section, professional
):
    assert client.get("/").context["bezoeker"] == "anoniem"
    client.force_login(professional)
    assert client.get("/").context["bezoeker"] == professional.username


def test_lessons_and_kennisdagen_register_their_home_sections_in_order():
    names = [section.name for section in home.sections()]
    assert names.index("latest_lessons") < names.index("next_kennisdag")


def test_home_page_shows_a_visible_lesson_and_hides_a_professionals_only_one(client, make_lesson):
    make_lesson(title="Openbare les op de voorpagina")
    make_lesson(title="Besloten les voor professionals", zichtbaarheid="professionals")
    html = client.get("/").content.decode()
    assert "Openbare les op de voorpagina" in html
    assert "Besloten les voor professionals" not in html
