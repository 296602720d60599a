"""Reads of lessons. Who may see which lesson is decided by `kennisbank.visibility`.

Every lesson channel (the index and its filters, tag pages, the feed, related lessons, the
home page, dossiers, kennisdagen, leerloop, digests) gets its lessons through
`visible_lessons`, which is that policy applied to lessons, so a restricted lesson cannot
leak through one channel that forgot a filter.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from kennisbank.content_cache import cached
from kennisbank.lookup import normalise
from kennisbank.models import Gebied, Gemeente, Thema
from kennisbank.visibility import among, visible
from lessons.format import MANY_TAXONOMY
from lessons.models import Adoption, Fase, LessonPage, LessonTag, Soort
from search.related import stored_set


def visible_lessons(user) -> QuerySet[LessonPage]:
    """Live lessons this user may see, as `kennisbank.visibility` decides."""
    return visible(LessonPage.objects.all(), user)


# What a card never shows: the long texts, left in the database when lessons are listed.
CARD_DEFER = ("body", "body_html", "contact")


def _listed(user, ids: list[int]) -> list[LessonPage]:
    """The lessons of `ids` in that order, for cards; through the policy once more, in the
    same statement (`kennisbank.visibility.among`), so that even a wrong cached id list
    could never show a lesson this user may not see."""
    condition = among(ids, user)
    if condition is None:
        return []
    found = (
        LessonPage.objects.filter(pk__in=condition)
        .order_by()
        .select_related("gebied", "gemeente")
        .defer(*CARD_DEFER)
        .in_bulk(ids)
    )
    return [found[pk] for pk in ids if pk in found]


def latest_lessons(user, limit: int = 5, *, request=None) -> list[LessonPage]:
    """The newest lessons this user may see; the ids are cached per audience and content
    generation (`kennisbank.content_cache`)."""
    ids = cached(
        "lessons.latest",
        user,
        (limit,),
        lambda: list(
            visible_lessons(user).order_by("-datum", "-pk").values_list("pk", flat=True)[:limit]
        ),
        request=request,
    )
    return _listed(user, ids)


FILTERS = {
    # GET parameter -> (lookup, how to clean the value)
    "soort": "soort",
    "fase": "fase",
    "gemeente": "gemeente__slug",
    "gebied": "gebied__slug",
    "thema": "themas__slug",
    "tag": "tags__slug",
}
_CHOICES = {"soort": set(Soort.values), "fase": set(Fase.values)}
# Filters over many-to-many relations (`_having`).
_MANY = {"thema", "tag"}


def _having(lookup: str, value: str) -> Q:
    """Lessons with `value` through the many-to-many `lookup`, as an id subquery: each lesson
    once, however many of its rows match, without a DISTINCT over the lessons' wide rows
    (which the count of a listing sorted: 0.6-1 s for a thema at 50,000 lessons on
    PostgreSQL, where the subquery is a semi-join)."""
    return Q(pk__in=LessonPage.objects.filter(**{lookup: value}).values("pk"))


def filter_lessons(qs: QuerySet[LessonPage], params) -> tuple[QuerySet[LessonPage], dict]:
    """Apply the index's GET filters; unknown values are ignored, never an error page.

    Returns the filtered queryset and the filters that were applied (for the form).
    """
    applied = {}
    for name, lookup in FILTERS.items():
        value = normalise(params.get(name, ""))[:100]
        if not value:
            continue
        if name in _CHOICES and value not in _CHOICES[name]:
            continue
        qs = qs.filter(_having(lookup, value) if name in _MANY else Q(**{lookup: value}))
        applied[name] = value
    return qs, applied


@dataclass(frozen=True)
class LessonList:
    """One page of a list of lessons: how many there are in all, which page, its lessons."""

    count: int
    number: int
    lessons: list[LessonPage]


def _page_number(value, count: int, per_page: int) -> int:
    """As `Paginator.get_page`: not a number -> the first page; out of range -> the last."""
    pages = max(1, -(-count // per_page))
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= pages else pages


def lesson_list(
    user,
    qs: QuerySet[LessonPage],
    key: tuple,
    page,
    per_page: int,
    *,
    request=None,
    walk_dates: bool = False,
) -> LessonList:
    """A page of `qs` (visible lessons, filtered; `key` names the filters, validated), newest
    first. The count and the page's ids are cached per audience and content generation, so
    a warm page costs the generation, the cache and the page's lessons by id.

    `walk_dates`: `qs` keeps a good share of all lessons, so a page's ids are found by
    walking the date index newest first and keeping the lessons `qs` holds, which stops
    after the page (`_newest_ids`). Without it the database picks its own plan, which suits
    a narrow filter (a tag, a thema), driven by the filter's own index."""
    count = cached("lessons.count", user, key, qs.count, request=request)
    number = _page_number(page, count, per_page)
    start = (number - 1) * per_page

    def page_ids():
        if walk_dates:
            return _newest_ids(qs, start, per_page)
        ordered = qs.order_by("-datum", "-pk").values_list("pk", flat=True)
        return list(ordered[start : start + per_page])

    ids = cached("lessons.page", user, (*key, per_page, number), page_ids, request=request)
    return LessonList(count, number, _listed(user, ids))


