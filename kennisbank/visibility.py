"""THE visibility policy: who may see which page, through any channel.

One rule, decided here and nowhere else. A page is visible to a user when it is live and
every view restriction on it or on an ancestor lets the user in, with Wagtail's own
semantics (`PageViewRestriction.accept_request`):

- *groups*: members of any of the restriction's groups (superusers always);
- *login*: any signed-in user;
- *password*: nobody in listings, search or feeds (the page itself asks for the password
  through Wagtail's own form).

Content with a `zichtbaarheid` field (`ZichtbaarheidMixin`) marked *professionals* is for
the groups Professionals and Redacteuren even when its Wagtail restriction is missing or
out of step: the field is the source, the restriction is derived from it (the content
app's publish service) so that Wagtail's serve and admin show the same.

The same rule comes in three shapes, for three kinds of caller:

- `visible(queryset, user)`: a queryset filter, as a set operation (one correlated
  `EXISTS` over the restriction tables, with one path lookup per tree depth that carries a
  restriction; the depths are kept by triggers, `kennisbank.restricted_depths`, and a
  depth committed while the query is built fails it closed).
  Wagtail's `.public()` adds one condition per restricted page and SQLite
  refuses it beyond ~1,000; this never grows with the number of restricted pages.
  `visible_among(ids, user)` is the same rule for a handful of ids (search hits, related
  cards), planned for few rows; `among(ids, user)` is it as a subquery, so that cards are
  read in the same statement as the policy. Its SQL is compiled once per viewer and kept.
- `audience_of(page)` / `audiences_of(pages)`: the audience of pages in hand, as an
  `Audience` with a stable string `key` that a search index stores per document.
- `viewer_of(user)` and `Viewer.may_see(audience_or_key)`: the other half, so that an
  index can keep one bitset (or one keyword) per audience key and ask which keys a user
  may see (`audiences_for`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, Group
from django.db import connection, models
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction

from kennisbank.models.restrictions import RestrictedDepth
from kennisbank.roles import PROFESSIONALS, REDACTEUREN, memberships

# The groups a professionals-only page is for (and its derived Wagtail restriction names).
PROFESSIONAL_GROUPS = (PROFESSIONALS, REDACTEUREN)


class Zichtbaarheid(models.TextChoices):
    """The one audience type editors choose on content (and the exchange format carries)."""

    OPENBAAR = "openbaar", _("Openbaar")
    PROFESSIONALS = "professionals", _("Alleen voor professionals")


class ZichtbaarheidMixin(models.Model):
    """A `zichtbaarheid` field on a page type; the policy reads it for every such type."""

    zichtbaarheid = models.CharField(
        _("zichtbaarheid"),
        max_length=20,
        choices=Zichtbaarheid.choices,
        default=Zichtbaarheid.OPENBAAR,
    )

    class Meta:
        abstract = True

    @property
    def is_for_professionals(self) -> bool:
        return self.zichtbaarheid == Zichtbaarheid.PROFESSIONALS


# --- audiences ---------------------------------------------------------------------------

PUBLIC_KEY = "openbaar"
LOGIN_KEY = "ingelogd"
NOBODY_KEY = "niemand"
_GROUPS_PREFIX = "groepen:"


@dataclass(frozen=True)
class Audience:
    """Who may see a page. `groups` holds one clause per group restriction on the page's
    path: a user must be in at least one group of *every* clause (superusers pass all)."""

    login: bool = False
    groups: frozenset[frozenset[int]] = frozenset()
    nobody: bool = False

    @property
    def key(self) -> str:
        if self.nobody:
            return NOBODY_KEY
        if self.groups:
            clauses = sorted(",".join(str(g) for g in sorted(c)) for c in self.groups)
            return _GROUPS_PREFIX + ";".join(clauses)
        return LOGIN_KEY if self.login else PUBLIC_KEY

    @classmethod
    def from_key(cls, key: str) -> Audience:
        if key == PUBLIC_KEY:
            return PUBLIC
        if key == LOGIN_KEY:
            return cls(login=True)
        if key.startswith(_GROUPS_PREFIX):
            clauses = frozenset(
                frozenset(int(g) for g in clause.split(",") if g)
                for clause in key[len(_GROUPS_PREFIX) :].split(";")
            )
            return cls(login=True, groups=clauses)
        return NOBODY  # unknown keys are treated as the narrowest audience

    @property
    def is_public(self) -> bool:
        return not (self.login or self.groups or self.nobody)

    def narrowed(self, other: Audience) -> Audience:
        """Both audiences at once (a restriction on the page and one on an ancestor)."""
        return Audience(
            login=self.login or other.login,
            groups=self.groups | other.groups,
            nobody=self.nobody or other.nobody,
        )


PUBLIC = Audience()
NOBODY = Audience(nobody=True)


@dataclass(frozen=True)
class Viewer:
    """What the policy needs to know of a user: signed in, superuser, group ids."""

    authenticated: bool = False
    superuser: bool = False
    group_ids: frozenset[int] = frozenset()
    group_names: frozenset[str] = frozenset()

    def may_see(self, audience: Audience | str) -> bool:
        if isinstance(audience, str):
            audience = Audience.from_key(audience)
        if audience.nobody:
            return False
        if (audience.login or audience.groups) and not self.authenticated:
            return False
        if self.superuser:
            return True
        return all(clause & self.group_ids for clause in audience.groups)

    @property
    def is_anonymous(self) -> bool:
        return not self.authenticated


ANONYMOUS = Viewer()


def viewer_of(user) -> Viewer:
    """The `Viewer` of a Django user (or None / AnonymousUser), cached on the user object."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return ANONYMOUS
    viewer = getattr(user, "_kennisbank_viewer", None)
    if viewer is None:
        groups = memberships(user)
        viewer = Viewer(
            authenticated=True,
            superuser=bool(user.is_superuser),
            group_ids=frozenset(pk for pk, _ in groups),
            group_names=frozenset(name for _, name in groups),
        )
        user._kennisbank_viewer = viewer
    return viewer


