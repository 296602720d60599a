"""The one Markdown renderer (kennisbank.markdown): heading offset for text under a page's
own headings. Sanitizing and lesson anchors are tested with the lessons
(tests/lessons/test_rendering_and_privacy.py)."""

from kennisbank.markdown import render

TEXT = "# Titel\n\n## Situatie\n\ntekst\n\n### Aanpak\n\n#### Details\n\n##### Te diep"


def test_without_offset_headings_are_h2_to_h4_with_anchors():
    html = render(TEXT)
    assert '<h2 id="situatie">Situatie</h2>' in html
    assert '<h3 id="aanpak">Aanpak</h3>' in html
    assert "<h4" in html and "<h5" not in html and "<h1" not in html


def test_an_offset_moves_every_heading_down_keeping_its_anchor():
    html = render(TEXT, heading_offset=1)
    assert '<h3 id="situatie">Situatie</h3>' in html
    assert '<h4 id="aanpak">Aanpak</h4>' in html
    assert "<h5" in html and "<h2" not in html


def test_an_offset_never_goes_below_h6():
    html = render(TEXT, heading_offset=3)
    assert '<h5 id="situatie">' in html
    assert html.count("<h6") == 2  # ### and #### both end at h6


def test_the_title_level_and_levels_past_four_stay_plain_text_at_any_offset():
    for offset in (0, 1, 3):
        html = render(TEXT, heading_offset=offset)
        assert "Titel" in html and "Te diep" in html
        assert html.count("<h") == 3  # only ##, ### and ####


def test_raw_html_headings_are_text_whatever_the_offset():
    html = render("<h2>ingevoegd</h2>", heading_offset=1)
    assert "&lt;h2&gt;" in html and "<h2" not in html and "<h3" not in html
