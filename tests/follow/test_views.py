"""Follow views: POST with CSRF and login, safe redirects, 404 for what cannot be followed,
and the one-click unsubscribe from a mail (RFC 8058)."""

import email.policy
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from follow import services
from follow.digest import send_digests
from follow.models import Follow, Kind
from follow.tokens import make_token
from kennisbank.models import Gebied, Thema


@pytest.fixture
def logged_in(client, professional):
    client.force_login(professional)
    return client


def test_anonymous_follow_post_goes_to_login(client, db):
    response = client.post(reverse("follow:thema", args=["veilig"]), {"next": "/lessen/"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("kennisbank:login"))
    assert "next=/lessen/" in response["Location"]
    assert not Follow.objects.exists()
    assert client.get(reverse("follow:list")).status_code == 302


def test_follow_thema_redirects_back_with_message(logged_in, professional):
    response = logged_in.post(
        reverse("follow:thema", args=["veilig"]), {"next": "/lessen/?thema=veilig"}, follow=True
    )
    assert response.redirect_chain[0][0] == "/lessen/?thema=veilig"
    assert "U volgt nu thema “Veilig”." in response.content.decode()
    assert Follow.objects.get(user=professional).thema.slug == "veilig"
    logged_in.post(reverse("follow:thema", args=["veilig"]), {"action": "ontvolgen"})
    assert not Follow.objects.exists()


@pytest.mark.parametrize(
    "target",
    ["https://evil.example.org/", "//evil.example.org/x", "javascript:alert(1)", "http:///evil"],
)
def test_open_redirect_in_next_is_ignored(logged_in, target):
    response = logged_in.post(reverse("follow:gebied", args=["oosternieland"]), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("follow:list")


def test_csrf_is_required(professional):
    client = Client(enforce_csrf_checks=True)
    client.force_login(professional)
    response = client.post(reverse("follow:thema", args=["veilig"]))
    assert response.status_code == 403
    assert not Follow.objects.exists()


def test_unknown_slug_or_page_is_404_with_message(logged_in, lesson_index):
    response = logged_in.post(reverse("follow:thema", args=["bestaat-niet"]))
    assert response.status_code == 404
    assert "Er is geen thema “bestaat-niet”." in response.content.decode()
    assert logged_in.post(reverse("follow:gebied", args=["nergens"])).status_code == 404
    assert logged_in.post(reverse("follow:page", args=[999999])).status_code == 404
    # Not a dossier: same answer as a missing one.
    assert logged_in.post(reverse("follow:page", args=[lesson_index.pk])).status_code == 404
    assert not Follow.objects.exists()


def test_following_a_dossier_you_may_not_see_is_404(client, reader, make_dossier):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    from kennisbank.roles import REDACTEUREN

    dossier = make_dossier()
    # Restricted to Redacteuren (a login restriction would let every signed-in reader in).
    restriction = PageViewRestriction.objects.create(page=dossier, restriction_type="groups")
    restriction.groups.set(Group.objects.filter(name=REDACTEUREN))
    client.force_login(reader)
    assert client.post(reverse("follow:page", args=[dossier.pk])).status_code == 404
    assert not Follow.objects.exists()


def test_follow_dossier(logged_in, professional, make_dossier):
    dossier = make_dossier()
    response = logged_in.post(reverse("follow:page", args=[dossier.pk]))
    assert response.status_code == 302
    assert Follow.objects.get(user=professional).page_id == dossier.pk


def test_save_search_from_posted_params(logged_in, professional):
    response = logged_in.post(
        reverse("follow:search"),
        {"q": "consulent", "thema": ["veilig"], "page": "2", "next": "/zoeken/?q=consulent"},
    )
    assert response["Location"] == "/zoeken/?q=consulent"
    follow = Follow.objects.get(user=professional)
    assert follow.kind == Kind.ZOEKOPDRACHT
    assert follow.params == {"q": "consulent", "thema": ["veilig"]}
    response = logged_in.post(reverse("follow:search"), {"next": "/zoeken/"}, follow=True)
    assert "pas met een zoekterm of filter" in response.content.decode()
    assert Follow.objects.count() == 1


def test_list_shows_follows_and_removes_only_own(logged_in, professional, reader):
    mine, _ = services.follow_term(professional, Thema.objects.get(slug="veilig"))
    theirs, _ = services.follow_term(reader, Gebied.objects.get(slug="oosternieland"))
    page = logged_in.get(reverse("follow:list")).content.decode()
    assert "Mijn volglijst" in page and "Veilig" in page and "Oosternieland" not in page
    assert logged_in.post(reverse("follow:remove", args=[theirs.pk])).status_code == 404
    logged_in.post(reverse("follow:remove", args=[mine.pk]))
    assert list(Follow.objects.all()) == [theirs]


def test_set_frequency(logged_in, professional):
    follow, _ = services.follow_term(professional, Thema.objects.get(slug="veilig"))
    logged_in.post(reverse("follow:frequency", args=[follow.pk]), {"frequency": "dagelijks"})
    follow.refresh_from_db()
    assert follow.frequency == "dagelijks"
    logged_in.post(reverse("follow:frequency", args=[follow.pk]), {"frequency": "elk uur"})
    follow.refresh_from_db()
    assert follow.frequency == "dagelijks"


# --- mail and unsubscribe -------------------------------------------------------------------


def _mail_for(user, make_lesson):
    services.follow_term(user, Thema.objects.get(slug="veilig"))
    make_lesson("Stutten na een beving", themas=["veilig"])
    send_digests()
    [message] = mail.outbox
    return message


def test_mail_has_one_click_unsubscribe_that_removes_exactly_that_follow(
    professional, reader, make_lesson
):
    other_user_follow, _ = services.follow_term(reader, Thema.objects.get(slug="veilig"))
    Follow.objects.filter(pk=other_user_follow.pk).update(frequency="dagelijks")
    mine, _ = services.follow_term(professional, Thema.objects.get(slug="veilig"))
    make_lesson("Stutten na een beving", themas=["veilig"])
    send_digests(frequency="wekelijks")
    [message] = mail.outbox
    header = message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.fullmatch(r"<(https?://[^>]+/volgen/afmelden/[^/]+/)>", header).group(1)
    # Unfolded and unencoded on the wire, or mail clients cannot read the URL.
    for policy in (email.policy.default, email.policy.SMTP):
        raw = message.message(policy=policy).as_bytes()
        assert f"List-Unsubscribe: {header}".encode() in raw
    path = url.split("://", 1)[1].split("/", 1)[1]
    # A mail client posts without CSRF token and without a session.
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{path}", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Follow.objects.filter(pk=mine.pk).exists()
    assert Follow.objects.filter(pk=other_user_follow.pk).exists()


def test_unsubscribe_get_confirms_and_changes_nothing(client, professional, make_lesson):
    message = _mail_for(professional, make_lesson)
    url = re.search(r"Dit niet meer volgen: (\S+)", message.body).group(1)
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    page = client.get(path)
    assert page.status_code == 200
    assert "Ja, afmelden" in page.content.decode()
    assert Follow.objects.count() == 1
    client.post(path)
    assert not Follow.objects.exists()
    again = client.post(path)  # a second click (or a retrying mail client) is harmless
    assert again.status_code == 200 and "al afgemeld" in again.content.decode()


def test_unsubscribe_everything(client, professional, reader):
    services.follow_term(professional, Thema.objects.get(slug="veilig"))
    services.follow_term(professional, Gebied.objects.get(slug="oosternieland"))
    services.follow_term(reader, Thema.objects.get(slug="veilig"))
    client.post(reverse("follow:unsubscribe", args=[make_token(professional.pk)]))
    assert list(Follow.objects.values_list("user__username", flat=True)) == ["lezer"]


@pytest.mark.parametrize("mangle", ["swap", "truncate", "garbage"])
def test_tampered_token_is_400_and_changes_nothing(client, professional, reader, mangle):
    services.follow_term(professional, Thema.objects.get(slug="veilig"))
    theirs, _ = services.follow_term(reader, Thema.objects.get(slug="veilig"))
    token = make_token(professional.pk, [theirs.pk - 1])
    if mangle == "swap":
        # Someone else's follow id with the original signature.
        signature = token.rpartition(":")[2]
        forged = make_token(reader.pk, [theirs.pk])
        token = f"{forged.rpartition(':')[0]}:{signature}"
    elif mangle == "truncate":
        token = token[:-3]
    else:
        token = "niet-ondertekend"
    for method in (client.get, client.post):
        response = method(reverse("follow:unsubscribe", args=[token]))
        assert response.status_code == 400
        assert "Deze afmeldlink werkt niet" in response.content.decode()
    assert Follow.objects.count() == 2