def audience_signature(user) -> str:
    """A string that two users share exactly when the policy lets them see the same pages:
    what `visible` reads of a viewer (signed in, superuser, groups). Caches of what a
    reader may see (`kennisbank.content_cache`) are keyed by it."""
    viewer = user if isinstance(user, Viewer) else viewer_of(user)
    if not viewer.authenticated:
        return "anoniem"
    if viewer.superuser:
        return "superuser"
    return "groepen:" + ",".join(str(pk) for pk in sorted(viewer.group_ids))


def audiences_for(user, keys: Iterable[str]) -> set[str]:
    """Of the audience `keys` an index holds, those `user` may see."""
    viewer = user if isinstance(user, Viewer) else viewer_of(user)
    return {key for key in keys if viewer.may_see(key)}


# --- the audience of pages in hand ----------------------------------------------------------


def professional_group_ids() -> frozenset[int]:
    return frozenset(
        Group.objects.filter(name__in=PROFESSIONAL_GROUPS).values_list("pk", flat=True)
    )


def _field_audience(page, professional_ids: frozenset[int] | None) -> Audience:
    if getattr(page, "zichtbaarheid", Zichtbaarheid.OPENBAAR) != Zichtbaarheid.PROFESSIONALS:
        return PUBLIC
    ids = professional_ids if professional_ids is not None else professional_group_ids()
    return Audience(login=True, groups=frozenset([ids]))


def _restriction_audience(restriction: PageViewRestriction, group_ids) -> Audience:
    if restriction.restriction_type == PageViewRestriction.PASSWORD:
        return NOBODY
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return Audience(login=True)
    return Audience(login=True, groups=frozenset([frozenset(group_ids)]))


def audiences_of(pages: Iterable[Page]) -> dict[int, Audience]:
    """page id -> Audience for many pages at once: three queries whatever their number.

    Pass specific pages (so that a `zichtbaarheid` field is seen); pages that are not live
    get `NOBODY`."""
    pages = list(pages)
    if not pages:
        return {}
    steplen = Page.steplen
    paths = {p.path[:end] for p in pages for end in range(steplen, len(p.path) + 1, steplen)}
    restrictions = list(
        PageViewRestriction.objects.filter(page__path__in=paths)
        .select_related("page")
        .prefetch_related("groups")
    )
    by_path: dict[str, list[Audience]] = {}
    for r in restrictions:
        audience = _restriction_audience(r, [g.pk for g in r.groups.all()])
        by_path.setdefault(r.page.path, []).append(audience)
    professional_ids = None
    if any(getattr(p, "zichtbaarheid", None) == Zichtbaarheid.PROFESSIONALS for p in pages):
        professional_ids = professional_group_ids()
    result = {}
    for page in pages:
        if not page.live:
            result[page.pk] = NOBODY
            continue
        audience = _field_audience(page, professional_ids)
        for end in range(steplen, len(page.path) + 1, steplen):
            for restriction in by_path.get(page.path[:end], ()):
                audience = audience.narrowed(restriction)
        result[page.pk] = audience
    return result


