"""Full-text search with facets over the solution catalogue: one small API, two engines.

Text matching runs in the database:
- SQLite: the FTS5 table `solutions_search` (rowid = solution id) holds text already stemmed in Python
  with the Snowball German stemmer, because FTS5 has none; queries are stemmed the same way. Ranking: bm25.
- PostgreSQL: the table `solutions_search` (solution_id, document tsvector 'german' weighted A–D, words
  tsvector 'simple' for type-ahead), GIN-indexed; websearch_to_tsquery('german', …); ranking: ts_rank_cd.
Both are created by migration 0002 and kept by index_solution/remove_solution (never by Django's flush); text
matches are only ever combined with the live list of solutions, so rows left behind do no harm.

Facets, filters, the public restriction and the sort orders are answered from a per-process snapshot of
bitmaps (one Python int per facet value and listing status, one bit per solution), because counting a
20,000-row result set with GROUP BY costs 50–100 ms on SQLite and a popcount costs microseconds. The snapshot
is rebuilt (about 0.2 s for 20,000 solutions) when its key changes: a random token written by every
index_solution/remove_solution, plus max(id) and max(updated_at) of the solution table, so plain ORM saves
are noticed too; queryset.update() and raw SQL stay unseen until the next save.

Query syntax: words (all must match), "quoted phrases", -word or -"phrase" to exclude; the last word also
matches as a prefix while it is being typed. Any input is safe: it is reduced to plain words first and only
those, quoted, reach the engine.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
import uuid
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from django.db import DatabaseError, connection, transaction

from .facets import FACETS
from .models import Solution

TABLE = "solutions_search"
MAX_QUERY_CHARS = 200
MAX_TERMS = 10
MAX_PER_PAGE = 100
MAX_FILTER_VALUES = 20
MIN_PREFIX_CHARS = 3
SORTS = ("relevance", "name", "newest", "updated", "release")
STEM_COLUMNS = "{name summary features body}"
# Keeps one huge description from making a single index row (and every rebuild) expensive.
MAX_FIELD_CHARS = 20_000

_WORD = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_QUERY_PART = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# "ue" written for "ü" (also ae, oe) as Snowball's German stemmer reads it: not after a vowel, not "que".
_UMLAUT_SPELLING = re.compile(r"(?<![aeiouyäöü])(?:ae|oe|(?<!q)ue)")


# --- text ---------------------------------------------------------------------------------------------------

_stemmer = snowballstemmer.stemmer("german")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer.stemWord(word)


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case, umlauts however spelled, no accents, ß as ss: one form for type-ahead on both engines."""
    word = _UMLAUT_SPELLING.sub(lambda m: {"ae": "a", "oe": "o", "ue": "u"}[m.group()], word.casefold())
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def umlauts(text: str) -> str:
    """PostgreSQL's German stemmer reads "Buerger" literally; spell umlauts out so it agrees with ours."""
    return _UMLAUT_SPELLING.sub(lambda m: {"ae": "ä", "oe": "ö", "ue": "ü"}[m.group()], text.casefold())


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def document_fields(solution, organisation_name: str | None = None) -> dict[str, str]:
    """The searchable text of a solution, by weight: name, summary, features, body (all languages)."""
    document = _dict(solution.publiccode)
    if organisation_name is None:
        organisation_name = solution.organisation.name
    name, summary, features, body = [solution.name], [organisation_name], [], []
    for block in _dict(document.get("description")).values():
        block = _dict(block)
        name += _texts(block.get("localisedName")) + _texts(block.get("genericName"))
        summary += _texts(block.get("shortDescription"))
        features += _texts(block.get("features"))
        body += _texts(block.get("longDescription"))
    # People look for publishers and maintainers by name, too.
    legal = _dict(document.get("legal"))
    summary += _texts(legal.get("mainCopyrightOwner")) + _texts(legal.get("repoOwner"))
    for contractor in _dict(document.get("maintenance")).get("contractors") or []:
        summary += _texts(_dict(contractor).get("name"))

    def join(parts: list[str]) -> str:
        return "\n".join(dict.fromkeys(p.strip() for p in parts if p and p.strip()))[:MAX_FIELD_CHARS]

    return {"name": join(name), "summary": join(summary), "features": join(features), "body": join(body)}


