"""Lesson bodies render safely, and the personal-data guard catches what it should."""

import datetime
from html.parser import HTMLParser

import pytest

from kennisbank.markdown import render
from kennisbank.privacy import find_personal_data, passes_eleven_test

XSS_BODIES = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](&#106;avascript:alert(1))",
    "[klik](&#x6A;avascript:alert(1))",
    "[klik][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '[klik](https://ok.nl "titel" onmouseover="alert(1)")',
    '[klik](https://ok.nl "a\\" onmouseover=\\"alert(1)")',
    "<svg onload=alert(1)></svg>",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    "![x](javascript:alert(1))",
    "[klik](vbscript:msgbox(1))",
    "<details open ontoggle=alert(1)>",
]


DANGEROUS_TAGS = {"script", "img", "svg", "iframe", "style", "details", "object", "embed"}


class _Markup(HTMLParser):
    """Collects what a browser would act on: elements, event handlers and link targets."""

    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name in {"href", "src", "action"} and value and ":" in value:
                scheme = value.strip().split(":", 1)[0].lower()
                if scheme not in {"http", "https", "mailto"}:
                    self.problems.append(f"{tag}[{name}={value}]")


def dangerous_markup(html: str) -> list[str]:
    parser = _Markup()
    parser.feed(html)
    return parser.problems


@pytest.mark.parametrize("payload", XSS_BODIES)
def test_markdown_payload_renders_inert(payload):
    assert dangerous_markup(render(payload)) == []


def test_safe_links_and_headings_survive():
    html = render("## Wat werkte\n[site](https://example.org) en [mail](mailto:a@b.nl)")
    assert '<h2 id="wat-werkte">Wat werkte</h2>' in html
    assert 'href="https://example.org"' in html and 'href="mailto:a@b.nl"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_BODIES[:6] + ['"><script>alert(1)</script>'])
def test_payload_in_title_summary_and_tags_is_escaped_on_the_page(client, make_lesson, payload):
    lesson = make_lesson(f"Les {payload}", payload, samenvatting=payload, tags=[payload[:90]])
    html = client.get(lesson.url).content.decode()
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert dangerous_markup(main) == []


PERSONAL = [
    ("Mail naar j.jansen@example.nl", "email"),
    ("Bel 06-12345678", "phone"),
    ("Bel +31 6 1234 5678", "phone"),
    ("Bel 0031612345678", "phone"),
    ("Telefoon 050-1234567", "phone"),
    ("Telefoon 0596 123456", "phone"),
    ("Woont op 9712 AB 12", "postcode"),
    ("Adres: Dorpsstraat 3, 9981 CD 3a", "postcode"),
    ("BSN 111222333", "bsn"),
    ("bsn: 1234.56.782", "bsn"),
]


@pytest.mark.parametrize(("text", "kind"), PERSONAL)
def test_guard_finds_each_kind_of_personal_data(text, kind):
    assert [f.kind for f in find_personal_data(text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "Op 2026-03-12 begonnen we.",
        "Sinds 12-03-2026 loopt het.",
        "In 2025 en 2026.",
        "Het kostte € 12.500 per woning.",
        "Een budget van 1.250.000 euro.",
        "Postcodegebied 9712 AB kreeg voorrang.",
        "Dossiernummer 123456789 is geen BSN.",
        "Tussen 20 en 40 adressen, 15% sneller.",
        "Versie 2.0, week 12.",
    ],
)
def test_guard_gives_no_false_alarm(text):
    assert find_personal_data(text) == []


def test_guard_reports_the_line():
    assert find_personal_data("regel een\nregel twee a@b.nl")[0].line == 2


def test_eleven_test():
    assert passes_eleven_test("111222333") and not passes_eleven_test("123456789")


@pytest.mark.django_db
def test_admin_form_refuses_personal_data_without_confirmation_and_accepts_with_it(
    client, superuser, make_lesson
):
    from lessons.forms import LessonPageForm
    from lessons.models import LessonPage

    lesson = make_lesson("Les", "Tekst")
    form_class = LessonPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, LessonPageForm)
    data = {
        "title": "Les",
        "slug": lesson.slug,
        "soort": "les",
        "fase": "werkt",
        "samenvatting": "Bel 06-12345678",
        "datum": datetime.date(2026, 1, 1),
        "body": "",
        "zichtbaarheid": "openbaar",
    }
    form = form_class(data=data, instance=lesson, for_user=superuser)
    form.is_valid()
    assert any("06-12345678" in e and "bevestiging" in e for e in form.errors["samenvatting"])
    form = form_class(
        data=data | {"allow_personal_data": "on"}, instance=lesson, for_user=superuser
    )
    form.is_valid()
    assert "samenvatting" not in form.errors
