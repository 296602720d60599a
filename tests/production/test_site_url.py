"""One public base URL: SITE_URL (or, in development, PORT) decides every absolute URL the
site hands out — sitemap, feed, calendar files, API, mails and the dossier PDF."""

import datetime
import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar
from pypdf import PdfReader
from wagtail.models import Site

from dossiers.pdf import render_pdf
from follow import services
from follow.digest import send_digests
from kennisbank.models import Thema
from tests.production.conftest import PUBLIC_BASE

ROOT = Path(__file__).resolve().parents[2]
URL = re.compile(r"https?://[^\s\"'<>)]+")

pytestmark = pytest.mark.django_db


def _settings_value(expression, **env):
    dropped = {"SITE_URL", "WAGTAILADMIN_BASE_URL", "PORT", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full_env = {k: v for k, v in os.environ.items() if k not in dropped} | env
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=full_env | {"DJANGO_SETTINGS_MODULE": "config.settings.dev"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _assert_all_on_base(urls, base=PUBLIC_BASE):
    urls = list(urls)
    assert urls, "no absolute URL found"
    wrong = [u for u in urls if not (u == base or u.startswith(base + "/"))]
    assert not wrong, f"URLs not on {base}: {wrong}"


def test_development_base_url_follows_port():
    assert _settings_value("settings.SITE_URL", PORT="8101") == "http://127.0.0.1:8101"
    assert _settings_value("settings.WAGTAILADMIN_BASE_URL", PORT="8101") == (
        "http://127.0.0.1:8101"
    )


def test_site_url_sets_admin_and_api_base_urls():
    value = _settings_value(
        "settings.WAGTAILADMIN_BASE_URL, settings.WAGTAILAPI_BASE_URL",
        SITE_URL="https://kennisbank.example.nl/",
    )
    assert value == "https://kennisbank.example.nl https://kennisbank.example.nl"


def test_migrate_gives_the_wagtail_site_the_hostname_and_port_of_site_url(settings):
    settings.SITE_URL = "http://kennisbank.test:8101"
    call_command("migrate", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("kennisbank.test", 8101)
    assert site.root_url == "http://kennisbank.test:8101"


def test_load_demo_gives_the_wagtail_site_the_base_url(settings):
    settings.SITE_URL = "https://kennisbank.example.nl"
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert Site.objects.get(is_default_site=True).root_url == "https://kennisbank.example.nl"
    assert "https://kennisbank.example.nl/admin/" in out.getvalue()


def test_sitemap_urls_use_the_base_url(client, public_base, make_lesson):
    make_lesson("Consulent aan de keukentafel")
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own output
    _assert_all_on_base(el.text for el in root.iter() if el.tag.endswith("loc"))


def test_feed_urls_use_the_base_url(client, public_base, make_lesson, lesson_index):
    make_lesson("Consulent aan de keukentafel")
    body = client.get(f"{lesson_index.url}feed/").content.decode()
    links = [u for u in URL.findall(body) if "w3.org" not in u]
    _assert_all_on_base(links)


def test_calendar_urls_use_the_base_url(client, public_base, make_kennisdag, kennisdag_index):
    page = make_kennisdag(datum=datetime.date(2099, 3, 12))
    for url in (f"{page.url}ical/", f"{kennisdag_index.url}ical/"):
        calendar = Calendar.from_ical(client.get(url).content)
        _assert_all_on_base(str(event["URL"]) for event in calendar.walk("VEVENT"))


def test_api_urls_use_the_base_url(client, public_base, make_lesson):
    lesson = make_lesson("Consulent aan de keukentafel")
    listing = client.get("/api/v2/pages/", {"type": "lessons.LessonPage"}).json()
    detail = client.get(f"/api/v2/pages/{lesson.pk}/").json()
    urls = [item["meta"]["html_url"] for item in listing["items"]]
    urls += [item["meta"]["detail_url"] for item in listing["items"]]
    urls += [detail["meta"]["html_url"], detail["meta"]["detail_url"]]
    _assert_all_on_base(urls)


def test_digest_mail_urls_use_the_base_url(public_base, professional, make_lesson):
    services.follow_term(professional, Thema.objects.get(slug="veilig"))
    make_lesson("Stutten na een beving", themas=["veilig"])
    assert send_digests() == 1
    [message] = mail.outbox
    html = message.alternatives[0].content if message.alternatives else ""
    _assert_all_on_base(URL.findall(message.body) + URL.findall(html))


def test_pdf_links_use_the_base_url(public_base, make_lesson, make_dossier, professional):
    key = make_lesson("Consulent voor de boer", fase="opgeschaald")
    dossier = make_dossier("Consulenten opschalen", key_lessons=[(key, "Het bewijs.")])
    reader = PdfReader(io.BytesIO(render_pdf(dossier, professional)))
    links = [
        annot.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if "/A" in annot.get_object() and "/URI" in annot.get_object()["/A"]
    ]
    text = " ".join(page.extract_text() for page in reader.pages)
    _assert_all_on_base(links)
    assert f"{PUBLIC_BASE}/" in text
