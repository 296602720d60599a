"""The embedded engine: full-text search inside the site's own database.

Analysis (tokenising, accent folding, Dutch stemming, compound parts, synonyms) happens in
Python (`search.analysis`), so SQLite and PostgreSQL behave the same; the database only
matches pre-analysed terms: FTS5 with bm25 on SQLite, a `simple` tsvector with GIN and
ts_rank_cd on PostgreSQL (see migration 0002). Facet counts, filters and paging are a
handful of SQL statements that share one materialised match.
"""

from __future__ import annotations

from collections import Counter

from django.db import connection, transaction
from django.db.models.functions import Length

from search import textanalysis as analysis
from search.engines.base import FacetCount, Hit, SearchEngine, SearchQuery, SearchResults
from search.highlight import make_snippet
from search.models import FACETS, SearchEntry, SearchFacetValue, SearchWord, Visibility
from search.synonyms import current_synonyms

TITLE_WEIGHT = 8.0


def _visibilities(professional: bool) -> list[str]:
    if professional:
        return [Visibility.PUBLIC, Visibility.PROFESSIONALS]
    return [Visibility.PUBLIC]


def _placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


class DatabaseEngine(SearchEngine):
    name = "database"

    # --- indexing ---------------------------------------------------------------------

    def index(self, documents) -> None:
        for document in documents:
            with transaction.atomic():
                self._index_one(document)

    def _index_one(self, document) -> None:
        fields = _entry_fields(document)
        existing = SearchEntry.objects.filter(page_id=document.page_id).first()
        if existing:
            self._count_words(existing.vocabulary.split(), existing.visibility, -1)
        entry, _ = SearchEntry.objects.update_or_create(page_id=document.page_id, defaults=fields)
        SearchFacetValue.objects.filter(entry=entry).delete()
        SearchFacetValue.objects.bulk_create(_facet_rows(entry, document))
        self._count_words(fields["vocabulary"].split(), document.visibility, +1)

    def rebuild(self, documents, progress=None, batch_size: int = 500) -> int:
        """Empty the index and fill it in batches (far faster than one page at a time)."""
        self.clear()
        count, batch = 0, []
        for document in documents:
            batch.append(document)
            if len(batch) >= batch_size:
                count += self._index_batch(batch)
                batch = []
                if progress:
                    progress(count)
        if batch:
            count += self._index_batch(batch)
        return count

    def _index_batch(self, documents) -> int:
        words_public, words_all = Counter(), Counter()
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
                words = entry.vocabulary.split()
                words_all.update(words)
                if document.visibility == Visibility.PUBLIC:
                    words_public.update(words)
            SearchFacetValue.objects.bulk_create(rows, batch_size=2000)
            self._add_counts(words_public, words_all)
        return len(documents)

    def _add_counts(self, words_public: Counter, words_all: Counter) -> None:
        """Add (or with negative counts, subtract) document counts per word: one upsert."""
        if not words_all:
            return
        table = SearchWord._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (word, public_docs, all_docs) VALUES (%s, %s, %s) "  # noqa: S608
                f"ON CONFLICT (word) DO UPDATE SET "
                f"public_docs = {table}.public_docs + excluded.public_docs, "
                f"all_docs = {table}.all_docs + excluded.all_docs",
                [(w[:100], words_public[w], n) for w, n in words_all.items()],
            )

    def _count_words(self, words, visibility, delta: int) -> None:
        all_docs = Counter(dict.fromkeys(words, delta))
        public = all_docs if visibility == Visibility.PUBLIC else Counter()
        self._add_counts(public, all_docs)

    def remove(self, page_ids) -> None:
        for entry in SearchEntry.objects.filter(page_id__in=list(page_ids)):
            with transaction.atomic():
                self._count_words(entry.vocabulary.split(), entry.visibility, -1)
                entry.delete()

    def clear(self) -> None:
        with transaction.atomic():
            SearchFacetValue.objects.all().delete()
            SearchEntry.objects.all().delete()
            SearchWord.objects.all().delete()

    def indexed_ids(self) -> dict[int, object]:
        return dict(SearchEntry.objects.values_list("page_id", "source_updated_at"))

    # --- querying -----------------------------------------------------------------------

    def _matched_cte(self, match: str | None) -> tuple[str, list]:
        """SQL of (id, score) for every entry matching the analysed query."""
        table = SearchEntry._meta.db_table
        if match is None:
            return f"SELECT id, 0.0 AS score FROM {table}", []  # noqa: S608
        if connection.vendor == "postgresql":
            return (
                f"SELECT id, ts_rank_cd(search_vector, q, 1) AS score "  # noqa: S608
                f"FROM {table}, to_tsquery('simple', %s) q WHERE search_vector @@ q",
                [match],
            )
        return (
            f"SELECT rowid AS id, -bm25(search_fts, {TITLE_WEIGHT}, 1.0, 0.0) AS score "
            "FROM search_fts WHERE search_fts MATCH %s",
            [match],
        )

    def _filter_sql(self, filters: dict[str, tuple[str, ...]], skip: str | None):
        clauses, params = [], []
        fv = SearchFacetValue._meta.db_table
        for facet, values in filters.items():
            if facet == skip or not values:
                continue
            clauses.append(
                f"v.id IN (SELECT entry_id FROM {fv} WHERE facet = %s "  # noqa: S608
                f"AND value IN ({_placeholders(values)}))"
            )
            params += [facet, *values]
        return (" AND " + " AND ".join(clauses)) if clauses else "", params

    def _with(self, query: SearchQuery, match: str | None) -> tuple[str, list]:
        matched_sql, params = self._matched_cte(match)
        table = SearchEntry._meta.db_table
        visibilities = _visibilities(query.professional)
        sql = (
            f"WITH matched AS MATERIALIZED ({matched_sql}), "  # noqa: S608
            f"visible AS MATERIALIZED (SELECT e.id, m.score, e.date FROM {table} e "
            f"JOIN matched m ON m.id = e.id WHERE e.visibility IN ({_placeholders(visibilities)})) "
        )
        return sql, params + visibilities

    def search(self, query: SearchQuery) -> SearchResults:
        plan = analysis.analyze_query(query.text, current_synonyms()) if query.text else None
        match = self._match_string(plan)
        if plan is not None and match is None:
            # Only stopwords or punctuation: nothing can match.
            return SearchResults(0, query.page, [], self._empty_facets(query), None, self.name)
        with_sql, with_params = self._with(query, match)
        where, where_params = self._filter_sql(query.filters, skip=None)
        order = (
            "v.score DESC, v.date DESC"
            if query.sort == "relevantie" and match
            else ("v.date DESC, v.id DESC")
        )
        with connection.cursor() as cursor:
            cursor.execute(
                with_sql + f"SELECT v.id, COUNT(*) OVER () FROM visible v WHERE 1=1 {where} "
                f"ORDER BY {order} LIMIT %s OFFSET %s",
                with_params + where_params + [query.per_page, query.offset],
            )
            rows = cursor.fetchall()
        total = rows[0][1] if rows else self._count(with_sql, with_params, where, where_params)
        entries = SearchEntry.objects.in_bulk([row[0] for row in rows])
        highlight_terms = analysis.highlight_terms(plan) if plan else set()
        hits = [_hit(entries[row[0]], highlight_terms) for row in rows if row[0] in entries]
        facets = self._facets(query, with_sql, with_params)
        suggestion = None
        if plan is not None and total == 0:
            suggestion = self.spelling_suggestion(query.text, query.professional)
        return SearchResults(total, query.page, hits, facets, suggestion, self.name)

    def _count(self, with_sql, with_params, where, where_params) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                with_sql + f"SELECT COUNT(*) FROM visible v WHERE 1=1 {where}",
                with_params + where_params,
            )
            return cursor.fetchone()[0]

    def _match_string(self, plan) -> str | None:
        if plan is None:
            return None
        if connection.vendor == "postgresql":
            return analysis.to_tsquery(plan) or None
        return analysis.to_fts5_match(plan) or None

    def _facets(self, query: SearchQuery, with_sql, with_params) -> dict[str, list[FacetCount]]:
        """Counts per facet value; a facet's own filter is left out of its counts (OR within
        a facet), every other active filter applies (AND across facets)."""
        fv = SearchFacetValue._meta.db_table
        active = [f for f, values in query.filters.items() if values]
        parts, params = [], []
        groups = [(None, [f for f in FACETS if f not in active])] + [(f, [f]) for f in active]
        for skip, facets in groups:
            if not facets:
                continue
            where, where_params = self._filter_sql(query.filters, skip=skip)
            parts.append(
                f"SELECT fv.facet, fv.value, MAX(fv.label), COUNT(*) FROM {fv} fv "  # noqa: S608
                f"JOIN visible v ON v.id = fv.entry_id WHERE fv.facet IN "
                f"({_placeholders(facets)}) {where} GROUP BY fv.facet, fv.value"
            )
            params += facets + where_params
        with connection.cursor() as cursor:
            cursor.execute(with_sql + " UNION ALL ".join(parts), with_params + params)
            rows = cursor.fetchall()
        result: dict[str, list[FacetCount]] = {facet: [] for facet in FACETS}
        for facet, value, label, count in rows:
            selected = value in query.filters.get(facet, ())
            result[facet].append(FacetCount(value, label, count, selected))
        for facet, counts in result.items():
            if facet == "jaar":
                counts.sort(key=lambda c: c.value, reverse=True)
            else:
                counts.sort(key=lambda c: (-c.count, c.label.lower()))
        return result

    def _empty_facets(self, query: SearchQuery) -> dict[str, list[FacetCount]]:
        return {facet: [] for facet in FACETS}

    # --- suggestions ----------------------------------------------------------------------

    def _vocabulary(self, prefix: str, professional: bool, limit: int | None = None):
        column = "all_docs" if professional else "public_docs"
        qs = SearchWord.objects.filter(**{f"{column}__gt": 0})
        if prefix:
            qs = qs.filter(word__startswith=prefix)
        qs = qs.order_by(f"-{column}", "word").values_list("word", column)
        return qs[:limit] if limit else qs

    def suggest(self, prefix: str, professional: bool, limit: int = 8) -> list[str]:
        words = analysis.document_words(prefix)
        if not words or prefix.endswith(" "):
            return []
        *head, last = list(_ordered_words(prefix))
        if len(last) < 2:
            return []
        completions = [word for word, _ in self._vocabulary(last, professional, limit)]
        lead = " ".join(head)
        return [f"{lead} {word}".strip() for word in completions]

    def spelling_suggestion(self, text: str, professional: bool) -> str | None:
        words = list(_ordered_words(text))
        changed, corrected = False, []
        for word in words:
            known = self._vocabulary(word, professional, 1)
            if known and known[0][0] == word:
                corrected.append(word)
                continue
            candidates = dict(
                SearchWord.objects.annotate(n=Length("word"))
                .filter(
                    **{"all_docs__gt" if professional else "public_docs__gt": 0},
                    word__startswith=word[:1],
                    n__gte=len(word) - 2,
                    n__lte=len(word) + 2,
                )
                .values_list("word", "all_docs" if professional else "public_docs")[:20000]
            )
            best = analysis.suggest(word, candidates)
            if best and best != word:
                corrected.append(best)
                changed = True
            else:
                corrected.append(word)
        return " ".join(corrected) if changed else None

    # --- related ----------------------------------------------------------------------------

    def related(self, page_id: int, professional: bool, limit: int = 5) -> list[Hit]:
        entry = SearchEntry.objects.filter(page_id=page_id).first()
        if entry is None:
            return []
        terms = Counter(entry.title_terms.split() * 3 + entry.body_terms.split())
        top = [term for term, _ in terms.most_common(12)]
        match = analysis.any_of(top, vendor=connection.vendor)
        if not match:
            return []
        query = SearchQuery(text="", professional=professional, per_page=limit + 1)
        with_sql, with_params = self._with(query, match)
        with connection.cursor() as cursor:
            cursor.execute(
                with_sql + "SELECT v.id FROM visible v WHERE v.id <> %s "
                "ORDER BY v.score DESC LIMIT %s",
                with_params + [entry.pk, limit],
            )
            ids = [row[0] for row in cursor.fetchall()]
        entries = SearchEntry.objects.in_bulk(ids)
        return [_hit(entries[i], set()) for i in ids if i in entries]