def _newest_ids(qs: QuerySet[LessonPage], start: int, limit: int) -> list[int]:
    """The ids of `qs` from `start`, newest first: the lessons table in the order of its
    date index (`lessons_datum_newest`), each kept when `qs` holds it (a correlated
    EXISTS). Ordered by the joined query itself, SQLite drove the join from the pages table,
    applied the policy to every lesson and sorted them all in a temporary B-tree: 385-415 ms
    for one deep page (`?page=18` and on) at 50,000 lessons. The walk passes as many rows as
    it needs: at 10,000 lessons page 36 took 5.8 ms against 45.5 (README, "deep listing
    pages"); only the last pages of a long list cost more than the sort did."""
    ordered = (
        LessonPage.objects.filter(Exists(qs.filter(pk=OuterRef("pk"))))
        .order_by("-datum", "-pk")
        .values_list("pk", flat=True)
    )
    return list(ordered[start : start + limit])


def index_list(user, params, page, per_page: int, *, request=None) -> tuple[LessonList, dict]:
    """A page of the lessons index with its GET filters (`filter_lessons`); the list and the
    filters applied. Filters on the lesson's own row (soort, fase, gemeente, gebied) each
    keep a good share of the lessons, so the date index is walked (`walk_dates`); a thema or
    tag filter is driven by its relation."""
    qs, applied = filter_lessons(visible_lessons(user), params)
    listing = lesson_list(
        user,
        qs,
        ("index", *sorted(applied.items())),
        page,
        per_page,
        request=request,
        walk_dates=not applied.keys() & _MANY,
    )
    return listing, applied


def filter_choices(*, request=None) -> list[tuple[str, list[tuple[str, str]]]]:
    """The taxonomy the index can be filtered by (the same for every reader), cached."""

    def choices():
        return [
            ("gemeente", [(g.slug, g.name) for g in Gemeente.objects.all()]),
            ("gebied", [(g.slug, g.name) for g in Gebied.objects.all()]),
            ("thema", [(t.slug, t.name) for t in Thema.objects.all()]),
        ]

    return cached("lessons.filter_choices", None, (), choices, request=request)


def related_lessons(lesson: LessonPage, user, limit: int = 4, *, request=None) -> list[LessonPage]:
    """ "Meer zoals dit" for this user (`related_from` the lesson's stored set)."""
    return related_from(stored_set(lesson.pk), lesson, user, limit, request=request)


def related_from(
    ids: list[int] | None, lesson: LessonPage, user, limit: int = 4, *, request=None
) -> list[LessonPage]:
    """ "Meer zoals dit" from `ids`, the lesson's stored most-alike pages
    (`search.related.stored_set`, computed in the background once per indexed version of
    the lesson): those that are lessons this user may see, through the visibility policy,
    then read as cards for the first `limit` of them (`_listed`, through the policy once
    more); when the stored set holds none of those, the lessons sharing the most taxonomy
    and tags (an aggregate over every visible lesson, so cached per audience and content
    generation). While a lesson's first set is still being computed (`ids` None), none. A
    bounded number of queries however many are related."""
    if ids is None:
        return []  # its first refresh is queued
    if ids:
        # Which of them are lessons this user may see (ids only: a card is a page instance
        # with its gebied and gemeente, ~0.1 ms each to build, and most are not shown).
        condition = among(ids, user)
        lessons = LessonPage.objects.filter(pk__in=condition).order_by()
        shown = set(lessons.values_list("pk", flat=True))
        alike = _listed(user, [pk for pk in ids if pk in shown][:limit])
        if alike:
            return alike
    return _listed(
        user,
        cached(
            "lessons.alike",
            user,
            (lesson.pk, limit),
            lambda: _sharing_taxonomy(lesson, user, limit),
            request=request,
        ),
    )


