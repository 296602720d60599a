"""The index may drift (a lost task, a write that bypassed the signals): search checks its
hits against the live policy before answering, so a stale entry never reaches a user who
may not see the page, and the drift is queued for repair."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from kennisbank.roles import PROFESSIONALS
from search.models import QueryLog, SearchEntry
from tests.search.conftest import api, titles
from tests.search_engine.conftest import page_text, page_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def stale_lesson(database_engine, make_lesson):
    """Public in the index, restricted on the page: the restriction is written without
    signals, as a bulk write or a lost task would leave it."""
    make_lesson("Openbare les over kwelwater", "Kwelwater in de kelder.")
    lesson = make_lesson("Geheime les over kwelwater", "Kwelwater en het stiltegebiedplan.")
    restriction = PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page_id=lesson.pk, restriction_type=PageViewRestriction.GROUPS)]
    )[0]
    restriction = PageViewRestriction.objects.get(page_id=lesson.pk)
    PageViewRestriction.groups.through.objects.bulk_create(
        [
            PageViewRestriction.groups.through(
                pageviewrestriction_id=restriction.pk,
                group_id=Group.objects.get(name=PROFESSIONALS).pk,
            )
        ]
    )
    assert SearchEntry.objects.get(page_id=lesson.pk).audience == "openbaar"
    return lesson


def test_a_stale_entry_never_reaches_anonymous_through_the_api(client, stale_lesson):
    data = api(client, q="kwelwater")
    assert titles(data) == ["Openbare les over kwelwater"]
    assert "stiltegebied" not in str(data) and stale_lesson.url not in str(data)
    assert api(client, q="stiltegebiedplan")["results"] == []


def test_a_stale_entry_never_reaches_anonymous_through_the_page(client, stale_lesson):
    html = client.get("/zoeken/", {"q": "kwelwater"}).content.decode()
    assert page_titles(html) == ["Openbare les over kwelwater"]
    assert "Geheime les" not in page_text(html) and "stiltegebied" not in html


def test_a_stale_entry_is_no_editors_pick_and_no_click_through(client, stale_lesson):
    promoted = Query.get("kwelwater")
    SearchPromotion.objects.create(query=promoted, page=stale_lesson, sort_order=0)
    data = api(client, q="kwelwater")
    assert titles(data) == ["Openbare les over kwelwater"]
    log = QueryLog.objects.create(query="kwelwater", results=1)
    assert client.get(f"/zoeken/klik/{log.pk}/{stale_lesson.pk}/").status_code == 404


def test_the_drift_is_queued_for_repair(client, stale_lesson, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        api(client, q="kwelwater")
    assert SearchEntry.objects.get(page_id=stale_lesson.pk).audience.startswith("groepen:")


def test_a_professional_still_finds_the_page(client, stale_lesson, professional):
    client.force_login(professional)
    assert set(titles(api(client, q="kwelwater"))) == {
        "Openbare les over kwelwater",
        "Geheime les over kwelwater",
    }


def test_check_reports_an_entry_indexed_for_another_audience(stale_lesson):
    with pytest.raises(CommandError):
        call_command("search_index", "check")
