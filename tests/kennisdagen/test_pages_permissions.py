"""Page tree rules and Organisatoren rights: edit own kennisdag, never publish, no lessons."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Collection

from kennisbank.models import HomePage
from kennisdagen.models import KennisdagIndexPage, KennisdagPage

pytestmark = pytest.mark.django_db


def test_data_migration_creates_the_index_under_home(kennisdag_index, home_page):
    assert kennisdag_index.get_parent().specific == home_page
    assert kennisdag_index.live
    assert kennisdag_index.url == "/kennisdagen/"


def test_kennisdag_only_under_the_index():
    assert KennisdagPage.allowed_parent_page_models() == [KennisdagIndexPage]
    assert not KennisdagPage.can_create_at(HomePage.objects.get())
    assert KennisdagIndexPage.allowed_subpage_models() == [KennisdagPage]
    assert KennisdagPage.allowed_subpage_models() == []


def test_index_only_once_under_home(kennisdag_index, home_page):
    assert not KennisdagIndexPage.can_create_at(home_page)


def test_end_time_must_follow_start_time(kennisdag_index):
    from django.core.exceptions import ValidationError

    page = KennisdagPage(
        title="Omgekeerd",
        slug="omgekeerd",
        datum=datetime.date(2026, 5, 1),
        start_tijd=datetime.time(15, 0),
        eind_tijd=datetime.time(10, 0),
    )
    with pytest.raises(ValidationError) as excinfo:
        page.full_clean()
    assert "eind_tijd" in excinfo.value.message_dict


def test_organiser_page_permissions(organiser, kennisdag_index, make_kennisdag, make_lesson):
    own = make_kennisdag("Eigen dag", owner=organiser, publish=False)
    perms = own.permissions_for_user(organiser)
    assert perms.can_edit()
    assert not perms.can_publish()
    assert kennisdag_index.permissions_for_user(organiser).can_add_subpage()
    assert not kennisdag_index.permissions_for_user(organiser).can_publish_subpage()
    lesson = make_lesson("Een les")
    lesson_perms = lesson.permissions_for_user(organiser)
    assert not lesson_perms.can_edit()
    assert not lesson_perms.can_delete()
    assert not lesson.get_parent().permissions_for_user(organiser).can_add_subpage()


def test_organiser_can_open_edit_view_but_not_lessons(
    client, organiser, make_kennisdag, make_lesson
):
    own = make_kennisdag("Eigen dag", owner=organiser, publish=False)
    lesson = make_lesson("Een les")
    client.force_login(organiser)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
    response = client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk]))
    assert response.status_code in (302, 403)


def test_organiser_save_draft_then_publish_is_refused(client, organiser, make_kennisdag):
    own = make_kennisdag("Eigen dag", owner=organiser, publish=False)
    client.force_login(organiser)
    url = reverse("wagtailadmin_pages:edit", args=[own.pk])
    data = {
        "title": "Eigen dag (herzien)",
        "slug": own.slug,
        "datum": "2026-06-01",
        "start_tijd": "09:30",
        "eind_tijd": "16:00",
        "locatie_naam": "",
        "locatie_adres": "",
        "samenvatting": "",
        "tags": "",
        "programma-count": "0",
        "verslag": "",
        "documenten-TOTAL_FORMS": "0",
        "documenten-INITIAL_FORMS": "0",
        "documenten-MIN_NUM_FORMS": "0",
        "documenten-MAX_NUM_FORMS": "1000",
        "fotos-TOTAL_FORMS": "0",
        "fotos-INITIAL_FORMS": "0",
        "fotos-MIN_NUM_FORMS": "0",
        "fotos-MAX_NUM_FORMS": "1000",
        "opnames-TOTAL_FORMS": "0",
        "opnames-INITIAL_FORMS": "0",
        "opnames-MIN_NUM_FORMS": "0",
        "opnames-MAX_NUM_FORMS": "1000",
        "seo_title": "",
        "search_description": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    own.refresh_from_db()
    assert own.get_latest_revision().content["title"] == "Eigen dag (herzien)"
    client.post(url, {**data, "action-publish": "1"})
    own.refresh_from_db()
    assert not own.live


def test_organiser_collection_rights(organiser):
    collection = Collection.objects.get(name="Kennisdagen")
    codenames = set(
        organiser.groups.get(name="Organisatoren")
        .collection_permissions.filter(collection=collection)
        .values_list("permission__codename", flat=True)
    )
    assert codenames == {
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    }
    assert not organiser.has_perm("kennisbank.change_thema")
