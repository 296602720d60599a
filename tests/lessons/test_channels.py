"""Visibility per channel, one test per channel and audience, so a failure names the
channel that leaks; and the selector holds even when Wagtail's view restriction is gone."""

import pytest
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

SECRET = "Vertrouwelijke werkwijze"


@pytest.fixture
def pair(make_lesson):
    public = make_lesson("Open les", "Over loketten.", themas=["leefbaar"], tags=["loket"])
    secret = make_lesson(
        SECRET,
        "Over loketten en de interne lijn.",
        themas=["leefbaar"],
        tags=["loket", "binnenlijn"],
        zichtbaarheid="professionals",
    )
    return public, secret


def fetch(client, channel, public, secret):
    index = public.get_parent()
    urls = {
        "page": (secret.url, {}),
        "index": (index.url, {}),
        "index filtered by thema": (index.url, {"thema": "leefbaar"}),
        "shared tag page": (f"{index.url}tag/loket/", {}),
        "own tag page": (f"{index.url}tag/binnenlijn/", {}),
        "related on the public lesson": (public.url, {}),
        "api listing": ("/api/v2/pages/", {"type": "lessons.LessonPage", "fields": "title"}),
        "api detail": (f"/api/v2/pages/{secret.pk}/", {}),
        "home": ("/", {}),
        "feed": (f"{index.url}feed/", {}),
        "sitemap": ("/sitemap.xml", {}),
    }
    url, params = urls[channel]
    return client.get(url, params)


EVERY_CHANNEL = [
    "page",
    "index",
    "index filtered by thema",
    "shared tag page",
    "own tag page",
    "related on the public lesson",
    "api listing",
    "api detail",
    "home",
    "feed",
    "sitemap",
]
SIGNED_IN_CHANNELS = EVERY_CHANNEL[:-2]  # feed and sitemap are public-only for everyone


@pytest.mark.parametrize("channel", EVERY_CHANNEL)
def test_anonymous_visitor_does_not_see_professionals_lesson_on(client, pair, channel):
    public, secret = pair
    response = fetch(client, channel, public, secret)
    assert response.status_code in (200, 302, 404)
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize("channel", SIGNED_IN_CHANNELS)
def test_professional_sees_professionals_lesson_on(client, pair, professional, channel):
    public, secret = pair
    client.force_login(professional)
    response = fetch(client, channel, public, secret)
    assert response.status_code == 200
    assert SECRET in response.content.decode()


@pytest.mark.parametrize("channel", ["feed", "sitemap"])
def test_shared_channel_stays_public_only_for_a_professional(client, pair, professional, channel):
    public, secret = pair
    client.force_login(professional)
    assert SECRET not in fetch(client, channel, public, secret).content.decode()


@pytest.mark.parametrize("channel", EVERY_CHANNEL)
def test_field_alone_hides_the_lesson_when_the_view_restriction_is_missing(client, pair, channel):
    public, secret = pair
    PageViewRestriction.objects.filter(page=secret).delete()
    response = fetch(client, channel, public, secret)
    assert SECRET not in response.content.decode()


def test_page_without_view_restriction_still_sends_anonymous_visitor_to_login(client, pair):
    _, secret = pair
    PageViewRestriction.objects.filter(page=secret).delete()
    response = client.get(secret.url)
    assert response.status_code == 302 and "next=" in response["Location"]


def test_public_lesson_is_listed_in_the_sitemap(client, pair):
    public, _ = pair
    assert public.slug in client.get("/sitemap.xml").content.decode()


def test_feed_lists_the_public_lesson(client, pair):
    public, _ = pair
    assert "Open les" in client.get(f"{public.get_parent().url}feed/").content.decode()


def test_index_and_home_advertise_the_feed(client, pair):
    public, _ = pair
    for url in ("/", public.get_parent().url):
        html = client.get(url).content.decode()
        assert 'rel="alternate" type="application/rss+xml"' in html, url


def test_unknown_tag_page_is_not_found(client, pair):
    public, _ = pair
    assert client.get(f"{public.get_parent().url}tag/bestaat-niet/").status_code == 404
