"""One page of search results: text matches from the connection's engine, combined with the facet
snapshot for filters, facet counts, the public restriction and sorting."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.db import connection

from ..facets import FACETS
from ..models import Solution
from . import sqlite
from .backends import for_vendor
from .query import Term, clean_query, parse_query
from .snapshot import Members, Snapshot, bitmap_of
from .snapshot import load as load_snapshot

MAX_PER_PAGE = 100
MAX_FILTER_VALUES = 20
SORTS = ("relevance", "name", "newest", "updated", "release")


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


def _facet_counts(snapshot: Snapshot, base: int, selected: dict[str, int]) -> dict[str, list]:
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


def _page(snapshot: Snapshot, result_set: int, terms: list[Term], matched: list[int] | None, ranked: bool,
          sort: str, offset: int, limit: int) -> list[int]:
    """Solution ids of one page; `matched`: dense positions of text matches, if any (best first if `ranked`)."""
    members = Members(result_set)
    if sort == "relevance" and matched is not None:
        if ranked:
            candidates = matched
        else:
            # Only SQLite leaves ranking to the page (PostgreSQL ranks while matching).
            ids = sqlite.ranked_candidates(terms, len(matched))
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
    only_ids: set[int] | frozenset[int] | None = None,
) -> SearchResult:
    """One page of solutions with facet counts. Never raises on user input: everything is cleaned or capped.

    filters: facet -> values, AND across facets, OR within one. sort: relevance (by name without words),
    name, newest, updated, release. public_only: listing statuses in Solution.PUBLIC_STATUSES only.
    only_ids: if given, only these solutions (e.g. those compatible with a municipality's inventory); the facet
    counts are counted within them too.
    """
    terms = parse_query(query)  # the raw text: a trailing space tells that the last word is finished
    query = clean_query(query)
    filters = clean_filters(filters)
    sort = sort if sort in SORTS else "relevance"
    per_page = min(max(_int(per_page, 20), 1), MAX_PER_PAGE)
    snapshot = load_snapshot()

    base = snapshot.universe(public_only)
    if only_ids is not None:
        base &= snapshot.bitmap(only_ids)
    matched, ranked = None, False
    if terms:
        ids, keep, ranked = for_vendor(connection.vendor).text_matches(terms, ranked=sort == "relevance")
        dense = snapshot.to_dense(ids)
        if keep:
            base &= bitmap_of(dense, snapshot.size)
            matched = dense
        else:
            base &= ~bitmap_of(dense, snapshot.size)
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
    return sorted(value for value, bits in load_snapshot().postings.get(facet, {}).items() if bits)


def _union(bitmaps) -> int:
    result = 0
    for bits in bitmaps:
        result |= bits
    return result