def audience_of(page: Page) -> Audience:
    """The audience of one page from its actual state: live, field, restrictions of any kind."""
    return audiences_of([page])[page.pk]


def may_view(user, page: Page, *, require_live: bool = True) -> bool:
    """May `user` see this page? `require_live=False` judges a draft being previewed by the
    restrictions and field it would be published with."""
    if not require_live and not page.live:
        audience = _field_audience(page, None)
        for restriction in page.get_view_restrictions():
            audience = audience.narrowed(
                _restriction_audience(restriction, restriction.groups.values_list("pk", flat=True))
            )
    else:
        audience = audience_of(page)
    return viewer_of(user).may_see(audience)


# --- the policy as a set operation -------------------------------------------------------


def _zichtbaarheid_models() -> list[type[models.Model]]:
    from django.apps import apps

    return [
        m
        for m in apps.get_models()
        if issubclass(m, ZichtbaarheidMixin) and not m._meta.abstract and not m._meta.proxy
    ]


def _failing_restrictions(viewer: Viewer) -> QuerySet[PageViewRestriction] | None:
    """The restrictions that keep this viewer out (None: every restriction does)."""
    if not viewer.authenticated:
        return None
    password = Q(restriction_type=PageViewRestriction.PASSWORD)
    if viewer.superuser:
        return PageViewRestriction.objects.filter(password)
    through = PageViewRestriction.groups.through
    member = Exists(
        through.objects.filter(
            pageviewrestriction_id=OuterRef("pk"), group_id__in=list(viewer.group_ids)
        )
    )
    groups = Q(restriction_type=PageViewRestriction.GROUPS) & ~member
    return PageViewRestriction.objects.filter(password | groups)


def _restricted_depths() -> tuple[int, ...]:
    """The tree depths that carry a view restriction (`RestrictedDepth`, kept by triggers)."""
    return tuple(sorted(RestrictedDepth.objects.values_list("depth", flat=True)))


def _restricted_path(
    failing: QuerySet[PageViewRestriction], depths: tuple[int, ...]
) -> list[Exists]:
    """Pages with one of the `failing` restrictions on their path: either condition holds.

    At each depth that carries a restriction, the path prefix of that depth is one lookup
    on the unique `path` index, whatever the number of restricted pages. The depths are read
    first (`RestrictedDepth`, one tiny table, kept by triggers) and written into the query as
    literals, which keeps the plans of both databases per-row index lookups. A restriction
    committed at a new depth between that read and the query would go unchecked, so the
    query itself also asks whether `RestrictedDepth` holds a depth it was not given: then
    every page counts as restricted for this one query (fail closed, never open)."""
    unforeseen = Exists(RestrictedDepth.objects.exclude(depth__in=depths))
    if not depths:
        return [unforeseen]
    on_path = Q()
    for depth in depths:
        prefix = Substr(OuterRef("path"), 1, Page.steplen * depth)
        on_path |= Q(page__depth=depth, page__path=prefix)
    return [unforeseen, Exists(failing.filter(on_path))]


def visible(queryset: QuerySet, user) -> QuerySet:
    """The live pages of `queryset` that `user` may see: a set operation whose size does not
    grow with the number of restricted pages (see the module docstring)."""
    return _visible(queryset, user, few=False)


def visible_among(page_ids: Iterable[int], user) -> set[int]:
    """Of these page ids (a handful: search hits, "meer zoals dit"), those `user` may see
    now. The same rule as `visible`, planned for few pages of any type: professionals-only
    content is looked up per page, where `visible` excludes it as one set (which pays off
    for a listing or a count, and costs a few milliseconds for five ids)."""
    condition = among(page_ids, user)
    if condition is None:
        return set()
    sql, params = condition.sql, condition.params
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}


