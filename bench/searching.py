"""Search benchmark: synthetic Dutch lessons, distinct realistic queries, latency percentiles.

Run through `python manage.py bench_search --docs N` against a scratch database (the
Makefile's `bench-search` target makes one). It reports indexing time; p50/p95/p99/max over
`samples` (500) queries per kind for plain, filtered, all-facets-with-highlights and
date-sorted queries, each query text distinct within its kind (the bench-site set of at
least 500: the judged relevance set with its questions and typing errors, topic x subject
pairs, generated questions and misspellings), asked cold (first time in this process) and
warm (again), anonymously and, for plain and all facets, signed in as a professional; 500
autocomplete prefixes (the words before the last kept); the floor (the same plain queries
straight against the engine's own full-text index, without Django); and a bounded
sample through Wagtail's stock `.live().public().search()` on the same lesson pages.
Every tenth lesson is for professionals; its indexed audience is what the one policy
(`kennisbank.visibility`) says. The machine's load average and core count are printed
next to the figures, since on a shared machine they explain much of the spread.
"""

from __future__ import annotations

import datetime
import os
import random
import statistics
import time
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import DatabaseError, connection, transaction
from modelsearch.backends import get_search_backend

from kennisbank.lookup import TermIndex
from kennisbank.models import Gebied
from kennisbank.roles import PROFESSIONALS
from kennisbank.visibility import ANONYMOUS, PUBLIC_KEY, Viewer, Zichtbaarheid, audiences_of
from kennisdagen.models import KennisdagPage
from lessons import format as fmt
from lessons.models import LessonPage
from lessons.parser import LessonData
from lessons.services import bulk_create_lessons, lesson_index
from search import analysis
from search.documents import SearchDocument
from search.engines import terms as eterms
from search.engines.base import SearchQuery
from search.engines.database import FTS_WEIGHTS, DatabaseEngine
from search.models import SearchEntry

SUBJECTS = [
    "woning",
    "boerderij",
    "schuur",
    "school",
    "winkel",
    "dorpshuis",
    "kerk",
    "stal",
    "woonboerderij",
]
TOPICS = [
    "versterking",
    "schadeherstel",
    "dakisolatie",
    "fundering",
    "verduurzaming",
    "zonnepanelen",
    "keukentafelgesprek",
    "versterkingsadvies",
    "schadeafhandeling",
    "energiebesparing",
    "bewonersbegeleider",
    "aanspreekpunt",
    "wachttijd",
    "herbeoordeling",
    "sloop",
    "nieuwbouw",
    "tijdelijke huisvesting",
    "mkb",
    "agrarische ondernemers",
    "IMG",
    "NCG",
    "casemanager",
]
VERBS = [
    "begeleidde",
    "onderzocht",
    "regelde",
    "verbeterde",
    "plande",
    "versnelde",
    "besprak",
    "vergoedde",
    "herstelde",
    "isoleerde",
    "adviseerde",
    "coördineerde",
]
FILLER = [
    "De",
    "bewoners",
    "wisten",
    "niet",
    "waar",
    "ze",
    "stonden.",
    "Na",
    "overleg",
    "met",
    "de",
    "gemeente",
    "en",
    "het",
    "IMG",
    "kwam",
    "er",
    "één",
    "plan.",
    "Het",
    "team",
    "hield",
    "wekelijks",
    "overleg",
    "en",
    "legde",
    "afspraken",
    "vast.",
    "Niet",
    "alles",
    "lukte:",
    "de",
    "regels",
    "sloten",
    "niet",
    "op",
    "elkaar",
    "aan",
    "en",
    "de",
    "lokale",
    "stuurgroep",
    "moest",
    "knopen",
    "doorhakken.",
    "Wat",
    "werkte",
    "was",
    "een",
    "vast",
    "gezicht",
    "aan",
    "de",
    "keukentafel",
    "en",
    "een",
    "duidelijke",
    "planning.",
]
FACET_VALUES = {
    "soort": ["les", "goed-voorbeeld", "werkwijze"],
    "fase": ["idee", "in-uitvoering", "werkt", "opgeschaald", "gestopt"],
    "gebied": ["oosternieland", "ten-boer-west", "scheemda-t-waar", "loppersum", "appingedam"],
    "gemeente": ["eemsdelta", "het-hogeland", "groningen", "midden-groningen", "oldambt"],
    "organisatie": ["img", "ncg", "bzk", "provincie-groningen", "gemeente-groningen"],
    "actielijn": ["gerichte-ondersteuning", "knelpunten-en-drempels", "leren-en-verbeteren"],
    "doel": ["duidelijkheid", "persoonlijke-ondersteuning", "in-een-keer"],
    "thema": ["veilig", "schadevrij", "verduurzaamd", "leefbaar", "veerkrachtig"],
    "doelgroep": ["inwoners", "ondernemers", "agrariers", "professionals", "bestuurders"],
}
TAGS = [f"tag-{i}" for i in range(60)]
PLAIN = [
    "woning",
    "versterking",
    "isolatie",
    "advies",
    "mkb",
    "keukentafel",
    "wachttijd",
    "boerderij versterking",
    "vast aanspreekpunt",
    "schade aan de schuur",
    "IMG",
    "sloop",
    "agrarische ondernemers",
    "coordinator",
    "een keer",
    "zonnepanelen subsidie",
    "fundering herstel",
    "tijdelijke huisvesting",
    "casemanager",
    "energiebesparing",
]


