"""The SHACL evaluation: compiled shapes over (data graph ∪ vocabularies), with pySHACL 0.40's semantics.

What pySHACL does, and so do we (checked result for result against it, see tests/engines_dcat/):
* every shape with targets that is not sh:deactivated is validated on its focus nodes; sh:targetClass also takes
  instances of rdfs:subClassOf* subclasses, read from the data graph (the merged vocabularies bring foaf, org,
  vcard axioms: an org:Organization is a foaf:Agent);
* a property shape reached by sh:property is validated once per value node of its parent (a deactivated one is
  skipped); value nodes are distinct, so counts ignore repeated triples;
* sh:class accepts a value whose rdf:type is the class or an rdfs:subClassOf* subclass; literals never pass;
* sh:hasValue gives one result per focus node without the value (no sh:value), sh:min/maxCount one per focus node;
  class, datatype, nodeKind, pattern and not give one result per failing value node (with sh:value);
* sh:pattern fails on blank nodes and searches (re.search) the IRI or the literal's lexical form;
* sh:not fails when the value conforms to the inner shape (a deactivated inner shape counts as conforming).

Speed: each shape is compiled once into a `Plan` — a list of small test functions for exactly the constraints it
has, and its property shapes split into plain predicates (one dict lookup on the focus node's predicate map) and
other paths. Shapes whose tests cannot fail on zero values are skipped when a focus node has no value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .datatypes import matches as datatype_matches
from .graph import Graph, MergedGraph
from .shapes import COMPONENT, CompiledShapes, Path, Shape
from .terms import RDF_TYPE, SH, BNode, Lit, Term

_MIN, _MAX, _CLASS = COMPONENT["minCount"], COMPONENT["maxCount"], COMPONENT["class"]
_DATATYPE, _NODE_KIND, _HAS_VALUE = COMPONENT["datatype"], COMPONENT["nodeKind"], COMPONENT["hasValue"]
_PATTERN, _NOT = COMPONENT["pattern"], COMPONENT["not"]
_EMPTY: dict = {}

_KIND_TESTS = {
    SH + "IRI": lambda v: type(v) is str,
    SH + "BlankNode": lambda v: type(v) is BNode,
    SH + "Literal": lambda v: type(v) is Lit,
    SH + "BlankNodeOrIRI": lambda v: type(v) is not Lit,
    SH + "BlankNodeOrLiteral": lambda v: type(v) is not str,
    SH + "IRIOrLiteral": lambda v: type(v) is not BNode,
}

# A test appends raw results (shape, focus, component, value, parameter) to `out`.
Test = Callable[["Evaluation", Term, dict, list], None]


class Plan:
    """One shape, ready to run."""

    __slots__ = ("shape", "tests", "skip_without_values", "simple_children", "other_children")

    def __init__(self, shape: Shape) -> None:
        self.shape = shape
        self.tests: list[Test] = _tests(shape)
        # Only sh:minCount and sh:hasValue can fail when there is no value node at all.
        self.skip_without_values = not (shape.min_count or shape.has_values)
        self.simple_children: list[tuple[Plan, str]] = []
        self.other_children: list[Plan] = []


def plans(shapes: CompiledShapes) -> dict[int, Plan]:
    """Plans for every shape, built once per compiled profile and kept on it."""
    built = getattr(shapes, "_plans", None)
    if built is None:
        built = {id(shape): Plan(shape) for shape in shapes.shapes.values()}
        for plan in built.values():
            for child in plan.shape.properties:
                if child.deactivated:
                    continue
                if type(child.path) is str:
                    plan.simple_children.append((built[id(child)], child.path))
                else:
                    plan.other_children.append(built[id(child)])
        shapes._plans = built  # type: ignore[attr-defined]
    return built


def _tests(shape: Shape) -> list[Test]:
    tests: list[Test] = []
    if shape.min_count:
        n_min = shape.min_count

        def min_count(ev, focus, values, out):
            if len(values) < n_min:
                out.append((shape, focus, _MIN, None, n_min))
        tests.append(min_count)
    if shape.max_count is not None:
        n_max = shape.max_count

        def max_count(ev, focus, values, out):
            if len(values) > n_max:
                out.append((shape, focus, _MAX, None, n_max))
        tests.append(max_count)
    for cls in shape.classes:
        def class_(ev, focus, values, out, cls=cls):
            classes_of = ev.classes_of
            for value in values:
                if type(value) is Lit or cls not in classes_of(value):
                    out.append((shape, focus, _CLASS, value, cls))
        tests.append(class_)
    if shape.datatype is not None:
        datatype = shape.datatype

        def datatype_(ev, focus, values, out):
            for value in values:
                if not datatype_matches(value, datatype):
                    out.append((shape, focus, _DATATYPE, value, datatype))
        tests.append(datatype_)
    if shape.node_kind is not None:
        node_kind, kind_test = shape.node_kind, _KIND_TESTS[shape.node_kind]

        def node_kind_(ev, focus, values, out):
            for value in values:
                if not kind_test(value):
                    out.append((shape, focus, _NODE_KIND, value, node_kind))
        tests.append(node_kind_)
    for wanted in shape.has_values:
        def has_value(ev, focus, values, out, wanted=wanted):
            if wanted not in values:
                out.append((shape, focus, _HAS_VALUE, None, wanted))
        tests.append(has_value)
    for regex, source in shape.patterns:
        def pattern(ev, focus, values, out, search=regex.search, source=source):
            for value in values:
                kind = type(value)
                if kind is BNode or not search(value.lexical if kind is Lit else value):
                    out.append((shape, focus, _PATTERN, value, source))
        tests.append(pattern)
    for inner in shape.nots:
        def not_(ev, focus, values, out, inner=inner):
            for value in values:
                if ev.conforms(inner, value):
                    out.append((shape, focus, _NOT, value, inner.node))
        tests.append(not_)
    return tests


class Evaluation:
    def __init__(self, shapes: CompiledShapes, data: Graph, vocabulary: Graph) -> None:
        self.shapes = shapes
        self.plans = plans(shapes)
        self.union = MergedGraph(data, vocabulary)
        self._classes: dict[Term, frozenset] = {}

    def run(self) -> list[tuple]:
        """Raw results (shape, focus, component, value, parameter, origin), made `model.Result`s by the caller.

        `origin` is the focus node of the targeted shape the evaluation started from: for results of nested
        property shapes (a shared skos:Concept checked below two distributions) it tells which parent they
        belong to, which pySHACL's report does not say.
        """
        found: list[tuple] = []
        for shape in self.shapes.targeted:
            plan = self.plans[id(shape)]
            for focus in self.focus_nodes(shape):
                start = len(found)
                values = {focus: None} if shape.path is None else self.values(focus, shape.path)
                self.apply(plan, focus, values, found)
                for index in range(start, len(found)):
                    found[index] += (focus,)
        return found

    # --- targets, paths, classes ----------------------------------------------------------------------------

    def focus_nodes(self, shape: Shape) -> dict[Term, None]:
        union = self.union
        found: dict[Term, None] = dict.fromkeys(shape.target_nodes)
        for cls in shape.target_classes:
            for subclass in sorted(union.subclasses(cls), key=str):
                found.update(union.instances(subclass))
        for predicate in shape.target_subjects_of:
            found.update(union.subjects_of(predicate))
        for predicate in shape.target_objects_of:
            found.update(union.objects_of(predicate))
        return found

    def values(self, focus: Term, path: Path) -> dict:
        if type(path) is str:
            return self.union.objects(focus, path)
        kind, parts = path
        if kind == "alternative":
            merged: dict = {}
            for part in parts:
                merged.update(self.values(focus, part))
            return merged
        current: dict = {focus: None}
        for part in parts:  # a sequence path
            step: dict = {}
            for node in current:
                step.update(self.values(node, part))
            current = step
        return current

    def classes_of(self, node: Term) -> frozenset:
        """Every class `node` is an instance of: its rdf:types and their rdfs:subClassOf* superclasses."""
        known = self._classes.get(node)
        if known is None:
            superclasses = self.union.superclasses
            found: set = set()
            for cls in self.union.objects(node, RDF_TYPE):
                found |= superclasses(cls)
            known = self._classes[node] = frozenset(found)
        return known

    # --- shapes ---------------------------------------------------------------------------------------------

    def check(self, plan: Plan, focus_nodes: Iterable[Term], out: list) -> None:
        path = plan.shape.path
        if path is None:
            for focus in focus_nodes:
                self.apply(plan, focus, {focus: None}, out)
        else:
            for focus in focus_nodes:
                self.apply(plan, focus, self.values(focus, path), out)

    def apply(self, plan: Plan, focus: Term, values: dict, out: list) -> None:
        """Run the plan's tests on the value nodes, then its property shapes on each value node."""
        if not values and plan.skip_without_values:
            return
        for test in plan.tests:
            test(self, focus, values, out)
        if not values:
            return
        if plan.simple_children:
            predicates_of = self.union.predicates
            for node in values:
                predicates = predicates_of(node) or _EMPTY
                for child, predicate in plan.simple_children:
                    child_values = predicates.get(predicate) or _EMPTY
                    if child_values or not child.skip_without_values:
                        self.apply(child, node, child_values, out)
        for child in plan.other_children:
            for node in values:
                self.apply(child, node, self.values(node, child.shape.path), out)

    def conforms(self, shape: Shape, node: Term) -> bool:
        if shape.deactivated:
            return True
        found: list = []
        self.check(self.plans[id(shape)], (node,), found)
        return not found