def _sharing_taxonomy(lesson: LessonPage, user, limit: int) -> list[int]:
    shared = (
        Q(themas__in=lesson.themas.all())
        | Q(doelen__in=lesson.doelen.all())
        | Q(tags__in=lesson.tags.all())
        | Q(organisaties__in=lesson.organisaties.all())
    )
    if lesson.gebied_id:
        shared |= Q(gebied_id=lesson.gebied_id)
    return list(
        visible_lessons(user)
        .exclude(pk=lesson.pk)
        .filter(shared)
        .annotate(overlap=Count("pk"))
        .order_by("-overlap", "-datum")
        .values_list("pk", flat=True)[:limit]
    )


def lessons_with_tag(user, tag_slug: str) -> QuerySet[LessonPage]:
    return (
        visible_lessons(user)
        .filter(_having(FILTERS["tag"], tag_slug))
        .select_related("gebied", "gemeente")
        .order_by("-datum", "-pk")
    )


class Term(NamedTuple):
    """A taxonomy term or tag of a lesson, as its page shows it."""

    name: str
    slug: str
    nummer: int = 0


def lesson_terms(lesson: LessonPage, *, preview: bool = False) -> dict[str, list[Term]]:
    """The lesson's terms of every many-to-many taxonomy relation (`lessons.format.TAXONOMY`,
    by front-matter key) and its tags (`"tags"`), each in the order its own relation lists
    them (Actielijnen by number, other terms by name, tags as added).

    One UNION ALL over the relations' link tables (`_terms_sql`), where the page asked each
    relation apart: six queries on every lesson page. A preview shows the draft's relations,
    which live in memory, not in the link tables."""
    if preview:
        terms = {
            r.key: [
                Term(t.name, t.slug, getattr(t, "nummer", 0))
                for t in getattr(lesson, r.field).all()
            ]
            for r in MANY_TAXONOMY
        }
        terms["tags"] = [Term(t.name, t.slug) for t in lesson.tags.all()]
        return terms
    terms = {r.key: [] for r in MANY_TAXONOMY} | {"tags": []}
    sql, per_part = _terms_sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [lesson.pk] * per_part)
        for kind, name, slug, number, _ in cursor.fetchall():
            terms[kind].append(Term(name, slug, number))
    return terms


@functools.cache
def _terms_sql(vendor: str) -> tuple[str, int]:
    """The SQL of `lesson_terms` and how many times it takes the lesson's id, written once
    from the models' metadata. Plain SQL on purpose: the same UNION ALL through the ORM
    cost 3.7 ms a lesson page at 50,000 lessons on PostgreSQL, nearly all of it compiling
    the statement, and this 0.3 ms (in one process, load ~1)."""
    quote = connection.ops.quote_name
    parts = []
    for relation in MANY_TAXONOMY:
        field = LessonPage._meta.get_field(relation.field)
        link = quote(field.remote_field.through._meta.db_table)
        has_number = any(f.name == "nummer" for f in relation.model._meta.fields)
        parts.append(
            f"SELECT '{relation.key}', t.name, t.slug, {'t.nummer' if has_number else '0'}, 0 "  # noqa: S608 - model metadata
            f"FROM {link} l JOIN {quote(relation.model._meta.db_table)} t "
            f"ON t.id = l.{quote(field.m2m_reverse_name())} "
            f"WHERE l.{quote(field.m2m_column_name())} = %s"
        )
    link = LessonTag._meta
    tag = link.get_field("tag")
    lesson = link.get_field("content_object")
    parts.append(
        f"SELECT 'tags', t.name, t.slug, 0, l.id FROM {quote(link.db_table)} l "  # noqa: S608
        f"JOIN {quote(tag.related_model._meta.db_table)} t ON t.id = l.{quote(tag.column)} "
        f"WHERE l.{quote(lesson.column)} = %s"
    )
    # Per relation (1), tags as added (5), Actielijnen by number (4), other terms by name (2).
    return " UNION ALL ".join(parts) + " ORDER BY 1, 5, 4, 2", len(parts)


def lesson_adoptions(lesson: LessonPage) -> list[Adoption]:
    """Where a lesson was taken up since, with each gebied in the same query."""
    return list(
        Adoption.objects.filter(page=lesson).select_related("gebied").order_by("sort_order")
    )


def lessons_due_for_review(today) -> QuerySet[LessonPage]:
    return (
        LessonPage.objects.filter(review_by__lt=today)
        .select_related("review_owner")
        .order_by("review_by")
    )