def index_texts(fields: dict[str, str]) -> tuple[dict[str, str], str]:
    """Stemmed text per field (FTS5), and each distinct unstemmed word once, folded, for type-ahead: typing
    "Beteiligu…" must find "Beteiligung" although its stem is "beteil"."""
    stemmed, seen = {}, {}
    for name, text in fields.items():
        tokens = words(text)
        stemmed[name] = " ".join(map(_stem, tokens))
        seen.update(dict.fromkeys(tokens))
    return stemmed, " ".join(dict.fromkeys(map(fold, seen)))


# --- queries ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    negated: bool = False
    prefix: bool = False


def clean_query(query) -> str:
    if not isinstance(query, str):
        return ""
    return " ".join(_CONTROL.sub(" ", query[: MAX_QUERY_CHARS * 4]).split())[:MAX_QUERY_CHARS]


def parse_query(query) -> list[Term]:
    """Words, "phrases" and -exclusions; operators and punctuation of either engine are only separators."""
    raw = query if isinstance(query, str) else ""
    terms: list[Term] = []
    open_ended = False
    for match in _QUERY_PART.finditer(clean_query(raw)):
        negated_phrase, phrase, chunk = match.groups()
        if chunk is not None:
            negated = chunk.startswith("-")
            found = tuple(words(chunk))
            open_ended = len(found) == 1 and not negated and _WORD.fullmatch(chunk[-1]) is not None
        else:
            negated, found, open_ended = negated_phrase == "-", tuple(words(phrase)), False
        if found:
            terms.append(Term(found, negated))
        if len(terms) >= MAX_TERMS:
            break
    # The last word is still being typed unless a space or a quote closed it.
    typing = bool(raw) and not raw[-1].isspace() and len(raw) <= MAX_QUERY_CHARS
    if terms and open_ended and typing and len(terms[-1].words[0]) >= MIN_PREFIX_CHARS:
        terms[-1] = Term(terms[-1].words, False, True)
    return terms


def _fts_phrase(tokens) -> str:
    # Tokens are letters and digits only; quoting them is enough to disarm every FTS5 operator.
    return '"' + " ".join(tokens).replace('"', '""') + '"'


def _fts_term(term: Term, columns: str = STEM_COLUMNS) -> str:
    stemmed = _fts_phrase(_stem(w) for w in term.words)
    if not term.prefix:
        return f"{columns} : {stemmed}"
    if columns != STEM_COLUMNS:
        return f"{columns} : {stemmed} *"  # only ranks, among words already matched
    # The word as typed so far, or any word it begins; the stem's prefix ("dat*") would be far too broad.
    return f"({columns} : {stemmed} OR words : {_fts_phrase([fold(term.words[0])])} *)"


def fts_match(terms: list[Term]) -> tuple[str, bool]:
    """The FTS5 MATCH expression and whether it selects what to keep (True) or what to drop (False)."""
    positive = " AND ".join(_fts_term(t) for t in terms if not t.negated)
    negative = " OR ".join(_fts_term(t) for t in terms if t.negated)
    if positive and negative:
        return f"({positive}) NOT ({negative})", True
    return (positive, True) if positive else (negative, False)


def websearch_text(terms: list[Term], *, negated_as_positive: bool = False) -> str:
    """Terms in websearch_to_tsquery syntax, each quoted so that a word like "or" stays a word."""
    if negated_as_positive:
        return " or ".join('"' + umlauts(" ".join(t.words)) + '"' for t in terms if t.negated)
    return " ".join(
        ("-" if t.negated else "") + '"' + umlauts(" ".join(t.words)) + '"' for t in terms if not t.prefix
    )


