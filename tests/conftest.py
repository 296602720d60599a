"""Shared fixtures: users per role, the site's pages, and the database leg in use.

The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL points there
(`make test` runs both legs). Content comes from the factories in `tests/factories.py`.
"""

import datetime
import os

import pytest
from django.contrib.auth.models import Group
from django.utils.text import slugify

from kennisbank.lookup import TermIndex
from kennisbank.models import Gebied, Gemeente, HomePage, Organisatie, Thema
from kennisbank.roles import ORGANISATOREN, PROFESSIONALS, REDACTEUREN
from lessons.models import LessonIndexPage, LessonPage
from tests import factories

# The browser fixtures live in a plugin so that every test module shares one Chromium.
pytest_plugins = ["tests.browser_fixtures"]


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"database leg: {db['ENGINE'].rsplit('.', 1)[-1]} ({db.get('NAME')})"


def pytest_sessionstart(session):
    """The PostgreSQL leg must fail loudly when its server is unreachable, never skip."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    try:
        psycopg.connect(
            host=db.get("HOST") or None,
            port=db.get("PORT") or None,
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
            dbname="postgres",
            connect_timeout=5,
        ).close()
    except psycopg.OperationalError as exc:
        pytest.exit(
            f"PostgreSQL leg: cannot reach the server of DATABASE_URL={url!r}: {exc}. "
            "Start PostgreSQL (see README) or unset DATABASE_URL for the SQLite leg.",
            returncode=3,
        )


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit(): ...` runs what a commit runs when the block ends (the test's own
    transaction never commits): until then fragment caches stay out of the way of the
    transaction that changed content."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture(autouse=True)
def _fresh_fragment_caches():
    """Each test starts with empty fragment caches and no refresh of "meer zoals dit" held
    back as queued: a rolled-back test can leave the content generation's token, and page
    ids, as an earlier test had them."""
    from django.core.cache import cache

    from kennisbank import content_cache
    from search import related

    content_cache.clear()
    cache.clear()
    related.forget_queued()


@pytest.fixture
def home_page(db):
    return HomePage.objects.get()


def _user_in(group_name, username):
    # get_or_create: browser tests flush the database between tests, and a role fixture may
    # run before the serialized migration data is restored.
    group, _ = Group.objects.get_or_create(name=group_name)
    user = factories.UserFactory(username=username)
    user.groups.add(group)
    return user


@pytest.fixture
def editor(db):
    return _user_in(REDACTEUREN, "redacteur")


@pytest.fixture
def organiser(db):
    return _user_in(ORGANISATOREN, "organisator")


@pytest.fixture
def professional(db):
    return _user_in(PROFESSIONALS, "professional")


@pytest.fixture
def superuser(db):
    return factories.UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def lesson_index(db):
    index = LessonIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.get()
        index = home.add_child(instance=LessonIndexPage(title="Lessen", slug="lessen"))
    return index


@pytest.fixture
def make_lesson(lesson_index, django_capture_on_commit_callbacks):
    """Create and publish a lesson; the publish signal indexes it (after commit)."""
    counter = {"n": 0}

    def make(
        title,
        body="",
        *,
        samenvatting=None,
        soort="les",
        fase="werkt",
        datum=datetime.date(2026, 3, 1),
        gebied=None,
        gemeente=None,
        organisaties=(),
        themas=(),
        tags=(),
        zichtbaarheid="openbaar",
        publish=True,
    ):
        counter["n"] += 1
        lesson = LessonPage(
            live=publish,
            title=title,
            slug=f"{slugify(title)[:40]}-{counter['n']}",
            soort=soort,
            fase=fase,
            datum=datum,
            samenvatting=samenvatting if samenvatting is not None else title,
            body=body,
            zichtbaarheid=zichtbaarheid,
            gebied=TermIndex(Gebied).get(gebied) if gebied else None,
            gemeente=TermIndex(Gemeente).get(gemeente) if gemeente else None,
        )
        lesson_index.add_child(instance=lesson)
        lesson.organisaties.set(TermIndex(Organisatie).get_many(organisaties))
        lesson.themas.set(TermIndex(Thema).get_many(themas))
        lesson.tags.set(list(tags))
        with django_capture_on_commit_callbacks(execute=True):
            revision = lesson.save_revision()
            if publish:
                revision.publish()
        lesson.refresh_from_db()
        return lesson

    return make
