"""The digest: news per follow kind, only what the user may see, sent once per news."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from follow import services
from follow.digest import build_digest, send_digests
from follow.models import Follow, Frequency
from kennisbank.models import Gebied, Thema


def titles(digest):
    return {item.title for section in digest.sections for item in section.items}


def test_thema_follow_reports_new_lessons(professional, make_lesson):
    follow, _ = services.follow_term(professional, Thema.objects.get(slug="veilig"))
    make_lesson("Stutten na een beving", themas=["veilig"])
    make_lesson("Buurtfeest in Ten Boer", themas=["leefbaar"])
    digest = build_digest(professional)
    assert [s.follow for s in digest.sections] == [follow]
    [item] = digest.sections[0].items
    assert item.title == "Stutten na een beving"
    assert item.status == "nieuw" and item.type == "Les"
    assert item.url.startswith("http") and item.url.endswith("/")


def test_gebied_follow_reports_changed_lessons(professional, make_lesson, republish):
    lesson = make_lesson("Keukentafelgesprek in Oosternieland", gebied="oosternieland")
    follow, _ = services.follow_term(professional, Gebied.objects.get(slug="oosternieland"))
    assert build_digest(professional).is_empty  # published before following: not news
    republish(lesson)
    [section] = build_digest(professional).sections
    assert section.follow == follow
    assert [(i.title, i.status) for i in section.items] == [
        ("Keukentafelgesprek in Oosternieland", "gewijzigd")
    ]


def test_saved_search_reports_new_hits(professional, make_lesson):
    follow, _ = services.follow_search(professional, {"q": "consulent"})
    make_lesson("Agrarisch consulent aan de keukentafel")
    make_lesson("Iets heel anders over stutten")
    [section] = build_digest(professional).sections
    assert section.follow == follow
    assert [i.title for i in section.items] == ["Agrarisch consulent aan de keukentafel"]
    assert "zoeken" in section.url and "consulent" in section.url


def test_dossier_follow_reports_dossier_and_source_lessons(
    professional, make_lesson, make_dossier, republish
):
    old = make_lesson("Consulent per erf")
    dossier = make_dossier(key_lessons=[(old, "Telt mee.")])
    follow, _ = services.follow_page(professional, dossier)
    assert build_digest(professional).is_empty
    republish(old)
    republish(dossier)
    [section] = build_digest(professional).sections
    assert section.title == f"Dossier: {dossier.title}"
    assert {(i.title, i.type, i.status) for i in section.items} == {
        (dossier.title, "Dossier", "gewijzigd"),
        ("Consulent per erf", "Les", "gewijzigd"),
    }


@pytest.mark.parametrize("kind", ["thema", "gebied", "zoekopdracht", "dossier"])
def test_professionals_only_lessons_never_reach_other_users(
    kind, reader, professional, make_lesson, make_dossier, republish
):
    hidden = make_lesson(
        "Geheime consulent-aanpak",
        themas=["veilig"],
        gebied="oosternieland",
        zichtbaarheid="professionals",
    )
    shown = make_lesson("Openbare consulent-aanpak", themas=["veilig"], gebied="oosternieland")
    dossier = make_dossier(key_lessons=[(hidden, "Telt mee."), (shown, "Telt mee.")])
    for user in (reader, professional):
        if kind == "thema":
            follow, _ = services.follow_term(user, Thema.objects.get(slug="veilig"))
        elif kind == "gebied":
            follow, _ = services.follow_term(user, Gebied.objects.get(slug="oosternieland"))
        elif kind == "zoekopdracht":
            follow, _ = services.follow_search(user, {"q": "consulent"})
        else:
            follow, _ = services.follow_page(user, dossier)
        follow.last_sent_at = timezone.now() - datetime.timedelta(days=1)
        follow.save()
    assert titles(build_digest(reader)) >= {"Openbare consulent-aanpak"}
    assert "Geheime consulent-aanpak" not in titles(build_digest(reader))
    assert "Geheime consulent-aanpak" in titles(build_digest(professional))
    send_digests()
    reader_mail = next(m for m in mail.outbox if m.to == [reader.email])
    assert "Geheime" not in reader_mail.body
    assert "Geheime" not in reader_mail.alternatives[0].content
    assert hidden.url_path not in reader_mail.body


def test_send_mails_once_and_moves_last_sent_at(professional, reader, make_lesson):
    thema = Thema.objects.get(slug="veilig")
    follow, _ = services.follow_term(professional, thema)
    services.follow_term(reader, Thema.objects.get(slug="leefbaar"))  # nothing new for them
    make_lesson("Stutten na een beving", themas=["veilig"])
    now = timezone.now()
    assert send_digests(now=now) == 1
    [message] = mail.outbox
    assert message.to == [professional.email]
    assert "Stutten na een beving" in message.body
    assert "nieuw" in message.subject or "nieuwe" in message.subject
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and 'lang="nl"' in html and "Stutten na een beving" in html
    follow.refresh_from_db()
    assert follow.last_sent_at == now
    assert Follow.objects.get(user=reader).last_sent_at is None  # not mailed, not moved
    assert send_digests() == 0
    assert len(mail.outbox) == 1


def test_nothing_new_sends_nothing(professional, make_lesson):
    make_lesson("Stutten na een beving", themas=["veilig"])
    services.follow_term(professional, Thema.objects.get(slug="veilig"))
    assert send_digests() == 0
    assert mail.outbox == []


def test_inactive_users_and_users_without_email_are_skipped(professional, reader, make_lesson):
    thema = Thema.objects.get(slug="veilig")
    for user in (professional, reader):
        services.follow_term(user, thema)
    professional.is_active = False
    professional.save()
    reader.email = ""
    reader.save()
    make_lesson("Stutten na een beving", themas=["veilig"])
    assert send_digests() == 0
    assert mail.outbox == []


def test_one_mail_per_user_with_a_section_per_follow(professional, make_lesson):
    services.follow_term(professional, Thema.objects.get(slug="veilig"))
    services.follow_term(professional, Gebied.objects.get(slug="oosternieland"))
    make_lesson("Stutten in Oosternieland", themas=["veilig"], gebied="oosternieland")
    assert send_digests() == 1
    [message] = mail.outbox
    assert message.body.count("Stutten in Oosternieland") == 2
    assert "Thema: Veilig" in message.body and "Gebied: Oosternieland" in message.body


def test_frequency_selects_follows(professional, make_lesson):
    daily, _ = services.follow_term(professional, Thema.objects.get(slug="veilig"))
    Follow.objects.filter(pk=daily.pk).update(frequency=Frequency.DAGELIJKS)
    make_lesson("Stutten na een beving", themas=["veilig"])
    assert send_digests(frequency=Frequency.WEKELIJKS) == 0
    assert send_digests(frequency=Frequency.DAGELIJKS) == 1


def test_a_failing_mail_does_not_stop_the_others_or_lose_news(
    professional, reader, make_lesson, monkeypatch
):
    from django.core.mail.backends.locmem import EmailBackend

    thema = Thema.objects.get(slug="veilig")
    for user in (professional, reader):
        services.follow_term(user, thema)
    make_lesson("Stutten na een beving", themas=["veilig"])
    original = EmailBackend.send_messages

    def flaky(self, messages):
        if messages[0].to == [reader.email]:
            raise OSError("mailserver weg")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    assert send_digests() == 1
    assert Follow.objects.get(user=reader).last_sent_at is None
    monkeypatch.setattr(EmailBackend, "send_messages", original)
    assert send_digests() == 1
    assert [m.to for m in mail.outbox] == [[professional.email], [reader.email]]


def test_overlapping_runs_never_mail_twice(professional, make_lesson):
    from follow.digest import _claim, pending_digests

    services.follow_term(professional, Thema.objects.get(slug="veilig"))
    make_lesson("Stutten na een beving", themas=["veilig"])
    read_by_slow_run = next(pending_digests())
    assert send_digests() == 1  # a faster run mails first
    assert _claim(read_by_slow_run) is False
    assert len(mail.outbox) == 1
