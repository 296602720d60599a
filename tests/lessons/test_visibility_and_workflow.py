"""A professionals-only lesson is invisible to anonymous visitors on every channel, and
visible to professionals; publishing goes through editors."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from lessons.models import LessonPage

pytestmark = pytest.mark.django_db

SECRET = "Vertrouwelijke route"


@pytest.fixture
def lessons(make_lesson):
    public = make_lesson("Openbare les", "Over drempels.", themas=["veilig"], tags=["drempel"])
    secret = make_lesson(
        SECRET,
        "Over drempels en de interne route.",
        themas=["veilig"],
        tags=["drempel", "intern"],
        zichtbaarheid="professionals",
    )
    return public, secret


def channels(client, public, secret):
    """Every channel that can show a lesson, as (name, response text)."""
    index = public.get_parent()
    return {
        "page": client.get(secret.url),
        "index": client.get(index.url),
        "index-filtered": client.get(index.url, {"thema": "veilig"}),
        "tag page": client.get(f"{index.url}tag/drempel/"),
        "own tag page": client.get(f"{index.url}tag/intern/"),
        "feed": client.get(f"{index.url}feed/"),
        "sitemap": client.get("/sitemap.xml"),
        "related": client.get(public.url),
        "api": client.get("/api/v2/pages/", {"type": "lessons.LessonPage", "fields": "title"}),
        "api detail": client.get(f"/api/v2/pages/{secret.pk}/"),
        "home": client.get("/"),
        "search": client.get("/api/zoeken/", {"q": "drempels"}),
    }


def test_anonymous_visitor_sees_the_lesson_on_no_channel(client, lessons):
    public, secret = lessons
    for name, response in channels(client, public, secret).items():
        text = response.content.decode()
        assert SECRET not in text, name
        assert secret.slug not in text or name == "page", name
    assert channels(client, public, secret)["page"].status_code == 302  # to the login page


def test_professional_sees_the_lesson_on_every_channel(client, lessons, professional):
    public, secret = lessons
    client.force_login(professional)
    seen = channels(client, public, secret)
    for name in [
        "page",
        "index",
        "index-filtered",
        "tag page",
        "own tag page",
        "related",
        "api",
        "api detail",
        "home",
        "search",
    ]:
        assert SECRET in seen[name].content.decode(), name
    # Feeds and the sitemap are shared and cached: they stay public-only for everyone.
    assert SECRET not in seen["feed"].content.decode()
    assert SECRET not in seen["sitemap"].content.decode()


def test_professionals_lesson_carries_a_wagtail_view_restriction(lessons):
    _, secret = lessons
    restriction = secret.get_view_restrictions().get()
    assert set(restriction.groups.values_list("name", flat=True)) == {
        "Professionals",
        "Redacteuren",
    }


def test_making_a_lesson_public_again_lifts_the_restriction(lessons):
    _, secret = lessons
    secret.zichtbaarheid = "openbaar"
    secret.save_revision().publish()
    assert not secret.get_view_restrictions().exists()


def test_organiser_cannot_publish_or_edit_a_lesson(client, lessons, organiser):
    public, _ = lessons
    assert not public.permissions_for_user(organiser).can_publish()
    assert not public.permissions_for_user(organiser).can_edit()
    client.force_login(organiser)
    assert client.get(f"/admin/pages/{public.pk}/edit/").status_code in (302, 403)


def test_editor_can_publish_a_lesson_through_the_admin(client, lessons, editor):
    public, _ = lessons
    client.force_login(editor)
    perms = public.permissions_for_user(editor)
    assert perms.can_publish() and perms.can_edit()
    response = client.get(f"/admin/pages/{public.pk}/edit/")
    assert response.status_code == 200


def test_submitting_a_lesson_starts_the_editorial_workflow(editor, lessons):
    public, _ = lessons
    workflow = public.get_workflow()
    assert workflow is not None and workflow.name == "Redactieronde"
    task = workflow.tasks.first().specific
    assert set(task.groups.values_list("name", flat=True)) == {"Redacteuren"}


def test_page_says_review_needed_when_the_date_has_passed(client, make_lesson):
    lesson = make_lesson("Oude les", "tekst")
    lesson.review_by = datetime.date(2020, 1, 1)
    lesson.save_revision().publish()
    assert "Herziening nodig." in client.get(lesson.url).content.decode()


def test_review_report_lists_overdue_lessons(client, make_lesson, editor):
    lesson = make_lesson("Oude les", "tekst")
    LessonPage.objects.filter(pk=lesson.pk).update(review_by=datetime.date(2020, 1, 1))
    client.force_login(editor)
    assert "Oude les" in client.get("/admin/reports/herziening/").content.decode()


def test_owner_gets_a_reminder_mail(make_lesson, editor):
    lesson = make_lesson("Oude les", "tekst")
    LessonPage.objects.filter(pk=lesson.pk).update(
        review_by=datetime.date(2020, 1, 1), review_owner=editor
    )
    call_command("send_review_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [editor.email] and "Oude les" in mail.outbox[0].body


def test_index_filters_and_ignores_unknown_values(client, make_lesson):
    make_lesson("Werkt in Oldambt", "x", fase="werkt", gemeente="Oldambt")
    make_lesson("Idee in Oldambt", "x", fase="idee", gemeente="Oldambt")
    index = LessonPage.objects.first().get_parent()
    html = client.get(index.url, {"fase": "werkt", "gemeente": "oldambt"}).content.decode()
    assert "Werkt in Oldambt" in html and "Idee in Oldambt" not in html
    response = client.get(index.url, {"fase": "<script>", "page": "-4"})
    assert response.status_code == 200
