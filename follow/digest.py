"""The digest: what is new or changed in what a user follows, and mailing it.

`build_digest` only reads (and only what the user may see: searches run as the user,
lessons come through `visible_lessons`); `send_digests` mails one digest per user with
news and moves `last_sent_at` to the moment the run looked, so nothing is sent twice
and nothing published during the run is skipped.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from operator import attrgetter
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page

from follow.models import Follow, Kind
from follow.targets import params_as_querydict, visible_dossier, visible_dossier_lessons
from follow.tokens import make_token
from lessons.models import LessonIndexPage, LessonPage
from lessons.selectors import visible_lessons
from search.service import SearchInputError, parse_query, run_search

logger = logging.getLogger(__name__)

MAX_ITEMS = 25  # per section; the rest is summarised as "en N meer"
SEARCH_DEPTH = 100  # hits of a saved search checked for news, newest first

NIEUW, GEWIJZIGD = "nieuw", "gewijzigd"


def absolute_url(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


@dataclass
class Item:
    title: str
    url: str
    type: str
    date: datetime
    status: str  # NIEUW or GEWIJZIGD

    @property
    def status_label(self) -> str:
        return _("nieuw") if self.status == NIEUW else _("gewijzigd")


@dataclass
class Section:
    follow: Follow
    title: str
    url: str
    items: list[Item]
    more: int = 0  # items left out beyond MAX_ITEMS
    unsubscribe_url: str = ""


@dataclass
class Digest:
    user: object
    now: datetime
    follows: list[Follow]  # every follow this digest covers (news or not)
    sections: list[Section] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.sections

    @property
    def item_count(self) -> int:
        return sum(len(s.items) + s.more for s in self.sections)

    @property
    def unsubscribe_url(self) -> str:
        """One-click: stop exactly the follows that feed this mail."""
        return unsubscribe_url(self.user.pk, [f.pk for f in self.follows])

    @property
    def unsubscribe_all_url(self) -> str:
        return unsubscribe_url(self.user.pk)

    @property
    def manage_url(self) -> str:
        return absolute_url(reverse("follow:list"))


def unsubscribe_url(user_id: int, follow_ids=None) -> str:
    token = make_token(user_id) if follow_ids is None else make_token(user_id, follow_ids)
    return absolute_url(reverse("follow:unsubscribe", args=[token]))


# --- building ---------------------------------------------------------------------------


def _in_window(since, now) -> Q:
    """First published (new) or published again (changed) after `since`, up to `now`."""
    return Q(first_published_at__gt=since, first_published_at__lte=now) | Q(
        last_published_at__gt=since, last_published_at__lte=now
    )


def _status(page, since) -> tuple[str, datetime]:
    if page.first_published_at and page.first_published_at > since:
        return NIEUW, page.first_published_at
    return GEWIJZIGD, page.last_published_at


def _lesson_items(qs: QuerySet[LessonPage], since, now) -> list[Item]:
    items = []
    for lesson in qs.filter(_in_window(since, now)).order_by("-last_published_at", "-pk"):
        status, when = _status(lesson, since)
        url = absolute_url(lesson.get_url())
        items.append(Item(lesson.title, url, lesson.get_soort_display(), when, status))
    return items


def _search_items(follow: Follow, user, since, now) -> list[Item]:
    try:
        query = parse_query(params_as_querydict(follow.params), user)
    except SearchInputError:
        logger.warning("saved search %s no longer parses; skipped", follow.pk)
        return []
    query = dataclasses.replace(query, sort="datum", page=1, per_page=SEARCH_DEPTH)
    try:
        hits = [hit for hit in run_search(query).hits if hit.page_id]
    except Exception:  # one broken search must not stop everyone's digest
        logger.exception("saved search %s failed; skipped", follow.pk)
        return []
    pages = {
        page.pk: page
        for page in Page.objects.live()
        .filter(pk__in=[hit.page_id for hit in hits])
        .filter(_in_window(since, now))
        .only("pk", "first_published_at", "last_published_at")
    }
    items = []
    for hit in hits:
        page = pages.pop(hit.page_id, None)  # pop: an editor's pick may repeat a hit
        if page is None:
            continue
        status, when = _status(page, since)
        items.append(Item(hit.title, absolute_url(hit.url), hit.type_label, when, status))
    items.sort(key=attrgetter("date"), reverse=True)
    return items


def _dossier_items(follow: Follow, user, since, now) -> list[Item]:
    dossier = visible_dossier(user, follow.page) if follow.page_id else None
    if dossier is None:
        return []  # unpublished or closed to this user: nothing to report
    items = []
    if dossier.last_published_at and since < dossier.last_published_at <= now:
        status, when = _status(dossier, since)
        items.append(
            Item(dossier.title, absolute_url(dossier.get_url()), _("Dossier"), when, status)
        )
    return items + _lesson_items(visible_dossier_lessons(dossier, user), since, now)


def _lesson_index_url(**params) -> str:
    index = LessonIndexPage.objects.live().first()
    base = index.get_url() if index else "/"
    return absolute_url(f"{base}?{urlencode(params)}")


def _section(follow: Follow, user, since, now) -> Section | None:
    if follow.kind == Kind.ZOEKOPDRACHT:
        items = _search_items(follow, user, since, now)
        url = absolute_url(
            reverse("search:search") + "?" + urlencode({**follow.params, "sort": "datum"}, True)
        )
        title = _("Zoekopdracht: %(label)s") % {"label": follow.label}
    elif follow.kind == Kind.DOSSIER:
        items = _dossier_items(follow, user, since, now)
        url = absolute_url(follow.page.get_url() or "/") if follow.page_id else ""
        title = _("Dossier: %(label)s") % {"label": follow.page.title if follow.page else ""}
    elif follow.kind == Kind.THEMA:
        qs = visible_lessons(user).filter(themas=follow.thema).distinct()
        items = _lesson_items(qs, since, now)
        url = _lesson_index_url(thema=follow.thema.slug)
        title = _("Thema: %(label)s") % {"label": follow.thema.name}
    else:
        qs = visible_lessons(user).filter(gebied=follow.gebied)
        items = _lesson_items(qs, since, now)
        url = _lesson_index_url(gebied=follow.gebied.slug)
        title = _("Gebied: %(label)s") % {"label": follow.gebied.name}
    if not items:
        return None
    return Section(
        follow=follow,
        title=title,
        url=url,
        items=items[:MAX_ITEMS],
        more=max(0, len(items) - MAX_ITEMS),
        unsubscribe_url=unsubscribe_url(user.pk, [follow.pk]),
    )


def build_digest(user, since=None, *, now=None, follows=None) -> Digest:
    """What is new or changed for `user` between `since` and `now`, one section per follow
    with news. `since` None: each follow from its own last digest (or from when it was
    made). `follows` None: all of the user's follows."""
    now = now or timezone.now()
    if follows is None:
        follows = list(user.follows.select_related("page", "thema", "gebied"))
    digest = Digest(user=user, now=now, follows=list(follows))
    with translation.override(settings.LANGUAGE_CODE):
        for follow in digest.follows:
            section = _section(follow, user, since or follow.since, now)
            if section:
                digest.sections.append(section)
    return digest


