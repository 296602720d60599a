"""Scale: with 1,200 professionals-only lessons (beyond SQLite's ~1,000-term limit that
Wagtail's `.public()` runs into), every page type answers anonymous visitors with 200 and
shows none of the restricted titles; a professional still sees them (positive control)."""

import datetime

import pytest
from django.db import transaction

from kennisbank.models import Thema
from lessons import services
from lessons.models import LessonPage
from lessons.parser import LessonData

pytestmark = pytest.mark.django_db

RESTRICTED = 1_200
SECRET = "Beperkte proefles"


@pytest.fixture
def many_restricted(lesson_index, make_lesson):
    public = make_lesson("Open proefles", "Openbaar.", themas=["leefbaar"], tags=["gedeeld"])
    thema = Thema.objects.get(slug="leefbaar")
    items = [
        LessonData(
            slug=f"beperkte-proefles-{n}",
            title=f"{SECRET} {n}",
            soort="les",
            fase="werkt",
            samenvatting="Alleen voor professionals.",
            datum=datetime.date(2026, 6, 1),  # newer than the public one: first in every list
            body="",
            terms={"themas": [thema]},
            tags=["gedeeld"],
            zichtbaarheid="professionals",
        )
        for n in range(RESTRICTED)
    ]
    with transaction.atomic():
        services.bulk_create_lessons(items, lesson_index, follow_up=False)
    assert LessonPage.objects.filter(zichtbaarheid="professionals").count() == RESTRICTED
    return public


def urls(public):
    index = public.get_parent().url
    return [
        "/",
        public.url,
        index,
        f"{index}?thema=leefbaar",
        f"{index}tag/gedeeld/",
        f"{index}feed/",
        "/sitemap.xml",
        "/api/v2/pages/",
        "/api/v2/pages/?type=lessons.LessonPage&fields=title",
        "/api/v2/pages/?search=proefles",
        "/leerloop/",
        "/dossiers/",
        "/kennisdagen/",
    ]


def test_every_page_type_answers_anonymous_visitors_without_restricted_titles(
    client, many_restricted
):
    for url in urls(many_restricted):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode(), url


def test_a_professional_still_sees_the_restricted_lessons(client, many_restricted, professional):
    client.force_login(professional)
    index = many_restricted.get_parent().url
    for url in ("/", index, f"{index}tag/gedeeld/", "/api/v2/pages/?type=lessons.LessonPage"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET in response.content.decode(), url


def test_the_page_api_searches_through_the_policy_while_pages_are_restricted(
    client, many_restricted
):
    response = client.get("/api/v2/pages/", {"search": "proefles"})

    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Open proefles"]
