"""Status changes are audited (who, when, from → to), whichever way they are made."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from kennisbank.roles import REDACTEUREN
from knelpunten import services
from knelpunten.models import Knelpunt, Status, StatusWijziging


def edit_url(knelpunt):
    return reverse(Knelpunt.snippet_viewset.get_url_name("edit"), args=[knelpunt.pk])


def admin_post_data(knelpunt, **changes):
    data = {
        "status": knelpunt.status,
        "toelichting": knelpunt.toelichting,
        "titel": knelpunt.titel,
        "wat_zit_vast": knelpunt.wat_zit_vast,
        "wat_zou_helpen": knelpunt.wat_zou_helpen,
        "regeling": knelpunt.regeling,
        "gebied": knelpunt.gebied_id or "",
        "gemeente": knelpunt.gemeente_id or "",
    }
    if knelpunt.openbaar:
        data["openbaar"] = "on"
    data.update(lesson_links_data(knelpunt.lesson_links.all()))
    data.update(changes)
    return data


def lesson_links_data(links=(), new_lessons=()):
    """The lesson chooser's formset as the admin posts it: the links kept, then new ones."""
    links, new_lessons = list(links), list(new_lessons)
    data = {
        "lesson_links-TOTAL_FORMS": str(len(links) + len(new_lessons)),
        "lesson_links-INITIAL_FORMS": str(len(links)),
        "lesson_links-MIN_NUM_FORMS": "0",
        "lesson_links-MAX_NUM_FORMS": "1000",
    }
    rows = [(link.pk, link.les_id) for link in links]
    rows += [("", lesson.pk) for lesson in new_lessons]
    for i, (pk, lesson_id) in enumerate(rows):
        data[f"lesson_links-{i}-id"] = str(pk)
        data[f"lesson_links-{i}-les"] = str(lesson_id)
        data[f"lesson_links-{i}-ORDER"] = str(i + 1)
    return data


def test_change_status_writes_who_when_from_and_to(make_knelpunt, editor):
    knelpunt = make_knelpunt()
    before = timezone.now()
    row = services.change_status(knelpunt, Status.IN_BEHANDELING, editor, "We zoeken het uit.")
    assert (row.knelpunt, row.van, row.naar, row.door) == (
        knelpunt,
        Status.NIEUW,
        Status.IN_BEHANDELING,
        editor,
    )
    assert row.op >= before
    knelpunt.refresh_from_db()
    assert knelpunt.status_gewijzigd_op == row.op
    assert knelpunt.toelichting == "We zoeken het uit."


def test_each_change_in_a_chain_gets_its_own_row(make_knelpunt, editor):
    knelpunt = make_knelpunt()
    for status in [Status.IN_BEHANDELING, Status.LOKALE_STUURGROEP, Status.OPGELOST]:
        services.change_status(knelpunt, status, editor)
    assert [(r.van, r.naar) for r in knelpunt.statuswijzigingen.all()] == [
        (Status.NIEUW, Status.IN_BEHANDELING),
        (Status.IN_BEHANDELING, Status.LOKALE_STUURGROEP),
        (Status.LOKALE_STUURGROEP, Status.OPGELOST),
    ]


def test_unchanged_status_writes_no_audit_row(make_knelpunt, editor):
    knelpunt = make_knelpunt()
    assert services.change_status(knelpunt, Status.NIEUW, editor, "Alleen een notitie") is None
    assert not StatusWijziging.objects.exists()


def test_back_dated_change_keeps_its_date(make_knelpunt, editor):
    knelpunt = make_knelpunt()
    when = timezone.now() - datetime.timedelta(days=30)
    row = services.change_status(knelpunt, Status.OPGELOST, editor, op=when)
    assert row.op == when


def test_unknown_status_is_refused(make_knelpunt, editor):
    with pytest.raises(ValueError, match="Onbekende status"):
        services.change_status(make_knelpunt(), "weg", editor)


def test_a_plain_save_that_changes_the_status_is_still_audited(make_knelpunt):
    knelpunt = Knelpunt.objects.get(pk=make_knelpunt().pk)
    knelpunt.status = Status.LANDELIJK
    knelpunt.save()
    row = StatusWijziging.objects.get()
    assert (row.van, row.naar, row.door) == (Status.NIEUW, Status.LANDELIJK, None)


def test_status_change_in_the_wagtail_admin_is_audited_with_the_editor(
    client, make_knelpunt, editor
):
    knelpunt = make_knelpunt()
    client.force_login(editor)
    response = client.post(
        edit_url(knelpunt),
        admin_post_data(knelpunt, status=Status.BESTUURLIJK_OVERLEG, toelichting="Geagendeerd."),
    )
    assert response.status_code == 302, response.context["form"].errors
    row = StatusWijziging.objects.get()
    assert (row.van, row.naar, row.door) == (Status.NIEUW, Status.BESTUURLIJK_OVERLEG, editor)
    knelpunt.refresh_from_db()
    assert knelpunt.toelichting == "Geagendeerd."


def test_admin_save_without_a_status_change_writes_no_row(client, make_knelpunt, editor):
    knelpunt = make_knelpunt()
    client.force_login(editor)
    response = client.post(edit_url(knelpunt), admin_post_data(knelpunt, openbaar="on"))
    assert response.status_code == 302
    assert not StatusWijziging.objects.exists()


def test_admin_refuses_personal_data_in_the_public_note(client, make_knelpunt, editor):
    knelpunt = make_knelpunt()
    client.force_login(editor)
    response = client.post(
        edit_url(knelpunt), admin_post_data(knelpunt, toelichting="Gebeld met 06-12345678")
    )
    assert response.status_code == 200
    assert "06-12345678" in str(response.context["form"].errors["toelichting"])
    knelpunt.refresh_from_db()
    assert knelpunt.toelichting == ""


def test_edit_view_shows_the_audit_trail_read_only(client, make_knelpunt, editor):
    knelpunt = make_knelpunt()
    editor.first_name, editor.last_name = "Riet", "Redacteur"
    editor.save()
    services.change_status(knelpunt, Status.OPGELOST, editor)
    client.force_login(editor)
    html = client.get(edit_url(knelpunt)).content.decode()
    assert "Statusverloop" in html
    assert "Riet Redacteur" in html
    assert "Opgelost" in html
    assert 'name="status_gewijzigd_op"' not in html


@pytest.mark.django_db
def test_editors_may_add_change_and_view_knelpunten():
    group = Group.objects.get(name=REDACTEUREN)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_knelpunt", "change_knelpunt", "view_knelpunt"} <= codenames
    assert "delete_knelpunt" not in codenames


def test_admin_list_filters_on_status(client, make_knelpunt, editor):
    make_knelpunt("Eerste knelpunt", status=Status.OPGELOST)
    make_knelpunt("Tweede knelpunt")
    client.force_login(editor)
    url = reverse(Knelpunt.snippet_viewset.get_url_name("list"))
    html = client.get(url, {"status": Status.OPGELOST}).content.decode()
    assert "Eerste knelpunt" in html
    assert "Tweede knelpunt" not in html


def test_a_new_knelpunt_status_dates_from_its_report_unless_given(make_knelpunt):
    reported = timezone.now() - datetime.timedelta(days=100)
    changed = timezone.now() - datetime.timedelta(days=10)
    plain = make_knelpunt("Zonder datum", aangemeld_op=reported)
    given = make_knelpunt("Met datum", aangemeld_op=reported, status_gewijzigd_op=changed)
    assert plain.status_gewijzigd_op == reported
    assert given.status_gewijzigd_op == changed