def pending_digests(now=None, frequency=None):
    """One digest per active user with an e-mail address and follows (empty ones too)."""
    now = now or timezone.now()
    follows = (
        Follow.objects.filter(user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "page", "thema", "gebied")
        .order_by("user_id", "kind", "label", "pk")
    )
    if frequency:
        follows = follows.filter(frequency=frequency)
    for _user_id, group in groupby(follows, key=attrgetter("user_id")):
        group = list(group)
        yield build_digest(group[0].user, now=now, follows=group)


# --- sending ----------------------------------------------------------------------------


class OneLineHeader(str):
    """A header value kept on one line when the message is serialised. Python's e-mail
    folding turns a long URL without spaces into RFC 2047 encoded words, which mail
    clients do not read as a List-Unsubscribe URL; RFC 5322 allows lines of 998 chars."""

    def __new__(cls, name: str, value: str):
        header = super().__new__(cls, value)
        header.name = name
        return header

    def __getnewargs__(self):  # copy/deepcopy (the locmem backend copies messages)
        return (self.name, str(self))

    def fold(self, *, policy):
        return f"{self.name}: {self}{policy.linesep}"


def digest_message(digest: Digest) -> EmailMultiAlternatives:
    """The mail for one digest: Dutch plain text with an HTML alternative, and the
    List-Unsubscribe headers that let mail clients offer one-click unsubscribe."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "digest": digest,
            "user": digest.user,
            "name": digest.user.get_short_name() or digest.user.get_username(),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = ngettext(
            "Kennisbank: %(count)s nieuw of gewijzigd item in uw volglijst",
            "Kennisbank: %(count)s nieuwe of gewijzigde items in uw volglijst",
            digest.item_count,
        ) % {"count": digest.item_count}
        text = render_to_string("follow/email/digest.txt", context)
        html = render_to_string("follow/email/digest.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[digest.user.email],
        headers={
            "List-Unsubscribe": OneLineHeader("List-Unsubscribe", f"<{digest.unsubscribe_url}>"),
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _claim(digest: Digest) -> bool:
    """Move `last_sent_at` of the digest's follows to `now`, all or nothing, and only if no
    other run moved them since they were read: overlapping runs never mail twice."""
    unchanged = Q(pk__in=[])
    for follow in digest.follows:
        # `last_sent_at=None` is an IS NULL test in Django's ORM.
        unchanged |= Q(pk=follow.pk, last_sent_at=follow.last_sent_at)
    with transaction.atomic():
        claimed = Follow.objects.filter(unchanged).update(last_sent_at=digest.now)
        if claimed != len(digest.follows):
            transaction.set_rollback(True)
            return False
    return True


def _release(digest: Digest) -> None:
    """The mail failed: put `last_sent_at` back, so the next run sends the same news."""
    for follow in digest.follows:
        Follow.objects.filter(pk=follow.pk, last_sent_at=digest.now).update(
            last_sent_at=follow.last_sent_at
        )


def send_digests(now=None, frequency=None) -> int:
    """Mail every user whose follows have news; returns the number of mails sent."""
    now = now or timezone.now()
    sent = 0
    with mailers.default as mailer:
        for digest in pending_digests(now, frequency):
            if digest.is_empty or not _claim(digest):
                continue
            try:
                mailer.send_messages([digest_message(digest)])
            except Exception:  # one bad address must not stop the other mails
                logger.exception("digest for user %s not sent", digest.user.pk)
                _release(digest)
                continue
            sent += 1
    return sent
