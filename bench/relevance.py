"""The relevance benchmark: a judged Dutch query set, asked end to end over HTTP.

The corpus is the demo site (`load_demo`) plus the test lessons in `bench/relevance/lessons/`,
imported through the real `import_lessons` command. Every query in
`bench/relevance/queries.yaml` is sent to `/api/zoeken/` with Django's test `Client`, as a
signed-in professional unless the query says otherwise, so the whole path (parsing, analysis,
engine, visibility, editors' picks) is measured as a user meets it.

A judgement names lessons (or other pages) by the last segment of their URL, with a grade:
2 = the answer, 1 = relevant. A query without judgements is a *no-answer* query: it passes
only when the search returns nothing (no false friends).

Metrics per category and overall (answerable queries):
- success@k: a page with the query's highest grade is among the first k hits;
- MRR: the mean of 1 / rank of the first such page (0 when absent from the first page);
- nDCG@10: graded gain (2^grade - 1) with log2 discount, over the ideal ordering;
- zero-result rate: the share of queries that returned nothing.
For no-answer queries: the share that correctly returned nothing.
"""

from __future__ import annotations

import contextlib
import math
import os
import platform
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import Client

from search.engines import get_engine

HERE = Path(__file__).resolve().parent / "relevance"
QUERIES = HERE / "queries.yaml"
TEST_LESSONS = HERE / "lessons"
API = "/api/zoeken/"
BENCH_USER = "bench-relevance"
CATEGORY_ORDER = [
    "verbuiging",
    "samenstelling",
    "accenten",
    "afkortingen",
    "typfouten",
    "vragen",
    "operatoren",
    "facetten",
    "ranking",
    "geen-antwoord",
]


class JudgementError(ValueError):
    """The query file is malformed or names a page that is not in the corpus."""


@dataclass(frozen=True)
class Judged:
    category: str
    text: str
    filters: dict[str, list[str]]
    grades: dict[str, int]
    anonymous: bool = False
    note: str = ""

    @property
    def answerable(self) -> bool:
        return bool(self.grades)


@dataclass
class Outcome:
    query: Judged
    ranked: list[str]
    total: int
    seconds: float
    error: str = ""

    @property
    def best(self) -> set[str]:
        top = max(self.query.grades.values(), default=0)
        return {slug for slug, grade in self.query.grades.items() if grade == top}

    def success(self, k: int) -> float:
        if not self.query.answerable:
            return float(self.total == 0)
        return float(any(slug in self.best for slug in self.ranked[:k]))

    def reciprocal_rank(self) -> float:
        if not self.query.answerable:
            return float(self.total == 0)
        for rank, slug in enumerate(self.ranked, start=1):
            if slug in self.best:
                return 1 / rank
        return 0.0

    def ndcg(self, k: int = 10) -> float:
        if not self.query.answerable:
            return float(self.total == 0)
        gains = [2 ** self.query.grades.get(slug, 0) - 1 for slug in self.ranked[:k]]
        ideal = sorted((2**g - 1 for g in self.query.grades.values()), reverse=True)[:k]
        dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
        idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
        return dcg / idcg if idcg else 0.0


@dataclass
class Summary:
    name: str
    outcomes: list[Outcome] = field(default_factory=list)

    def _mean(self, values) -> float:
        values = list(values)
        return sum(values) / len(values) if values else 0.0

    def as_dict(self) -> dict:
        answerable = [o for o in self.outcomes if o.query.answerable]
        empty = [o for o in self.outcomes if not o.query.answerable]
        return {
            "queries": len(self.outcomes),
            "answerable": len(answerable),
            "s@1": round(self._mean(o.success(1) for o in answerable), 3),
            "s@3": round(self._mean(o.success(3) for o in answerable), 3),
            "mrr": round(self._mean(o.reciprocal_rank() for o in answerable), 3),
            "ndcg@10": round(self._mean(o.ndcg() for o in answerable), 3),
            "zero": round(self._mean(float(o.total == 0) for o in answerable), 3),
            "no_answer": len(empty),
            "no_answer_ok": round(self._mean(float(o.total == 0) for o in empty), 3),
        }


