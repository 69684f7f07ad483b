"""The PostgreSQL engine: the table `solutions_search` (solution_id, document tsvector 'german' weighted A–D,
words tsvector 'simple' for type-ahead), GIN-indexed; websearch_to_tsquery('german', …), ranked with
ts_rank_cd in the same query that matches."""

from __future__ import annotations

from django.db import connection

from .query import Term
from .text import fold, index_texts, umlauts

DELETE_ROW = "DELETE FROM solutions_search WHERE solution_id = %s"
_UPSERT = """
    INSERT INTO solutions_search (solution_id, document, words) VALUES (
        %s,
        setweight(to_tsvector('german', %s), 'A') || setweight(to_tsvector('german', %s), 'B')
        || setweight(to_tsvector('german', %s), 'C') || setweight(to_tsvector('german', %s), 'D'),
        to_tsvector('simple', %s))
    ON CONFLICT (solution_id) DO UPDATE SET document = EXCLUDED.document, words = EXCLUDED.words
"""


# --- matching and ranking -----------------------------------------------------------------------------------


def websearch_text(terms: list[Term], *, negated_as_positive: bool = False) -> str:
    """Terms in websearch_to_tsquery syntax, each quoted so that a word like "or" stays a word."""
    if negated_as_positive:
        return " or ".join('"' + umlauts(" ".join(t.words)) + '"' for t in terms if t.negated)
    return " ".join(
        ("-" if t.negated else "") + '"' + umlauts(" ".join(t.words)) + '"' for t in terms if not t.prefix
    )


def _match(terms: list[Term], ranked: bool) -> tuple[str, list, bool]:
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


def text_matches(terms: list[Term], ranked: bool) -> tuple[list[int], bool, bool]:
    """Ids whose text matches, whether they are to be kept (True) or dropped, and whether they are ranked
    (best first): asked for, that costs one scan instead of two."""
    ranked = ranked and not all(t.negated for t in terms)
    sql, params, keep = _match(terms, ranked=ranked)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()], keep, ranked


# --- indexing -----------------------------------------------------------------------------------------------


def write_rows(cursor, rows: list[tuple[int, dict[str, str]]]) -> None:
    """rows: (solution_id, document_fields(...))."""
    values = []
    for sid, fields in rows:
        _, prefix_words = index_texts(fields, stem=False)
        texts = (umlauts(fields[f]) for f in ("name", "summary", "features", "body"))
        values.append((sid, *texts, prefix_words))
    cursor.executemany(_UPSERT, values)


def finish_rebuild(cursor) -> None:
    cursor.execute("ANALYZE solutions_search")
