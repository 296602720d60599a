"""The learning-loop dashboard at /leerloop/: figures, SVG charts, tables and progress findings.

Thin: the figures come from `leerloop.selectors`, the pictures from `leerloop.charts`. What
they compute is cached per audience, filters and content generation
(`kennisbank.content_cache`), so a publish, a knelpunt or a finding shows at once, and for
at most `FIGURES_SECONDS` (the signals' ages are counted at the moment of computing).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kennisbank.content_cache import cached
from kennisbank.visibility import sees_professionals_content
from leerloop import charts, selectors
from leerloop.forms import FilterForm
from leerloop.selectors import Filters, Matrix

FIGURES_SECONDS = 10 * 60


@dataclass
class Table:
    """A data table with the chart's numbers: a row header column plus value columns."""

    caption: str
    row_header: str
    columns: list[str]
    rows: list[tuple[str, list[int]]]
    footer: list[int] | None = None  # column totals


@dataclass
class Panel:
    """One figure on the dashboard: heading, chart, caption and the table behind it."""

    id: str
    heading: str
    caption: str
    svg: str
    table: Table
    note: str = ""
    extra: dict = field(default_factory=dict)


def _matrix_table(matrix: Matrix, caption: str, row_header: str) -> Table:
    with_total = len(matrix.columns) > 1
    columns = matrix.columns + ([_("Totaal")] if with_total else [])
    rows = [
        (label, values + ([total] if with_total else []))
        for label, values, total in matrix.table_rows()
    ]
    footer = matrix.column_totals + ([matrix.total] if with_total else [])
    return Table(caption, row_header, columns, rows, footer)


def _matrix_chart(panel_id: str, title: str, matrix: Matrix, summary: str) -> str:
    series = [
        charts.Series(column, [row[i] for row in matrix.cells])
        for i, column in enumerate(matrix.columns)
    ]
    return charts.bar_chart(panel_id, title, matrix.rows, series, summary=summary)


def _describe(filters: Filters) -> str:
    parts = []
    if filters.gemeente:
        parts.append(_("gemeente %(name)s") % {"name": filters.gemeente.name})
    if filters.van and filters.tot:
        parts.append(
            _("%(van)s tot en met %(tot)s")
            % {"van": filters.van.strftime("%d-%m-%Y"), "tot": filters.tot.strftime("%d-%m-%Y")}
        )
    elif filters.van:
        parts.append(_("vanaf %(van)s") % {"van": filters.van.strftime("%d-%m-%Y")})
    elif filters.tot:
        parts.append(_("tot en met %(tot)s") % {"tot": filters.tot.strftime("%d-%m-%Y")})
    return ", ".join(parts)


