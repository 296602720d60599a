"""The kennisdag page and index render: programme, harvest count, visibility, filters, archive."""

import datetime
import re

import pytest
from django.utils import timezone

from kennisbank.models import Organisatie, Thema
from kennisdagen.selectors import HARVEST_PER_PAGE, kennisdag_material_text, next_kennisdag
from lessons.models import LessonPage

pytestmark = pytest.mark.django_db


def _programme():
    return [
        {
            "type": "sessie",
            "value": {
                "start": "10:00",
                "end": "11:00",
                "title": "Eén loket voor de boer",
                "speakers": [{"name": "An Jansen", "role": "consulent", "organisation": "NCG"}],
                "description": "Hoe de agro-consulenten werken.",
                "materials": [],
            },
        }
    ]


def test_kennisdag_page_shows_programme_and_only_visible_lessons(
    client, make_kennisdag, make_lesson, professional
):
    day = make_kennisdag(
        "Kennisdag Ten Boer",
        programma=_programme(),
        verslag="## Wat we leerden\n\nEen **vet** punt.\n\n<script>alert(1)</script>",
    )
    public = make_lesson("Openbare les")
    pro = make_lesson("Les voor professionals", zichtbaarheid="professionals")
    draft = make_lesson("Concept les", publish=False)
    draft.live = False  # make_lesson(publish=False) leaves add_child's default live=True
    for lesson in (public, pro, draft):
        lesson.kennisdag = day
        lesson.save()

    html = client.get(day.url).content.decode()
    assert "Eén loket voor de boer" in html
    assert "An Jansen" in html
    assert "Openbare les" in html
    assert "Les voor professionals" not in html
    assert "Concept les" not in html
    assert "leverde 1 les op" in html
    assert "<strong>vet</strong>" in html  # Markdown, rendered like a lesson body
    assert "<script>alert(1)</script>" not in html  # raw HTML never gets through

    client.force_login(professional)
    html = client.get(day.url).content.decode()
    assert "Les voor professionals" in html
    assert "leverde 2 lessen op" in html


def test_index_upcoming_first_archive_by_year_and_filters(client, kennisdag_index, make_kennisdag):
    today = timezone.localdate()
    upcoming = make_kennisdag("Komende dag", datum=today + datetime.timedelta(days=30))
    old = make_kennisdag("Dag in 2024", datum=datetime.date(2024, 10, 3))
    recent = make_kennisdag("Dag in 2025", datum=datetime.date(2025, 4, 3))
    make_kennisdag("Concept dag", datum=today + datetime.timedelta(days=3), publish=False)
    veilig = Thema.objects.get(slug="veilig")
    img = Organisatie.objects.get(afkorting="IMG")
    recent.themas.add(veilig)
    recent.organisaties.add(img)
    recent.save_revision().publish()

    html = client.get(kennisdag_index.url).content.decode()
    assert html.index("Komende dag") < html.index("Dag in 2025") < html.index("Dag in 2024")
    assert ">2025</h3>" in html and ">2024</h3>" in html
    assert "Concept dag" not in html

    html = client.get(kennisdag_index.url, {"thema": "veilig"}).content.decode()
    assert "Dag in 2025" in html and "Dag in 2024" not in html and "Komende dag" not in html
    html = client.get(kennisdag_index.url, {"organisatie": img.slug}).content.decode()
    assert "Dag in 2025" in html and "Dag in 2024" not in html
    assert old.live and upcoming.live

    assert next_kennisdag(None) == upcoming


def test_index_flags_past_days_without_report_to_editors_only(
    client, kennisdag_index, make_kennisdag, editor
):
    make_kennisdag("Dag zonder verslag", datum=datetime.date(2025, 1, 9))
    assert "Nog zonder verslag" not in client.get(kennisdag_index.url).content.decode()
    client.force_login(editor)
    assert "Nog zonder verslag" in client.get(kennisdag_index.url).content.decode()


def test_material_text_is_empty_without_documents(make_kennisdag):
    assert kennisdag_material_text(make_kennisdag()) == ""


def test_home_page_shows_the_next_kennisdag(client, make_kennisdag):
    make_kennisdag("Komende dag op de voorpagina", datum=timezone.localdate())
    html = client.get("/").content.decode()
    assert "Komende dag op de voorpagina" in html


def _harvest(day, lesson_index, count, *, zichtbaarheid="openbaar", start=0):
    """`count` live lessons harvested at `day`, one day apart (newest has the highest n)."""
    for n in range(start, start + count):
        lesson_index.add_child(
            instance=LessonPage(
                title=f"Oogst {n:02d}",
                slug=f"oogst-{n:02d}",
                samenvatting=f"Les {n} van deze dag.",
                soort="les",
                fase="werkt",
                datum=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
                zichtbaarheid=zichtbaarheid,
                kennisdag=day,
            )
        )


def _titles(html: str) -> list[str]:
    return re.findall(r">(Oogst \d\d)</a>", html)


def test_a_large_harvest_is_listed_in_pages_newest_first(client, make_kennisdag, lesson_index):
    day = make_kennisdag("Kennisdag met grote oogst")
    _harvest(day, lesson_index, HARVEST_PER_PAGE + 6)

    first = client.get(day.url).content.decode()
    assert f"leverde {HARVEST_PER_PAGE + 6} lessen op" in first
    assert _titles(first) == [f"Oogst {n:02d}" for n in range(HARVEST_PER_PAGE + 5, 5, -1)]
    assert "Pagina 1 van 2" in first
    assert 'rel="next"' in first

    second = client.get(day.url, {"page": 2}).content.decode()
    assert _titles(second) == [f"Oogst {n:02d}" for n in range(5, -1, -1)]
    assert f"leverde {HARVEST_PER_PAGE + 6} lessen op" in second


@pytest.mark.parametrize(("page", "expected"), [("abc", "1"), ("0", "2"), ("999", "2")])
def test_a_page_number_that_is_no_page_shows_a_page_not_an_error(
    client, make_kennisdag, lesson_index, page, expected
):
    day = make_kennisdag("Kennisdag met oogst in pagina's")
    _harvest(day, lesson_index, HARVEST_PER_PAGE + 1)
    response = client.get(day.url, {"page": page})
    assert response.status_code == 200
    assert f"Pagina {expected} van 2" in response.content.decode()


def test_professionals_only_lessons_are_neither_listed_nor_counted_in_the_pages(
    client, make_kennisdag, lesson_index, professional
):
    day = make_kennisdag("Kennisdag met afgeschermde oogst")
    _harvest(day, lesson_index, 3)
    _harvest(day, lesson_index, HARVEST_PER_PAGE, zichtbaarheid="professionals", start=3)

    html = client.get(day.url).content.decode()
    assert _titles(html) == ["Oogst 02", "Oogst 01", "Oogst 00"]
    assert "leverde 3 lessen op" in html
    assert "Paginering" not in html

    client.force_login(professional)
    html = client.get(day.url).content.decode()
    assert f"leverde {HARVEST_PER_PAGE + 3} lessen op" in html
    assert "Pagina 1 van 2" in html
