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

import bisect
import math
import re
import threading
import unicodedata
import uuid
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import repeat
from operator import is_not

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
RANK_ALL_BELOW = 1000
# The change log: how many entries stay, how far back a snapshot re-reads, how many changes it patches in.
LOG_KEEP = 1000
LOG_OVERLAP = 20
MAX_PATCH = 200
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


def index_texts(fields: dict[str, str], *, stem: bool = True) -> tuple[dict[str, str], str]:
    """Stemmed text per field (FTS5), and each distinct unstemmed word once, folded, for type-ahead: typing
    "Beteiligu…" must find "Beteiligung" although its stem is "beteil"."""
    stemmed, seen = {}, {}
    for name, text in fields.items():
        tokens = words(text)
        stemmed[name] = " ".join(map(_stem, tokens)) if stem else ""
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


def _text_matches(terms: list[Term], ranked: bool) -> tuple[list[int], bool, bool]:
    """Ids whose text matches, whether they are to be kept (True) or dropped, and whether they are ranked.

    PostgreSQL ranks in the same query when asked (one scan instead of two); SQLite ranks lazily, per page.
    """
    if connection.vendor == "postgresql":
        ranked = ranked and not all(t.negated for t in terms)
        sql, params, keep = _pg_match(terms, ranked=ranked)
        return _fetch_ids(sql, params), keep, ranked
    expression, keep = fts_match(terms)
    sql = "SELECT rowid FROM solutions_search WHERE solutions_search MATCH %s"
    return _fetch_ids(sql, [expression]), keep, False


def _ranked_candidates(terms: list[Term], matches: int):
    """Ids of text matches, best first, in runs: a later run may repeat ids of an earlier one.

    bm25 costs about 2 µs per matching row on SQLite, so with many matches it runs first over those in name,
    short description or organisation (few, and the best), and over all only if a page reaches past them.
    """
    ranked = (
        "SELECT rowid, bm25(solutions_search, 10.0, 4.0, 2.0, 1.0, 0.0) AS rank FROM solutions_search "
        "WHERE solutions_search MATCH %s ORDER BY rank, rowid"
    )
    if matches > RANK_ALL_BELOW:
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
        stemmed, prefix_words = index_texts(fields, stem=vendor != "postgresql")
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


def _log_change(cursor, solution_id: int) -> None:
    """Tell every process's facet snapshot that this solution changed (see _snapshot)."""
    # The random token tells a logged change from one that was rolled back and whose seq came round again.
    cursor.execute(
        "INSERT INTO solutions_search_log (solution_id, token) VALUES (%s, %s)", [solution_id, uuid.uuid4().hex]
    )
    cursor.execute(
        "DELETE FROM solutions_search_log WHERE seq < (SELECT MAX(seq) FROM solutions_search_log) - %s", [LOG_KEEP]
    )


def index_solution(solution) -> None:
    """(Re)index one solution inside the caller's transaction: it commits or rolls back with the save."""
    if solution.pk is None:
        return
    fields = document_fields(solution)
    with connection.cursor() as cursor:
        _write_rows(cursor, connection.vendor, [(solution.pk, fields)])
        _log_change(cursor, solution.pk)


