"""Dashboard figures equal counts computed independently from the test's own content specs.

Anonymous visitors count public content only; professionals and editors also count
professionals-only content; drafts count for nobody. Filters by gemeente and period change
the figures exactly as the plain-Python computation here says they should.
"""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from kennisbank.models import Actielijn, Gebied, Gemeente
from knelpunten.models import Status
from leerloop import selectors
from leerloop.selectors import Filters
from lessons.models import Fase
from tests.leerloop.conftest import SIGNALS, SPECS

URL = reverse("leerloop:dashboard")
AGE_LABELS = ["< 1 maand", "1–3 maanden", "3–6 maanden", "> 6 maanden"]


# --- the independent computation ------------------------------------------------------------


def _visible_specs(professional: bool, gemeente=None, van=None, tot=None, period=True):
    out = []
    for spec in SPECS:
        if not spec.live:
            continue
        if spec.zichtbaarheid != "openbaar" and not professional:
            continue
        if gemeente and spec.gemeente != gemeente:
            continue
        if period and van and spec.datum < van:
            continue
        if period and tot and spec.datum > tot:
            continue
        out.append(spec)
    return out


def expected_fase_actielijn(professional, **filters):
    names = dict(Actielijn.objects.values_list("slug", "name"))
    labels = dict(zip(Fase.values, [str(label) for label in Fase.labels], strict=True))
    counts = Counter()
    for spec in _visible_specs(professional, **filters):
        for slug in spec.actielijnen or [None]:
            counts[(names[slug] if slug else "Zonder actielijn", labels[spec.fase])] += 1
    return dict(counts)


def expected_gemeente_gebied(professional, **filters):
    gemeenten = dict(Gemeente.objects.values_list("slug", "name"))
    gebieden = dict(Gebied.objects.values_list("slug", "name"))
    return dict(
        Counter(
            (gemeenten[s.gemeente], gebieden[s.gebied] if s.gebied else "Geen gebied")
            for s in _visible_specs(professional, **filters)
        )
    )


def expected_adoptions(professional, gemeente=None, van=None, tot=None):
    """(van-label, naar-slug, datum) of every adoption counted."""
    gebied_gemeente = dict(Gebied.objects.values_list("slug", "gemeente__slug"))
    out = []
    for spec in _visible_specs(professional, period=False):
        for gebied, datum in spec.adoptions:
            if gemeente and gemeente not in (spec.gemeente, gebied_gemeente[gebied]):
                continue
            if (van and datum < van) or (tot and datum > tot):
                continue
            out.append((spec, gebied, datum))
    return out


def expected_flows(professional, **filters):
    gebieden = dict(Gebied.objects.values_list("slug", "name"))
    gemeenten = dict(Gemeente.objects.values_list("slug", "name"))
    counts = Counter()
    for spec, gebied, _datum in expected_adoptions(professional, **filters):
        source = gebieden[spec.gebied] if spec.gebied else f"{gemeenten[spec.gemeente]} (gemeente)"
        counts[(source, gebieden[gebied])] += 1
    return dict(counts)


def _age_bucket(days):
    # The fixtures' ages sit far from the calendar-month boundaries.
    return 0 if days < 28 else 1 if days < 89 else 2 if days < 181 else 3


def expected_signals(professional, gemeente=None):
    labels = dict(zip(Status.values, [str(label) for label in Status.labels], strict=True))
    return dict(
        Counter(
            (labels[s.status], AGE_LABELS[_age_bucket(s.days_ago)])
            for s in SIGNALS
            if (s.openbaar or professional) and (not gemeente or s.gemeente == gemeente)
        )
    )


def expected_review(professional, gemeente=None):
    return dict(
        Counter(
            AGE_LABELS[_age_bucket(s.review_days_overdue)]
            for s in _visible_specs(professional, gemeente=gemeente, period=False)
            if s.review_days_overdue is not None
        )
    )


def nonzero(matrix):
    return {
        (row, column): matrix.get(row, column)
        for row in matrix.rows
        for column in matrix.columns
        if matrix.get(row, column)
    }


# --- users ------------------------------------------------------------------------------------


@pytest.fixture(params=["anonymous", "professional", "editor"])
def reader(request):
    if request.param == "anonymous":
        return AnonymousUser(), False
    return request.getfixturevalue(request.param), True


# --- selectors vs independent counts ----------------------------------------------------------