def among(page_ids: Iterable[int], user) -> RawSQL | None:
    """`visible_among` as a subquery of page ids, for a query of cards to filter on
    (`pk__in=among(ids, user)`), so that the cards and the policy are one statement; None
    when there are no ids.

    The policy's SQL for few pages is built once per viewer and set of restricted depths
    and kept (`_among_sql`): building and compiling its `EXISTS` clauses through the ORM
    cost more than running them (README, "The site under load", the policy compiled once).
    What the SQL depends on is all in the key: the viewer (signed in, superuser, groups),
    whether it sees professionals-only content, the depths written into it as literals
    (read anew on every call; a depth added after that read still fails the statement
    closed, as in `visible`) and the database vendor."""
    ids = sorted({int(pk) for pk in page_ids if pk})
    if not ids:
        return None
    viewer = user if isinstance(user, Viewer) else viewer_of(user)
    base, params = _among_sql(
        viewer, sees_professionals_content(viewer), _restricted_depths(), connection.vendor
    )
    marks = ", ".join(["%s"] * len(ids))
    # Compiled by the ORM from the policy; the ids are parameters.
    sql = f'SELECT v."page_id" FROM ({base}) v WHERE v."page_id" IN ({marks})'  # noqa: S608
    return RawSQL(sql, (*params, *ids))  # noqa: S611


@functools.lru_cache(maxsize=256)
def _among_sql(
    viewer: Viewer, professionals: bool, depths: tuple[int, ...], vendor: str
) -> tuple[str, tuple]:
    qs = _visible(
        Page.objects.order_by(), viewer, few=True, depths=depths, professionals=professionals
    )
    sql, params = qs.values(page_id=F("pk")).query.sql_with_params()
    return sql, tuple(params)


def _visible(
    queryset: QuerySet,
    user,
    *,
    few: bool,
    depths: tuple[int, ...] | None = None,
    professionals: bool | None = None,
) -> QuerySet:
    viewer = user if isinstance(user, Viewer) else viewer_of(user)
    qs = queryset.filter(live=True)
    failing = _failing_restrictions(viewer)
    if failing is None:
        failing = PageViewRestriction.objects.all()
    if depths is None:
        depths = _restricted_depths()
    for restricted in _restricted_path(failing, depths):
        qs = qs.exclude(restricted)
    if professionals is None:
        professionals = sees_professionals_content(viewer)
    if not professionals:
        qs = _exclude_professionals_field(qs, few=few)
    return qs


def sees_professionals_content(user) -> bool:
    """May this user see content whose `zichtbaarheid` is *professionals*?"""
    viewer = user if isinstance(user, Viewer) else viewer_of(user)
    if not viewer.authenticated:
        return False
    if viewer.superuser or viewer.group_names & set(PROFESSIONAL_GROUPS):
        return True
    # A Viewer built from group ids alone (tests, tasks) is checked against the database.
    return not viewer.group_names and bool(viewer.group_ids & professional_group_ids())


def _exclude_professionals_field(qs: QuerySet, *, few: bool) -> QuerySet:
    model = qs.model
    if issubclass(model, ZichtbaarheidMixin):
        return qs.exclude(zichtbaarheid=Zichtbaarheid.PROFESSIONALS)
    for content_model in _zichtbaarheid_models():
        if issubclass(content_model, model):
            if few:
                # One primary-key lookup in the content table per page.
                hidden = content_model.objects.filter(
                    pk=OuterRef("pk"), zichtbaarheid=Zichtbaarheid.PROFESSIONALS
                )
                qs = qs.exclude(Exists(hidden))
            else:
                # One set for the whole query: content models with many rows index
                # `zichtbaarheid`, so the subquery reads that index, not the wide table.
                hidden = content_model.objects.filter(
                    zichtbaarheid=Zichtbaarheid.PROFESSIONALS
                ).values("pk")
                qs = qs.exclude(pk__in=hidden)
    return qs


def hidden_from(queryset: QuerySet, user) -> QuerySet:
    """The pages of `queryset` that `user` may not see (the complement of `visible`)."""
    return queryset.exclude(pk__in=visible(queryset, user).values("pk"))
