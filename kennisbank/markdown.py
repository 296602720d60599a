"""Markdown in, safe HTML out: lesson bodies, dossier syntheses, kennisdag reports, findings.

Raw HTML in the Markdown is never rendered: the HTML processors of Python-Markdown are
removed, so tags arrive as text; nh3 then cleans the result with an allow-list and lets
only http, https and mailto links through. `##` and `###` get anchors (a lesson's
conventional sections make its table of contents). Text that sits under headings of its
own page passes `heading_offset`, so `##` lands one level below the page's heading. Pages
store the output (e.g. `LessonPage.body_html`), so this runs on save, not per request.
`plain_text` gives what a reader reads of the same source, without any Markdown syntax: the
text search indexes and quotes in its snippets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import nh3
from django.utils.text import slugify

ALLOWED_TAGS = {
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "br",
}
# Markdown `##` to `####` become headings (h2-h4 without an offset); `#` (the page's own
# title level) and anything deeper than `####` are kept as plain text.
HEADING_LEVELS = range(2, 5)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
_HEADING_TAGS = {f"h{level}": level for level in range(1, 7)}
URL_SCHEMES = {"http", "https", "mailto"}
_H2 = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.S)
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str


class _NoRawHtml(markdown.Extension):
    """Treat raw HTML as text: Python-Markdown escapes it instead of passing it through."""

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's API
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


class _HeadingOffset(markdown.Extension):
    """Move the headings of HEADING_LEVELS `offset` levels down (never below h6), after the
    anchors are set; other headings become a tag the allow-list strips (their text stays)."""

    def __init__(self, offset: int):
        super().__init__()
        self.offset = offset

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's API
        md.treeprocessors.register(_ShiftHeadings(md, self.offset), "heading_offset", 4)


class _ShiftHeadings(markdown.treeprocessors.Treeprocessor):
    def __init__(self, md, offset: int):
        super().__init__(md)
        self.offset = offset

    def run(self, root):
        for element in root.iter():
            level = _HEADING_TAGS.get(element.tag)
            if level in HEADING_LEVELS:
                element.tag = f"h{min(level + self.offset, 6)}"
            elif level is not None:
                element.tag = "span"


def _slugify(value: str, separator: str) -> str:
    return slugify(value) or "sectie"


def _renderer(heading_offset: int) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[
            _NoRawHtml(),
            _HeadingOffset(heading_offset),
            "tables",
            "fenced_code",
            "sane_lists",
            "toc",
        ],
        extension_configs={"toc": {"slugify": _slugify, "toc_depth": "2-3"}},
        output_format="html",
    )


def render(text: str, heading_offset: int = 0) -> str:
    """Markdown → sanitized HTML.

    `heading_offset` moves every heading that many levels down, for text under a heading of
    its own page: with 1, `##` becomes h3 (a dossier's synthesis under the page's h2)."""
    headings = {f"h{min(level + heading_offset, 6)}" for level in HEADING_LEVELS}
    html = _renderer(heading_offset).convert(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS | headings,
        attributes=ALLOWED_ATTRIBUTES | {heading: {"id"} for heading in headings},
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def sections(html: str) -> list[Section]:
    """The level-2 headings of rendered HTML, for a table of contents."""
    return [Section(anchor, _TAGS.sub("", title).strip()) for anchor, title in _H2.findall(html)]


# Elements that end a line of text: their text never runs into the next block's.
_BLOCKS = {"p", "li", "ul", "ol", "blockquote", "pre", "table", "tr", "hr", "br", "div"}
_BLOCKS |= set(_HEADING_TAGS)
_CELLS = {"td", "th"}
_SPACES = re.compile(r"[^\S\n]+")
_BREAKS = re.compile(r"\s*\n\s*")


class _Text(HTMLParser):
    """The text of rendered HTML: data only (entities decoded), a newline at every block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in _CELLS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        self.handle_starttag(tag, ())

    def handle_data(self, data):
        self.parts.append(data.replace("\n", " "))  # a line break in HTML source is a space


def plain_text(source: str) -> str:
    """Markdown → the text a reader sees, without any syntax (`## Situatie` → `Situatie`,
    `**vet**` → `vet`, `[tekst](url)` → `tekst`, list markers gone). Blocks (paragraphs,
    headings, list items, table rows) end in a newline; spaces inside a block are collapsed.
    Raw HTML in the source stays text, as on the page."""
    return html_text(render(source or ""))


def html_text(html: str) -> str:
    """The text of HTML that `render` made (stored, e.g. `LessonPage.body_html`), as
    `plain_text` gives it, without rendering again."""
    parser = _Text()
    parser.feed(html or "")
    parser.close()
    text = _SPACES.sub(" ", "".join(parser.parts))
    return _BREAKS.sub("\n", text).strip()