def test_lesson_figures_match_independent_counts(dataset, reader):
    user, professional = reader
    assert selectors.visible_lesson_count(user) == len(_visible_specs(professional))
    assert nonzero(selectors.lessons_by_actielijn_and_fase(user)) == expected_fase_actielijn(
        professional
    )
    assert nonzero(selectors.lessons_by_gemeente_and_gebied(user)) == expected_gemeente_gebied(
        professional
    )


def test_adoption_figures_match_independent_counts(dataset, reader):
    user, professional = reader
    flows = selectors.adoption_flows(user)
    assert {(f.van, f.naar): f.aantal for f in flows} == expected_flows(professional)
    timeline = selectors.adoptions_per_quarter(user)
    expected = Counter(
        f"{d.year} K{(d.month - 1) // 3 + 1}" for _s, _g, d in expected_adoptions(professional)
    )
    assert {k: v for k, v in zip(timeline.labels, timeline.per_period, strict=True) if v} == (
        dict(expected)
    )
    assert timeline.total == len(expected_adoptions(professional))
    # Quarters without adoptions in between are shown as zero, not skipped.
    assert timeline.labels[0] == min(expected) and timeline.labels[-1] == max(expected)
    assert len(selectors.adoption_list(user)) == len(expected_adoptions(professional))


def test_signal_figures_match_independent_counts(signals, reader):
    user, professional = reader
    matrix = selectors.knelpunten_by_status_and_age(user)
    assert nonzero(matrix) == expected_signals(professional)
    assert matrix.columns == AGE_LABELS


def test_review_figures_match_independent_counts(dataset, reader):
    user, professional = reader
    review = selectors.overdue_reviews(user)
    expected = expected_review(professional)
    assert {
        row: review.by_age.get(row, "Lessen")
        for row in AGE_LABELS
        if review.by_age.get(row, "Lessen")
    } == expected
    assert review.count == sum(expected.values())


def test_only_editors_get_the_list_of_lessons_to_review(dataset, editor, professional):
    assert selectors.overdue_reviews(AnonymousUser()).lessons == []
    assert selectors.overdue_reviews(professional).lessons == []
    listed = [lesson.title for lesson in selectors.overdue_reviews(editor).lessons]
    # Oldest review date first; the draft is not a visible lesson.
    assert listed == [
        "Digitaal dossier",
        "Schadeloket dorpshuis",
        "Escalatie stuurgroep",
        "Vast aanspreekpunt",
    ]


# --- filters ----------------------------------------------------------------------------------


FILTER_CASES = [
    {"gemeente": "groningen"},
    {"gemeente": "oldambt"},
    {"van": datetime.date(2026, 1, 1), "tot": datetime.date(2026, 12, 31)},
    {"van": datetime.date(2025, 6, 1)},
    {"tot": datetime.date(2025, 12, 31)},
    {
        "gemeente": "het-hogeland",
        "van": datetime.date(2025, 1, 1),
        "tot": datetime.date(2025, 12, 31),
    },
]


@pytest.mark.parametrize("case", FILTER_CASES)
def test_filters_change_the_figures_as_computed_independently(dataset, signals, professional, case):
    gemeente = Gemeente.objects.get(slug=case["gemeente"]) if "gemeente" in case else None
    filters = Filters(gemeente=gemeente, van=case.get("van"), tot=case.get("tot"))
    for user, prof in [(AnonymousUser(), False), (professional, True)]:
        assert selectors.visible_lesson_count(user, filters) == len(_visible_specs(prof, **case))
        assert nonzero(selectors.lessons_by_actielijn_and_fase(user, filters)) == (
            expected_fase_actielijn(prof, **case)
        )
        assert nonzero(selectors.lessons_by_gemeente_and_gebied(user, filters)) == (
            expected_gemeente_gebied(prof, **case)
        )
        assert {(f.van, f.naar): f.aantal for f in selectors.adoption_flows(user, filters)} == (
            expected_flows(prof, **case)
        )
        review = selectors.overdue_reviews(user, filters)
        assert review.count == sum(expected_review(prof, case.get("gemeente")).values())


def test_period_filter_applies_to_the_signal_report_date(signals, professional, today):
    filters = Filters(van=today - datetime.timedelta(days=60))
    matrix = selectors.knelpunten_by_status_and_age(professional, filters)
    assert matrix.total == sum(1 for s in SIGNALS if s.days_ago <= 60)


