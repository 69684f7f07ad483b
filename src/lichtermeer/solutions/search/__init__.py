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

Modules:
- text: words, German stemming, folding; the searchable text of a solution
- query: cleaning and parsing what people type into terms
- sqlite, postgres: the two text engines (index rows, match and rank); backends picks one per connection
- index: index_solution, remove_solution, rebuild_index and the change log they write
- signals: keeps the index in step with deletions and organisation renames
- snapshot: the per-process facet/status bitmaps and sort orders, patched from the change log
- results: search() and facet_values(), which combine text matches with the snapshot
"""

from .index import index_solution, rebuild_index, remove_solution
from .query import MAX_QUERY_CHARS, MAX_TERMS, MIN_PREFIX_CHARS, Term, clean_query, parse_query
from .results import MAX_FILTER_VALUES, MAX_PER_PAGE, SORTS, SearchResult, clean_filters, facet_values, search
from .signals import connect_signals
from .text import document_fields, fold, index_texts, umlauts, words

__all__ = [
    "MAX_FILTER_VALUES",
    "MAX_PER_PAGE",
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "MIN_PREFIX_CHARS",
    "SORTS",
    "SearchResult",
    "Term",
    "clean_filters",
    "clean_query",
    "connect_signals",
    "document_fields",
    "facet_values",
    "fold",
    "index_solution",
    "index_texts",
    "parse_query",
    "rebuild_index",
    "remove_solution",
    "search",
    "umlauts",
    "words",
]