def load_queries(path: Path = QUERIES) -> list[Judged]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, list):
        raise JudgementError(f"{path}: expected a list of queries")
    judged = []
    for number, item in enumerate(raw, start=1):
        unknown = set(item) - {"category", "q", "filters", "expect", "anonymous", "note"}
        if unknown or "category" not in item or "q" not in item:
            raise JudgementError(f"{path}: query {number} ({item!r}) is malformed")
        if item["category"] not in CATEGORY_ORDER:
            raise JudgementError(f"{path}: query {number}: unknown category {item['category']!r}")
        grades = {str(k): int(v) for k, v in (item.get("expect") or {}).items()}
        if any(g not in (1, 2) for g in grades.values()):
            raise JudgementError(f"{path}: query {number}: grades are 1 or 2")
        if (item["category"] == "geen-antwoord") == bool(grades):
            raise JudgementError(
                f"{path}: query {number}: only 'geen-antwoord' queries have no judgements"
            )
        filters = {
            str(k): [str(x) for x in (v if isinstance(v, list) else [v])]
            for k, v in (item.get("filters") or {}).items()
        }
        judged.append(
            Judged(
                category=item["category"],
                text=str(item["q"]),
                filters=filters,
                grades=grades,
                anonymous=bool(item.get("anonymous", False)),
                note=str(item.get("note", "")),
            )
        )
    return judged


def demo_lessons_dir() -> Path | None:
    """Where the demo lessons live (they may move between apps); None when not found."""
    base = Path(settings.BASE_DIR)
    for candidate in sorted(base.glob("*/demo_lessons")) + sorted(base.glob("*/*/demo_lessons")):
        if candidate.is_dir() and ".venv" not in candidate.parts:
            return candidate
    return None


def load_corpus(out=print) -> None:
    """Demo site, then the demo and test lessons through `import_lessons`, then the index."""
    call_command("load_demo", stdout=_Sink(), stderr=_Sink())
    paths = [str(p) for p in (demo_lessons_dir(), TEST_LESSONS) if p is not None]
    call_command("import_lessons", *paths, stdout=_Sink(), stderr=_Sink())
    call_command("search_index", "rebuild", stdout=_Sink(), stderr=_Sink())
    out(f"corpus: demo site + {', '.join(paths)}")


class _Sink:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


def professional_client() -> Client:
    host = next((h for h in settings.ALLOWED_HOSTS if h and not h.startswith(".")), "localhost")
    client = Client(HTTP_HOST=host.strip("[]") if host == "[::1]" else host)
    user, _ = get_user_model().objects.get_or_create(username=BENCH_USER)
    user.groups.add(Group.objects.get(name="Professionals"))
    client.force_login(user)
    return client


def anonymous_client() -> Client:
    host = next((h for h in settings.ALLOWED_HOSTS if h and not h.startswith(".")), "localhost")
    return Client(HTTP_HOST=host)


def slug_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def ask(client: Client, query: Judged) -> Outcome:
    params = {"q": query.text, **query.filters}
    started = time.perf_counter()
    response = client.get(API, params)
    seconds = time.perf_counter() - started
    if response.status_code != 200:
        return Outcome(query, [], 0, seconds, error=f"HTTP {response.status_code}")
    data = response.json()
    ranked = [slug_of(hit.get("url") or "") for hit in data.get("results", [])]
    return Outcome(query, ranked, int(data.get("total", len(ranked))), seconds)


def corpus_slugs(client: Client) -> set[str]:
    """Every page the professional can find: judgements must name one of these."""
    slugs: set[str] = set()
    for doc_type in ("les", "kennisdag", "dossier"):
        page = 1
        while True:
            data = client.get(API, {"type": doc_type, "page": page}).json()
            slugs.update(slug_of(hit.get("url") or "") for hit in data.get("results", []))
            if not data.get("results") or page * len(data["results"]) >= data.get("total", 0):
                break
            page += 1
            if page > 50:
                break
    return slugs


