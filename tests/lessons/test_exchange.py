"""Import and export of the lesson exchange format."""

import datetime
import textwrap
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lessons.exporter import export_lessons
from lessons.importer import Importer
from lessons.models import LessonPage

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data" / "lessons"

GOOD = """\
---
title: Een goede les
slug: een-goede-les
soort: les
fase: werkt
samenvatting: Kort en goed.
datum: 2026-01-02
---
## Situatie
Tekst.
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def run_import(*paths, **options):
    return Importer(**options).run(paths)


def test_example_files_import_with_all_their_fields():
    report = run_import(DATA)
    assert not report.failed
    lesson = LessonPage.objects.get(slug="een-vast-aanspreekpunt-oosternieland")
    assert lesson.live and lesson.gebied.name == "Oosternieland"
    assert {o.afkorting for o in lesson.organisaties.all()} >= {"IMG", "NCG"}
    assert [a.gebied.name for a in lesson.adoptions.all()] == ["Ten Boer-West"]
    assert sorted(lesson.tags.names()) == ["aanspreekpunt", "doorverwijzing", "keukentafelgesprek"]


def test_slug_is_derived_from_the_title_when_absent():
    run_import(DATA / "consulenten-voor-agrariers.md")
    assert LessonPage.objects.filter(
        slug="consulenten-begeleiden-agrarische-ondernemers-door-de-versterking"
    ).exists()


def test_reimport_updates_as_a_new_revision_and_never_duplicates(tmp_path):
    path = write(tmp_path, "les.md", GOOD)
    run_import(path)
    write(tmp_path, "les.md", GOOD.replace("Kort en goed.", "Nieuwe samenvatting."))
    report = run_import(path)
    assert report.updated == 1 and report.created == 0
    lesson = LessonPage.objects.get(slug="een-goede-les")
    assert LessonPage.objects.filter(slug="een-goede-les").count() == 1
    assert lesson.samenvatting == "Nieuwe samenvatting."
    assert lesson.revisions.count() == 2


def test_round_trip_export_then_import_into_an_empty_site_reproduces_every_field(tmp_path):
    from kennisdagen.models import KennisdagIndexPage, KennisdagPage

    kennisdag_index = KennisdagIndexPage.objects.get()
    kennisdag_index.add_child(
        instance=KennisdagPage(
            title="Kennisdag", slug="kennisdag-test", datum=datetime.date(2026, 3, 1)
        )
    )
    source = write(
        tmp_path,
        "volledig.md",
        textwrap.dedent("""\
        ---
        title: "Volledige les: alle velden"
        slug: volledige-les
        soort: werkwijze
        fase: opgeschaald
        samenvatting: Alles staat erin, ook één accent.
        datum: 2026-02-03
        gebied: Scheemda 't Waar
        gemeente: Oldambt
        organisaties: [IMG, NCG, Provincie Groningen]
        actielijnen: [gerichte-ondersteuning, leren-en-verbeteren]
        doelen: [duidelijkheid, in-een-keer]
        themas: [veilig, leefbaar]
        doelgroepen: [inwoners, agrariers]
        tags: [Keukentafel, zon & wind]
        zichtbaarheid: professionals
        contact: Gebiedsteam Oldambt
        toegepast_in:
          - gebied: Oosternieland
            datum: 2026-05-01
            resultaat: Overgenomen.
          - gebied: Ten Boer-West
            datum: 2026-06-01
            resultaat: In voorbereiding.
        bronnen:
          - titel: Evaluatie
            url: https://example.org/evaluatie
        kennisdag: kennisdag-test
        ---
        ## Situatie
        Regel een.

        | a | b |
        |---|---|
        | 1 | 2 |
        """),
    )
    assert not run_import(source).failed

    def snapshot():
        page = LessonPage.objects.get(slug="volledige-les")
        return {
            "fields": {
                f: getattr(page, f)
                for f in [
                    "title",
                    "soort",
                    "fase",
                    "samenvatting",
                    "datum",
                    "body",
                    "zichtbaarheid",
                    "contact",
                ]
            },
            "gebied": page.gebied.slug,
            "gemeente": page.gemeente.slug,
            "organisaties": sorted(o.slug for o in page.organisaties.all()),
            "actielijnen": sorted(t.slug for t in page.actielijnen.all()),
            "doelen": sorted(t.slug for t in page.doelen.all()),
            "themas": sorted(t.slug for t in page.themas.all()),
            "doelgroepen": sorted(t.slug for t in page.doelgroepen.all()),
            "tags": sorted(page.tags.names()),
            "adoptions": [(a.gebied.slug, a.datum, a.resultaat) for a in page.adoptions.all()],
            "bronnen": [(b.titel, b.url) for b in page.bronnen.all()],
            "kennisdag": page.kennisdag.slug,
        }

    before = snapshot()
    out = tmp_path / "export"
    export_lessons(out)
    LessonPage.objects.all().delete()
    assert not run_import(out).failed
    assert snapshot() == before


@pytest.mark.parametrize(
    ("name", "content", "line", "fragment"),
    [
        ("geen-front-matter.md", "# Titel\nTekst\n", 1, "geen front matter"),
        ("kapotte-yaml.md", "---\ntitle: [onaf\nsoort: les\n---\n", 3, "ongeldige YAML"),
        ("geen-utf8.md", b"---\ntitle: Caf\xe9 les\n---\n", 2, "geen geldige UTF-8"),
        ("leeg.md", "", 1, "leeg bestand"),
        (
            "onbekende-sleutel.md",
            GOOD.replace("fase: werkt", "fase: werkt\nkleur: blauw"),
            6,
            "kleur: onbekende sleutel",
        ),
        (
            "onbekende-gemeente.md",
            GOOD.replace("fase: werkt", "fase: werkt\ngemeente: Delfzijl"),
            6,
            "onbekende gemeente 'Delfzijl'; bekende waarden: Eemsdelta",
        ),
        ("slechte-datum.md", GOOD.replace("2026-01-02", "2026-13-45"), 7, "ongeldige datum"),
        (
            "slechte-enum.md",
            GOOD.replace("fase: werkt", "fase: klaar"),
            5,
            "fase: ongeldige waarde 'klaar'",
        ),
        (
            "javascript-bron.md",
            GOOD.replace(
                "---\n## Situatie",
                "bronnen:\n  - titel: x\n    url: javascript:alert(1)\n---\n## Situatie",
            ),
            9,
            "moet een http(s)-adres zijn",
        ),
        (
            "zonder-titel.md",
            GOOD.replace("title: Een goede les\n", ""),
            1,
            "title: verplichte sleutel ontbreekt",
        ),
        (
            "nul-in-tekst.md",
            GOOD.replace("Tekst.", "Tek\x00st."),
            10,
            "ongeldig NUL-teken (U+0000)",
        ),
        ("nul-in-titel.md", GOOD.replace("goede les", "goede\x00les"), 2, "ongeldig NUL-teken"),
        (
            "nul-als-yaml-escape.md",
            GOOD.replace("title: Een goede les", 'title: "Een\\0goede les"'),
            2,
            "ongeldig NUL-teken (U+0000)",
        ),
        (
            "lange-titel.md",
            GOOD.replace("title: Een goede les", "title: " + "x" * 10_000),
            2,
            "title: moet 3–200 tekens lang zijn (nu 10000)",
        ),
        (
            "lange-slug.md",
            GOOD.replace("slug: een-goede-les", "slug: " + "a" * 10_000),
            3,
            "slug: hoogstens 255 tekens (nu 10000)",
        ),
    ],
)
def test_each_error_is_reported_with_file_and_line_and_changes_nothing(
    tmp_path, name, content, line, fragment
):
    bad = write(tmp_path, name, content)
    good = write(tmp_path, "zz-goed.md", GOOD)
    report = run_import(bad, good)
    errors = report.failed[0].errors
    assert len(report.failed) == 1
    assert any(e.startswith(f"{bad}:{line}: ") and fragment in e for e in errors), errors
    assert list(LessonPage.objects.values_list("slug", flat=True)) == ["een-goede-les"]


def test_command_exits_non_zero_when_a_file_fails_and_still_imports_the_good(tmp_path, capsys):
    write(tmp_path, "a.md", GOOD)
    write(tmp_path, "b.md", "geen front matter")
    with pytest.raises(CommandError):
        call_command("import_lessons", str(tmp_path))
    assert "b.md:1: geen front matter" in capsys.readouterr().err
    assert LessonPage.objects.filter(slug="een-goede-les").exists()


def test_dry_run_writes_nothing(tmp_path):
    call_command("import_lessons", str(write(tmp_path, "a.md", GOOD)), "--dry-run")
    assert not LessonPage.objects.exists()


def test_draft_import_leaves_the_lesson_unpublished(tmp_path):
    run_import(write(tmp_path, "a.md", GOOD), draft=True)
    lesson = LessonPage.objects.get(slug="een-goede-les")
    assert not lesson.live and lesson.revisions.count() == 1


def test_personal_data_is_refused_with_line_unless_allowed(tmp_path):
    path = write(tmp_path, "a.md", GOOD.replace("Tekst.", "Bel 06-12345678 voor info."))
    report = run_import(path)
    assert report.failed[0].errors == [
        f"{path}:10: mogelijk persoonsgegeven (telefoonnummer): '06-12345678' "
        "(gebruik --allow-personal-data als dit zeker geen gegevens van een bewoner zijn)"
    ]
    assert not run_import(path, allow_personal_data=True).failed


def test_import_keeps_the_search_index_in_sync(
    tmp_path, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run_import(write(tmp_path, "a.md", GOOD))
    assert client.get("/api/zoeken/", {"q": "goede"}).json()["total"] == 1


def test_load_demo_loads_fifteen_lessons_idempotently():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    count = LessonPage.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert count == LessonPage.objects.count() >= 15
    assert LessonPage.objects.filter(zichtbaarheid="professionals").count() >= 2
    assert set(LessonPage.objects.values_list("fase", flat=True)) == {
        "idee",
        "in-uitvoering",
        "werkt",
        "opgeschaald",
        "gestopt",
    }
    assert all(LessonPage.objects.values_list("is_voorbeeld", flat=True))


def test_demo_gives_some_lessons_an_overdue_review_with_an_owner():
    from django.utils import timezone

    from lessons.selectors import lessons_due_for_review

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    due = lessons_due_for_review(timezone.localdate())
    assert due.count() == 3
    assert all(lesson.review_owner.username == "redacteur" for lesson in due)
