"""The embedded engine: full-text search inside the site's own database.

Analysis (tokenising, accent folding, Dutch stemming, compound parts, synonyms) happens in
Python (`search.analysis`), so SQLite and PostgreSQL behave the same; the database only
matches pre-analysed terms: FTS5 with bm25 on SQLite, a `simple` tsvector with GIN and
ts_rank_cd on PostgreSQL, in the narrow table `search_matchvector` (migration 0013) with a
RUM index where the server has it, else GIN (`matchindex`, migration 0014). Facet
counts, filters and paging come from the matched ids and the facet bitsets.

Fields are weighted apart (migration 0012; `TITLE_WEIGHT` ... `SLIDE_WEIGHT`): title >
summary > body = taxonomy labels > slide text, as bm25 column weights on SQLite and as the
four `ts_rank_cd` labels A-D on PostgreSQL.

Ranking on PostgreSQL is two-phase: every match is ranked on its compact vector in the
narrow table `search_rankvector` (title and lead, stored inline; migrations 0011, 0012),
and the best `RERANK` are ranked again on the full vector (`_rerank`), so the full vectors
of only a few dozen rows are unpacked, not those of every match. When a query was
expanded (synonyms, compound parts), the same second phase on both databases adds
`TYPED_BONUS` times each candidate's relevance for the words as typed, so a typed word
outranks its expansions.
"""

from __future__ import annotations

import datetime
import heapq
import json
from collections import Counter
from contextlib import contextmanager
from typing import NamedTuple

from django.db import connection, transaction

from kennisbank.visibility import Viewer
from search import analysis, facetindex, lexicons
from search.engines import terms as eterms
from search.engines.base import (
    FacetCount,
    Hit,
    SearchEngine,
    SearchQuery,
    SearchResults,
    minimum_should_match,
)
from search.engines.matchindex import without_match_index
from search.engines.vocabulary import VocabularyMixin, count_rows, document_vocabulary
from search.highlight import make_snippet, mark_title
from search.models import IndexChange, SearchEntry, SearchFacetValue, SearchWord
from search.registry import FACETS
from search.synonyms import current_synonyms

# Field weights, relative to the body: title > summary > body = labels > slide text. Measured
# on the judged relevance set (bench/relevance/RESULTS.md): labels weigh as the body, because
# a tag often names the topic the text does not (a lesson tagged *escalatie* whose text says
# *escalatieroute*); any label weight below the body, and a summary weight above ~1.2, lost
# categories on both databases.
TITLE_WEIGHT = 8.0
SUMMARY_WEIGHT = 1.2
BODY_WEIGHT = 1.0
LABEL_WEIGHT = BODY_WEIGHT
SLIDE_WEIGHT = 0.5
# SQLite: FTS5's bm25 weight per column of `search_fts` (migration 0012; title_words, the
# last column, is never matched).
FTS_WEIGHTS = ", ".join(
    str(w) for w in (TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT, SLIDE_WEIGHT, LABEL_WEIGHT, 0.0)
)
# PostgreSQL: ts_rank_cd's {D, C, B, A}, the same ratios with the title at 1: title A,
# summary B, body and labels C, slide text D (migration 0012).
_PG_LABELS = (SLIDE_WEIGHT, BODY_WEIGHT, SUMMARY_WEIGHT, TITLE_WEIGHT)  # D, C, B, A
PG_WEIGHTS = "{" + ", ".join(str(w / TITLE_WEIGHT) for w in _PG_LABELS) + "}"
# ts_rank_cd's normalisation: divided by 1 + log(length) (1) and by 1 + log(unique words)
# (16). bm25 discounts long texts; with 1 alone a long dossier that repeats common words
# outranked the short lesson on the rarer one (measured: facetten 0.85 -> 0.90, ranking
# 0.91 -> 0.95 on PostgreSQL, nothing worse).
PG_NORMALIZATION = 1 | 16
# The first phase of PostgreSQL's ranking, over entries `m(id)` and the tsquery `q`: the
# compact vector (`search_rankvector`, joined as `r`), or the full one for an entry written
# before its compact row exists.
_PG_COMPACT_JOIN = "LEFT JOIN search_rankvector r ON r.entry_id = m.id"
_PG_FIRST_PHASE = (
    f"ts_rank_cd('{PG_WEIGHTS}', coalesce(r.vector, "
    "(SELECT x.vector FROM search_matchvector x WHERE x.entry_id = m.id)), q, "
    f"{PG_NORMALIZATION})"
)