def test_gemeente_filter_on_signals(signals, professional):
    oldambt = Gemeente.objects.get(slug="oldambt")
    matrix = selectors.knelpunten_by_status_and_age(professional, Filters(gemeente=oldambt))
    assert nonzero(matrix) == expected_signals(True, gemeente="oldambt")


# --- through the page -------------------------------------------------------------------------


def _context_figures(response):
    panels = {panel.id: panel for panel in response.context["panels"]}
    return {
        "lessons": response.context["lesson_count"],
        "adoptions": response.context["adoption_count"],
        "fase": {
            (label, column): value
            for label, values in panels["fase-actielijn"].table.rows
            for column, value in zip(panels["fase-actielijn"].table.columns, values, strict=False)
            if value and column != "Totaal"
        },
        "review": response.context["review_panel"].extra["review"].count,
    }


@pytest.mark.parametrize("role", ["anonymous", "professional", "editor"])
def test_the_page_shows_the_independent_counts_per_role(client, dataset, role, request):
    professional = role != "anonymous"
    if professional:
        client.force_login(request.getfixturevalue(role))
    response = client.get(URL)
    assert response.status_code == 200
    figures = _context_figures(response)
    assert figures["lessons"] == len(_visible_specs(professional))
    assert figures["adoptions"] == len(expected_adoptions(professional))
    assert figures["fase"] == expected_fase_actielijn(professional)
    assert figures["review"] == sum(expected_review(professional).values())
    html = response.content.decode()
    # Professionals-only lessons never reach the public page, not even in the adoption list.
    assert ("Escalatie stuurgroep" in html) is professional
    assert "Concept" not in html
    # Editors see which lessons to review; everyone else only the count.
    assert ("Te herzien (alleen zichtbaar voor de redactie)" in html) is (role == "editor")


def test_the_page_applies_gemeente_and_year(client, dataset):
    response = client.get(URL, {"gemeente": "groningen", "jaar": "2025"})
    assert response.status_code == 200
    case = {
        "gemeente": "groningen",
        "van": datetime.date(2025, 1, 1),
        "tot": datetime.date(2025, 12, 31),
    }
    figures = _context_figures(response)
    assert figures["lessons"] == len(_visible_specs(False, **case))
    assert figures["adoptions"] == len(expected_adoptions(False, **case))
    assert figures["fase"] == expected_fase_actielijn(False, **case)
    assert "gemeente Groningen" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"gemeente": "atlantis"}, "Kies een gemeente uit de lijst."),
        ({"jaar": "twintig"}, "Kies een jaar uit de lijst."),
        ({"jaar": "1850"}, "Kies een jaar uit de lijst."),
        ({"van": "2026-13-45"}, "Vul bij ‘Van’ een datum in als JJJJ-MM-DD."),
        ({"tot": "gisteren"}, "Vul bij ‘Tot en met’ een datum in als JJJJ-MM-DD."),
        ({"van": "2026-05-01", "tot": "2026-01-01"}, "‘Tot en met’ ligt vóór ‘Van’"),
        ({"jaar": "2026", "van": "2026-01-01"}, "Kies een jaar óf een periode"),
        # (control characters such as NUL never get here: the query-string guard answers 400)
        ({"gemeente": "x" * 5000, "van": "\u00e9" * 5000}, "Kies een gemeente uit de lijst."),
    ],
)
def test_invalid_filters_give_a_message_and_unfiltered_figures(client, dataset, params, message):
    response = client.get(URL, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "De filters konden niet worden toegepast" in html
    assert message in html
    assert response.context["lesson_count"] == len(_visible_specs(False))


def test_query_count_does_not_grow_with_the_content(client, dataset, signals, editor, make_lesson):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lessons.models import Adoption

    client.force_login(editor)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    before = count()
    oosternieland = Gebied.objects.get(slug="oosternieland")
    for n in range(4):
        lesson = make_lesson(f"Extra {n}", gemeente="Eemsdelta", gebied="Ten Boer-West")
        lesson.actielijnen.set(Actielijn.objects.all())
        lesson.review_by = datetime.date(2020, 1, 1)
        lesson.save()
        Adoption.objects.create(page=lesson, gebied=oosternieland, datum=datetime.date(2024, 1, 1))
    assert count() == before


@pytest.mark.parametrize("params", [{}, {"gemeente": "midden-groningen", "jaar": "2019"}])
def test_the_page_renders_without_any_content(client, db, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="img"') == 6
    assert "Geen gegevens voor deze selectie." in html
    assert response.context["lesson_count"] == 0