def _entry_fields(document) -> dict:
    """The analysed columns of one document (the FTS structures are built from these)."""
    text = "\n".join([document.title, document.summary, document.body])
    return {
        "doc_type": document.doc_type,
        "title": document.title[:255],
        "url": document.url[:500],
        "date": document.date,
        "visibility": document.visibility,
        "summary": document.summary,
        "body": document.body,
        "title_terms": " ".join(analysis.analyze_document(document.title)),
        "body_terms": " ".join(
            analysis.analyze_document(
                "\n".join([document.summary, document.body, _facet_text(document)])
            )
        ),
        "title_words": " ".join(analysis.document_words(document.title)),
        "vocabulary": " ".join(sorted(set(analysis.document_words(text)))),
        "source_updated_at": document.source_updated_at,
    }


def _facet_rows(entry, document) -> list[SearchFacetValue]:
    return [
        SearchFacetValue(entry=entry, facet=facet, value=value[:200], label=label[:255])
        for facet, values in document.facets.items()
        for value, label in dict(values).items()
    ]


def _ordered_words(text: str) -> list[str]:
    return [analysis.fold(token.text) for token in analysis.tokenize(text)]


def _facet_text(document) -> str:
    """Facet labels are searchable too: 'Oosternieland' finds lessons from that gebied."""
    return " ".join(
        label
        for facet, values in document.facets.items()
        if facet not in {"jaar", "type"}
        for _, label in values
    )


def _hit(entry: SearchEntry, terms: set[str]) -> Hit:
    text = entry.summary + "\n" + entry.body if terms else entry.summary
    return Hit(
        page_id=entry.page_id,
        title=entry.title,
        url=entry.url,
        type=entry.doc_type,
        snippet=make_snippet(text, terms) if terms else make_snippet(entry.summary, set()),
        date=entry.date,
        summary=entry.summary,
    )