def _fetch_ids(sql: str, params: list) -> list[int]:
    with connection.cursor() as cursor:
        try:
            cursor.execute(sql, params)
        except DatabaseError:
            # Defence in depth: FTS5 may still refuse a tokenised oddity; a search never fails because of it.
            if connection.vendor == "postgresql":
                raise
            return []
        return [row[0] for row in cursor.fetchall()]


def _text_matches(terms: list[Term]) -> tuple[list[int], bool]:
    """Ids whose text matches, unordered, and whether they are to be kept (True) or dropped (False)."""
    if connection.vendor == "postgresql":
        sql, params, keep = _pg_match(terms, ranked=False)
        return _fetch_ids(sql, params), keep
    expression, keep = fts_match(terms)
    sql = "SELECT rowid FROM solutions_search WHERE solutions_search MATCH %s"
    return _fetch_ids(sql, [expression]), keep


def _ranked_candidates(terms: list[Term]):
    """Ids of text matches, best first, in runs: a later run may repeat ids of an earlier one.

    bm25 costs about 2 µs per matching row on SQLite, so it runs first over the matches in name, short
    description or organisation (few, and the best), and over all matches only if a page reaches past them.
    """
    if connection.vendor == "postgresql":
        sql, params, _ = _pg_match(terms, ranked=True)
        yield from _fetch_ids(sql, params)
        return
    ranked = (
        "SELECT rowid, bm25(solutions_search, 10.0, 4.0, 2.0, 1.0, 0.0) AS rank FROM solutions_search "
        "WHERE solutions_search MATCH %s ORDER BY rank, rowid"
    )
    prominent = " AND ".join(_fts_term(t, "{name summary}") for t in terms if not t.negated)
    yield from _fetch_ids(ranked, [prominent])
    yield from _fetch_ids(ranked, [fts_match(terms)[0]])


def _pg_match(terms: list[Term], ranked: bool) -> tuple[str, list, bool]:
    if all(t.negated for t in terms):
        text = websearch_text(terms, negated_as_positive=True)
        sql = "SELECT solution_id FROM solutions_search WHERE document @@ websearch_to_tsquery('german', %s)"
        return sql, [text], False
    where, params = [], []
    text = websearch_text(terms)
    query, query_params = "websearch_to_tsquery('german', %s)", [text]
    if text:
        # Stop words only ("die") make an empty tsquery, which would match nothing: ignore it instead.
        where.append(f"(numnode({query}) = 0 OR document @@ {query})")
        params += query_params * 2
    prefix = next((t for t in terms if t.prefix), None)
    if prefix:
        word = umlauts(prefix.words[0])
        where.append("(document @@ to_tsquery('german', %s) OR words @@ to_tsquery('simple', %s))")
        params += [f"'{word}'", f"'{fold(word)}':*"]
        query, query_params = f"({query} && to_tsquery('german', %s))", [text, f"'{word}':*"]
    if ranked:
        sql = (f"SELECT solution_id, ts_rank_cd(document, {query}) AS rank FROM solutions_search "  # noqa: S608
               f"WHERE {' AND '.join(where)} ORDER BY rank DESC, solution_id")
        return sql, query_params + params, True
    # Only fixed SQL fragments are joined here; every user-derived value is a parameter.
    return f"SELECT solution_id FROM solutions_search WHERE {' AND '.join(where)}", params, True  # noqa: S608


# --- indexing -----------------------------------------------------------------------------------------------

_PG_UPSERT = """
    INSERT INTO solutions_search (solution_id, document, words) VALUES (
        %s,
        setweight(to_tsvector('german', %s), 'A') || setweight(to_tsvector('german', %s), 'B')
        || setweight(to_tsvector('german', %s), 'C') || setweight(to_tsvector('german', %s), 'D'),
        to_tsvector('simple', %s))
    ON CONFLICT (solution_id) DO UPDATE SET document = EXCLUDED.document, words = EXCLUDED.words
"""