def remove_solution(solution_id: int) -> None:
    sql = {
        "postgresql": "DELETE FROM solutions_search WHERE solution_id = %s",
        "sqlite": "DELETE FROM solutions_search WHERE rowid = %s",
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(sql, [solution_id])
        _log_change(cursor, solution_id)


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
    return count


def _on_solution_deleted(sender, instance, **kwargs) -> None:
    remove_solution(instance.pk)


def _on_organisation_saved(sender, instance, created, update_fields=None, **kwargs) -> None:
    # The organisation's name is part of every one of its solutions' index entries.
    if created or (update_fields is not None and "name" not in update_fields):
        return
    for solution in instance.solutions.select_related("organisation"):
        index_solution(solution)


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    from lichtermeer.accounts.models import Organisation

    post_delete.connect(_on_solution_deleted, sender=Solution, dispatch_uid="solutions.search.remove")
    post_save.connect(_on_organisation_saved, sender=Organisation, dispatch_uid="solutions.search.organisation")


# --- the facet snapshot -------------------------------------------------------------------------------------


_BITS_AS_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_is_known = partial(is_not, None)


def _bitmap(positions, size: int) -> int:
    """A Python int with bit k set for each position k; C-level loops only (100,000 positions in ~5 ms)."""
    flags = bytearray(size)
    deque(map(flags.__setitem__, positions, repeat(1)), maxlen=0)
    return int(flags[::-1].translate(_BITS_AS_DIGITS) or b"0", 2)


class _Members:
    """Fast membership tests on a bitmap (shifting a big int per test would copy it every time)."""

    def __init__(self, bitmap: int):
        self.bytes = bitmap.to_bytes((bitmap.bit_length() + 7) // 8, "little")

    def __contains__(self, i: int) -> bool:
        return (i >> 3) < len(self.bytes) and bool(self.bytes[i >> 3] >> (i & 7) & 1)


_ROW_COLUMNS = ("id", "listing_status", "name", "created_at", "updated_at", "release_date")
_ORDER_KEYS = {  # each key ends with the solution id
    # Names compared folded, so "Ärzte-Portal" stands among the A's on both engines, whatever the collation.
    "name": lambda r: (fold(r[2]), r[0]),
    "newest": lambda r: (-r[3].timestamp(), -r[0], r[0]),
    "updated": lambda r: (-r[4].timestamp(), -r[0], r[0]),
    "release": lambda r: (0, -r[5].toordinal(), fold(r[2]), r[0]) if r[5] else (1, 0, fold(r[2]), r[0]),
}


class _Order:
    """One sort order of the whole catalogue, kept sorted under single-solution changes (bisect)."""

    def __init__(self, sort: str, rows, dense: dict[int, int]):
        self.key = _ORDER_KEYS[sort]
        # Ids the snapshot does not know yet arrive with their log entry, through update().
        self.key_of = {row[0]: self.key(row) for row in rows if row[0] in dense}
        self.keys = sorted(self.key_of.values())
        self.positions = [dense[key[-1]] for key in self.keys]  # dense positions, aligned with keys

    def update(self, solution_id: int, row, dense: dict[int, int]) -> None:
        old = self.key_of.pop(solution_id, None)
        if old is not None:
            index = bisect.bisect_left(self.keys, old)
            del self.keys[index], self.positions[index]
        if row is not None and solution_id in dense:
            self.key_of[solution_id] = new = self.key(row)
            index = bisect.bisect_left(self.keys, new)
            self.keys.insert(index, new)
            self.positions.insert(index, dense[solution_id])

    def sort(self, positions, ids: list[int]) -> list[int]:
        """These dense positions in this order."""
        key_of = self.key_of
        return sorted(positions, key=lambda k: (0, key_of[ids[k]]) if ids[k] in key_of else (1,))


class _Snapshot:
    """Bitmaps over dense positions (0..n-1 in id order at build time, later ids appended).

    A full build reads one narrow indexed query per listing status and per facet value (plain integers are
    several times cheaper to fetch than (facet, value, id) rows); afterwards, the solutions named in the change
    log are patched in, a few milliseconds each instead of a rebuild.
    """

    def __init__(self, database: str, seq, token, fingerprint):
        self.database, self.seq, self.token, self.fingerprint = database, seq, token, fingerprint
        self.orders: dict[str, _Order] = {}
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM solutions_solution ORDER BY id")
            self.ids = [row[0] for row in cursor.fetchall()]
            self.size = len(self.ids)
            self.dense = dict(zip(self.ids, range(self.size), strict=True))
            cursor.execute("SELECT DISTINCT listing_status FROM solutions_solution")
            self.statuses: dict[str, int] = {}
            for (status,) in cursor.fetchall():
                cursor.execute("SELECT id FROM solutions_solution WHERE listing_status = %s", [status])
                self.statuses[status] = self.bitmap(row[0] for row in cursor.fetchall())
            cursor.execute("SELECT DISTINCT facet, value FROM solutions_solutionfacet")
            self.postings: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
            for facet, value in cursor.fetchall():
                cursor.execute(
                    "SELECT solution_id FROM solutions_solutionfacet WHERE facet = %s AND value = %s", [facet, value]
                )
                self.postings.setdefault(facet, {})[value] = self.bitmap(row[0] for row in cursor.fetchall())

    def to_dense(self, ids) -> list[int]:
        """Dense positions of those ids that the snapshot knows, in the given order."""
        return list(filter(_is_known, map(self.dense.get, ids)))

    def bitmap(self, ids) -> int:
        return _bitmap(self.to_dense(ids), self.size)

    def universe(self, public_only: bool) -> int:
        bitmap = 0
        for status, bits in self.statuses.items():
            if not public_only or status in Solution.PUBLIC_STATUSES:
                bitmap |= bits
        return bitmap

    def order(self, sort: str) -> _Order:
        if sort not in self.orders:
            rows = Solution.objects.order_by().values_list(*_ROW_COLUMNS)
            self.orders[sort] = _Order(sort, rows, self.dense)
        return self.orders[sort]

    def patch(self, solution_ids: set[int]) -> None:
        """Bring these solutions up to date: status, facets, place in every loaded order (gone if deleted)."""
        rows = {r[0]: r for r in Solution.objects.filter(id__in=solution_ids).order_by().values_list(*_ROW_COLUMNS)}
        with connection.cursor() as cursor:
            marks = ", ".join(["%s"] * len(solution_ids))
            cursor.execute(
                "SELECT solution_id, facet, value FROM solutions_solutionfacet "  # noqa: S608
                f"WHERE solution_id IN ({marks})",
                list(solution_ids),
            )
            facet_rows = cursor.fetchall()
        mask = 0
        for sid in sorted(solution_ids):
            if sid not in self.dense and sid in rows:
                self.dense[sid] = self.size
                self.ids.append(sid)
                self.size += 1
            if sid in self.dense:
                mask |= 1 << self.dense[sid]
        keep = ~mask
        self.statuses = {status: bits & keep for status, bits in self.statuses.items()}
        self.postings = {f: {v: bits & keep for v, bits in values.items()} for f, values in self.postings.items()}
        for sid, row in rows.items():
            self.statuses[row[1]] = self.statuses.get(row[1], 0) | 1 << self.dense[sid]
        for sid, facet, value in facet_rows:
            if sid in rows:
                values = self.postings.setdefault(facet, {})
                values[value] = values.get(value, 0) | 1 << self.dense[sid]
        for order in self.orders.values():
            for sid in solution_ids:
                order.update(sid, rows.get(sid), self.dense)


_snapshots: dict[str, _Snapshot] = {}
_snapshot_lock = threading.Lock()


def _snapshot() -> _Snapshot:
    """This process's snapshot, brought up to date: patched from the change log, or rebuilt when that cannot
    be trusted (a change that bypassed index_solution, a log entry rolled back or pruned, many changes)."""
    database = str(connection.settings_dict["NAME"])
    with _snapshot_lock:
        current = _snapshots.get(connection.alias)
        current = _refresh(current) if current is not None and current.database == database else None
        if current is None:
            with connection.cursor() as cursor:
                # Read before the data: a change racing with the build is patched in again later, harmlessly.
                cursor.execute(
                    "SELECT (SELECT MAX(id) FROM solutions_solution), (SELECT MAX(updated_at) FROM solutions_solution)"
                )
                fingerprint = list(cursor.fetchone())
                cursor.execute("SELECT seq, token FROM solutions_search_log ORDER BY seq DESC LIMIT 1")
                seq, token = cursor.fetchone() or (None, None)
            current = _Snapshot(database, seq, token, fingerprint)
            _snapshots[connection.alias] = current
        return current


def _refresh(current: _Snapshot) -> _Snapshot | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT MAX(seq) FROM solutions_search_log), "
            "(SELECT token FROM solutions_search_log WHERE seq = %s), "
            "(SELECT MAX(id) FROM solutions_solution), (SELECT MAX(updated_at) FROM solutions_solution)",
            [-1 if current.seq is None else current.seq],
        )
        seq, token, *fingerprint = cursor.fetchone()
        if current.seq is not None and token != current.token:
            return None  # the entry this snapshot saw last was rolled back or pruned
        if seq == current.seq:
            # Same log, different table: a change that bypassed index_solution (a plain ORM save).
            return current if fingerprint == current.fingerprint else None
        # Entries just below the last seen may commit late (PostgreSQL sequences): patching twice is harmless.
        cursor.execute(
            "SELECT seq, solution_id, token FROM solutions_search_log WHERE seq > %s ORDER BY seq",
            [(current.seq or 0) - LOG_OVERLAP],
        )
        log = cursor.fetchall()
    changed = {row[1] for row in log}
    if not log or len(changed) > MAX_PATCH:
        return None
    current.patch(changed)
    current.seq, current.token, current.fingerprint = log[-1][0], log[-1][2], fingerprint
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