def validate(queries: list[Judged], known: set[str]) -> None:
    missing = sorted({s for q in queries for s in q.grades if s not in known})
    if missing:
        raise JudgementError(
            "judgements name pages that are not in the corpus: " + ", ".join(missing)
        )


def environment() -> dict:
    engine = "?"
    try:
        engine = get_engine().name
    except Exception as error:  # noqa: BLE001 - a report, never a reason to fail
        engine = f"? ({error.__class__.__name__})"
    commit = ""
    git = shutil.which("git")
    if git:
        with contextlib.suppress(OSError):
            commit = subprocess.run(  # noqa: S603 - a fixed git command, no user input
                [git, "rev-parse", "--short", "HEAD"],
                capture_output=True,
                text=True,
                cwd=settings.BASE_DIR,
                check=False,
            ).stdout.strip()
    return {
        "engine": engine,
        "database": f"{connection.vendor} {connection.settings_dict.get('NAME')}",
        "elasticsearch": bool(getattr(settings, "ELASTICSEARCH_URL", "")),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "commit": commit,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def run(queries: list[Judged] | None = None, *, load: bool = True, out=print) -> dict:
    queries = queries if queries is not None else load_queries()
    if load:
        load_corpus(out)
    professional, anonymous = professional_client(), anonymous_client()
    validate(queries, corpus_slugs(professional))
    outcomes = [ask(anonymous if q.anonymous else professional, q) for q in queries]
    by_category: dict[str, Summary] = {}
    for outcome in outcomes:
        by_category.setdefault(outcome.query.category, Summary(outcome.query.category))
        by_category[outcome.query.category].outcomes.append(outcome)
    overall = Summary("overall", outcomes)
    return {
        "environment": environment(),
        "overall": overall.as_dict(),
        "categories": {
            name: by_category[name].as_dict() for name in CATEGORY_ORDER if name in by_category
        },
        "failures": [
            {
                "category": o.query.category,
                "q": o.query.text,
                "filters": o.query.filters,
                "expected": sorted(o.best),
                "got": o.ranked[:3],
                "total": o.total,
                "error": o.error,
            }
            for o in outcomes
            if o.success(1) < 1
        ],
        "latency_ms": {
            "p50": round(_percentile([o.seconds for o in outcomes], 50) * 1000, 1),
            "p95": round(_percentile([o.seconds for o in outcomes], 95) * 1000, 1),
        },
    }


def _percentile(values: list[float], pct: int) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def format_table(report: dict) -> str:
    env = report["environment"]
    load = " ".join(str(x) for x in env["load_average"])
    lines = [
        f"engine {env['engine']} · database {env['database']} · commit {env['commit']} · "
        f"{env['date']}",
        f"load average {load} on {env['cores']} cores · "
        f"latency p50 {report['latency_ms']['p50']} ms, p95 {report['latency_ms']['p95']} ms",
        "",
        "| category | n | S@1 | S@3 | MRR | nDCG@10 | zero |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, row in report["categories"].items():
        if row["answerable"]:
            lines.append(
                f"| {name} | {row['answerable']} | {row['s@1']:.2f} | {row['s@3']:.2f} | "
                f"{row['mrr']:.2f} | {row['ndcg@10']:.2f} | {row['zero']:.2f} |"
            )
    o = report["overall"]
    lines.append(
        f"| **overall** | {o['answerable']} | {o['s@1']:.2f} | {o['s@3']:.2f} | "
        f"{o['mrr']:.2f} | {o['ndcg@10']:.2f} | {o['zero']:.2f} |"
    )
    lines.append("")
    lines.append(f"no-answer queries correctly empty: {o['no_answer_ok']:.2f} of {o['no_answer']}")
    return "\n".join(lines)


def format_failures(report: dict) -> str:
    lines = []
    for f in report["failures"]:
        filters = f" {f['filters']}" if f["filters"] else ""
        error = f" {f['error']}" if f["error"] else ""
        lines.append(
            f"[{f['category']}] {f['q']!r}{filters}: expected {', '.join(f['expected']) or '∅'}; "
            f"got {', '.join(f['got']) or '∅'} ({f['total']}){error}"
        )
    return "\n".join(lines)
