"""The lessons index page by page: every page holds the next newest lessons the reader may
see, whichever way its ids are found (`lessons.selectors.index_list`: walking the date
index for the unfiltered list and filters on the lesson's own row, the filter's own plan
for a thema or tag), and the walk is what SQLite runs (no sort of every lesson)."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from kennisbank.roles import ORGANISATOREN
from lessons.models import LessonPage

pytestmark = pytest.mark.django_db

PER_PAGE = 12  # lessons.views.PER_PAGE


@pytest.fixture
def lessons(make_lesson):
    """45 lessons on distinct and on shared dates: every third for professionals only, one
    restricted to organisers, soort alternating, a tag on three in four."""
    made = []
    for n in range(45):
        made.append(
            make_lesson(
                f"Les {n:02d}",
                soort="les" if n % 2 else "goed-voorbeeld",
                datum=datetime.date(2026, 1, 1) + datetime.timedelta(days=n // 2),
                zichtbaarheid="professionals" if n % 3 == 0 else "openbaar",
                tags=["meeste"] if n % 4 != 1 else [],
            )
        )
    restriction = PageViewRestriction.objects.create(
        page=made[7], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=ORGANISATOREN)])
    return made


def _expected(lessons, *, professional: bool, keep=lambda lesson: True) -> list[str]:
    visible = [
        lesson
        for lesson in lessons
        if lesson.title != "Les 07"
        and (professional or lesson.zichtbaarheid == "openbaar")
        and keep(lesson)
    ]
    visible.sort(key=lambda lesson: (lesson.datum, lesson.pk), reverse=True)
    return [lesson.title for lesson in visible]


def _listed(client, query: str) -> list[str]:
    titles, number = [], 1
    while True:
        html = client.get(f"/lessen/?{query}&page={number}").content.decode()
        titles += re.findall(r'<a href="[^"]+">(Les \d\d)</a>', html)
        if 'rel="next"' not in html:
            return titles
        number += 1


@pytest.mark.parametrize("who", ["anonymous", "professional"])
@pytest.mark.parametrize(
    ("query", "keep"),
    [
        ("", lambda lesson: True),
        ("soort=les", lambda lesson: lesson.soort == "les"),
        ("tag=meeste", lambda lesson: int(lesson.title[-2:]) % 4 != 1),
    ],
    ids=["unfiltered", "own-row-filter", "tag-filter"],
)
def test_every_page_holds_the_next_newest_lessons_the_reader_may_see(
    client, lessons, professional, who, query, keep
):
    if who == "professional":
        client.force_login(professional)
    expected = _expected(lessons, professional=who == "professional", keep=keep)
    assert len(expected) > PER_PAGE  # more than one page, so paging is exercised
    assert _listed(client, query) == expected


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan")
def test_a_deep_page_walks_the_date_index_instead_of_sorting_every_lesson(client, lessons):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/lessen/?page=2").status_code == 200
    page_ids = next(
        q["sql"]
        for q in queries
        if "ORDER BY" in q["sql"] and "OFFSET" in q["sql"] and "lessons_lessonpage" in q["sql"]
    )
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {page_ids}")
        plan = " / ".join(row[-1] for row in cursor.fetchall())
    assert "lessons_datum_newest" in plan, plan
    assert "TEMP B-TREE" not in plan, plan


def test_the_walk_keeps_what_the_policy_would_hide_out_after_a_new_restriction(client, lessons):
    titles = _listed(client, "")
    newest = LessonPage.objects.get(title=titles[0])
    PageViewRestriction.objects.create(page=newest, restriction_type=PageViewRestriction.LOGIN)
    assert newest.title not in _listed(client, "")
