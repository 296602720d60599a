"""No N+1 on the pages that list content: the number of queries of the lesson page, home,
lesson index, tag page, dossier, kennisdag and leerloop pages does not grow with the number of
lessons, taxonomy terms or adoptions on them (3 lessons cost what 12 cost)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dossiers.models import DossierIndexPage, DossierKeyLesson, DossierPage
from kennisbank.models import Gebied, Gemeente, Organisatie, Thema
from kennisdagen.models import KennisdagIndexPage, KennisdagPage
from lessons.models import Adoption, Bron

pytestmark = pytest.mark.django_db

MAX_QUERIES = 45  # an absolute ceiling per page, besides "does not grow"


@pytest.fixture
def site(lesson_index, make_lesson, django_capture_on_commit_callbacks):
    """A kennisdag, a dossier and a growing set of lessons with realistic taxonomy."""
    today = timezone.localdate()
    kennisdag = KennisdagPage(
        title="Kennisdag telling",
        slug="kennisdag-telling",
        datum=today + datetime.timedelta(days=3),
        start_tijd=datetime.time(9, 30),
        eind_tijd=datetime.time(16, 0),
        live=False,
    )
    KennisdagIndexPage.objects.get().add_child(instance=kennisdag)
    kennisdag.themas.set(Thema.objects.all()[:2])
    kennisdag.organisaties.set(Organisatie.objects.all()[:2])
    kennisdag.save_revision().publish()
    dossier = DossierPage(
        title="Dossier telling",
        slug="dossier-telling",
        vraag="Hoeveel vragen kost een pagina?",
        samenvatting="Niet meer dan nodig.",
        peildatum=datetime.date(2026, 9, 1),
        live=False,
    )
    DossierIndexPage.objects.get().add_child(instance=dossier)
    dossier.save_revision().publish()
    gebieden = list(Gebied.objects.all())
    gemeenten = list(Gemeente.objects.all())
    organisaties = [o.slug for o in Organisatie.objects.all()]
    themas = [t.slug for t in Thema.objects.all()]
    lessons = []

    def grow(to: int):
        while len(lessons) < to:
            n = len(lessons)
            lesson = make_lesson(
                f"Telles {n}",
                "## Situatie\nEen les om te tellen.",
                fase="opgeschaald",
                gebied=gebieden[n % len(gebieden)].slug,
                gemeente=gemeenten[n % len(gemeenten)].slug,
                organisaties=organisaties[n % 3 : n % 3 + 3],
                themas=themas[n % 2 : n % 2 + 2],
                tags=["telling", f"tel-{n}", f"extra-{n % 4}"],
            )
            lessons.append(lesson)
        # Every lesson: harvested at the kennisdag, adopted in several gebieden, with sources.
        first = lessons[0]
        for lesson in lessons:
            lesson.kennisdag = kennisdag
            lesson.save(update_fields=["kennisdag"])
            Adoption.objects.filter(page=lesson).delete()
            for m, gebied in enumerate(gebieden[: min(len(gebieden), to)]):
                Adoption.objects.create(
                    page=lesson, gebied=gebied, datum=datetime.date(2026, 1 + m % 12, 1)
                )
            Bron.objects.get_or_create(page=lesson, titel="Bron", url="https://example.org/")
        # The first lesson is adopted once per lesson on the site (adoptions grow with n too).
        for m in range(to):
            Adoption.objects.create(
                page=first, gebied=gebieden[m % len(gebieden)], datum=datetime.date(2026, 6, 1)
            )
        # The dossier cites every lesson, as key lesson and as source of a recommendation.
        page = DossierPage.objects.get(pk=dossier.pk)
        page.key_lessons = [
            DossierKeyLesson(lesson=lesson, note=f"Noot {lesson.pk}") for lesson in lessons
        ]
        page.aanbevelingen = [
            {"type": "aanbeveling", "value": {"tekst": f"Advies {x.pk}", "bronnen": [x.pk]}}
            for x in lessons
        ]
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        return lessons

    return grow


def pages(lessons):
    index = lessons[0].get_parent().url
    return {
        "lesson page": lessons[0].url,
        "home": "/",
        "lesson index": index,
        "lesson index filtered": f"{index}?thema=leefbaar",
        "tag page": f"{index}tag/telling/",
        "dossier index": DossierIndexPage.objects.get().url,
        "dossier page": DossierPage.objects.get(slug="dossier-telling").url,
        "kennisdag index": KennisdagIndexPage.objects.get().url,
        "kennisdag page": KennisdagPage.objects.get(slug="kennisdag-telling").url,
        "leerloop": "/leerloop/",
    }


def count_queries(client, url) -> int:
    assert client.get(url).status_code == 200, url  # warm per-request caches first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("who", ["anonymous", "professional"])
def test_page_queries_do_not_grow_with_lessons_and_adoptions(client, site, professional, who):
    if who == "professional":
        client.force_login(professional)
    few = {name: count_queries(client, url) for name, url in pages(site(3)).items()}
    many = {name: count_queries(client, url) for name, url in pages(site(12)).items()}
    assert many == few
    assert max(many.values()) <= MAX_QUERIES, many