def _page(snapshot: _Snapshot, result_set: int, terms: list[Term], matched: list[int] | None, ranked: bool,
          sort: str, offset: int, limit: int) -> list[int]:
    """Solution ids of one page; `matched`: dense positions of text matches, if any (best first if `ranked`)."""
    members = _Members(result_set)
    if sort == "relevance" and matched is not None:
        if ranked:
            candidates = matched
        else:
            ids = _ranked_candidates(terms, len(matched))
            candidates = (k for k in map(snapshot.dense.get, ids) if k is not None)
    elif matched is not None and len(matched) * 8 < snapshot.size:
        # Few text matches: sorting them beats walking the whole catalogue order.
        chosen = snapshot.order(sort).sort((k for k in matched if k in members), snapshot.ids)
        return [snapshot.ids[k] for k in chosen[offset: offset + limit]]
    else:
        # Without words to rank by, "relevance" lists by name.
        candidates = snapshot.order("name" if sort == "relevance" else sort).positions
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
    """One page of solutions with facet counts. Never raises on user input: everything is cleaned or capped.

    filters: facet -> values, AND across facets, OR within one. sort: relevance (by name without words),
    name, newest, updated, release. public_only: listing statuses in Solution.PUBLIC_STATUSES only.
    """
    terms = parse_query(query)  # the raw text: a trailing space tells that the last word is finished
    query = clean_query(query)
    filters = clean_filters(filters)
    sort = sort if sort in SORTS else "relevance"
    per_page = min(max(_int(per_page, 20), 1), MAX_PER_PAGE)
    snapshot = _snapshot()

    base = snapshot.universe(public_only)
    matched, ranked = None, False
    if terms:
        ids, keep, ranked = _text_matches(terms, ranked=sort == "relevance")
        dense = snapshot.to_dense(ids)
        if keep:
            base &= _bitmap(dense, snapshot.size)
            matched = dense
        else:
            base &= ~_bitmap(dense, snapshot.size)
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
    offset = (page - 1) * per_page
    ids = _page(snapshot, result_set, terms, matched, ranked, sort, offset, per_page) if total else []
    facets = _facet_counts(snapshot, base, selected) if with_facets else {f: [] for f in FACETS}

    by_id = Solution.objects.select_related("organisation").in_bulk(ids)
    items = [by_id[i] for i in ids if i in by_id]
    return SearchResult(items, total, page, pages, per_page, facets, query, filters, sort, terms)


def facet_values(facet: str) -> list[str]:
    """Every value the facet has in the catalogue (any listing status), from the snapshot: no table scan."""
    return sorted(value for value, bits in _snapshot().postings.get(facet, {}).items() if bits)


def _union(bitmaps) -> int:
    result = 0
    for bits in bitmaps:
        result |= bits
    return result
