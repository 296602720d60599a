"""Import lessons from the exchange format: Markdown with YAML front matter.

The format is a public contract (see README, "Lesson exchange format"). Every problem is
reported as `FILE:LINE: message`; each file is imported atomically, so a file with an
error changes nothing while the good files of the same run still go in. Re-importing a
file with the same slug updates that lesson as a new revision.

`parse_lesson` reads and validates one file without touching the database beyond
taxonomy lookups; `Importer` writes.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError, transaction
from django.utils.text import slugify

from kennisbank.lookup import TermIndex, UnknownTermError
from kennisbank.models import (
    Actielijn,
    Doel,
    Doelgroep,
    Gebied,
    Gemeente,
    HomePage,
    Organisatie,
    Thema,
)
from kennisbank.privacy import find_personal_data
from kennisbank.visibility import Zichtbaarheid
from lessons import bulk
from lessons.models import (
    Adoption,
    Bron,
    Fase,
    LessonIndexPage,
    LessonPage,
    Soort,
)

KEYS = [
    "title",
    "slug",
    "soort",
    "fase",
    "samenvatting",
    "datum",
    "gebied",
    "gemeente",
    "organisaties",
    "actielijnen",
    "doelen",
    "themas",
    "doelgroepen",
    "tags",
    "zichtbaarheid",
    "contact",
    "toegepast_in",
    "bronnen",
    "kennisdag",
]
REQUIRED = ["title", "soort", "fase", "samenvatting", "datum"]
LIST_TERMS = {
    "organisaties": Organisatie,
    "actielijnen": Actielijn,
    "doelen": Doel,
    "themas": Thema,
    "doelgroepen": Doelgroep,
}
SLUG_RE = re.compile(r"^[a-z0-9-]+$")
_url_validator = URLValidator(schemes=["http", "https"])


# Files per transaction: large enough for the bulk path to pay off, small enough that memory
# stays flat however many files an import has.
BATCH_SIZE = 200


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (libyaml's when present: 7x faster) that leaves dates as text, so a bad date
    is our error with its line."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class LessonFileError(Exception):
    """Problems in one file; `problems` holds (line, message) pairs."""

    def __init__(self, problems: list[tuple[int, str]]):
        self.problems = problems
        super().__init__("; ".join(message for _, message in problems))


@dataclass
class ParsedLesson:
    """A validated lesson, ready to write. Taxonomy values are resolved model instances."""

    slug: str
    title: str
    soort: str
    fase: str
    samenvatting: str
    datum: datetime.date
    body: str
    gebied: Gebied | None = None
    gemeente: Gemeente | None = None
    terms: dict[str, list] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    zichtbaarheid: str = Zichtbaarheid.OPENBAAR
    contact: str = ""
    adoptions: list[dict] = field(default_factory=list)
    bronnen: list[dict] = field(default_factory=list)
    kennisdag_slug: str | None = None


class Taxonomy:
    """Snapshots of every taxonomy table: one query each per import run, not per file."""

    def __init__(self):
        self.gebied = TermIndex(Gebied)
        self.gemeente = TermIndex(Gemeente)
        self.lists = {key: TermIndex(model) for key, model in LIST_TERMS.items()}


# --- reading ---------------------------------------------------------------------------------


def _split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter, body, line number of the first body line)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise LessonFileError([(1, "geen front matter: het bestand moet beginnen met '---'")])
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise LessonFileError([(1, "front matter niet afgesloten: voeg een regel '---' toe")])


def _key_lines(front: str) -> tuple[dict[str, int], dict[str, list[int]]]:
    """Line numbers (in the file) of each top-level key and of each item of list keys."""
    node = yaml.compose(front, Loader=_Loader)
    key_lines, item_lines = {}, {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            key_lines[key] = key_node.start_mark.line + 2
            if isinstance(value_node, yaml.SequenceNode):
                item_lines[key] = [item.start_mark.line + 2 for item in value_node.value]
    return key_lines, item_lines


def read_text(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise LessonFileError([(1, "leeg bestand")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise LessonFileError(
            [
                (
                    line,
                    f"geen geldige UTF-8 (byte 0x{data[error.start]:02x}); sla het bestand "
                    "op als UTF-8",
                )
            ]
        ) from None


def parse_lesson(
    text: str, taxonomy: Taxonomy, *, allow_personal_data: bool = False, kennisdag_exists=None
) -> ParsedLesson:
    front, body, body_start = _split_front_matter(text)
    try:
        meta = yaml.load(front, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
        key_lines, item_lines = _key_lines(front)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(error, "problem", None) or "onleesbaar"
        raise LessonFileError([(line, f"ongeldige YAML in de front matter: {problem}")]) from None
    if not isinstance(meta, dict):
        raise LessonFileError([(2, "de front matter moet sleutels met waarden bevatten")])

    problems: list[tuple[int, str]] = []

    def line(key):
        return key_lines.get(key, 1)

    def item_line(key, position):
        lines = item_lines.get(key, [])
        return lines[position] if position < len(lines) else line(key)

    def fail(key, message):
        problems.append((line(key), f"{key}: {message}"))

    for key in meta:
        if key not in KEYS:
            fail(key, f"onbekende sleutel; toegestaan zijn: {', '.join(KEYS)}")
    for key in REQUIRED:
        if meta.get(key) in (None, ""):
            problems.append((1, f"{key}: verplichte sleutel ontbreekt"))

    def text_value(key, maximum, minimum=0):
        value = meta.get(key)
        if value is None:
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            fail(key, "moet tekst zijn")
            return ""
        value = str(value).strip()
        if len(value) < minimum or len(value) > maximum:
            fail(key, f"moet {minimum}–{maximum} tekens lang zijn (nu {len(value)})")
        return value

    def enum_value(key, choices, default=None):
        value = meta.get(key, default)
        if value is None:
            return ""
        if value not in choices:
            fail(key, f"ongeldige waarde {value!r}; kies uit: {', '.join(choices)}")
            return ""
        return value

    def date_value(key, value, where):
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        try:
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                return datetime.date.fromisoformat(value)
        except ValueError:
            pass
        problems.append((where, f"{key}: ongeldige datum {value!r}; gebruik JJJJ-MM-DD"))
        return None

    def list_value(key):
        value = meta.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            fail(key, "moet een lijst zijn, bv. [a, b]")
            return []
        return value

    title = text_value("title", 200, 3)
    samenvatting = text_value("samenvatting", 500)
    contact = text_value("contact", 200)
    soort = enum_value("soort", Soort.values)
    fase = enum_value("fase", Fase.values)
    zichtbaarheid = enum_value("zichtbaarheid", Zichtbaarheid.values, Zichtbaarheid.OPENBAAR)
    datum = date_value("datum", meta["datum"], line("datum")) if meta.get("datum") else None

    slug = meta.get("slug")
    if slug is not None and (not isinstance(slug, str) or not SLUG_RE.match(slug)):
        fail("slug", f"ongeldige slug {slug!r}; alleen a-z, 0-9 en '-'")
    slug = slug if isinstance(slug, str) and SLUG_RE.match(slug or "") else slugify(title)[:80]

    def term(index, key):
        value = meta.get(key)
        if value in (None, ""):
            return None
        try:
            return index.get(str(value))
        except UnknownTermError as error:
            fail(key, str(error))
            return None

    gebied = term(taxonomy.gebied, "gebied")
    gemeente = term(taxonomy.gemeente, "gemeente")
    terms = {}
    for key, index in taxonomy.lists.items():
        resolved = []
        for position, value in enumerate(list_value(key)):
            where = item_line(key, position)
            try:
                resolved.append(index.get(str(value)))
            except UnknownTermError as error:
                problems.append((where, f"{key}: {error}"))
        terms[key] = list({t.pk: t for t in resolved}.values())

    tags = []
    for value in list_value("tags"):
        if not isinstance(value, str | int) or not str(value).strip():
            fail("tags", f"ongeldige tag {value!r}")
            continue
        if len(str(value)) > 100:
            fail("tags", "een tag mag hoogstens 100 tekens zijn")
            continue
        tags.append(str(value).strip())

    adoptions = []
    for position, item in enumerate(list_value("toegepast_in")):
        where = item_line("toegepast_in", position)
        if not isinstance(item, dict):
            problems.append((where, "toegepast_in: elk item heeft gebied, datum en resultaat"))
            continue
        extra = set(item) - {"gebied", "datum", "resultaat"}
        if extra:
            names = ", ".join(sorted(map(str, extra)))
            problems.append((where, f"toegepast_in: onbekende sleutel(s) {names}"))
        try:
            adoption_gebied = taxonomy.gebied.get(str(item.get("gebied", "")))
        except UnknownTermError as error:
            problems.append((where, f"toegepast_in: {error}"))
            adoption_gebied = None
        adoption_datum = date_value("toegepast_in.datum", item.get("datum"), where)
        resultaat = str(item.get("resultaat") or "")
        if len(resultaat) > 500:
            problems.append((where, "toegepast_in: resultaat is langer dan 500 tekens"))
        adoptions.append(
            {"gebied": adoption_gebied, "datum": adoption_datum, "resultaat": resultaat}
        )

    bronnen = []
    for position, item in enumerate(list_value("bronnen")):
        where = item_line("bronnen", position)
        if not isinstance(item, dict) or not item.get("titel") or not item.get("url"):
            problems.append((where, "bronnen: elk item heeft een titel en een url"))
            continue
        url = str(item["url"]).strip()
        try:
            if urlparse(url).scheme.lower() not in {"http", "https"}:
                raise ValidationError("scheme")
            _url_validator(url)
        except ValidationError:
            problems.append((where, f"bronnen: url {url!r} moet een http(s)-adres zijn"))
            continue
        bronnen.append({"titel": str(item["titel"])[:300], "url": url})

    kennisdag_slug = meta.get("kennisdag")
    if kennisdag_slug is not None and (
        not isinstance(kennisdag_slug, str)
        or (kennisdag_exists is not None and not kennisdag_exists(kennisdag_slug))
    ):
        fail("kennisdag", f"onbekende kennisdag {kennisdag_slug!r}")

    if not allow_personal_data:
        for key in ("title", "samenvatting"):
            for finding in find_personal_data(str(meta.get(key) or "")):
                fail(
                    key,
                    finding.message() + " (gebruik --allow-personal-data als dit "
                    "zeker geen gegevens van een bewoner zijn)",
                )
        for finding in find_personal_data(body):
            problems.append(
                (
                    body_start + finding.line - 1,
                    finding.message() + " (gebruik --allow-personal-data als dit zeker geen "
                    "gegevens van een bewoner zijn)",
                )
            )

    if problems:
        raise LessonFileError(sorted(problems))
    return ParsedLesson(
        slug=slug,
        title=title,
        soort=soort,
        fase=fase,
        samenvatting=samenvatting,
        datum=datum,
        body=body.strip("\n") + "\n" if body.strip() else "",
        gebied=gebied,
        gemeente=gemeente,
        terms=terms,
        tags=tags,
        zichtbaarheid=zichtbaarheid,
        contact=contact,
        adoptions=adoptions,
        bronnen=bronnen,
        kennisdag_slug=kennisdag_slug if isinstance(kennisdag_slug, str) else None,
    )


# --- writing ---------------------------------------------------------------------------------


@dataclass
class FileResult:
    path: Path
    slug: str | None = None
    created: bool = False
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportReport:
    results: list[FileResult] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if not r.ok]

    @property
    def created(self) -> int:
        return sum(1 for r in self.results if r.ok and r.created)

    @property
    def updated(self) -> int:
        return sum(1 for r in self.results if r.ok and not r.created)


def lesson_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.md") if p.is_file())
        else:
            yield path


def ensure_lesson_index() -> LessonIndexPage:
    """The lesson index (created under the home page on a site that lacks it)."""
    index = LessonIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.first()
        if home is None:
            raise LessonFileError([(1, "de site heeft geen startpagina; draai eerst migrate")])
        index = home.add_child(instance=LessonIndexPage(title="Lessen", slug="lessen"))
    return index


class Importer:
    def __init__(
        self,
        *,
        draft: bool = False,
        dry_run: bool = False,
        allow_personal_data: bool = False,
        is_voorbeeld: bool = False,
        user=None,
        progress: Callable[[int, int], None] | None = None,
    ):
        self.draft = draft
        self.dry_run = dry_run
        self.allow_personal_data = allow_personal_data
        self.is_voorbeeld = is_voorbeeld
        self.user = user
        self.progress = progress

    def run(self, paths: Iterable[str | Path]) -> ImportReport:
        files = list(lesson_files(paths))
        report = ImportReport()
        taxonomy = Taxonomy()
        tags = bulk.TagCache()
        done = 0
        for start in range(0, len(files), BATCH_SIZE):
            batch = [FileResult(path) for path in files[start : start + BATCH_SIZE]]
            report.results += batch
            self._run_batch(batch, taxonomy, tags)
            for _ in batch:
                done += 1
                if self.progress:
                    self.progress(done, len(files))
        return report

    def _parse(self, result: FileResult, taxonomy: Taxonomy) -> ParsedLesson | None:
        try:
            if not result.path.exists():
                raise LessonFileError([(1, "bestand bestaat niet")])
            parsed = parse_lesson(
                read_text(result.path),
                taxonomy,
                allow_personal_data=self.allow_personal_data,
                kennisdag_exists=_kennisdag_exists,
            )
        except LessonFileError as error:
            result.errors = [f"{result.path}:{line}: {message}" for line, message in error.problems]
            return None
        result.slug = parsed.slug
        return parsed

    def _run_batch(self, batch: list[FileResult], taxonomy: Taxonomy, tags) -> None:
        """Parse a batch, then write it in one transaction with a savepoint per file.

        New lessons go through the bulk path together; a lesson that exists, or a second file
        with the same slug, is written after them through Wagtail's revision path.
        """
        parsed = [(result, self._parse(result, taxonomy)) for result in batch]
        parsed = [(result, item) for result, item in parsed if item is not None]
        if not parsed:
            return
        existing = set(
            LessonPage.objects.filter(slug__in=[item.slug for _, item in parsed]).values_list(
                "slug", flat=True
            )
        )
        new, one_by_one, seen = [], [], set()
        for result, item in parsed:
            (new if item.slug not in existing and item.slug not in seen else one_by_one).append(
                (result, item)
            )
            seen.add(item.slug)
        try:
            index = ensure_lesson_index()
        except LessonFileError as error:
            for result, _ in parsed:
                result.errors = [f"{result.path}:{line}: {msg}" for line, msg in error.problems]
            return
        created_ids, updated_ids = [], []
        with transaction.atomic():
            if new:
                try:
                    with transaction.atomic():
                        pages = bulk.create_lessons(
                            [item for _, item in new],
                            index,
                            live=not self.draft,
                            is_voorbeeld=self.is_voorbeeld,
                            user=self.user,
                            kennisdag_for=_kennisdag,
                            tags=tags,
                        )
                    for result, _ in new:
                        result.created = True
                    created_ids = [page.pk for page in pages]
                except (DatabaseError, ValidationError, ValueError):
                    # Isolate the file that the database refused: write them one by one.
                    one_by_one = new + one_by_one
            for result, item in one_by_one:
                try:
                    with transaction.atomic():
                        result.created = self.write(item, index)
                    updated_ids.append(LessonPage.objects.get(slug=item.slug).pk)
                except (ValidationError, ValueError, DatabaseError) as error:
                    result.errors = [f"{result.path}:1: {_validation_message(error)}"]
            if self.dry_run:
                transaction.set_rollback(True)
            else:
                bulk.after_commit(created_ids, updated_ids)

    def write(self, parsed: ParsedLesson, index: LessonIndexPage) -> bool:
        """Create or update the lesson; True when it was created."""
        page = LessonPage.objects.filter(slug=parsed.slug).first()
        created = page is None
        if created:
            page = LessonPage(slug=parsed.slug, live=not self.draft)
        page.title = parsed.title
        page.soort, page.fase, page.datum = parsed.soort, parsed.fase, parsed.datum
        page.samenvatting, page.body = parsed.samenvatting, parsed.body
        page.gebied, page.gemeente = parsed.gebied, parsed.gemeente
        page.zichtbaarheid, page.contact = parsed.zichtbaarheid, parsed.contact
        page.is_voorbeeld = self.is_voorbeeld
        page.kennisdag = _kennisdag(parsed.kennisdag_slug)
        for key, values in parsed.terms.items():
            setattr(page, key, values)
        page.adoptions = [Adoption(**item) for item in parsed.adoptions]
        page.bronnen = [Bron(**item) for item in parsed.bronnen]
        page.tags.set(parsed.tags)
        if created:
            if self.draft:
                page.has_unpublished_changes = True
            index.add_child(instance=page)
        revision = page.save_revision(user=self.user, log_action=True)
        if not self.draft:
            revision.publish(user=self.user)
        return created


def _kennisdag_exists(slug: str) -> bool:
    from kennisdagen.models import KennisdagPage

    return KennisdagPage.objects.filter(slug=slug).exists()


def _kennisdag(slug: str | None):
    if not slug:
        return None
    from kennisdagen.models import KennisdagPage

    return KennisdagPage.objects.filter(slug=slug).first()


def _validation_message(error: Exception) -> str:
    if isinstance(error, ValidationError) and hasattr(error, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    return str(error)