def _write_rows(cursor, vendor: str, rows: list[tuple[int, dict[str, str]]]) -> None:
    """rows: (solution_id, document_fields(...))."""
    values = []
    for sid, fields in rows:
        stemmed, prefix_words = index_texts(fields)
        if vendor == "postgresql":
            texts = (umlauts(fields[f]) for f in ("name", "summary", "features", "body"))
            values.append((sid, *texts, prefix_words))
        else:
            values.append((sid, *(stemmed[f] for f in ("name", "summary", "features", "body")), prefix_words))
    if vendor == "postgresql":
        cursor.executemany(_PG_UPSERT, values)
        return
    cursor.executemany("DELETE FROM solutions_search WHERE rowid = %s", [(sid,) for sid, _ in rows])
    cursor.executemany(
        "INSERT INTO solutions_search (rowid, name, summary, features, body, words) "
        "VALUES (%s, %s, %s, %s, %s, %s)",
        values,
    )


def _touch(cursor) -> None:
    # A fresh random token (not a counter): after a rolled-back transaction a counter would repeat itself.
    cursor.execute("UPDATE solutions_search_state SET token = %s", [uuid.uuid4().hex])


def index_solution(solution) -> None:
    """(Re)index one solution inside the caller's transaction: it commits or rolls back with the save."""
    if solution.pk is None:
        return
    fields = document_fields(solution)
    with connection.cursor() as cursor:
        _write_rows(cursor, connection.vendor, [(solution.pk, fields)])
        _touch(cursor)


