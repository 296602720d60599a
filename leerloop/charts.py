"""Server-side SVG charts: pure functions from numbers and labels to accessible SVG markup.

No JavaScript. Each chart is `<svg role="img">` named by its own `<title>` and `<desc>`
(the desc spells out every total, so the picture has a real text alternative); the page puts
a table with the same numbers beside it. Every string is escaped here: labels come from
editors and imports, never trust them. Colour is never the only cue: each series also has
its own fill pattern (bars) or dash and marker shape (lines), a legend, and values printed
on the chart. All colours have at least 4.5:1 contrast on white.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# (colour, pattern): colour contrast on white ≥ 4.5:1 (see tests/leerloop/test_charts.py).
PALETTE = [
    ("#01689b", "solid"),
    ("#a14a00", "diagonal"),
    ("#1b6b2e", "dots"),
    ("#6d2077", "cross"),
    ("#8a1538", "horizontal"),
    ("#535353", "vertical"),
]
DASHES = ["", "8 4", "2 3", "12 3 2 3"]
MARKERS = ["circle", "square", "diamond", "triangle"]
TEXT = "#1a1a1a"
MUTED = "#535353"
GRID = "#b4c3d1"

WIDTH = 720
FONT = 13
CHAR_W = 7.2  # average glyph width of the system font at 13px, for layout only


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[int | float]


def _id(value: str) -> str:
    clean = re.sub(r"[^a-z0-9-]", "", str(value).lower())
    return clean or "chart"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def _fit(label: str, width: float) -> str:
    """Shorten a label to fit `width` pixels; the full label is in the title and table."""
    chars = max(int(width // CHAR_W), 4)
    return label if len(label) <= chars else label[: chars - 1].rstrip() + "…"


def _nice_max(value: float) -> tuple[float, float]:
    """An axis maximum and tick step with round numbers (at most ~5 ticks)."""
    if value <= 0:
        return 1, 1
    raw = value / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if step < 1:
        step = 1
    return math.ceil(value / step) * step, step


def _patterns(chart_id: str, count: int) -> str:
    """One <pattern> per series: the colour plus a dark texture, so print and colour-blind
    readers can tell the series apart."""
    out = []
    for index in range(count):
        colour, kind = PALETTE[index % len(PALETTE)]
        marks = {
            "solid": "",
            "diagonal": '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#000" '
            'stroke-opacity=".45" stroke-width="2"/>',
            "dots": '<circle cx="4" cy="4" r="1.6" fill="#000" fill-opacity=".5"/>',
            "cross": '<path d="M0,0 l8,8 M8,0 l-8,8" stroke="#000" stroke-opacity=".45" '
            'stroke-width="1.5"/>',
            "horizontal": '<path d="M0,4 h8" stroke="#000" stroke-opacity=".5" stroke-width="2"/>',
            "vertical": '<path d="M4,0 v8" stroke="#000" stroke-opacity=".5" stroke-width="2"/>',
        }[kind]
        out.append(
            f'<pattern id="{chart_id}-p{index}" width="8" height="8" '
            f'patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="{colour}"/>'
            f"{marks}</pattern>"
        )
    return f"<defs>{''.join(out)}</defs>"


def _legend(chart_id: str, names: list[str], *, lines: bool = False) -> tuple[str, float]:
    """Legend items wrapped over rows at the top; returns (markup, height)."""
    if len(names) < 2:
        return "", 0
    parts, x, y = [], 0.0, 14.0
    for index, name in enumerate(names):
        label = _fit(name, 260)
        item_w = 22 + len(label) * CHAR_W + 18
        if x and x + item_w > WIDTH:
            x, y = 0.0, y + 22
        if lines:
            colour = PALETTE[index % len(PALETTE)][0]
            dash = DASHES[index % len(DASHES)]
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            swatch = (
                f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x + 16:.1f}" y2="{y - 4:.1f}" '
                f'stroke="{colour}" stroke-width="3"{dash_attr}/>'
                + _marker(MARKERS[index % len(MARKERS)], x + 8, y - 4, colour)
            )
        else:
            swatch = (
                f'<rect x="{x:.1f}" y="{y - 12:.1f}" width="16" height="16" '
                f'fill="url(#{chart_id}-p{index})" stroke="{TEXT}" stroke-width=".5"/>'
            )
        parts.append(
            f'{swatch}<text x="{x + 22:.1f}" y="{y:.1f}" fill="{TEXT}">{escape(label)}</text>'
        )
        x += item_w
    return f'<g class="chart__legend">{"".join(parts)}</g>', y + 14


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}"/>'
    if kind == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if kind == "diamond":
        return f'<path d="M{x:.1f},{y - 5.5:.1f} l5.5,5.5 l-5.5,5.5 l-5.5,-5.5 z" fill="{colour}"/>'
    return f'<path d="M{x:.1f},{y - 5.5:.1f} l5.5,9.5 h-11 z" fill="{colour}"/>'


def _svg(chart_id: str, title: str, desc: str, height: float, body: str) -> SafeString:
    chart_id = _id(chart_id)
    return mark_safe(  # noqa: S308 - every interpolated string is escaped above or here
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {WIDTH} {math.ceil(height)}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false" '
        f'font-family="system-ui, sans-serif" font-size="{FONT}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        f"{body}</svg>"
    )


def _empty(chart_id: str, title: str, summary: str) -> SafeString:
    message = "Geen gegevens voor deze selectie."
    body = f'<text x="{WIDTH / 2}" y="40" text-anchor="middle" fill="{MUTED}">{message}</text>'
    return _svg(chart_id, title, f"{summary} {message}".strip(), 70, body)


def bar_chart(
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    summary: str = "",
    max_label_width: float = 240,
) -> SafeString:
    """Horizontal bars, one per category; several series are stacked in one bar."""
    chart_id = _id(chart_id)
    categories = [str(c) for c in categories]
    series = [s for s in series if len(s.values) == len(categories)]
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    if not categories or not series:
        return _empty(chart_id, title, summary)

    names = [str(s.name) for s in series]
    desc = " ".join(
        part
        for part in [
            summary,
            ("Gestapeld staafdiagram met " + ", ".join(names) + ".") if len(series) > 1 else "",
            "Totalen: "
            + "; ".join(f"{c}: {_num(t)}" for c, t in zip(categories, totals, strict=True))
            + ".",
        ]
        if part
    )
    legend, legend_h = _legend(chart_id, names)
    label_w = min(max_label_width, max(60.0, max(len(c) for c in categories) * CHAR_W)) + 8
    x0, x1 = label_w + 8, WIDTH - 48
    top = legend_h + 8
    row_h, bar_h = 30, 20
    axis_max, step = _nice_max(max(totals))
    scale = (x1 - x0) / axis_max
    bottom = top + len(categories) * row_h

    parts = [_patterns(chart_id, len(series)), legend]
    tick = 0.0
    while tick <= axis_max + 1e-9:
        x = x0 + tick * scale
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 4:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{bottom + 16:.1f}" text-anchor="middle" '
            f'fill="{MUTED}">{_num(tick)}</text>'
        )
        tick += step
    for row, category in enumerate(categories):
        y = top + row * row_h + (row_h - bar_h) / 2
        parts.append(
            f'<text x="{label_w:.1f}" y="{y + bar_h / 2 + 4.5:.1f}" text-anchor="end" '
            f'fill="{TEXT}">{escape(_fit(category, label_w - 8))}</text>'
        )
        x = x0
        for index, s in enumerate(series):
            value = s.values[row]
            if value <= 0:
                continue
            w = value * scale
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{bar_h}" '
                f'fill="url(#{chart_id}-p{index})" stroke="#fff" stroke-width="1"/>'
            )
            text = _num(value)
            if len(series) > 1 and w >= len(text) * CHAR_W + 8:
                # White figures with a dark halo stay legible on every colour and pattern.
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + bar_h / 2 + 4.5:.1f}" '
                    f'text-anchor="middle" fill="#fff" stroke="{TEXT}" stroke-width="3" '
                    f'paint-order="stroke" font-weight="700">{text}</text>'
                )
            x += w
        parts.append(
            f'<text x="{x + 6:.1f}" y="{y + bar_h / 2 + 4.5:.1f}" fill="{TEXT}" '
            f'font-weight="700">{_num(totals[row])}</text>'
        )
    return _svg(chart_id, title, desc, bottom + 26, "".join(parts))


def line_chart(
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    summary: str = "",
) -> SafeString:
    """One line per series over the categories (time periods), with values at the points."""
    chart_id = _id(chart_id)
    categories = [str(c) for c in categories]
    series = [s for s in series if len(s.values) == len(categories)]
    if not categories or not series:
        return _empty(chart_id, title, summary)

    names = [str(s.name) for s in series]
    desc = " ".join(
        part
        for part in [
            summary,
            f"Lijndiagram van {categories[0]} tot en met {categories[-1]}.",
            " ".join(
                f"{s.name}: "
                + "; ".join(f"{c} {_num(v)}" for c, v in zip(categories, s.values, strict=True))
                + "."
                for s in series
            ),
        ]
        if part
    )
    legend, legend_h = _legend(chart_id, names, lines=True)
    top = legend_h + 20
    plot_h = 200
    x0, x1 = 44.0, WIDTH - 24.0
    bottom = top + plot_h
    axis_max, step = _nice_max(max(max(s.values) for s in series))
    y_scale = plot_h / axis_max
    n = len(categories)
    x_step = (x1 - x0) / max(n - 1, 1)

    def px(i: int) -> float:
        return x0 + (i * x_step if n > 1 else (x1 - x0) / 2)

    parts = [legend]
    tick = 0.0
    while tick <= axis_max + 1e-9:
        y = bottom - tick * y_scale
        parts.append(
            f'<line x1="{x0:.1f}" y1="{y:.1f}" x2="{x1:.1f}" y2="{y:.1f}" stroke="{GRID}" '
            f'stroke-width="1"/><text x="{x0 - 8:.1f}" y="{y + 4.5:.1f}" text-anchor="end" '
            f'fill="{MUTED}">{_num(tick)}</text>'
        )
        tick += step
    # Label every k-th period so the axis labels never overlap.
    label_w = max(len(c) for c in categories) * CHAR_W + 10
    every = max(1, math.ceil(label_w / x_step)) if n > 1 else 1
    for i, category in enumerate(categories):
        if i % every == 0 or i == n - 1:
            parts.append(
                f'<text x="{px(i):.1f}" y="{bottom + 20:.1f}" text-anchor="middle" '
                f'fill="{TEXT}">{escape(category)}</text>'
            )
    show_values = n <= 16
    for index, s in enumerate(series):
        colour = PALETTE[index % len(PALETTE)][0]
        dash = DASHES[index % len(DASHES)]
        points = [(px(i), bottom - v * y_scale) for i, v in enumerate(s.values)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            '<polyline fill="none" stroke-width="2.5" stroke-linejoin="round" '
            f'stroke="{colour}"{dash_attr} points="'
            + " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            + '"/>'
        )
        for (x, y), value in zip(points, s.values, strict=True):
            parts.append(_marker(MARKERS[index % len(MARKERS)], x, y, colour))
            if show_values:
                # First series labelled above its points, the others below: fewer collisions.
                dy = -9 if index == 0 else 19
                parts.append(
                    f'<text x="{x:.1f}" y="{y + dy:.1f}" text-anchor="middle" fill="{colour}" '
                    f'stroke="#fff" stroke-width="3" paint-order="stroke" '
                    f'font-weight="700">{_num(value)}</text>'
                )
    return _svg(chart_id, title, desc, bottom + 32, "".join(parts))
