"""The `send_digests` command (and --dry-run), the django-tasks wrapper and the demo loader."""

from io import StringIO

from django.core import mail
from django.core.management import call_command

from demo import accounts
from demo import follow as follow_demo
from follow import services
from follow.models import Follow
from kennisbank.models import Thema


def _news_for(user, make_lesson):
    services.follow_term(user, Thema.objects.get(slug="veilig"))
    make_lesson("Stutten na een beving", themas=["veilig"])


def test_dry_run_prints_and_sends_nothing(professional, make_lesson):
    _news_for(professional, make_lesson)
    out = StringIO()
    call_command("send_digests", "--dry-run", stdout=out)
    text = out.getvalue()
    assert professional.email in text and "Stutten na een beving" in text
    assert "1 overzicht(en) zouden worden verstuurd" in text
    assert mail.outbox == []
    assert Follow.objects.get().last_sent_at is None


def test_command_sends(professional, make_lesson):
    _news_for(professional, make_lesson)
    out = StringIO()
    call_command("send_digests", "--frequency", "wekelijks", stdout=out)
    assert "1 overzicht(en) verstuurd" in out.getvalue()
    assert len(mail.outbox) == 1
    call_command("send_digests", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_task_sends(professional, make_lesson):
    from follow.tasks import send_digests_task

    _news_for(professional, make_lesson)
    result = send_digests_task.enqueue(frequency="wekelijks")  # immediate backend in tests
    assert result.return_value == 1
    assert len(mail.outbox) == 1


def test_enqueue_option(professional, make_lesson):
    _news_for(professional, make_lesson)
    out = StringIO()
    call_command("send_digests", "--enqueue", stdout=out)
    assert "wachtrij" in out.getvalue()
    assert len(mail.outbox) == 1  # the immediate backend ran it at once


def test_demo_loader_is_idempotent(db, make_lesson, make_dossier):
    accounts.load()
    follow_demo.load(stdout=StringIO())  # no dossier yet: skipped gracefully
    assert set(Follow.objects.values_list("user__username", "kind")) == {
        ("professional", "thema"),
        ("professional", "zoekopdracht"),
    }
    make_dossier()
    out = StringIO()
    follow_demo.load(stdout=out)
    follow_demo.load(stdout=out)
    assert Follow.objects.filter(user__username="redacteur", kind="dossier").count() == 1
    assert Follow.objects.count() == 3
    # Backdated on creation so a dry run right after loading the demo shows something.
    assert all(f.last_sent_at for f in Follow.objects.all())