def _vocabulary() -> list[str]:
    """A few thousand Dutch word forms: lexicon words, their plurals and compounds."""
    base = sorted(analysis.base_lexicon().base)
    words = list(base)
    words += [w + "en" for w in base] + [w + "s" for w in base[::2]]
    words += [a + b for a in base[::7] for b in base[::5]]
    words += [w.strip(".,:").lower() for w in FILLER]
    return words


VOCABULARY = _vocabulary()


def for_professionals(i: int) -> bool:
    """Every tenth synthetic lesson is for professionals only."""
    return i % 10 == 0


def synthetic_document(
    i: int, page_id: int, rng: random.Random, audience: str = PUBLIC_KEY
) -> SearchDocument:
    """A lesson of 300-800 words: one main topic, two side topics, Zipf-like vocabulary.
    `audience`: the key its page has under the visibility policy."""
    subject, topic = rng.choice(SUBJECTS), rng.choice(TOPICS)
    side = rng.sample(TOPICS, 2)
    title = f"{topic.capitalize()} bij de {subject} ({i})"
    target = rng.randint(300, 800)
    weights = [1 / (rank + 1) for rank in range(len(VOCABULARY))]
    words = rng.choices(VOCABULARY, weights=weights, k=target)
    for _ in range(target // 40):
        words.insert(rng.randrange(len(words)), topic)
        words.insert(rng.randrange(len(words)), rng.choice(side))
        words.insert(rng.randrange(len(words)), rng.choice(VERBS))
    facets = {name: [(v, v)] for name, values in FACET_VALUES.items() for v in [rng.choice(values)]}
    facets["tag"] = [(t, t) for t in rng.sample(TAGS, 3)]
    year = rng.randint(2019, 2026)
    facets["type"] = [("les", "Les")]
    facets["jaar"] = [(str(year), str(year))]
    return SearchDocument(
        page_id=page_id,
        doc_type="les",
        title=title,
        url=f"/lessen/bench-{i}/",
        date=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
        audience=audience,
        summary=" ".join(words[:40]),
        body=" ".join(words[40:]),
        facets=facets,
    )


ADOPTION_RESULTS = [
    "Zelfde aanpak, wachttijd korter.",
    "Overgenomen met een eigen aanspreekpunt.",
    "Deels overgenomen; de planning liep uit.",
    "Werkt ook hier, na een proef van drie maanden.",
]


class _Terms:
    """The taxonomy a realistic synthetic lesson names, resolved once per run: the facet
    values of its search document, as terms of the site (a value the site lacks, such as a
    gebied that is not a startgebied, leaves the relation empty, as on many real lessons)."""

    def __init__(self):
        self.relations = fmt.TAXONOMY
        self.index = {r.key: TermIndex(r.model) for r in self.relations}
        self.gebieden = list(Gebied.objects.order_by("pk"))
        self.kennisdagen = list(KennisdagPage.objects.live().order_by("pk"))

    def _term(self, key: str, value: str):
        try:
            return self.index[key].get(value)
        except ValueError:
            return None

    def lesson_fields(self, i: int, document: SearchDocument, rng: random.Random) -> dict:
        facets = {name: [value for value, _ in pairs] for name, pairs in document.facets.items()}
        terms = {}
        for relation in self.relations:
            values = facets.get(relation.facet, [])
            found = [t for t in (self._term(relation.key, v) for v in values) if t is not None]
            terms[relation.key] = found if relation.many else (found[0] if found else None)
        adoptions = []
        if i % 4 == 1 and self.gebieden:  # a quarter of the lessons was taken up elsewhere
            for _ in range(rng.randint(1, 2)):
                adoptions.append(
                    {
                        "gebied": rng.choice(self.gebieden),
                        "datum": document.date + datetime.timedelta(days=rng.randint(30, 400)),
                        "resultaat": rng.choice(ADOPTION_RESULTS),
                    }
                )
        harvested = i % 200 == 3 and self.kennisdagen  # a few were harvested at a kennisdag
        return {
            "soort": facets["soort"][0],
            "fase": facets["fase"][0],
            "terms": terms,
            "tags": facets["tag"],
            "adoptions": adoptions,
            "kennisdag": self.kennisdagen[i % len(self.kennisdagen)] if harvested else None,
        }


def create_lesson_pages(
    n: int, seed: int, wagtail_index: bool = True, realistic: bool = False
) -> list[tuple[int, str]]:
    """N lesson pages carrying the synthetic texts, written by the import's bulk path and
    put in Wagtail's own search index, so that stock Wagtail search is measured on the same
    corpus. Returns (page id, audience key) in document order.

    `realistic`: the pages also carry what their search document says (soort, fase,
    gebied, gemeente and the other taxonomy, tags), a quarter of them adoptions and one in
    200 the kennisdag that harvested it, so that every page of the site (listing, tag pages,
    leerloop, the index built from the pages themselves) works on them (`bench.site`)."""
    LessonPage.objects.filter(slug__startswith="bench-").delete()
    index = lesson_index()
    backend = get_search_backend()
    rng = random.Random(seed)
    extra_rng = random.Random(seed + 2)  # the document stream stays that of `run`
    terms = _Terms() if realistic else None
    pages_and_audiences: list[tuple[int, str]] = []
    for start in range(0, n, 1000):
        items = []
        for i in range(start, min(n, start + 1000)):
            document = synthetic_document(i, 0, rng)
            fields = (
                terms.lesson_fields(i, document, extra_rng)
                if terms
                else {"soort": "les", "fase": "werkt"}
            )
            items.append(
                LessonData(
                    slug=f"bench-{i}",
                    title=document.title,
                    samenvatting=document.summary,
                    datum=document.date,
                    body=document.body,
                    zichtbaarheid=(
                        Zichtbaarheid.PROFESSIONALS
                        if for_professionals(i)
                        else Zichtbaarheid.OPENBAAR
                    ),
                    **fields,
                )
            )
        with transaction.atomic():
            pages = bulk_create_lessons(items, index, live=True, follow_up=False)
        if wagtail_index:  # only the stock comparison needs it
            backend.add_bulk(LessonPage, pages)
        audiences = audiences_of(pages)
        pages_and_audiences += [(page.pk, audiences[page.pk].key) for page in pages]
    return pages_and_audiences


@dataclass
class Stats:
    name: str
    samples: list[float]

    def line(self) -> str:
        s = sorted(self.samples)
        p = lambda q: s[min(len(s) - 1, int(q * len(s)))] * 1000  # noqa: E731
        if not s:
            return f"{self.name:<34} n=0"
        return (
            f"{self.name:<50} n={len(s):<4} p50={p(0.5):8.1f} ms  p95={p(0.95):8.1f} ms  "
            f"p99={p(0.99):8.1f} ms  max={s[-1] * 1000:8.1f} ms"
        )

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


KINDS = (
    "plain (page 1, facets, snippets)",
    "filtered",
    "all facets + highlights, filtered",
    "plain, sorted by date",
)


def query_mix(rng: random.Random, texts: list[str], samples: int) -> list[tuple[int, SearchQuery]]:
    """`samples` queries of each kind, each kind walking the distinct `texts` from its own
    offset (so no kind asks the same texts in the same order). Filtered: one fase and two
    gemeenten; all facets + highlights: three facets narrowed (two values of one, one of
    two others) while every facet is counted and every hit highlighted, as a visitor who
    narrows step by step sees it."""
    mix = []
    for kind in range(len(KINDS)):
        for i in range(samples):
            text = texts[(kind * samples // len(KINDS) + i) % len(texts)]
            filters = {}
            if kind == 1:
                filters = {
                    "fase": (rng.choice(FACET_VALUES["fase"]),),
                    "gemeente": tuple(rng.sample(FACET_VALUES["gemeente"], 2)),
                }
            elif kind == 2:
                first, *others = rng.sample(list(FACET_VALUES), 3)
                filters = {first: tuple(rng.sample(FACET_VALUES[first], 2))}
                filters |= {name: (rng.choice(FACET_VALUES[name]),) for name in others}
            mix.append((kind, SearchQuery(text=text, filters=filters, sort="")))
    return mix


def professional_viewer() -> Viewer:
    """A signed-in professional, as the one policy sees them."""
    group, _ = Group.objects.get_or_create(name=PROFESSIONALS)
    return Viewer(
        authenticated=True, group_ids=frozenset({group.pk}), group_names=frozenset({group.name})
    )


def floor_query(match: str) -> None:
    """The engine's own full-text index, without Django: top 10 by rank."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Same planner setting as the engine (see engines.database._fulltext_cursor).
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                "SELECT entry_id FROM search_matchvector, to_tsquery('simple', %s) q "
                "WHERE vector @@ q ORDER BY ts_rank_cd(vector, q, 1) DESC LIMIT 10",
                [match],
            )
        else:
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "  # noqa: S608 (constants)
                f"ORDER BY bm25(search_fts, {FTS_WEIGHTS}) LIMIT 10",
                [match],
            )
        cursor.fetchall()


# Above this, stock Wagtail search is not sampled: a query cannot be stopped at the budget.
STOCK_MAX_DOCS = 10_000


def _stock_sample(stock: Stats, size: int, out) -> Stats:
    """Plain queries through stock Wagtail search, for at most a minute. `.public()` builds
    one condition per restricted page; when the database refuses that (SQLite's expression
    depth at thousands of restrictions), say so and time `.live().search()` instead."""
    budget = time.perf_counter() + 60
    queryset = LessonPage.objects.live().public()
    for text in PLAIN[:size]:
        if time.perf_counter() > budget:
            break
        try:
            stock.samples.append(timed(lambda t=text, qs=queryset: list(qs.search(t)[:20])))
        except DatabaseError as error:
            out(f"stock Wagtail .live().public().search() fails here: {error}")
            stock = Stats("stock Wagtail .live().search(), no .public() (sample)", [])
            queryset = LessonPage.objects.live()
    return stock


def machine_load() -> str:
    """The load average and core count, to read the figures against."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} (1/5/15 min); {os.cpu_count()} cores"


def prefixes(texts: list[str], samples: int) -> list[str]:
    """`samples` autocomplete prefixes: each text with its last word cut short (the words
    before it kept, as a visitor types them)."""
    found = []
    for text in texts:
        words = text.split()
        if not words or len(words[-1]) < 3:
            continue
        last = words[-1]
        found.append(" ".join([*words[:-1], last[: max(2, len(last) - 2)]]))
    found = list(dict.fromkeys(found))
    return [found[i % len(found)] for i in range(samples)] if found else []


def run(
    docs: int,
    stock_sample: int = 20,
    out=print,
    seed: int = 7,
    reuse: bool = False,
    queries: list[str] | None = None,
    samples: int = 500,
) -> dict:
    rng = random.Random(seed)
    engine = DatabaseEngine()
    out(f"database: {connection.vendor}; documents: {docs}; {machine_load()}")
    if reuse and SearchEntry.objects.count() == docs:
        seconds = 0.0
        out("indexing: skipped, reusing the index of an earlier run (--reuse)")
    else:
        out("creating lesson pages (bulk import path) and Wagtail's own index ...")
        pages = create_lesson_pages(docs, seed, wagtail_index=bool(stock_sample))
        documents = (
            synthetic_document(i, pid, rng, audience) for i, (pid, audience) in enumerate(pages)
        )
        seconds = timed(lambda: engine.rebuild(documents))
        out(f"indexing: {docs} documents in {seconds:.1f} s ({docs / seconds:.0f} docs/s)")

    texts = list(queries or PLAIN)
    mix = query_mix(random.Random(seed + 1), texts, samples)
    viewers = {"anonymous": ANONYMOUS, "professional": professional_viewer()}
    stats: dict[tuple[int, str, str], Stats] = {}
    plain_floor, plain_engine = Stats("floor: FTS match, top 10", []), Stats("engine: plain", [])
    # Cold: the first time this process asks a text; warm: the same queries again. Every
    # kind anonymously; plain and all facets signed in as a professional too.
    for viewer_name, viewer in viewers.items():
        for phase in ("cold", "warm"):
            for kind, query in mix:
                if viewer_name != "anonymous" and kind in (1, 3):
                    continue
                sort = "datum" if kind == 3 else ""
                asked = SearchQuery(
                    text=query.text, filters=query.filters, sort=sort, viewer=viewer
                )
                key = (kind, viewer_name, phase)
                if key not in stats:
                    stats[key] = Stats(f"{KINDS[kind]}, {viewer_name}, {phase}", [])
                stats[key].samples.append(timed(lambda q=asked: engine.search(q)))
                if kind == 0 and viewer_name == "anonymous" and phase == "warm":
                    match = eterms.match_string(
                        analysis.analyze_query(query.text), connection.vendor
                    )
                    if match:
                        plain_floor.samples.append(timed(lambda m=match: floor_query(m)))
                        plain_engine.samples.append(stats[key].samples[-1])
    autocomplete = Stats("autocomplete", [])
    for prefix in prefixes(texts, samples):
        autocomplete.samples.append(timed(lambda p=prefix: engine.suggest(p, ANONYMOUS)))
    load = machine_load()
    out(f"queries measured at {load}; {len(texts)} distinct query texts")
    for s in [*stats.values(), autocomplete, plain_floor]:
        out(s.line())
    ratio = plain_engine.p50 / plain_floor.p50 if plain_floor.p50 else float("inf")
    out(f"plain queries vs floor (p50): {ratio:.1f}x")

    stock = Stats("stock Wagtail .live().public().search() (sample)", [])
    if stock_sample and docs > STOCK_MAX_DOCS:
        out(
            f"stock Wagtail sample skipped above {STOCK_MAX_DOCS} documents: one query is not "
            "interruptible and took 398 s at 50,000 on SQLite (2026-12-02)"
        )
    elif stock_sample:
        stock = _stock_sample(stock, stock_sample, out)
        if stock.samples:
            out(stock.line())
            engine_plain = Stats("", [])
            for text in PLAIN[: len(stock.samples)]:
                query = SearchQuery(text=text, viewer=ANONYMOUS)
                engine_plain.samples.append(timed(lambda q=query: engine.search(q)))
            out(
                f"stock Wagtail vs this engine on the same {len(stock.samples)} queries (p50): "
                f"{stock.p50 / engine_plain.p50:.0f}x slower"
            )
    return {
        "indexing_s": seconds,
        "stats": stats,
        "autocomplete": autocomplete,
        "floor": plain_floor,
        "ratio": ratio,
        "load": load,
    }
