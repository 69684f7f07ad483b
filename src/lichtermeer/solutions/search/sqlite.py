"""The SQLite engine: the FTS5 table `solutions_search` (rowid = solution id) holds text stemmed in Python,
because FTS5 has no German stemmer; queries are stemmed the same way and ranked with bm25, lazily, per page."""

from __future__ import annotations

from django.db import DatabaseError, connection

from .query import Term
from .text import fold, index_texts, stem_word

RANK_ALL_BELOW = 1000
STEM_COLUMNS = "{name summary features body}"
DELETE_ROW = "DELETE FROM solutions_search WHERE rowid = %s"


# --- matching and ranking -----------------------------------------------------------------------------------


def _fts_phrase(tokens) -> str:
    # Tokens are letters and digits only; quoting them is enough to disarm every FTS5 operator.
    return '"' + " ".join(tokens).replace('"', '""') + '"'


def _fts_term(term: Term, columns: str = STEM_COLUMNS) -> str:
    stemmed = _fts_phrase(stem_word(w) for w in term.words)
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


def _fetch_ids(sql: str, params: list) -> list[int]:
    with connection.cursor() as cursor:
        try:
            cursor.execute(sql, params)
        except DatabaseError:
            # Defence in depth: FTS5 may still refuse a tokenised oddity; a search never fails because of it.
            return []
        return [row[0] for row in cursor.fetchall()]


def text_matches(terms: list[Term], ranked: bool) -> tuple[list[int], bool, bool]:
    """Ids whose text matches, whether they are to be kept (True) or dropped, and whether they are ranked:
    never here, ranked_candidates ranks only as far as a page needs."""
    expression, keep = fts_match(terms)
    sql = "SELECT rowid FROM solutions_search WHERE solutions_search MATCH %s"
    return _fetch_ids(sql, [expression]), keep, False


def ranked_candidates(terms: list[Term], matches: int):
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


# --- indexing -----------------------------------------------------------------------------------------------


def write_rows(cursor, rows: list[tuple[int, dict[str, str]]]) -> None:
    """rows: (solution_id, document_fields(...))."""
    values = []
    for sid, fields in rows:
        stemmed, prefix_words = index_texts(fields)
        values.append((sid, *(stemmed[f] for f in ("name", "summary", "features", "body")), prefix_words))
    cursor.executemany(DELETE_ROW, [(sid,) for sid, _ in rows])
    cursor.executemany(
        "INSERT INTO solutions_search (rowid, name, summary, features, body, words) "
        "VALUES (%s, %s, %s, %s, %s, %s)",
        values,
    )


def finish_rebuild(cursor) -> None:
    cursor.execute("INSERT INTO solutions_search(solutions_search) VALUES ('optimize')")
