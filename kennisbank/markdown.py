"""Lesson bodies: Markdown in, safe HTML out, with anchors for the conventional sections.

Raw HTML in the Markdown is never rendered: the HTML processors of Python-Markdown are
removed, so tags arrive as text; nh3 then cleans the result with an allow-list and lets
only http, https and mailto links through. Pages store the output (`LessonPage.body_html`)
so this runs on save, not per request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import markdown
import nh3
from django.utils.text import slugify

SECTIONS = [
    "Situatie",
    "Aanpak",
    "Resultaat",
    "Wat werkte",
    "Wat niet werkte",
    "Randvoorwaarden",
    "Advies",
]

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
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
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}}
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


def _slugify(value: str, separator: str) -> str:
    return slugify(value) or "sectie"


def _renderer() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[
            _NoRawHtml(),
            "tables",
            "fenced_code",
            "sane_lists",
            "toc",
        ],
        extension_configs={"toc": {"slugify": _slugify, "toc_depth": "2-3"}},
        output_format="html",
    )


def render(text: str) -> str:
    """Markdown → sanitized HTML."""
    html = _renderer().convert(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def sections(html: str) -> list[Section]:
    """The level-2 headings of rendered HTML, for a table of contents."""
    return [Section(anchor, _TAGS.sub("", title).strip()) for anchor, title in _H2.findall(html)]
