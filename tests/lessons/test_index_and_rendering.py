"""The lesson index's filters and pagination, and the rendered body cached on save."""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lessons.models import LessonPage, LessonTag
from lessons.selectors import filter_lessons, visible_lessons

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(make_lesson):
    return [
        make_lesson("Goed voorbeeld veilig", "x", soort="goed-voorbeeld", themas=["veilig"]),
        make_lesson("Werkwijze leefbaar", "x", soort="werkwijze", themas=["leefbaar"], tags=["kt"]),
        make_lesson("Gestopte les", "x", fase="gestopt", gemeente="Eemsdelta", tags=["kt"]),
    ]


def listed(client, index, **params):
    html = client.get(index.url, params).content.decode()
    return {title for title in LessonPage.objects.values_list("title", flat=True) if title in html}


def test_filter_on_soort(client, three):
    assert listed(client, three[0].get_parent(), soort="werkwijze") == {"Werkwijze leefbaar"}


def test_filter_on_thema(client, three):
    assert listed(client, three[0].get_parent(), thema="veilig") == {"Goed voorbeeld veilig"}


def test_filter_on_tag(client, three):
    assert listed(client, three[0].get_parent(), tag="kt") == {
        "Werkwijze leefbaar",
        "Gestopte les",
    }


def test_filters_combine(client, three):
    result = listed(client, three[0].get_parent(), tag="kt", fase="gestopt")
    assert result == {"Gestopte les"}


def test_unknown_filter_values_show_the_normal_page(client, three):
    index = three[0].get_parent()
    for params in ({"soort": "x" * 5000}, {"gemeente": "'; drop table"}, {"page": "abc"}):
        assert client.get(index.url, params).status_code == 200, params


def test_tag_page_lists_the_lessons_with_that_tag(client, three):
    html = client.get(f"{three[0].get_parent().url}tag/kt/").content.decode()
    assert "Werkwijze leefbaar" in html and "Goed voorbeeld veilig" not in html


def test_index_paginates(client, make_lesson):
    lessons = [make_lesson(f"Les nummer {n:02d}", "x") for n in range(14)]
    index = lessons[0].get_parent()
    first = client.get(index.url).content.decode()
    second = client.get(index.url, {"page": 2}).content.decode()
    assert first.count("Les nummer") + second.count("Les nummer") >= 14
    assert "Les nummer" in second


def test_body_html_is_rendered_on_save(make_lesson):
    lesson = make_lesson("Les met kopjes", "## Situatie\nTekst")
    stored = LessonPage.objects.get(pk=lesson.pk).body_html
    assert '<h2 id="situatie">Situatie</h2>' in stored


def test_body_is_not_rendered_again_per_request(client, make_lesson):
    lesson = make_lesson("Les zonder herberekening", "## Aanpak\nTekst")
    with mock.patch("kennisbank.markdown.render", side_effect=AssertionError("rendered")):
        response = client.get(lesson.url)
    assert response.status_code == 200 and 'id="aanpak"' in response.content.decode()


def test_lesson_page_has_a_table_of_contents_for_its_sections(client, make_lesson):
    lesson = make_lesson("Les met inhoud", "## Situatie\nA\n\n## Advies\nB")
    html = client.get(lesson.url).content.decode()
    assert 'href="#situatie"' in html and 'href="#advies"' in html


def test_the_unfiltered_listing_needs_no_distinct(client, three):
    with CaptureQueriesContext(connection) as captured:
        client.get(three[0].get_parent().url)
    listing = [q["sql"] for q in captured.captured_queries if "lessons_lessonpage" in q["sql"]]
    assert listing and not any("DISTINCT" in sql for sql in listing)


@pytest.mark.parametrize(
    "path", ["?thema=leefbaar", "?tag=kt", "tag/kt/", "?tag=kt&thema=leefbaar"]
)
def test_filtered_listings_and_tag_pages_select_lessons_without_distinct(client, three, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{three[0].get_parent().url}{path}")
    assert response.status_code == 200 and "Werkwijze leefbaar" in response.content.decode()
    listing = [q["sql"] for q in captured.captured_queries if "lessons_lessonpage" in q["sql"]]
    assert listing and not any("DISTINCT" in sql for sql in listing)


def test_a_lesson_matching_a_filter_through_two_rows_is_listed_and_counted_once(client, three):
    lesson = three[1]
    row = LessonTag.objects.get(content_object=lesson, tag__slug="kt")
    LessonTag.objects.create(content_object=lesson, tag=row.tag)  # the same tag twice
    index = lesson.get_parent()
    for url in (f"{index.url}?tag=kt", f"{index.url}tag/kt/"):
        html = client.get(url).content.decode()
        assert html.count(f'href="{lesson.url}"') == 1, url
    qs, _ = filter_lessons(visible_lessons(None), {"tag": "kt"})
    assert qs.count() == 2
