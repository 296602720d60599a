"""The channel x audience matrix: every channel, for every kind of restriction and every
kind of user, shows exactly what `kennisbank.visibility` allows (positive controls included).

Content: four lessons (public, professionals-only through `zichtbaarheid`, login-restricted,
password-restricted), four dossiers (public, restricted to the group Redacteuren only,
login, password) and four kennisdagen (public, restricted to Organisatoren, login,
password). Every title carries a marker that occurs nowhere else, so "seen" means the
marker is in the response. Users: anonymous, a professional, a member of an unrelated
group, a redacteur and an organiser. One test per channel compares, for every user at
once, the set of markers the channel shows with the set the policy allows.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from dossiers.models import DossierIndexPage, DossierKeyLesson, DossierPage
from dossiers.pdf import render_html
from dossiers.selectors import dossier_context, shows_restricted_lessons
from follow import services as follow_services
from follow.digest import build_digest
from kennisbank.models import Gebied, Gemeente, Thema
from kennisbank.roles import ORGANISATOREN, PROFESSIONALS, REDACTEUREN
from kennisdagen.models import KennisdagIndexPage, KennisdagPage
from knelpunten.models import Knelpunt
from lessons.models import Adoption, LessonPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WORD = "kwelsloot"  # in every title: one search finds every item
TAG = "kwelsloottag"

USERS = ("anonymous", "professional", "outsider", "redacteur", "organisator")
EVERYONE = set(USERS)
SIGNED_IN = EVERYONE - {"anonymous"}

# marker -> who may see it (the policy's answer, written out by hand)
LESSONS = {
    "mxlesopen": EVERYONE,
    "mxlesprof": {"professional", "redacteur"},
    "mxleslogin": SIGNED_IN,
    "mxlespass": set(),
}
DOSSIERS = {
    "mxdosopen": EVERYONE,
    "mxdosredact": {"redacteur"},
    "mxdoslogin": SIGNED_IN,
    "mxdospass": set(),
}
KENNISDAGEN = {
    "mxdagopen": EVERYONE,
    "mxdagorg": {"organisator"},
    "mxdaglogin": SIGNED_IN,
    "mxdagpass": set(),
}
ALL = {**LESSONS, **DOSSIERS, **KENNISDAGEN}
# Days from today: the organisers' day comes first, so "next kennisdag" differs per user.
DAYS_AHEAD = {"mxdagorg": 5, "mxdagpass": 6, "mxdaglogin": 7, "mxdagopen": 10}


def visible_to(user: str, items: dict) -> set[str]:
    return {marker for marker, who in items.items() if user in who}


def public(items: dict) -> set[str]:
    return visible_to("anonymous", items)


@dataclass
class World:
    pages: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)


def _restrict(page, kind: str, groups=()):
    if kind == "login":
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    elif kind == "password":
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
    elif kind == "groups":
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=groups))


def _publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def _kind(marker: str) -> str:
    for suffix, kind in (("pass", "password"), ("login", "login")):
        if marker.endswith(suffix):
            return kind
    return ""


@pytest.fixture
def world(lesson_index, django_capture_on_commit_callbacks) -> World:
    w = World()
    capture = django_capture_on_commit_callbacks
    today = timezone.localdate()
    thema = Thema.objects.get(slug="leefbaar")
    gebied = Gebied.objects.first()

    kennisdag_index = KennisdagIndexPage.objects.get()
    for marker, ahead in DAYS_AHEAD.items():
        day = KennisdagPage(
            title=f"Kennisdag {WORD} {marker}",
            slug=marker,
            datum=today + datetime.timedelta(days=ahead),
            start_tijd=datetime.time(9, 30),
            eind_tijd=datetime.time(16, 0),
            samenvatting=f"Een dag over de {WORD}.",
            live=False,
        )
        kennisdag_index.add_child(instance=day)
        day.themas.set([thema])
        _restrict(day, _kind(marker))
        if marker == "mxdagorg":
            _restrict(day, "groups", [ORGANISATOREN])
        w.pages[marker] = _publish(day, capture)

    for n, marker in enumerate(LESSONS):
        lesson = LessonPage(
            title=f"Les {WORD} {marker}",
            slug=marker,
            soort="les",
            fase="werkt",
            datum=datetime.date(2026, 3, 1) + datetime.timedelta(days=n),
            samenvatting=f"Wat werkte bij de {WORD}.",
            body=f"## Situatie\nDe {WORD} liep over.",
            zichtbaarheid="professionals" if marker == "mxlesprof" else "openbaar",
            kennisdag=w.pages["mxdagopen"],
            live=False,
        )
        lesson_index.add_child(instance=lesson)
        lesson.themas.set([thema])
        lesson.tags.set([TAG])
        Adoption.objects.create(page=lesson, gebied=gebied, datum=datetime.date(2026, 4, 1))
        _restrict(lesson, _kind(marker))
        w.pages[marker] = _publish(lesson, capture)

    lessons = [w.pages[m] for m in LESSONS]
    dossier_index = DossierIndexPage.objects.get()
    for marker in DOSSIERS:
        dossier = DossierPage(
            title=f"Dossier {WORD} {marker}",
            slug=marker,
            vraag=f"Wat doen we met de {WORD}?",
            samenvatting=f"Over de {WORD}.",
            peildatum=datetime.date(2026, 9, 1),
            live=False,
            key_lessons=[
                DossierKeyLesson(lesson=lesson, note=f"Waarom {lesson.slug} telt.")
                for lesson in lessons
            ],
            aanbevelingen=[
                {
                    "type": "aanbeveling",
                    "value": {"tekst": f"Advies uit {lesson.slug}.", "bronnen": [lesson.pk]},
                }
                for lesson in lessons
            ],
        )
        dossier_index.add_child(instance=dossier)
        _restrict(dossier, _kind(marker))
        if marker == "mxdosredact":
            _restrict(dossier, "groups", [REDACTEUREN])
        w.pages[marker] = _publish(dossier, capture)

    def member_of(group_name, username):
        group, _ = Group.objects.get_or_create(name=group_name)
        user = UserFactory(username=username)
        user.groups.add(group)
        return user

    w.users = {
        "anonymous": None,
        "professional": member_of(PROFESSIONALS, "mx-professional"),
        "outsider": member_of("Buurtvereniging", "mx-outsider"),
        "redacteur": member_of(REDACTEUREN, "mx-redacteur"),
        "organisator": member_of(ORGANISATOREN, "mx-organisator"),
    }
    return w


def seen(body: str, markers) -> set[str]:
    return {marker for marker in markers if marker in body}


def per_user(client, world: World, look) -> dict[str, set[str]]:
    """{user: what `look(client)` returned while signed in as that user}."""
    result = {}
    for name in USERS:
        client.logout()
        if world.users[name] is not None:
            client.force_login(world.users[name])
        result[name] = look(client)
    return result


def get_body(client, url, params=None) -> str:
    response = client.get(url, params or {})
    assert response.status_code in (200, 302, 404), (url, response.status_code)
    return response.content.decode() if response.status_code == 200 else ""


def expect(items: dict) -> dict[str, set[str]]:
    return {user: visible_to(user, items) for user in USERS}


def expect_public(items: dict) -> dict[str, set[str]]:
    return {user: public(items) for user in USERS}


# --- pages -------------------------------------------------------------------------------


def test_page_of_each_item_answers_only_to_its_audience(client, world):
    def look(c):
        shown = set()
        for marker in ALL:
            url = world.pages[marker].url
            response = c.get(url)
            # (the password form carries the page's own address as its return url)
            if response.status_code == 200 and marker in response.content.decode().replace(url, ""):
                shown.add(marker)
        return shown

    assert per_user(client, world, look) == expect(ALL)


def test_password_page_asks_for_the_password_without_showing_its_title(client, world):
    response = client.get(world.pages["mxlespass"].url)
    assert response.status_code == 200
    body = response.content.decode().replace(world.pages["mxlespass"].url, "")
    assert 'name="password"' in body
    assert "mxlespass" not in body


# --- lesson channels ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "channel",
    ["index", "index filtered by thema", "index filtered by tag", "tag page", "home"],
)
def test_lesson_listing(client, world, lesson_index, channel):
    url, params = {
        "index": (lesson_index.url, {}),
        "index filtered by thema": (lesson_index.url, {"thema": "leefbaar"}),
        "index filtered by tag": (lesson_index.url, {"tag": TAG}),
        "tag page": (f"{lesson_index.url}tag/{TAG}/", {}),
        "home": ("/", {}),
    }[channel]
    shown = per_user(client, world, lambda c: seen(get_body(c, url, params), LESSONS))
    assert shown == expect(LESSONS)


def test_related_lessons_on_the_public_lesson(client, world):
    url = world.pages["mxlesopen"].url
    shown = per_user(client, world, lambda c: seen(get_body(c, url), set(LESSONS) - {"mxlesopen"}))
    assert shown == {u: visible_to(u, LESSONS) - {"mxlesopen"} for u in USERS}


@pytest.mark.parametrize("channel", ["feed", "sitemap"])
def test_shared_channel_is_public_only_for_everyone(client, world, lesson_index, channel):
    url = {"feed": f"{lesson_index.url}feed/", "sitemap": "/sitemap.xml"}[channel]
    markers = ALL if channel == "sitemap" else LESSONS
    shown = per_user(client, world, lambda c: seen(get_body(c, url), markers))
    assert shown == expect_public(markers)


# --- API v2 ------------------------------------------------------------------------------


def test_api_listing(client, world):
    def look(c):
        shown = set()
        for page_type in (
            "lessons.LessonPage",
            "dossiers.DossierPage",
            "kennisdagen.KennisdagPage",
        ):
            body = get_body(c, "/api/v2/pages/", {"type": page_type, "fields": "title"})
            shown |= seen(body, ALL)
        return shown

    assert per_user(client, world, look) == expect(ALL)


def test_api_detail(client, world):
    def look(c):
        shown = set()
        for marker in ALL:
            response = c.get(f"/api/v2/pages/{world.pages[marker].pk}/")
            if response.status_code == 200 and marker in response.content.decode():
                shown.add(marker)
        return shown

    assert per_user(client, world, look) == expect(ALL)


# --- search ------------------------------------------------------------------------------


def test_search_page_hits(client, world):
    shown = per_user(client, world, lambda c: seen(get_body(c, "/zoeken/", {"q": WORD}), ALL))
    assert shown == expect(ALL)


def test_search_api_hits(client, world):
    def look(c):
        response = c.get("/api/zoeken/", {"q": WORD})
        assert response.status_code == 200
        return seen(json.dumps(response.json()["results"]), ALL)

    assert per_user(client, world, look) == expect(ALL)


# --- dossiers ----------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["index", "home"])
def test_dossier_listing(client, world, channel):
    url = {"index": DossierIndexPage.objects.get().url, "home": "/"}[channel]
    shown = per_user(client, world, lambda c: seen(get_body(c, url), DOSSIERS))
    if channel == "home":  # the home page lists no dossiers: only never more than allowed
        assert all(shown[u] <= visible_to(u, DOSSIERS) for u in USERS)
    else:
        assert shown == expect(DOSSIERS)


def test_cited_lessons_on_the_public_dossier(client, world):
    url = world.pages["mxdosopen"].url
    shown = per_user(client, world, lambda c: seen(get_body(c, url), LESSONS))
    assert shown == expect(LESSONS)


def test_cited_lessons_in_the_dossier_pdf_source(world):
    dossier = world.pages["mxdosopen"]
    shown = {u: seen(render_html(dossier, world.users[u]), LESSONS) for u in USERS}
    assert shown == expect(LESSONS)


# --- kennisdagen -------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["index", "index filtered by thema"])
def test_kennisdag_listing(client, world, channel):
    url = KennisdagIndexPage.objects.get().url
    params = {"thema": "leefbaar"} if channel != "index" else {}
    shown = per_user(client, world, lambda c: seen(get_body(c, url, params), KENNISDAGEN))
    assert shown == expect(KENNISDAGEN)


def test_next_kennisdag_on_home_is_the_first_one_the_user_may_see(client, world):
    def first_visible(user):
        allowed = visible_to(user, KENNISDAGEN)
        return {min(allowed, key=DAYS_AHEAD.get)}

    shown = per_user(client, world, lambda c: seen(get_body(c, "/"), KENNISDAGEN))
    assert shown == {u: first_visible(u) for u in USERS}


def test_harvested_lessons_on_the_public_kennisdag(client, world):
    url = world.pages["mxdagopen"].url
    shown = per_user(client, world, lambda c: seen(get_body(c, url), LESSONS))
    assert shown == expect(LESSONS)


def test_kennisdag_calendar_feed_is_public_only(client, world):
    url = KennisdagIndexPage.objects.get().url + "ical/"
    shown = per_user(client, world, lambda c: seen(get_body(c, url), KENNISDAGEN))
    assert shown == expect_public(KENNISDAGEN)


# --- leerloop ----------------------------------------------------------------------------


def test_leerloop_figures(client, world):
    shown = per_user(client, world, lambda c: seen(get_body(c, "/leerloop/"), LESSONS))
    assert shown == expect(LESSONS)


def test_lesson_page_names_its_kennisdag_only_to_who_may_see_that_day(client, world):
    LessonPage.objects.filter(pk=world.pages["mxlesopen"].pk).update(
        kennisdag=world.pages["mxdagorg"]
    )
    url = world.pages["mxlesopen"].url
    shown = per_user(client, world, lambda c: seen(get_body(c, url), {"mxdagorg"}))
    assert shown == expect({"mxdagorg": KENNISDAGEN["mxdagorg"]})


# --- the admin, for users without access to everything -----------------------------------


ADMIN_USERS = ("organisator", "redacteur")


def admin_expect(items: dict) -> dict[str, set[str]]:
    # Editors manage every page (as in Wagtail); an organiser only sees what the site shows.
    return {"organisator": visible_to("organisator", items), "redacteur": set(items)}


def _admin(world, name):
    user = world.users[name]
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_admin_page_chooser_search_shows_only_pages_the_user_may_see(client, world):
    def look(name):
        client.force_login(_admin(world, name))
        response = client.get("/admin/choose-page/search/", {"q": WORD})
        assert response.status_code == 200
        return seen(response.content.decode(), ALL)

    assert {n: look(n) for n in ADMIN_USERS} == admin_expect(ALL)


def test_admin_page_chooser_browse_shows_only_pages_the_user_may_see(client, world, lesson_index):
    def look(name):
        client.force_login(_admin(world, name))
        response = client.get(f"/admin/choose-page/{lesson_index.pk}/")
        assert response.status_code == 200
        return seen(response.content.decode(), LESSONS)

    assert {n: look(n) for n in ADMIN_USERS} == admin_expect(LESSONS)


def test_tag_autocomplete_hides_tags_used_only_on_pages_the_user_may_not_see(client, world):
    world.pages["mxlesprof"].tags.add("kwelgeheim")
    world.pages["mxlesprof"].save_revision().publish()

    def look(name):
        client.force_login(_admin(world, name))
        response = client.get("/admin/tag-autocomplete/", {"term": "kwel"})
        assert response.status_code == 200
        return set(response.json())

    assert look("organisator") == {TAG}
    assert look("redacteur") == {TAG, "kwelgeheim"}


# --- knelpunten and digests --------------------------------------------------------------


def test_lessons_linked_to_a_public_knelpunt(client, world):
    knelpunt = Knelpunt.objects.create(
        titel="Water in de kruipruimte",
        wat_zit_vast="Niemand voelt zich eigenaar.",
        gemeente=Gemeente.objects.first(),
        openbaar=True,
    )
    knelpunt.lessen.set([world.pages[m] for m in LESSONS])
    url = reverse("knelpunten:detail", args=[knelpunt.pk])
    shown = per_user(client, world, lambda c: seen(get_body(c, url), LESSONS))
    assert shown == expect(LESSONS)


def test_digest_at_send_time(world):
    """A digest of a thema, a saved search and a dossier holds what its reader may see."""
    long_ago = timezone.now() - datetime.timedelta(days=365)
    shown = {}
    for name in SIGNED_IN:
        user = world.users[name]
        follow_services.follow_term(user, Thema.objects.get(slug="leefbaar"))
        follow_services.follow_search(user, {"q": WORD})
        follow_services.follow_page(user, world.pages["mxdosopen"])
        digest = build_digest(user, since=long_ago)
        titles = " ".join(item.title for s in digest.sections for item in s.items)
        shown[name] = seen(titles, ALL)
    assert shown == {name: visible_to(name, ALL) for name in SIGNED_IN}


@pytest.mark.parametrize("view", ["browse into", "chosen"])
def test_admin_page_chooser_by_id_refuses_pages_the_user_may_not_see(client, world, view):
    def answers(name, marker):
        client.force_login(_admin(world, name))
        pk = world.pages[marker].pk
        if view == "browse into":
            response = client.get(f"/admin/choose-page/{pk}/")
        else:
            response = client.get("/admin/choose-page/chosen-multiple/", {"id": [pk]})
        return response.status_code == 200 and marker in response.content.decode()

    shown = {n: {m for m in ALL if answers(n, m)} for n in ADMIN_USERS}
    assert shown == admin_expect(ALL)


def test_dossier_pdf_is_marked_not_public_when_it_cites_a_restricted_lesson(world):
    sources = {u: dossier_context(world.pages["mxdosopen"], world.users[u]) for u in USERS}
    marked = {u for u in USERS if shows_restricted_lessons(sources[u]["source_lessons"])}
    assert marked == SIGNED_IN  # every signed-in user sees the login-restricted lesson
