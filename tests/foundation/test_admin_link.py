"""The header's link to the admin (*Beheer*): shown to whom the admin lets in, answered from
the one read of the user's groups (`kennisbank.roles.may_use_admin`), without permission
queries of its own on every signed-in page."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kennisbank.roles import may_use_admin

pytestmark = pytest.mark.django_db

ADMIN_LINK = '<a href="/admin/">Beheer</a>'


def _header(client, user=None) -> str:
    if user is not None:
        client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("who", ["editor", "organiser", "superuser"])
def test_roles_that_reach_the_admin_see_its_link(client, home_page, request, who):
    assert ADMIN_LINK in _header(client, request.getfixturevalue(who))


def test_a_professional_does_not_see_the_admin_link(client, home_page, professional):
    assert ADMIN_LINK not in _header(client, professional)


def test_an_anonymous_visitor_does_not_see_the_admin_link(client, home_page):
    assert ADMIN_LINK not in _header(client)


def test_a_group_granted_admin_access_later_shows_the_link(client, home_page):
    user = get_user_model().objects.create_user("beheerder", password="x")  # noqa: S106
    group = Group.objects.create(name="Gemeentelijke beheerders")
    user.groups.add(group)
    assert ADMIN_LINK not in _header(client, user)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    assert ADMIN_LINK in _header(client, user)


def test_staff_see_the_admin_link(client, home_page):
    user = get_user_model().objects.create_user("medewerker", password="x", is_staff=True)  # noqa: S106
    assert ADMIN_LINK in _header(client, user)


def test_may_use_admin_reads_the_groups_once_per_user_object(organiser, professional):
    organiser = get_user_model().objects.get(pk=organiser.pk)
    with CaptureQueriesContext(connection) as queries:
        assert may_use_admin(organiser)
        assert may_use_admin(organiser)
    assert len(queries) == 1


def test_signing_in_adds_session_user_and_groups_and_no_permission_query(
    client, home_page, professional
):
    client.get("/")
    with CaptureQueriesContext(connection) as anonymous:
        assert client.get("/").status_code == 200
    client.force_login(professional)
    client.get("/")
    with CaptureQueriesContext(connection) as signed_in:
        assert client.get("/").status_code == 200
    assert len(signed_in) - len(anonymous) == 3, [q["sql"][:80] for q in signed_in]
    assert not any(q["sql"].startswith('SELECT "django_content_type"') for q in signed_in)
