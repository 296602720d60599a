"""The figures of the learning-loop dashboard, computed from (user, filters).

Every lesson figure starts from `lessons.selectors.visible_lessons(user)` and every signal
figure from `knelpunten.selectors.visible_knelpunten(user)`, so anonymous visitors count
public content only and professionals-only content is counted only for those who may read it.
Each figure is one aggregate query (GROUP BY), never one query per row.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import TruncQuarter
from django.utils import timezone
from django.utils.translation import gettext as _

from kennisbank.models import Actielijn, Gemeente
from kennisbank.roles import is_editor
from knelpunten.models import Status
from knelpunten.selectors import visible_knelpunten
from leerloop.models import VRAGEN, Bevinding, BevindingLes, Voortgangsvraag
from lessons.models import Adoption, Fase, LessonPage
from lessons.selectors import visible_lessons


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters; None means "all"."""

    gemeente: Gemeente | None = None
    van: datetime.date | None = None
    tot: datetime.date | None = None

    @property
    def active(self) -> bool:
        return bool(self.gemeente or self.van or self.tot)

    def date_q(self, lookup: str) -> Q:
        """The period as a Q on a date field (inclusive at both ends)."""
        q = Q()
        if self.van:
            q &= Q(**{f"{lookup}__gte": self.van})
        if self.tot:
            q &= Q(**{f"{lookup}__lte": self.tot})
        return q


NO_FILTERS = Filters()


@dataclass
class Matrix:
    """Counts by row and column: the data behind one chart and its table."""

    rows: list[str]
    columns: list[str]
    cells: list[list[int]]

    @property
    def row_totals(self) -> list[int]:
        return [sum(row) for row in self.cells]

    @property
    def column_totals(self) -> list[int]:
        return [sum(col) for col in zip(*self.cells, strict=True)] if self.cells else []

    @property
    def total(self) -> int:
        return sum(self.row_totals)

    def table_rows(self) -> list[tuple[str, list[int], int]]:
        return list(zip(self.rows, self.cells, self.row_totals, strict=True))

    def get(self, row: str, column: str) -> int:
        return self.cells[self.rows.index(row)][self.columns.index(column)]


def _build(rows: list, columns: list, counts: dict) -> list[list[int]]:
    return [[counts.get((r, c), 0) for c in columns] for r in rows]


def _lessons(user, filters: Filters, *, period: bool = True) -> QuerySet[LessonPage]:
    """The visible lessons within the filters (the period applies to the lesson's date)."""
    qs = visible_lessons(user)
    if filters.gemeente:
        qs = qs.filter(gemeente=filters.gemeente)
    if period:
        qs = qs.filter(filters.date_q("datum"))
    return qs


def _lesson_pks(user, filters: Filters, *, period: bool = True) -> QuerySet:
    # Grouping over a subquery of pks keeps the visibility query's own joins (view
    # restrictions) out of the GROUP BY, so a lesson is never counted twice by a join.
    return _lessons(user, filters, period=period).values("pk")


def visible_lesson_count(user, filters: Filters = NO_FILTERS) -> int:
    return _lessons(user, filters).count()


# --- lessons per fase per actielijn ---------------------------------------------------------

NO_ACTIELIJN = "zonder-actielijn"


def lessons_by_actielijn_and_fase(user, filters: Filters = NO_FILTERS) -> Matrix:
    """Rows: actielijnen (a lesson on two actielijnen counts in both); columns: fasen."""
    counts = {
        (row["actielijnen__slug"] or NO_ACTIELIJN, row["fase"]): row["n"]
        for row in LessonPage.objects.filter(pk__in=_lesson_pks(user, filters))
        .values("actielijnen__slug", "fase")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    }
    actielijnen = list(Actielijn.objects.order_by("nummer").values_list("slug", "name"))
    rows = [slug for slug, _name in actielijnen]
    labels = [name for _slug, name in actielijnen]
    if any(key[0] == NO_ACTIELIJN for key in counts):
        rows.append(NO_ACTIELIJN)
        labels.append(_("Zonder actielijn"))
    columns = list(Fase.values)
    return Matrix(labels, [str(label) for label in Fase.labels], _build(rows, columns, counts))


# --- lessons per gemeente and gebied --------------------------------------------------------