def _panels(user, filters: Filters) -> list[Panel]:
    scope = _describe(filters)
    suffix = f" ({scope})" if scope else ""
    panels = []

    title = _("Lessen per fase per actielijn") + suffix
    matrix = selectors.lessons_by_actielijn_and_fase(user, filters)
    panels.append(
        Panel(
            "fase-actielijn",
            _("Lessen per fase en actielijn"),
            _(
                "Hoe ver de lessen per actielijn zijn in de leerloop, van idee tot opgeschaald. "
                "Een les bij twee actielijnen telt bij allebei."
            ),
            _matrix_chart("fase-actielijn", title, matrix, _("Aantal lessen per actielijn.")),
            _matrix_table(matrix, title, _("Actielijn")),
        )
    )

    title = _("Toepassingen per kwartaal") + suffix
    timeline = selectors.adoptions_per_quarter(user, filters)
    panels.append(
        Panel(
            "toepassingen-tijd",
            _("Toepassingen door de tijd"),
            _(
                "Hoe vaak een les elders is toegepast, per kwartaal en opgeteld. Met een gemeente "
                "gekozen: toepassingen die in die gemeente beginnen of er landen."
            ),
            charts.line_chart(
                "toepassingen-tijd",
                title,
                timeline.labels,
                [
                    charts.Series(_("Per kwartaal"), timeline.per_period),
                    charts.Series(_("Opgeteld"), timeline.cumulative),
                ],
                summary=_("Aantal toepassingen van lessen elders."),
            ),
            Table(
                title,
                _("Kwartaal"),
                [_("Per kwartaal"), _("Opgeteld")],
                [
                    (label, [n, total])
                    for label, n, total in zip(
                        timeline.labels, timeline.per_period, timeline.cumulative, strict=True
                    )
                ],
            ),
            extra={"total": timeline.total},
        )
    )

    title = _("Van welk gebied naar welk gebied") + suffix
    flows = selectors.adoption_flows(user, filters)
    panels.append(
        Panel(
            "toepassingen-stroom",
            _("Wat verspreidt zich, en waarheen"),
            _("Van het gebied waar een les ontstond naar het gebied dat hem toepaste."),
            charts.bar_chart(
                "toepassingen-stroom",
                title,
                [flow.label for flow in flows],
                [charts.Series(_("Toepassingen"), [flow.aantal for flow in flows])],
                summary=_("Aantal toepassingen per route van gebied naar gebied."),
                max_label_width=380,
            ),
            Table(
                title,
                _("Van → naar"),
                [_("Toepassingen"), _("Verschillende lessen")],
                [(flow.label, [flow.aantal, flow.lessen]) for flow in flows],
            ),
            extra={"adoptions": selectors.adoption_list(user, filters)},
        )
    )

    title = _("Lessen per gemeente en gebied") + suffix
    matrix = selectors.lessons_by_gemeente_and_gebied(user, filters)
    panels.append(
        Panel(
            "gemeente-gebied",
            _("Lessen per gemeente en gebied"),
            _("Waar de lessen vandaan komen: per gemeente, verdeeld over de gebieden."),
            _matrix_chart("gemeente-gebied", title, matrix, _("Aantal lessen per gemeente.")),
            _matrix_table(matrix, title, _("Gemeente")),
        )
    )

    title = _("Signalen per status en leeftijd") + suffix
    matrix = selectors.knelpunten_by_status_and_age(user, filters)
    panels.append(
        Panel(
            "signalen",
            _("Signalen (knelpunten) per status en leeftijd"),
            _(
                "Hoeveel gemelde knelpunten per status, en hoe lang geleden ze zijn gemeld. "
                "De periode gaat over de datum van melden."
            ),
            _matrix_chart("signalen", title, matrix, _("Aantal knelpunten per status.")),
            _matrix_table(matrix, title, _("Status")),
        )
    )
    return panels


def _review_panel(user, filters: Filters) -> Panel:
    review = selectors.overdue_reviews(user, filters)
    title = _("Lessen over hun herzieningsdatum, naar achterstand")
    if filters.gemeente:
        title += f" ({filters.gemeente.name})"
    return Panel(
        "herziening",
        _("Inhoud over de herzieningsdatum"),
        _(
            "Lessen waarvan de datum om ze te herzien is verstreken, naar hoe lang geleden. "
            "Geteld op vandaag; alleen het gemeentefilter geldt."
        ),
        _matrix_chart("herziening", title, review.by_age, _("Aantal lessen per achterstand.")),
        _matrix_table(review.by_age, title, _("Achterstand")),
        extra={"review": review},
    )


def _figures(user, filters: Filters) -> dict:
    """Everything the dashboard computes from the content: one aggregate per figure."""
    panels = _panels(user, filters)
    return {
        "lesson_count": selectors.visible_lesson_count(user, filters),
        "panels": panels,
        "adoption_count": next(p.extra["total"] for p in panels if p.id == "toepassingen-tijd"),
        "review_panel": _review_panel(user, filters),
        "questions": selectors.progress_findings(user),
    }


def _cache_params(user, filters: Filters) -> tuple:
    """What besides the audience and the content the figures depend on: the validated
    filters, the day and language they are counted and labelled in, and, for a signed-in
    reader who does not see every knelpunt, who they are (they also see their own)."""
    personal = None
    if user.is_authenticated and not sees_professionals_content(user):
        personal = user.pk
    return (
        filters.gemeente.pk if filters.gemeente else None,
        filters.van.isoformat() if filters.van else None,
        filters.tot.isoformat() if filters.tot else None,
        timezone.localdate().isoformat(),
        get_language(),
        personal,
    )


def dashboard(request):
    form = FilterForm(request.GET or None)
    filters = form.filters()
    user = request.user
    figures = cached(
        "leerloop.dashboard",
        user,
        _cache_params(user, filters),
        lambda: _figures(user, filters),
        request=request,
        timeout=FIGURES_SECONDS,
    )
    context = {
        "form": form,
        "form_invalid": form.is_bound and not form.is_valid(),
        "filters": filters,
        "filter_description": _describe(filters),
        "counts_professional_content": sees_professionals_content(user),
        **figures,
    }
    return render(request, "leerloop/dashboard.html", context)
