"""The SVG charts: escaped labels, a text alternative, contrast, and a table beside each chart."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from leerloop import charts
from leerloop.charts import Series

EVIL = '<script>alert("x")</script> & "quotes" \'apos\''


def _svg(markup):
    soup = BeautifulSoup(str(markup), "html.parser")
    return soup.find("svg")


def _luminance(hex_colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a, b):
    high, low = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("colour", [colour for colour, _pattern in charts.PALETTE])
def test_every_chart_colour_has_text_contrast_on_white(colour):
    # 4.5:1, more than the 3:1 graphics need: white figures are printed on the bars.
    assert _contrast(colour, "#ffffff") >= 4.5


def test_series_differ_by_pattern_and_line_style_not_only_colour():
    assert len({pattern for _c, pattern in charts.PALETTE}) == len(charts.PALETTE)
    assert len(set(charts.DASHES)) == len(charts.DASHES)
    assert len(set(charts.MARKERS)) == len(charts.MARKERS)


@pytest.mark.parametrize("kind", ["bar", "stacked", "line"])
def test_labels_titles_and_series_names_are_escaped(kind):
    build = charts.line_chart if kind == "line" else charts.bar_chart
    series = [Series(EVIL, [1, 2])] + ([Series("Twee", [3, 4])] if kind != "bar" else [])
    markup = str(build('id"><script>', EVIL, [EVIL, "Gewoon"], series, summary=EVIL))
    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup
    assert 'id"' not in markup  # the chart id is reduced to safe characters
    svg = _svg(markup)
    assert svg.title.string == EVIL  # round-trips as text, not markup
    assert EVIL in svg.desc.string


@pytest.mark.parametrize("build", [charts.bar_chart, charts.line_chart])
def test_chart_is_an_image_named_by_its_title_and_desc(build):
    svg = _svg(build("demo", "Lessen per fase", ["A", "B"], [Series("Aantal", [3, 5])]))
    assert svg["role"] == "img"
    title, desc = svg["aria-labelledby"].split()
    assert svg.find(id=title).name == "title" and svg.find(id=title).string == "Lessen per fase"
    assert svg.find(id=desc).name == "desc"
    # The desc is a real alternative: it states the numbers.
    assert "A" in svg.desc.string and "3" in svg.desc.string and "5" in svg.desc.string


def test_stacked_bar_chart_desc_lists_totals_and_series():
    svg = _svg(
        charts.bar_chart(
            "stack", "T", ["Rij een", "Rij twee"], [Series("Idee", [1, 2]), Series("Werkt", [3, 0])]
        )
    )
    assert "Rij een: 4" in svg.desc.string and "Rij twee: 2" in svg.desc.string
    assert "Idee" in svg.desc.string and "Werkt" in svg.desc.string
    # One rect per non-zero value, each filled with its series pattern.
    fills = [r["fill"] for r in svg.find_all("rect") if r.get("height") == "20"]
    assert fills == ["url(#stack-p0)", "url(#stack-p1)", "url(#stack-p0)"]


def test_empty_chart_says_there_is_no_data():
    svg = _svg(charts.bar_chart("leeg", "Leeg", [], []))
    assert "Geen gegevens" in svg.desc.string
    assert svg["role"] == "img"


def test_long_labels_are_shortened_in_the_picture_but_whole_in_the_desc():
    long = "Een heel lange naam van een gebied die niet in de kolom past " * 2
    svg = _svg(charts.bar_chart("lang", "T", [long], [Series("n", [1])]))
    assert long.strip() in svg.desc.string
    assert any(text.string.endswith("…") for text in svg.find_all("text") if text.string)


def test_each_chart_on_the_page_has_a_figure_caption_and_a_table(client, dataset):
    html = client.get(reverse("leerloop:dashboard")).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    panels = soup.select("section.leerloop-panel")
    assert [p["id"] for p in panels] == [
        "fase-actielijn",
        "toepassingen-tijd",
        "toepassingen-stroom",
        "gemeente-gebied",
        "signalen",
        "herziening",
    ]
    for panel in panels:
        svg = panel.figure.svg
        assert svg["role"] == "img"
        for ref in svg["aria-labelledby"].split():
            assert soup.find(id=ref).get_text(strip=True)
        assert panel.figure.figcaption.get_text(strip=True)
        table = panel.find("table")
        assert table.caption.get_text(strip=True)
        assert all(th.get("scope") in {"col", "row"} for th in table.find_all("th"))
        assert table.thead.find_all("th", scope="col")


def test_the_table_holds_the_same_numbers_as_the_chart(client, dataset):
    html = client.get(reverse("leerloop:dashboard")).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    panel = soup.find(id="gemeente-gebied")
    totals = {
        row.th.get_text(strip=True): row.find_all("td")[-1].get_text(strip=True)
        for row in panel.table.tbody.find_all("tr")
    }
    desc = panel.svg.desc.string
    for gemeente, total in totals.items():
        assert f"{gemeente}: {total}" in desc


def test_lesson_titles_with_markup_are_escaped_on_the_page(client, make_lesson):
    from kennisbank.models import Gebied
    from lessons.models import Adoption

    lesson = make_lesson("<b>Vet</b> & <script>x()</script>", gemeente="Groningen")
    Adoption.objects.create(
        page=lesson, gebied=Gebied.objects.get(slug="oosternieland"), datum="2026-03-01"
    )
    html = client.get(reverse("leerloop:dashboard")).content.decode()
    assert "<script>x()</script>" not in html
    assert "&lt;script&gt;x()&lt;/script&gt;" in html