def remove_solution(solution_id: int) -> None:
    sql = {
        "postgresql": "DELETE FROM solutions_search WHERE solution_id = %s",
        "sqlite": "DELETE FROM solutions_search WHERE rowid = %s",
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(sql, [solution_id])
        _touch(cursor)


def rebuild_index(*, batch_size: int = 500, solutions=None, connection_=None) -> int:
    """Index every solution afresh. A migration passes its historical queryset and its connection."""
    conn = connection_ or connection
    queryset = Solution.objects.all() if solutions is None else solutions
    queryset = queryset.using(conn.alias).select_related("organisation")
    queryset = queryset.only("id", "name", "publiccode", "organisation__name")
    count = 0
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        cursor.execute("DELETE FROM solutions_search")
        batch = []
        for solution in queryset.order_by("id").iterator(chunk_size=batch_size):
            fields = document_fields(solution)
            batch.append((solution.pk, fields))
            if len(batch) >= batch_size:
                _write_rows(cursor, conn.vendor, batch)
                count, batch = count + len(batch), []
        if batch:
            _write_rows(cursor, conn.vendor, batch)
            count += len(batch)
        if conn.vendor == "sqlite":
            cursor.execute("INSERT INTO solutions_search(solutions_search) VALUES ('optimize')")
        else:
            cursor.execute("ANALYZE solutions_search")
        _touch(cursor)
    return count


def _on_solution_deleted(sender, instance, **kwargs) -> None:
    remove_solution(instance.pk)


def connect_signals() -> None:
    from django.db.models.signals import post_delete

    post_delete.connect(_on_solution_deleted, sender=Solution, dispatch_uid="solutions.search.remove")


# --- the facet snapshot -------------------------------------------------------------------------------------


def _bitmap(ids) -> int:
    ids = list(ids)
    if not ids:
        return 0
    buffer = bytearray((max(ids) >> 3) + 1)
    for i in ids:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


class _Members:
    """Fast membership tests on a bitmap (shifting a big int per test would copy it every time)."""

    def __init__(self, bitmap: int):
        self.bytes = bitmap.to_bytes((bitmap.bit_length() + 7) // 8, "little")

    def __contains__(self, i: int) -> bool:
        return (i >> 3) < len(self.bytes) and bool(self.bytes[i >> 3] >> (i & 7) & 1)


class _Snapshot:
    """Bitmaps over dense positions (0..n-1 in id order), so sparse or huge ids cost no memory."""

    def __init__(self, key: tuple):
        self.key = key
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, listing_status FROM solutions_solution ORDER BY listing_status, id")
            rows = cursor.fetchall()
            self.ids = sorted(sid for sid, _ in rows)
            self.dense = {sid: k for k, sid in enumerate(self.ids)}
            by_status: dict[str, list[int]] = {}
            for sid, status in rows:
                by_status.setdefault(status, []).append(self.dense[sid])
            cursor.execute(
                "SELECT facet, value, solution_id FROM solutions_solutionfacet ORDER BY facet, value"
            )
            postings: dict[str, dict[str, list[int]]] = {facet: {} for facet in FACETS}
            for facet, value, sid in cursor.fetchall():
                k = self.dense.get(sid)
                if k is not None:
                    postings.setdefault(facet, {}).setdefault(value, []).append(k)
        self.statuses = {status: _bitmap(ks) for status, ks in by_status.items()}
        self.postings = {f: {v: _bitmap(ks) for v, ks in values.items()} for f, values in postings.items()}
        self.size = len(self.ids)
        self._orders: dict[str, tuple[list[int], list[int]]] = {}

    def to_dense(self, ids) -> list[int]:
        dense = self.dense
        return [dense[i] for i in ids if i in dense]

    def universe(self, public_only: bool) -> int:
        bitmap = 0
        for status, bits in self.statuses.items():
            if not public_only or status in Solution.PUBLIC_STATUSES:
                bitmap |= bits
        return bitmap

    def order(self, sort: str) -> tuple[list[int], list[int]]:
        """All dense positions in `sort` order, and the rank of each (a list indexed by dense position)."""
        if sort not in self._orders:
            self._orders[sort] = self._load_order(sort)
        return self._orders[sort]

    def _load_order(self, sort: str) -> tuple[list[int], list[int]]:
        with connection.cursor() as cursor:
            if sort in ("newest", "updated"):
                cursor.execute({
                    "newest": "SELECT id FROM solutions_solution ORDER BY created_at DESC, id DESC",
                    "updated": "SELECT id FROM solutions_solution ORDER BY updated_at DESC, id DESC",
                }[sort])
                ids = [row[0] for row in cursor.fetchall()]
            else:
                # Sorted in Python so "Ärzte-Portal" stands among the A's on both engines, any collation.
                cursor.execute("SELECT id, name, release_date FROM solutions_solution")
                rows = [(fold(name), sid, release) for sid, name, release in cursor.fetchall()]
                if sort == "release":
                    dated = sorted((r for r in rows if r[2]), key=lambda r: (r[0], r[1]))
                    dated.sort(key=lambda r: r[2], reverse=True)
                    rows = dated + sorted(r for r in rows if not r[2])
                else:
                    rows.sort()
                ids = [sid for _, sid, _ in rows]
        order = self.to_dense(ids)
        ranks = [len(order)] * self.size
        for rank, k in enumerate(order):
            ranks[k] = rank
        return order, ranks


_snapshots: dict[str, _Snapshot] = {}
_snapshot_lock = threading.Lock()


def _snapshot() -> _Snapshot:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT token FROM solutions_search_state), (SELECT MAX(id) FROM solutions_solution), "
            "(SELECT MAX(updated_at) FROM solutions_solution)"
        )
        key = (connection.settings_dict["NAME"], *cursor.fetchone())
    current = _snapshots.get(connection.alias)
    if current is None or current.key != key:
        with _snapshot_lock:
            current = _snapshots.get(connection.alias)
            if current is None or current.key != key:
                current = _Snapshot(key)
                _snapshots[connection.alias] = current
    return current


# --- searching ----------------------------------------------------------------------------------------------


