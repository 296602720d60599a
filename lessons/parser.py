"""Read one lesson file of the exchange format into a validated `LessonData`.

Text in, `LessonData` out, or a `LessonFileError` holding every problem of the file as
(line, Dutch message) pairs; the importer turns them into `FILE:LINE: message`. Nothing is
written: the database is only read, for the taxonomy and kennisdag lookups, through one
`Lookups` snapshot per import run. What the format allows is `lessons.format`.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify

from kennisbank.lookup import TermIndex, UnknownTermError
from kennisbank.privacy import find_personal_data
from lessons import format as fmt
from lessons.models import Bron, LessonPage

_url_validator = URLValidator(schemes=list(fmt.URL_SCHEMES))
# What the database can hold (checked here, so that the database never refuses a file).
_SLUG_LENGTH = LessonPage._meta.get_field("slug").max_length
_URL_LENGTH = Bron._meta.get_field("url").max_length
# C0 control characters other than tab, newline and carriage return, and DEL: YAML refuses
# them, PostgreSQL refuses NUL in text, and no lesson needs them.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PERSONAL_DATA_HINT = (
    " (gebruik --allow-personal-data als dit zeker geen gegevens van een bewoner zijn)"
)


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
class LessonData:
    """A validated lesson, ready to write: every field of the exchange format.

    `terms` maps a taxonomy key of the format (`lessons.format.TAXONOMY`) to its resolved
    term: one instance (or None) for `gebied` and `gemeente`, a list for the others.
    `kennisdag` is the kennisdag page itself, or None.
    """

    slug: str
    title: str
    soort: str
    fase: str
    samenvatting: str
    datum: datetime.date
    body: str
    terms: dict[str, object] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    zichtbaarheid: str = fmt.ZICHTBAARHEID_DEFAULT
    contact: str = ""
    adoptions: list[dict] = field(default_factory=list)
    bronnen: list[dict] = field(default_factory=list)
    kennisdag: object = None

    def term(self, key: str):
        """The term (single keys) or list of terms (list keys) for a taxonomy key."""
        relation = fmt.TAXONOMY_BY_KEY[key]
        return self.terms.get(key, [] if relation.many else None)

    def fingerprint(self) -> tuple:
        """Everything a lesson holds of the format, in a form where equal means same content:
        relations by primary key, lists without order where the format has none."""

        def pk(obj):
            return getattr(obj, "pk", None)

        terms = tuple(
            tuple(sorted({pk(t) for t in self.term(r.key)})) if r.many else pk(self.term(r.key))
            for r in fmt.TAXONOMY
        )
        return (
            self.slug,
            self.title,
            self.soort,
            self.fase,
            self.samenvatting,
            self.datum,
            self.body,
            terms,
            tuple(sorted(set(self.tags))),
            self.zichtbaarheid,
            self.contact,
            tuple((pk(a["gebied"]), a["datum"], a["resultaat"]) for a in self.adoptions),
            tuple((b["titel"], b["url"]) for b in self.bronnen),
            pk(self.kennisdag),
        )


class Lookups:
    """Snapshots of what a file may name: every taxonomy table (one query each) and the
    kennisdagen by slug (one query, on first use). Build one per import run."""

    def __init__(self):
        self.terms = {r.key: TermIndex(r.model) for r in fmt.TAXONOMY}
        self._kennisdagen: dict[str, object] | None = None

    def kennisdag(self, slug: str):
        if self._kennisdagen is None:
            model = LessonPage._meta.get_field("kennisdag").related_model
            self._kennisdagen = {}
            for page in model.objects.order_by("path"):
                self._kennisdagen.setdefault(page.slug, page)
        return self._kennisdagen.get(slug)


# --- reading ---------------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """The text of a lesson file: UTF-8 (with or without BOM), not empty."""
    if not path.exists():
        raise LessonFileError([(1, "bestand bestaat niet")])
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


def _control_message(character: str) -> str:
    name = "NUL-teken" if character == "\x00" else "stuurteken"
    return f"ongeldig {name} (U+{ord(character):04X}); verwijder het uit het bestand"


def _control_characters(text: str) -> list[tuple[int, str]]:
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        match = _CONTROL_RE.search(line)
        if match:
            problems.append((number, _control_message(match.group())))
    return problems


def _control_in_value(value) -> str | None:
    """A control character in a parsed value (YAML escapes such as "\\0" make them)."""
    if isinstance(value, str):
        match = _CONTROL_RE.search(value)
        return match.group() if match else None
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, list):
        for item in value:
            found = _control_in_value(item)
            if found:
                return found
    return None


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


def read_lesson(path: Path, lookups: Lookups, *, allow_personal_data: bool = False) -> LessonData:
    """Read and validate one file (raises `LessonFileError`)."""
    return parse_lesson(read_text(path), lookups, allow_personal_data=allow_personal_data)


def parse_lesson(text: str, lookups: Lookups, *, allow_personal_data: bool = False) -> LessonData:
    """Validate the text of one lesson file (raises `LessonFileError` with every problem)."""
    control = _control_characters(text)
    if control:
        raise LessonFileError(control)
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
    return _Validation(meta, key_lines, item_lines, body, body_start, lookups).run(
        allow_personal_data=allow_personal_data
    )


class _Validation:
    """The checks of one file's front matter and body, collecting every problem."""

    def __init__(self, meta, key_lines, item_lines, body, body_start, lookups: Lookups):
        self.meta, self.key_lines, self.item_lines = meta, key_lines, item_lines
        self.body, self.body_start = body, body_start
        self.lookups = lookups
        self.problems: list[tuple[int, str]] = []

    # where

    def line(self, key: str) -> int:
        return self.key_lines.get(key, 1)

    def item_line(self, key: str, position: int) -> int:
        lines = self.item_lines.get(key, [])
        return lines[position] if position < len(lines) else self.line(key)

    def fail(self, key: str, message: str, line: int | None = None) -> None:
        self.problems.append((line or self.line(key), f"{key}: {message}"))

    # values

    def text(self, key: str, maximum: int, minimum: int = 0) -> str:
        value = self.meta.get(key)
        if value is None:
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.fail(key, "moet tekst zijn")
            return ""
        value = str(value).strip()
        if len(value) < minimum or len(value) > maximum:
            self.fail(key, f"moet {minimum}–{maximum} tekens lang zijn (nu {len(value)})")
        return value

    def enum(self, key: str, default: str | None = None) -> str:
        choices = fmt.ENUMS[key]
        value = self.meta.get(key, default)
        if value is None:
            return ""
        if not isinstance(value, str) or value not in choices:
            shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
            self.fail(key, f"ongeldige waarde {shown}; kies uit: {', '.join(choices)}")
            return ""
        return value

    def date(self, key: str, value, line: int):
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        try:
            if isinstance(value, str) and fmt.DATE_RE.match(value):
                return datetime.date.fromisoformat(value)
        except ValueError:
            pass
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        self.problems.append((line, f"{key}: ongeldige datum {shown}; gebruik JJJJ-MM-DD"))
        return None

    def listing(self, key: str) -> list:
        value = self.meta.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(key, "moet een lijst zijn, bv. [a, b]")
            return []
        return value

    def resolve(self, key: str, value, line: int | None = None):
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.fail(key, f"moet een naam zijn, geen {type(value).__name__}", line)
            return None
        try:
            return self.lookups.terms[key].get(str(value))
        except UnknownTermError as error:
            self.fail(key, str(error), line)
            return None

    # the file

    def run(self, *, allow_personal_data: bool) -> LessonData:
        meta = self.meta
        for key, value in meta.items():
            found = _control_in_value([key, value])
            if found:
                self.problems.append((self.line(str(key)), _control_message(found)))
        if self.problems:
            raise LessonFileError(sorted(self.problems))
        for key in meta:
            if key not in fmt.KEYS:
                shown = str(key) if len(str(key)) <= 60 else str(key)[:57] + "..."
                self.problems.append(
                    (
                        self.line(str(key)),
                        f"{shown}: onbekende sleutel; toegestaan zijn: {', '.join(fmt.KEYS)}",
                    )
                )
        for key in fmt.REQUIRED:
            if meta.get(key) in (None, ""):
                self.problems.append((1, f"{key}: verplichte sleutel ontbreekt"))

        title = self.text("title", fmt.TITLE_MAX, fmt.TITLE_MIN)
        samenvatting = self.text("samenvatting", fmt.SAMENVATTING_MAX)
        contact = self.text("contact", fmt.CONTACT_MAX)
        soort = self.enum("soort")
        fase = self.enum("fase")
        zichtbaarheid = self.enum("zichtbaarheid", fmt.ZICHTBAARHEID_DEFAULT)
        datum = self.date("datum", meta["datum"], self.line("datum")) if meta.get("datum") else None
        slug = self.slug(title)
        terms = self.terms()
        lesson = LessonData(
            slug=slug,
            title=title,
            soort=soort,
            fase=fase,
            samenvatting=samenvatting,
            datum=datum,
            body=self.body.strip("\n") + "\n" if self.body.strip() else "",
            terms=terms,
            tags=self.tags(),
            zichtbaarheid=zichtbaarheid,
            contact=contact,
            adoptions=self.adoptions(),
            bronnen=self.bronnen(),
            kennisdag=self.kennisdag(),
        )
        if not allow_personal_data:
            self.personal_data()
        if self.problems:
            raise LessonFileError(sorted(self.problems))
        return lesson

    def slug(self, title: str) -> str:
        slug = self.meta.get("slug")
        if slug is None:
            return slugify(title)[: fmt.SLUG_MAX]
        if not isinstance(slug, str) or not fmt.SLUG_RE.match(slug):
            shown = repr(slug) if len(repr(slug)) <= 60 else repr(slug)[:57] + "..."
            self.fail("slug", f"ongeldige slug {shown}; alleen a-z, 0-9 en '-'")
            return ""
        if len(slug) > _SLUG_LENGTH:
            self.fail("slug", f"hoogstens {_SLUG_LENGTH} tekens (nu {len(slug)})")
            return ""
        return slug

    def terms(self) -> dict[str, object]:
        terms: dict[str, object] = {}
        for relation in fmt.TAXONOMY:
            key = relation.key
            if not relation.many:
                value = self.meta.get(key)
                terms[key] = None if value in (None, "") else self.resolve(key, value)
                continue
            resolved = []
            for position, value in enumerate(self.listing(key)):
                term = self.resolve(key, value, self.item_line(key, position))
                if term is not None:
                    resolved.append(term)
            terms[key] = list({t.pk: t for t in resolved}.values())
        return terms

    def tags(self) -> list[str]:
        tags = []
        for value in self.listing("tags"):
            if not isinstance(value, str | int) or not str(value).strip():
                self.fail("tags", f"ongeldige tag {value!r}"[:80])
                continue
            if len(str(value)) > fmt.TAG_MAX:
                self.fail("tags", f"een tag mag hoogstens {fmt.TAG_MAX} tekens zijn")
                continue
            tags.append(str(value).strip())
        return list(dict.fromkeys(tags))

    def adoptions(self) -> list[dict]:
        adoptions = []
        for position, item in enumerate(self.listing("toegepast_in")):
            where = self.item_line("toegepast_in", position)
            if not isinstance(item, dict):
                self.fail("toegepast_in", "elk item heeft gebied, datum en resultaat", where)
                continue
            extra = set(map(str, item)) - set(fmt.ADOPTION_KEYS)
            if extra:
                names = ", ".join(sorted(extra))[:200]
                self.fail("toegepast_in", f"onbekende sleutel(s) {names}", where)
            try:
                gebied = self.lookups.terms["gebied"].get(str(item.get("gebied", "")))
            except UnknownTermError as error:
                self.fail("toegepast_in", str(error), where)
                gebied = None
            datum = self.date("toegepast_in.datum", item.get("datum"), where)
            resultaat = str(item.get("resultaat") or "")
            if len(resultaat) > fmt.RESULTAAT_MAX:
                self.fail(
                    "toegepast_in", f"resultaat is langer dan {fmt.RESULTAAT_MAX} tekens", where
                )
            adoptions.append({"gebied": gebied, "datum": datum, "resultaat": resultaat})
        return adoptions

    def bronnen(self) -> list[dict]:
        bronnen = []
        for position, item in enumerate(self.listing("bronnen")):
            where = self.item_line("bronnen", position)
            if not isinstance(item, dict) or not item.get("titel") or not item.get("url"):
                self.fail("bronnen", "elk item heeft een titel en een url", where)
                continue
            url = str(item["url"]).strip()
            if len(url) > _URL_LENGTH:
                self.fail("bronnen", f"url is langer dan {_URL_LENGTH} tekens", where)
                continue
            try:
                if urlparse(url).scheme.lower() not in fmt.URL_SCHEMES:
                    raise ValidationError("scheme")
                _url_validator(url)
            except ValidationError:
                self.fail("bronnen", f"url {url[:100]!r} moet een http(s)-adres zijn", where)
                continue
            bronnen.append({"titel": str(item["titel"])[: fmt.BRON_TITEL_MAX], "url": url})
        return bronnen

    def kennisdag(self):
        slug = self.meta.get("kennisdag")
        if slug is None:
            return None
        page = self.lookups.kennisdag(slug) if isinstance(slug, str) else None
        if page is None:
            shown = repr(slug) if len(repr(slug)) <= 60 else repr(slug)[:57] + "..."
            self.fail("kennisdag", f"onbekende kennisdag {shown}")
        return page

    def personal_data(self) -> None:
        for key in ("title", "samenvatting"):
            for finding in find_personal_data(str(self.meta.get(key) or "")):
                self.fail(key, finding.message() + _PERSONAL_DATA_HINT)
        for finding in find_personal_data(self.body):
            self.problems.append(
                (self.body_start + finding.line - 1, finding.message() + _PERSONAL_DATA_HINT)
            )