def lessons_by_gemeente_and_gebied(user, filters: Filters = NO_FILTERS) -> Matrix:
    """Rows: gemeenten (with lessons); columns: gebieden, plus lessons without a gebied."""
    no_gebied, no_gemeente = _("Geen gebied"), _("Zonder gemeente")
    counts: dict[tuple[str, str], int] = {}
    for row in (
        LessonPage.objects.filter(pk__in=_lesson_pks(user, filters))
        .values("gemeente__name", "gebied__name")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        key = (row["gemeente__name"] or no_gemeente, row["gebied__name"] or no_gebied)
        counts[key] = counts.get(key, 0) + row["n"]
    rows = sorted({r for r, _c in counts}, key=lambda name: (name == no_gemeente, name))
    columns = sorted({c for _r, c in counts}, key=lambda name: (name == no_gebied, name))
    return Matrix(rows, columns, _build(rows, columns, counts))


# --- adoptions ------------------------------------------------------------------------------


def _adoptions(user, filters: Filters) -> QuerySet[Adoption]:
    """Adoptions of visible lessons in the period; the gemeente filter keeps adoptions that
    start or land in that gemeente (the lesson's gemeente or the adopting gebied's)."""
    qs = Adoption.objects.filter(page__in=_lesson_pks(user, NO_FILTERS))
    if filters.gemeente:
        qs = qs.filter(Q(page__gemeente=filters.gemeente) | Q(gebied__gemeente=filters.gemeente))
    return qs.filter(filters.date_q("datum"))


def _quarter_label(day: datetime.date) -> str:
    return f"{day.year} K{(day.month - 1) // 3 + 1}"


def _quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _next_quarter(day: datetime.date) -> datetime.date:
    return datetime.date(day.year + (day.month > 9), (day.month + 2) % 12 + 1, 1)


@dataclass
class TimeSeries:
    """Adoptions per quarter, with the running total."""

    labels: list[str]
    per_period: list[int]
    cumulative: list[int]

    @property
    def total(self) -> int:
        return self.cumulative[-1] if self.cumulative else 0


def adoptions_per_quarter(user, filters: Filters = NO_FILTERS) -> TimeSeries:
    counts = {}
    for row in (
        _adoptions(user, filters)
        .annotate(kwartaal=TruncQuarter("datum"))
        .values("kwartaal")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        kwartaal = row["kwartaal"]
        if isinstance(kwartaal, datetime.datetime):
            kwartaal = kwartaal.date()
        counts[kwartaal] = row["n"]
    if not counts:
        return TimeSeries([], [], [])
    # Every quarter between the first and the last, so quiet quarters show as zero.
    start = _quarter_start(filters.van) if filters.van else min(counts)
    end = _quarter_start(filters.tot) if filters.tot else max(counts)
    labels, per_period, cumulative, running = [], [], [], 0
    quarter = start
    while quarter <= end:
        n = counts.get(quarter, 0)
        running += n
        labels.append(_quarter_label(quarter))
        per_period.append(n)
        cumulative.append(running)
        quarter = _next_quarter(quarter)
    return TimeSeries(labels, per_period, cumulative)


@dataclass(frozen=True)
class Flow:
    van: str
    naar: str
    aantal: int
    lessen: int

    @property
    def label(self) -> str:
        return f"{self.van} → {self.naar}"


def _source_label(gebied: str | None, gemeente: str | None) -> str:
    if gebied:
        return gebied
    if gemeente:
        return _("%(gemeente)s (gemeente)") % {"gemeente": gemeente}
    return _("Onbekend")


def adoption_flows(user, filters: Filters = NO_FILTERS) -> list[Flow]:
    """From the lesson's own gebied to the adopting gebied, most frequent first."""
    merged: dict[tuple[str, str], list[int]] = {}
    for row in (
        _adoptions(user, filters)
        .values("page__gebied__name", "page__gemeente__name", "gebied__name")
        .annotate(n=Count("pk"), lessen=Count("page", distinct=True))
        .order_by()
    ):
        key = (
            _source_label(row["page__gebied__name"], row["page__gemeente__name"]),
            row["gebied__name"],
        )
        total = merged.setdefault(key, [0, 0])
        total[0] += row["n"]
        total[1] += row["lessen"]
    flows = [Flow(van, naar, n, lessen) for (van, naar), (n, lessen) in merged.items()]
    return sorted(flows, key=lambda f: (-f.aantal, f.van, f.naar))


def adoption_list(user, filters: Filters = NO_FILTERS, limit: int = 50) -> list[Adoption]:
    """What spreads: the latest adoptions with their lesson (visible lessons only)."""
    return list(
        _adoptions(user, filters)
        .select_related("page", "page__gebied", "page__gemeente", "gebied")
        .order_by("-datum", "-pk")[:limit]
    )


# --- signals (knelpunten) -------------------------------------------------------------------

AGE_BUCKETS = [
    # (months, label): a signal is in the first bucket whose age is under `months`.
    (1, "< 1 maand"),
    (3, "1–3 maanden"),
    (6, "3–6 maanden"),
    (None, "> 6 maanden"),
]


def months_before(moment, months: int):
    """The same day `months` calendar months earlier (clamped to the month's last day)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for day in range(moment.day, 0, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise ValueError(moment)  # unreachable: day 1 always exists


def _age_case(field_name: str, now) -> Case:
    whens = [
        When(**{f"{field_name}__gt": months_before(now, months)}, then=Value(index))
        for index, (months, _label) in enumerate(AGE_BUCKETS)
        if months is not None
    ]
    return Case(*whens, default=Value(len(AGE_BUCKETS) - 1), output_field=IntegerField())


def knelpunten_by_status_and_age(user, filters: Filters = NO_FILTERS, now=None) -> Matrix:
    """Rows: statuses; columns: how long ago the signal was reported."""
    now = now or timezone.now()
    qs = visible_knelpunten(user)
    if filters.gemeente:
        qs = qs.filter(gemeente=filters.gemeente)
    if filters.van:
        qs = qs.filter(aangemeld_op__date__gte=filters.van)
    if filters.tot:
        qs = qs.filter(aangemeld_op__date__lte=filters.tot)
    counts = {
        (row["status"], row["leeftijd"]): row["n"]
        for row in qs.annotate(leeftijd=_age_case("aangemeld_op", now))
        .values("status", "leeftijd")
        .annotate(n=Count("pk"))
        .order_by()
    }
    rows = list(Status.values)
    columns = list(range(len(AGE_BUCKETS)))
    return Matrix(
        [str(label) for label in Status.labels],
        [label for _months, label in AGE_BUCKETS],
        _build(rows, columns, counts),
    )


# --- content past its review date -----------------------------------------------------------


@dataclass
class ReviewFigure:
    """Visible lessons whose review date has passed; the list itself only for editors."""

    by_age: Matrix
    lessons: list[LessonPage] = field(default_factory=list)
    show_list: bool = False

    @property
    def count(self) -> int:
        return self.by_age.total


def overdue_reviews(user, filters: Filters = NO_FILTERS, today=None) -> ReviewFigure:
    """Counted now, whatever the period: only the gemeente filter applies."""
    today = today or timezone.localdate()
    qs = _lessons(user, filters, period=False).filter(review_by__lt=today)
    counts = {
        row["achterstand"]: row["n"]
        for row in LessonPage.objects.filter(pk__in=qs.values("pk"))
        .annotate(achterstand=_age_case("review_by", today))
        .values("achterstand")
        .annotate(n=Count("pk"))
        .order_by()
    }
    matrix = Matrix(
        [label for _months, label in AGE_BUCKETS],
        [_("Lessen")],
        [[counts.get(index, 0)] for index in range(len(AGE_BUCKETS))],
    )
    show_list = is_editor(user)
    lessons = []
    if show_list and matrix.total:
        lessons = list(qs.select_related("review_owner", "gemeente").order_by("review_by")[:100])
    return ReviewFigure(matrix, lessons, show_list)


# --- progress questions ---------------------------------------------------------------------


@dataclass
class QuestionFindings:
    vraag: str
    label: str
    tekst: str
    bevindingen: list[Bevinding]


def progress_findings(user, per_question: int = 3) -> list[QuestionFindings]:
    """Per question the latest findings; each finding's `zichtbare_lessen` holds only the
    source lessons this user may read."""
    findings = [
        finding
        for vraag in Voortgangsvraag
        for finding in Bevinding.objects.filter(vraag=vraag)
        .prefetch_related("bronnen")
        .order_by("-periode_tot", "-pk")[:per_question]
    ]
    links = list(
        BevindingLes.objects.filter(bevinding__in=findings)
        .order_by("sort_order")
        .values_list("bevinding_id", "les_id")
    )
    visible = visible_lessons(user).in_bulk({lesson_id for _b, lesson_id in links})
    by_finding: dict[int, list[LessonPage]] = {}
    for finding_id, lesson_id in links:
        if lesson_id in visible:
            by_finding.setdefault(finding_id, []).append(visible[lesson_id])
    out = []
    for vraag in Voortgangsvraag:
        mine = [f for f in findings if f.vraag == vraag]
        for finding in mine:
            finding.zichtbare_lessen = by_finding.get(finding.pk, [])
        out.append(QuestionFindings(vraag.value, str(vraag.label), str(VRAGEN[vraag]), mine))
    return out
