"""An in-memory triple index built straight from pyoxigraph's parser, and a read-only union of two of them.

Validation reads a graph in only a few ways — the objects of (subject, predicate), the instances of a class,
the subjects of a predicate, rdfs:subClassOf chains — so a dict of dicts answers each of them with one or two
lookups. The vocabularies are indexed once per process; `MergedGraph` lays a data graph over them without copying,
which is exactly pySHACL's "vocabularies merged into the data graph".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from .terms import RDF_TYPE, RDFS_SUBCLASSOF, BNode, Lit, Term

_NAMED, _BLANK = ox.NamedNode, ox.BlankNode
# Objects of one (subject, predicate): a dict used as an insertion-ordered set (a parser may repeat a triple).
Objects = dict


class Graph:
    """Triples indexed by subject → predicate → objects, plus rdf:type, rdfs:subClassOf and chosen predicates."""

    def __init__(self, indexed_predicates: Iterable[str] = ()) -> None:
        self.out: dict[Term, dict[str, Objects]] = {}
        self.instances: dict[Term, Objects] = {}  # class → its direct instances
        self.subclass_edges: list[tuple[Term, Term]] = []
        self.by_predicate: dict[str, Objects] = {p: {} for p in indexed_predicates}  # predicate → subjects
        self.incoming: dict[Term, dict[Term, None]] | None = None  # built on demand (see `subjects_pointing_to`)
        self.triples = 0
        self._blank: dict[str, BNode] = {}

    # --- building -------------------------------------------------------------------------------------------

    def add_all(self, quads: Iterator, blank_prefix: str = "b", check_every: int = 0, check=None) -> None:
        """Index every quad's triple (named graphs are flattened). `check(count)` runs every `check_every` triples."""
        out, by_predicate, instances = self.out, self.by_predicate, self.instances
        blank, named = self._blank, _NAMED
        count = 0

        def convert(term) -> Term:
            kind = type(term)
            if kind is named:
                return term.value
            if kind is _BLANK:
                label = blank.get(term.value)
                if label is None:
                    label = blank[term.value] = BNode(f"_:{blank_prefix}{len(blank) + 1}")
                return label
            return Lit(term.value, term.datatype.value, term.language or "")

        for quad in quads:
            subject = quad.subject
            s = subject.value if type(subject) is named else convert(subject)
            p = quad.predicate.value
            obj = quad.object
            o = obj.value if type(obj) is named else convert(obj)
            predicates = out.get(s)
            if predicates is None:
                out[s] = {p: {o: None}}
            else:
                objects = predicates.get(p)
                if objects is None:
                    predicates[p] = {o: None}
                elif o in objects:
                    continue  # a repeated triple
                else:
                    objects[o] = None
            count += 1
            if p == RDF_TYPE:
                members = instances.get(o)
                if members is None:
                    instances[o] = {s: None}
                else:
                    members[s] = None
            elif p == RDFS_SUBCLASSOF:
                self.subclass_edges.append((s, o))
            subjects = by_predicate.get(p)
            if subjects is not None:
                subjects[s] = None
            if check_every and count % check_every == 0:
                check(count)
        self.triples += count

    # --- reading --------------------------------------------------------------------------------------------

    def objects(self, subject: Term, predicate: str) -> Objects:
        predicates = self.out.get(subject)
        if predicates is None:
            return {}
        return predicates.get(predicate) or {}

    def subjects_pointing_to(self, node: Term) -> dict[Term, None]:
        """Subjects of triples whose object is `node` (the reverse index is built on first use)."""
        if self.incoming is None:
            incoming: dict[Term, dict[Term, None]] = {}
            for subject, predicates in self.out.items():
                for objects in predicates.values():
                    for o in objects:
                        if type(o) is not Lit:
                            incoming.setdefault(o, {})[subject] = None
            self.incoming = incoming
        return self.incoming.get(node, {})

    def iris(self) -> Iterator[str]:
        """Every IRI in subject or object position (predicates are IRIs by construction of the parsers)."""
        for subject, predicates in self.out.items():
            if type(subject) is str:
                yield subject
            for objects in predicates.values():
                for o in objects:
                    if type(o) is str:
                        yield o


class MergedGraph:
    """The data graph merged with the vocabulary graph, read-only. Answers the same questions as `Graph`."""

    def __init__(self, data: Graph, vocabulary: Graph) -> None:
        self.data, self.vocabulary = data, vocabulary
        vocabulary_out = vocabulary.out
        # Subjects described in both graphs get one merged predicate map; everything else is read in place.
        merged: dict[Term, dict[str, Objects]] = {}
        for subject in data.out.keys() & vocabulary_out.keys():
            both = {p: dict(objects) for p, objects in vocabulary_out[subject].items()}
            for p, objects in data.out[subject].items():
                both.setdefault(p, {}).update(objects)
            merged[subject] = both
        self._merged = merged
        self._subclasses: dict[Term, list[Term]] | None = None
        self._superclasses: dict[Term, frozenset[Term]] = {}
        self._parents: dict[Term, list[Term]] | None = None

    def predicates(self, subject: Term) -> dict[str, Objects] | None:
        found = self._merged.get(subject)
        if found is not None:
            return found
        found = self.data.out.get(subject)
        if found is not None:
            return found
        return self.vocabulary.out.get(subject)

    def objects(self, subject: Term, predicate: str) -> Objects:
        predicates = self.predicates(subject)
        if predicates is None:
            return {}
        return predicates.get(predicate) or {}

    def instances(self, cls: Term) -> Objects:
        direct = self.data.instances.get(cls)
        shared = self.vocabulary.instances.get(cls)
        if direct is None:
            return shared or {}
        if shared is None:
            return direct
        return {**direct, **shared}

    def subjects_of(self, predicate: str) -> Objects:
        return {**self.data.by_predicate.get(predicate, {}), **self.vocabulary.by_predicate.get(predicate, {})}

    def objects_of(self, predicate: str) -> Objects:
        found: Objects = {}
        for graph in (self.data, self.vocabulary):
            for predicates in graph.out.values():
                found.update(predicates.get(predicate) or {})
        return found

    # rdfs:subClassOf, transitively, over both graphs (the data may add axioms: one catalogue ships the DCAT ontology).

    def _edges(self) -> tuple[dict[Term, list[Term]], dict[Term, list[Term]]]:
        if self._parents is None:
            parents: dict[Term, list[Term]] = {}
            children: dict[Term, list[Term]] = {}
            for child, parent in (*self.vocabulary.subclass_edges, *self.data.subclass_edges):
                parents.setdefault(child, []).append(parent)
                children.setdefault(parent, []).append(child)
            self._parents, self._subclasses = parents, children
        return self._parents, self._subclasses  # type: ignore[return-value]

    def superclasses(self, cls: Term) -> frozenset[Term]:
        """`cls` and every class it is an rdfs:subClassOf*, cycles tolerated."""
        found = self._superclasses.get(cls)
        if found is None:
            found = frozenset(_reachable(cls, self._edges()[0]))
            self._superclasses[cls] = found
        return found

    def subclasses(self, cls: Term) -> set[Term]:
        """`cls` and every class that is an rdfs:subClassOf* it."""
        return _reachable(cls, self._edges()[1])


def _reachable(start: Term, edges: dict[Term, list[Term]]) -> set[Term]:
    seen = {start}
    todo = [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen
