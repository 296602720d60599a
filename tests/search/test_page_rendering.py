"""The search page's repeated parts (`search/templatetags/search_results.py`): each facet
value a labelled checkbox with its count, each hit a card whose link counts the click, its
type and date, everything a visitor or editor wrote escaped."""

import datetime
import re

import pytest

from search.engines.base import FacetCount, Hit
from search.models import QueryLog
from search.templatetags.search_results import search_facets, search_hits

pytestmark = pytest.mark.django_db


def test_a_hit_links_through_the_click_counter_with_its_type_and_date(
    client, database_engine, make_lesson
):
    lesson = make_lesson("Les over dijkwerkers", "Dijkwerkers.", datum=datetime.date(2026, 3, 1))
    html = client.get("/zoeken/", {"q": "dijkwerkers"}).content.decode()
    link = re.search(rf'href="/zoeken/klik/(\d+)/{lesson.pk}/"', html)
    assert link, html
    assert '<time datetime="2026-03-01">1 maart 2026</time>' in html
    assert re.search(r'<p class="card__eyebrow">Les · <time', html)
    response = client.get(f"/zoeken/klik/{link.group(1)}/{lesson.pk}/")
    assert response.status_code == 302 and response["Location"] == lesson.url
    assert not QueryLog.objects.filter(clicks__gt=0).exclude(pk=int(link.group(1))).exists()


def test_facet_values_are_checkboxes_with_their_counts_and_labels_escaped():
    html = search_facets(
        [
            ("tag", "Tag", [FacetCount("a-b", "<b>A & B</b>", 3, selected=True)]),
            ("fase", "Fase", []),
        ]
    )
    assert "<legend>Tag</legend>" in html
    assert '<input type="checkbox" name="tag" value="a-b" id="f-tag-a-b" checked>' in html
    assert (
        '<label for="f-tag-a-b">&lt;b&gt;A &amp; B&lt;/b&gt; <span class="facet__count">(3)</span>'
        in html
    )
    assert "Fase" not in html  # a facet without values is left out


def test_a_hit_without_a_logged_search_links_to_its_page_and_escapes_what_editors_wrote():
    html = search_hits(
        [
            Hit(
                0,
                "Extern <script>",
                "https://example.nl/?a=1&b=2",
                "link",
                "<i>x</i>",
                None,
                pick=True,
            )
        ]
    )
    assert 'href="https://example.nl/?a=1&amp;b=2"' in html
    assert "Extern &lt;script&gt;" in html and "<script>" not in html
    assert "Tip van de redactie · " in html
    assert "&lt;i&gt;x&lt;/i&gt;" in html  # a snippet that is not marked safe is escaped
