"""Which dataset or distribution a result belongs to: walk incoming links from the focus node in the data graph.

The focus node itself counts when it is typed as a DCAT resource; otherwise the nearest typed nodes that link to
it (a blank publisher → its dataset, a checksum → its distribution). A node shared by several resources (one
publisher IRI for a whole catalogue) belongs to all nearest ones; they are ordered Distribution, Dataset,
DataService, DatasetSeries, CatalogRecord, Catalog, then by node.
"""

from __future__ import annotations

from typing import NamedTuple

from .graph import Graph
from .terms import DCAT, RDF_TYPE, Lit, Term

KINDS = ("Distribution", "Dataset", "DataService", "DatasetSeries", "CatalogRecord", "Catalog")
_RANK = {DCAT + kind: rank for rank, kind in enumerate(KINDS)}
MAX_HOPS = 6


class Owner(NamedTuple):
    kind: str  # "Dataset", "Distribution", ...
    node: Term


def _kind(graph: Graph, node: Term) -> int | None:
    ranks = [_RANK[t] for t in graph.objects(node, RDF_TYPE) if t in _RANK]
    return min(ranks) if ranks else None


def owners(graph: Graph, focus: Term) -> tuple[Owner, ...]:
    if type(focus) is Lit:
        return ()
    frontier = [focus]
    seen = {focus}
    for _hop in range(MAX_HOPS + 1):
        found = [(rank, node) for node in frontier if (rank := _kind(graph, node)) is not None]
        if found:
            found.sort(key=lambda pair: (pair[0], str(pair[1])))
            return tuple(Owner(KINDS[rank], node) for rank, node in found)
        step = []
        for node in frontier:
            for subject in graph.subjects_pointing_to(node):
                if subject not in seen:
                    seen.add(subject)
                    step.append(subject)
        if not step:
            return ()
        frontier = step
    return ()