@dataclass
class SearchResult:
    items: list
    total: int
    page: int
    pages: int
    per_page: int
    facets: dict[str, list[tuple[str, int]]]
    query: str
    filters: dict[str, list[str]]
    sort: str
    terms: list[Term] = field(default_factory=list, repr=False)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def clean_filters(filters) -> dict[str, list[str]]:
    """Known facets only, string values only, bounded; anything else is dropped, never an error."""
    if not isinstance(filters, dict):
        return {}
    cleaned = {}
    for facet in FACETS:
        values = filters.get(facet)
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list | tuple):
            continue
        values = sorted({v[:100] for v in values if isinstance(v, str) and v and "\x00" not in v})
        if values:
            cleaned[facet] = values[:MAX_FILTER_VALUES]
    return cleaned


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return default


def _facet_counts(snapshot: _Snapshot, base: int, selected: dict[str, int]) -> dict[str, list]:
    """Counts over the result set; a filtered facet is counted without its own filter, so OR stays visible."""
    result_set = base
    for bits in selected.values():
        result_set &= bits
    counts = {}
    for facet in FACETS:
        scope = result_set
        if facet in selected:
            scope = base
            for other, bits in selected.items():
                if other != facet:
                    scope &= bits
        postings = snapshot.postings.get(facet, {})
        values = [(value, (scope & bits).bit_count()) for value, bits in postings.items()]
        counts[facet] = sorted(((v, n) for v, n in values if n), key=lambda item: (-item[1], item[0]))
    return counts


def _page(snapshot: _Snapshot, result_set: int, terms: list[Term], matched: list[int] | None, sort: str,
          offset: int, limit: int) -> list[int]:
    """Solution ids of one page; `matched` holds the dense positions of text matches, if any."""
    members = _Members(result_set)
    if sort == "relevance" and matched is not None:
        candidates = (k for k in map(snapshot.dense.get, _ranked_candidates(terms)) if k is not None)
    elif matched is not None and len(matched) * 8 < snapshot.size:
        # Few text matches: sorting them beats walking the whole catalogue order.
        ranks = snapshot.order(sort)[1]
        chosen = sorted((k for k in matched if k in members), key=ranks.__getitem__)
        return [snapshot.ids[k] for k in chosen[offset: offset + limit]]
    else:
        # Without words to rank by, "relevance" lists by name.
        candidates = snapshot.order("name" if sort == "relevance" else sort)[0]
    page, seen = [], set()
    for k in candidates:
        if k in seen or k not in members:
            continue
        seen.add(k)
        if len(seen) > offset:
            page.append(snapshot.ids[k])
            if len(page) >= limit:
                break
    return page


def search(
    *,
    query: str = "",
    filters: dict[str, list[str]] | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    public_only: bool = True,
    with_facets: bool = True,
) -> SearchResult:
    terms = parse_query(query)  # the raw text: a trailing space tells that the last word is finished
    query = clean_query(query)
    filters = clean_filters(filters)
    sort = sort if sort in SORTS else "relevance"
    per_page = min(max(_int(per_page, 20), 1), MAX_PER_PAGE)
    snapshot = _snapshot()

    base = snapshot.universe(public_only)
    matched = None
    if terms:
        ids, keep = _text_matches(terms)
        dense = snapshot.to_dense(ids)
        if keep:
            base &= _bitmap(dense)
            matched = dense
        else:
            base &= ~_bitmap(dense)
    selected = {
        facet: _union(snapshot.postings.get(facet, {}).get(v, 0) for v in values)
        for facet, values in filters.items()
    }
    result_set = base
    for bits in selected.values():
        result_set &= bits

    total = result_set.bit_count()
    pages = max(1, math.ceil(total / per_page))
    page = min(max(_int(page, 1), 1), pages)
    ids = _page(snapshot, result_set, terms, matched, sort, (page - 1) * per_page, per_page) if total else []
    facets = _facet_counts(snapshot, base, selected) if with_facets else {f: [] for f in FACETS}

    by_id = Solution.objects.select_related("organisation").in_bulk(ids)
    items = [by_id[i] for i in ids if i in by_id]
    return SearchResult(items, total, page, pages, per_page, facets, query, filters, sort, terms)


def _union(bitmaps) -> int:
    result = 0
    for bits in bitmaps:
        result |= bits
    return result