# Words as typed: their relevance (any of them) times this is added to the relevance of a
# candidate of an expanded query, so they weigh more than their synonyms and compound parts.
# Small: a tie breaker, not a filter (at 0.25 and more, a lesson that says *vast
# aanspreekpunt* fell below a kennisdag that says *casemanager* for the query
# *casemanager per straat*, which the judged set counts as the answer).
TYPED_BONUS = 0.1


_MIN_DATE = datetime.date.min

# PostgreSQL: the candidates ranked again on the full vector, per result wanted (at least
# RERANK_MIN): a hit whose lead and title rank it below this many others is not on the page.
RERANK, RERANK_MIN = 5, 50

# SQLite: up to this many selected rows are scored by rowid (`_scores`); beyond it, and
# when the filters keep more than half of the matches (`search`), bm25 over every match
# costs less.
FTS_BY_ID_MAX = 20_000


@contextmanager
def _fulltext_cursor():
    """A cursor for full-text matches. On PostgreSQL the planner prices `@@` on a row as
    cheap, while every row of a sequential scan must unpack its (TOASTed) tsvector: for a
    common word it picks a scan 5-8x slower than the GIN index. Within this transaction
    only, it is told to use the index."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)"
        )
        previous = cursor.fetchone()[0]
        try:
            yield cursor
        finally:
            # Restored, in case this ran inside a longer transaction.
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])


class Match(NamedTuple):
    """A full-text query for the database in use. `text` matches and ranks; `typed` (a plan
    with expansions: any of its words as typed, `terms.typed_string`) adds `TYPED_BONUS`
    times its relevance when the best candidates are ranked again (`_rerank`), so that words
    as typed weigh more than their synonyms and compound parts."""

    text: str
    typed: str | None = None
    # SQLite: the terms of the alternatives as typed and of the expansions (the bonus is
    # counted from the candidates' stored terms there; a second FTS5 query doubled the time).
    typed_terms: frozenset[str] = frozenset()
    expanded_terms: frozenset[str] = frozenset()


def _no_facets() -> dict[str, list[FacetCount]]:
    return {facet: [] for facet in FACETS}


class DatabaseEngine(VocabularyMixin, SearchEngine):
    name = "database"

    # --- indexing ---------------------------------------------------------------------

    def index(self, documents) -> None:
        """(Re)index documents: their old entries out, new ones in, in batched writes."""
        documents = list(documents)
        if not documents:
            return
        with transaction.atomic():
            self._remove_entries([d.page_id for d in documents])
            self._index_batch(documents)

    def rebuild(self, documents, progress=None, batch_size: int = 500) -> int:
        """Empty the index and fill it in batches (far faster than one page at a time); on
        PostgreSQL the match index is built once after the load (`without_match_index`)."""
        self.clear()
        count, batch = 0, []
        with without_match_index(connection):
            for document in documents:
                batch.append(document)
                if len(batch) >= batch_size:
                    count += self._index_batch(batch)
                    batch = []
                    if progress:
                        progress(count)
            if batch:
                count += self._index_batch(batch)
        if connection.vendor == "postgresql":
            # The planner's statistics of tables that were just emptied and filled: without
            # them it plans vocabulary lookups as scans until autovacuum comes by.
            with connection.cursor() as cursor:
                cursor.execute(
                    "ANALYZE search_searchentry, search_searchword, search_searchfacetvalue, "
                    "search_rankvector, search_matchvector"
                )
        return count

    def _index_batch(self, documents) -> int:
        counts = Counter()
        with transaction.atomic():
            entries = SearchEntry.objects.bulk_create(
                [SearchEntry(page_id=d.page_id, **_entry_fields(d)) for d in documents]
            )
            if connection.vendor != "postgresql" or entries[0].pk is None:
                ids = dict(
                    SearchEntry.objects.filter(
                        page_id__in=[d.page_id for d in documents]
                    ).values_list("page_id", "id")
                )
                for entry in entries:
                    entry.pk = entry.id = ids[entry.page_id]
            rows = []
            for entry, document in zip(entries, documents, strict=True):
                rows += _facet_rows(entry, document)
                counts.update((w, entry.audience) for w in entry.vocabulary.split())
            SearchFacetValue.objects.bulk_create(rows, batch_size=2000)
            self._add_counts(counts)
            IndexChange.record(entries=[entry.pk for entry in entries])
        return len(documents)

    def _add_counts(self, counts: Counter) -> None:
        """Add (or with negative counts, subtract) document counts per (word, audience): one
        upsert, in sorted order so that concurrent writers lock rows in the same order and
        cannot deadlock each other."""
        rows = count_rows(counts)
        if not rows:
            return
        table = SearchWord._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (audience, kind, word, display, docs) "  # noqa: S608
                "VALUES (%s, %s, %s, %s, %s) "
                f"ON CONFLICT (audience, kind, word) DO UPDATE SET docs = {table}.docs + "
                f"excluded.docs, display = CASE WHEN excluded.docs > 0 THEN excluded.display "
                f"ELSE {table}.display END",
                rows,
            )

    def _remove_entries(self, page_ids) -> None:
        counts = Counter()
        entries = SearchEntry.objects.filter(page_id__in=list(page_ids))
        removed = []
        for pk, vocabulary, audience in entries.values_list("pk", "vocabulary", "audience"):
            removed.append(pk)
            counts.subtract((w, audience) for w in vocabulary.split())
        SearchFacetValue.objects.filter(entry__in=entries).delete()
        entries.delete()
        self._add_counts(counts)
        IndexChange.record(entries=removed)

    def set_audiences(self, audiences: dict[int, str]) -> None:
        """New audience keys for indexed pages: the entry and its vocabulary counts move to
        the new key; nothing is analysed again."""
        with transaction.atomic():
            counts = Counter()
            changed = {}
            rows = SearchEntry.objects.filter(page_id__in=list(audiences)).values_list(
                "pk", "page_id", "audience", "vocabulary"
            )
            for pk, page_id, old, vocabulary in rows:
                new = audiences[page_id]
                if new == old:
                    continue
                changed.setdefault(new, []).append(pk)
                words = vocabulary.split()
                counts.subtract((w, old) for w in words)
                counts.update((w, new) for w in words)
            if not changed:
                return
            for key, pks in sorted(changed.items()):
                SearchEntry.objects.filter(pk__in=pks).update(audience=key)
            self._add_counts(counts)
            IndexChange.record(entries=[pk for pks in changed.values() for pk in pks])

    def remove(self, page_ids) -> None:
        with transaction.atomic():
            self._remove_entries(page_ids)

    def clear(self) -> None:
        with transaction.atomic():
            SearchFacetValue.objects.all().delete()
            SearchEntry.objects.all().delete()
            SearchWord.objects.all().delete()
            IndexChange.record()

    def indexed_ids(self) -> dict[int, object]:
        return dict(SearchEntry.objects.values_list("page_id", "source_updated_at"))

    def indexed_audiences(self) -> dict[int, str]:
        return dict(SearchEntry.objects.values_list("page_id", "audience"))

    # --- querying -----------------------------------------------------------------------

    def _sql(self, match: Match, scored: bool, limit: int | None = None) -> tuple[str, list]:
        params = [match.text]
        if connection.vendor == "postgresql":
            if not scored:
                sql = (
                    "SELECT entry_id FROM search_matchvector, to_tsquery('simple', %s) q "
                    "WHERE vector @@ q"
                )
                return (sql + " LIMIT %s", [*params, limit]) if limit else (sql, params)
            # The match is through the GIN index of the narrow `search_matchvector`
            # (migration 0013), materialised first: joined in one statement, the planner
            # walked the primary key and tested `@@` on every row, unpacking each TOASTed
            # vector. Ranked on the compact vector; an entry written before its row exists
            # falls back to its full one.
            order = " ORDER BY 2 DESC" if limit else ""
            sql = (
                "WITH m AS MATERIALIZED (SELECT entry_id AS id "
                "FROM search_matchvector, to_tsquery('simple', %s) q WHERE vector @@ q) "
                f"SELECT m.id, {_PG_FIRST_PHASE} FROM m {_PG_COMPACT_JOIN}, "
                f"to_tsquery('simple', %s) q{order}"
            )
            params = [match.text, match.text]
        else:
            score = f", bm25(search_fts, {FTS_WEIGHTS})" if scored else ""
            order = " ORDER BY 2" if scored and limit else ""
            sql = f"SELECT rowid{score} FROM search_fts WHERE search_fts MATCH %s{order}"
        return (sql + " LIMIT %s", [*params, limit]) if limit else (sql, params)

    def _matched_ids(self, match: Match | None) -> list[int]:
        """Ids of every entry matching the analysed query: an index scan, no scoring."""
        if match is None:
            return list(facetindex.current().dates)
        with _fulltext_cursor() as cursor:
            cursor.execute(*self._sql(match, scored=False))
            return [row[0] for row in cursor.fetchall()]

    def _top_scored(self, match: Match, selected: int, limit: int) -> list[int]:
        """The `limit` best-scoring matches that are in `selected`.

        The database ranks and returns only a few more than needed (its own top-k, as
        cheap as a plain full-text query); when filters reject too many, it reads further.
        """
        wanted = self._candidates(limit, match)
        fetch = max(wanted * 4, 40)
        sign = 1 if connection.vendor == "postgresql" else -1  # FTS5's bm25: lower is better
        with _fulltext_cursor() as cursor:
            while True:
                cursor.execute(*self._sql(match, scored=True, limit=fetch))
                rows = cursor.fetchall()
                chosen = [(pk, sign * score) for pk, score in rows if selected >> pk & 1]
                if len(chosen) >= wanted or len(rows) < fetch:
                    return [pk for pk, _ in self._rerank(match, chosen[:wanted])][:limit]
                fetch *= 8

    @staticmethod
    def _candidates(limit: int, match: Match) -> int:
        """How many of the best first-phase hits are ranked again for `limit` results: on
        PostgreSQL the best few dozen (the first phase ranks compact vectors); on SQLite the
        page (bm25 ranked the full text already; the typed words' bonus reorders it)."""
        if connection.vendor != "postgresql":
            return limit
        return max(limit * RERANK, RERANK_MIN)

    @staticmethod
    def _typed_shares(match: Match, ids: list[int]) -> dict[int, float]:
        """SQLite: per entry, the share of its occurrences of query terms that are words as
        typed (field-weighted, 0 to 1), from the stored terms of the few candidates."""
        weights = {
            "title_terms": TITLE_WEIGHT,
            "summary_terms": SUMMARY_WEIGHT,
            "body_terms": BODY_WEIGHT,
            "label_terms": LABEL_WEIGHT,
        }
        shares = {}
        rows = SearchEntry.objects.filter(pk__in=ids).values_list("pk", *weights)
        for pk, *columns in rows:
            typed = expanded = 0.0
            for weight, column in zip(weights.values(), columns, strict=True):
                for term in column.split():
                    if term in match.typed_terms:
                        typed += weight
                    elif term in match.expanded_terms:
                        expanded += weight
            shares[pk] = typed / (typed + expanded) if typed + expanded else 0.0
        return shares

    def _relevance(self, text: str, ids: list[int]) -> dict[int, float]:
        """PostgreSQL: relevance (higher is better) of the entries `ids` for the full-text
        query `text` on their full vectors; entries it does not match are left out. (SQLite
        ranked the full text in the first phase already.)"""
        with _fulltext_cursor() as cursor:
            cursor.execute(
                f"SELECT entry_id, ts_rank_cd('{PG_WEIGHTS}', vector, q, {PG_NORMALIZATION}) "
                "FROM search_matchvector, to_tsquery('simple', %s) q "
                "WHERE entry_id = ANY(%s) AND vector @@ q",
                [text, ids],
            )
            return dict(cursor.fetchall())

    def _rerank(self, match: Match, rows: list[tuple[int, object]]) -> list[tuple[int, object]]:
        """The (id, score) rows (higher is better) ranked again, best first: on PostgreSQL on
        their full vectors; on both, plus `TYPED_BONUS` times their relevance for the words
        as typed when the query was expanded. A score that is a tuple (relaxed matching:
        strict, groups, relevance) keeps its leading parts and gets the new relevance as its
        last. Otherwise as given."""
        postgresql = connection.vendor == "postgresql"
        if not rows or not (postgresql or match.typed):
            return rows
        ids = [pk for pk, _ in rows]
        full = self._relevance(match.text, ids) if postgresql else None
        typed = self._relevance(match.typed, ids) if postgresql and match.typed else {}
        shares = self._typed_shares(match, ids) if match.typed and not postgresql else {}

        def rescored(pk, score):
            if full is not None:
                relevance = full.get(pk, 0.0) + TYPED_BONUS * typed.get(pk, 0.0)
            else:
                relevance = score[-1] if isinstance(score, tuple) else score
                relevance *= 1.0 + TYPED_BONUS * shares.get(pk, 0.0)
            return (*score[:-1], relevance) if isinstance(score, tuple) else relevance

        ranked = [(pk, rescored(pk, score)) for pk, score in rows]
        return sorted(ranked, key=lambda r: (r[1], -r[0]), reverse=True)

    def _scores(self, match: Match, ids: list[int]) -> dict[int, float]:
        """The first-phase score (higher is better) of each of `ids`, all of which match.

        PostgreSQL ranks only these entries, on their compact vectors: the filters and the
        viewer's audience have narrowed the matches already, and a common word's 18,000
        matches at 50,000 entries cost ~25 ms warm (hundreds under load) to fetch and rank,
        where a facet's few hundred cost a few. An entry written before its compact row
        exists is ranked on its full vector.

        SQLite computes bm25 only for these rows. The rowid filter is written `+rowid`, so
        SQLite keeps it and does not hand it to FTS5 (which would run the whole query again
        for each rowid: 7.5 ms a rowid): FTS5 walks its matches, and bm25, the costly part,
        runs only for the rows the filter lets through. At 50,000 lessons, a query with
        49,655 matches: 8 ms plus ~4 us a scored row (400 rows: 11 ms), where scoring every
        match cost 113 ms. Past `FTS_BY_ID_MAX` rows scoring every match is cheaper."""
        if not ids:
            return {}
        if connection.vendor != "postgresql":
            if len(ids) > FTS_BY_ID_MAX:
                wanted = set(ids)
                scores = self._all_scores(match)
                return {pk: score for pk, score in scores.items() if pk in wanted}
            with _fulltext_cursor() as cursor:
                cursor.execute(
                    f"SELECT rowid, -bm25(search_fts, {FTS_WEIGHTS}) FROM search_fts "  # noqa: S608
                    "WHERE search_fts MATCH %s AND +rowid IN (SELECT value FROM json_each(%s))",
                    [match.text, json.dumps(ids)],
                )
                return dict(cursor.fetchall())
        with _fulltext_cursor() as cursor:
            cursor.execute(
                f"SELECT m.id, {_PG_FIRST_PHASE} FROM unnest(%s::bigint[]) AS m(id) "  # noqa: S608
                f"{_PG_COMPACT_JOIN}, to_tsquery('simple', %s) q",
                [ids, match.text],
            )
            return dict(cursor.fetchall())

    @staticmethod
    def _broadly_filtered(selected: int, matched: list[int]) -> bool:
        """SQLite: the filters kept more than half of the matches, so the database's top-k
        (which scores every match but returns a few) beats scoring the kept ones by rowid.
        PostgreSQL scores the kept ones on their compact vectors in any case."""
        return connection.vendor != "postgresql" and selected * 2 > len(matched)

    def _all_scores(self, match: Match) -> dict[int, float]:
        """SQLite: the score (higher is better) of every match, in one FTS5 scan."""
        with _fulltext_cursor() as cursor:
            cursor.execute(*self._sql(match, scored=True))
            # FTS5's bm25: lower is better.
            return {pk: -score for pk, score in cursor.fetchall()}

    def _best(
        self,
        match: Match,
        selected: int,
        limit: int,
        tiers: dict[int, tuple] | None,
    ) -> list[int]:
        """The `limit` best of the entries in `selected` (all of which match), ranked again
        (`_rerank`). With `tiers` (relaxed matching: strict, groups matched) the tier decides
        first and relevance within it; only the best tiers that hold enough candidates are
        scored."""
        wanted = self._candidates(limit, match)
        ids = list(facetindex.ids_of(selected))
        if tiers:
            ids.sort(key=tiers.__getitem__, reverse=True)
            cut = wanted
            while cut < len(ids) and tiers[ids[cut]] == tiers[ids[cut - 1]]:
                cut += 1
            ids = ids[:cut]
        scores = self._scores(match, ids)
        best = heapq.nlargest(
            wanted,
            (
                (pk, (*tiers[pk], scores.get(pk, 0.0)) if tiers else scores.get(pk, 0.0))
                for pk in ids
            ),
            key=lambda r: r[1],
        )
        return [pk for pk, _ in self._rerank(match, best)][:limit]

    def _newest(self, selected: int, limit: int, dates) -> list[int]:
        return heapq.nlargest(
            limit, facetindex.ids_of(selected), key=lambda i: (dates.get(i) or _MIN_DATE, i)
        )

    def _match_string(self, plan) -> Match | None:
        text = eterms.match_string(plan, connection.vendor)
        if text is None:
            return None
        typed = eterms.typed_string(plan, connection.vendor)
        if not typed:
            return Match(text)
        typed_terms = frozenset(t for alt in plan.typed for t in alt)
        expanded = frozenset(t for g in plan.groups for alt in g for t in alt) - typed_terms
        return Match(text, typed, typed_terms, expanded)

    def _relaxed_matches(self, plan) -> tuple[object, list[int], dict[int, tuple], Match] | None:
        """Documents matching most of the plan: each compound also as its head word
        (`QueryPlan.relaxed_plan`), and at least `minimum_should_match(n)` of the n groups.
        Returns the loose plan, the ids that match it, each id's tier (matches every word
        as typed, groups matched) and the match that scores them (the OR of all groups):
        ranked by (tier, relevance), what the strict query found always comes first, then
        the hits with more of the words. None when relaxing changes nothing (one or two
        words without a compound head), and for one typed word unless it found nothing and
        is a compound of known parts: *parkeervergunning* must not find every building
        permit, *erfconsulenten* must not add every *consulent* to what it found."""
        if len(plan.groups) < 2:
            return None
        loose = plan.relaxed_plan() or plan
        groups = loose.groups
        need = minimum_should_match(len(groups))
        if need >= len(groups) and loose is plan:
            return None
        strict = set(self._matched_ids(self._match_string(plan)))
        if strict and len(plan.words) < 2:
            # One typed word that found something: its head adds only looser hits
            # (*erfconsulenten* must not add every *consulent*).
            return None
        if need >= len(groups):
            # Every group of the loose plan (compounds also as their heads) is required.
            scoring = self._match_string(loose)
            matched = self._matched_ids(scoring)
            return loose, matched, {pk: (pk in strict, 0) for pk in matched}, scoring
        counts = Counter()
        for group in groups:
            single = analysis.QueryPlan((group,), excluded=loose.excluded)
            counts.update(self._matched_ids(self._match_string(single)))
        tiers = {pk: (pk in strict, n) for pk, n in counts.items() if n >= need}
        alternatives = tuple(dict.fromkeys(alt for group in groups for alt in group))
        anything = analysis.QueryPlan(
            (alternatives,), loose.words, excluded=loose.excluded, typed=loose.typed
        )
        return loose, list(tiers), tiers, self._match_string(anything)

    def search(self, query: SearchQuery) -> SearchResults:
        # One snapshot per search: its token also keys the learned lexicon.
        index = facetindex.current()
        plan = (
            analysis.analyze_query(
                query.text, current_synonyms(), lexicons.query_analyzer(query.viewer, index)
            )
            if query.text
            else None
        )
        tiers = matched = None
        if query.relaxed and plan:
            relaxed = self._relaxed_matches(plan)
            if relaxed is None:
                return SearchResults(0, query.page, [], _no_facets(), None, self.name)
            plan, matched, tiers, scoring = relaxed
        match = self._match_string(plan)
        if plan is not None and match is None:
            # Only stopwords or punctuation: nothing can match.
            return SearchResults(0, query.page, [], _no_facets(), None, self.name)
        filtered = any(query.filters.values())
        ranked = match is not None and query.sort != "datum"
        if tiers is None:
            matched, scoring = self._matched_ids(match), match
        base = facetindex.to_bits(matched) & index.visible(query.viewer)
        filters = {f: index.filter_bits(f, v) for f, v in query.filters.items() if v}
        selected = base
        for bits in filters.values():
            selected &= bits
        total = selected.bit_count()
        limit = query.offset + query.per_page
        if not total:
            page_ids = []
        elif not ranked:
            page_ids = self._newest(selected, limit, index.dates)[query.offset :]
        elif tiers is None and (not filtered or self._broadly_filtered(total, matched)):
            # Most matches are wanted: the database's own top-k is cheaper than scoring
            # every match here.
            page_ids = self._top_scored(match, selected, limit)[query.offset :]
        else:
            # Filters (or relaxed tiers) narrowed the matches: score only those.
            page_ids = self._best(scoring, selected, limit, tiers)[query.offset :]
        entries = SearchEntry.objects.in_bulk(page_ids)
        hits = [_hit(entries[i], plan) for i in page_ids if i in entries]

        facets = _no_facets()
        for facet in FACETS:
            candidates = base
            for other, bits in filters.items():
                if other != facet:
                    candidates &= bits
            chosen = query.filters.get(facet, ())
            for value, bits in index.values.get(facet, {}).items():
                count = (candidates & bits).bit_count()
                if count:
                    label = index.labels[(facet, value)]
                    facets[facet].append(FacetCount(value, label, count, value in chosen))
            if facet == "jaar":
                facets[facet].sort(key=lambda c: c.value, reverse=True)
            else:
                facets[facet].sort(key=lambda c: (-c.count, c.label.lower()))

        suggestion = None
        if plan is not None and total == 0 and not query.relaxed:
            suggestion = self.spelling_suggestion(query.text, query.viewer)
        return SearchResults(total, query.page, hits, facets, suggestion, self.name)

    # --- related ----------------------------------------------------------------------------

    def related(self, page_id: int, viewer: Viewer, limit: int = 5) -> list[Hit]:
        entry = SearchEntry.objects.filter(page_id=page_id).first()
        if entry is None:
            return []
        terms = Counter(
            entry.title_terms.split() * 3
            + entry.summary_terms.split() * 2
            + entry.body_terms.split()
            + entry.slide_terms.split()
            + entry.label_terms.split()
        )
        text = eterms.any_of([t for t, _ in terms.most_common(12)], vendor=connection.vendor)
        if not text:
            return []
        match = Match(text)
        visible = facetindex.current().visible(viewer) & ~(1 << entry.pk)
        best = self._top_scored(match, visible, limit)
        entries = SearchEntry.objects.in_bulk(best)
        return [_hit(entries[i], None) for i in best if i in entries]


# Text beyond this is stored (and shown) but not searchable: PostgreSQL refuses a tsvector over
# 1 MB, which a kennisdag with hundreds of slides could otherwise reach. 200,000 characters
# is about 30,000 words, far more than any lesson.
MAX_ANALYSED_CHARS = 200_000


def _entry_fields(document) -> dict:
    """The analysed columns of one document (the FTS structures are built from these), a
    field each so ranking weighs them apart. Summary, body and slide text share the
    `MAX_ANALYSED_CHARS` budget in that order."""
    summary = document.summary[:MAX_ANALYSED_CHARS]
    body = document.body[: MAX_ANALYSED_CHARS - len(summary)]
    slides = document.slides[: max(MAX_ANALYSED_CHARS - len(summary) - len(body), 0)]
    text = "\n".join([document.title, summary, body, slides])
    labels = _facet_text(document)
    return {
        "doc_type": document.doc_type,
        "title": document.title[:255],
        "url": document.url[:500],
        "date": document.date,
        "audience": document.audience,
        "summary": document.summary,
        # Snippets come from summary and body, so slide text is shown from there too.
        "body": "\n".join(part for part in (document.body, document.slides) if part),
        "title_terms": " ".join(analysis.analyze_document(document.title)),
        "summary_terms": " ".join(analysis.analyze_document(summary)),
        "body_terms": " ".join(analysis.analyze_document(body)),
        "slide_terms": " ".join(analysis.analyze_document(slides)),
        # Labels as whole names (no compound parts).
        "label_terms": " ".join(analysis.analyze_label(labels[:MAX_ANALYSED_CHARS])),
        "title_words": " ".join(eterms.document_words(document.title)),
        # Labels too: a word only a tag carries (mantelzorg) is searchable, so the speller
        # and autocomplete must know it.
        "vocabulary": document_vocabulary(
            document,
            sorted(set(eterms.document_words(text + "\n" + labels))),
            text + "\n" + labels,
        ),
        "source_updated_at": document.source_updated_at,
    }


def _facet_rows(entry, document) -> list[SearchFacetValue]:
    return [
        SearchFacetValue(entry=entry, facet=facet, value=value[:200], label=label[:255])
        for facet, values in document.facets.items()
        for value, label in dict(values).items()
    ]


def _facet_text(document) -> str:
    """Facet labels are searchable too: 'Oosternieland' finds lessons from that gebied."""
    return " ".join(
        label
        for facet, values in document.facets.items()
        if facet not in {"jaar", "type"}
        for _, label in values
    )


def _hit(entry: SearchEntry, plan) -> Hit:
    return Hit(
        page_id=entry.page_id,
        title=entry.title,
        title_html=mark_title(entry.title, plan) if plan else "",
        url=entry.url,
        type=entry.doc_type,
        snippet=make_snippet(entry.summary + "\n" + entry.body, plan)
        if plan
        else make_snippet(entry.summary, None),
        date=entry.date,
        summary=entry.summary,
    )
