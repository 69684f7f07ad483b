"""The shapes graph compiled into plain Python objects, with pySHACL's rules for what counts as a shape.

Only the SHACL Core features the DCAT-AP.de 3.0 profile uses are compiled: targets (class, subjects-of, plus node,
objects-of and implicit class targets), predicate/alternative/sequence paths, and the constraint components
class, datatype, nodeKind, minCount, maxCount, hasValue, pattern (+flags), not, property and closed=false.
Any other constraint parameter, path or datatype makes `compile_shapes` raise `ProfileError`, so a future profile
that needs more cannot be half-checked silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from . import datatypes, messages
from .graph import Graph
from .messages import Text
from .terms import RDF, RDF_FIRST, RDF_NIL, RDF_REST, RDF_TYPE, RDFS, SH, BNode, Lit, Term

SH_VIOLATION = SH + "Violation"
OWL_CLASS = "http://www.w3.org/2002/07/owl#Class"
RDFS_CLASS = RDFS + "Class"

COMPONENT = {name: f"{SH}{name[0].upper()}{name[1:]}ConstraintComponent" for name in (
    "class", "datatype", "nodeKind", "minCount", "maxCount", "hasValue", "pattern", "not", "property", "closed")}

# Every parameter pySHACL 0.40 treats as a constraint: those we do not evaluate must not appear.
_UNSUPPORTED_PARAMETERS = {SH + name for name in (
    "minExclusive", "minInclusive", "maxExclusive", "maxInclusive", "minLength", "maxLength", "languageIn",
    "uniqueLang", "equals", "disjoint", "lessThan", "lessThanOrEquals", "and", "or", "xone", "node",
    "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount", "in", "sparql", "expression", "js",
    "target", "rule")}
_NODE_KINDS = {SH + name for name in ("IRI", "BlankNode", "Literal", "BlankNodeOrIRI", "BlankNodeOrLiteral",
                                      "IRIOrLiteral")}


class ProfileError(Exception):
    """The shapes use a SHACL feature this engine does not evaluate (or are malformed)."""


# --- paths ----------------------------------------------------------------------------------------------------

# A path is a predicate IRI (str) or a tuple ("alternative" | "sequence", (path, ...)).
Path = str | tuple


def render_path(path: Path | None, top: bool = True) -> str:
    """A path as text: a predicate as its IRI, anything else in SPARQL property-path syntax."""
    if path is None:
        return ""
    if type(path) is str:
        return path if top else f"<{path}>"
    kind, parts = path
    joined = ("|" if kind == "alternative" else "/").join(render_path(p, top=False) for p in parts)
    return joined if top else f"({joined})"


def read_list(graph, head: Term) -> list[Term]:
    items: list[Term] = []
    seen: set[Term] = set()
    while head != RDF_NIL:
        if head in seen:
            raise ProfileError(f"cyclic RDF list at {head}")
        seen.add(head)
        first = list(graph.objects(head, RDF_FIRST))
        rest = list(graph.objects(head, RDF_REST))
        if len(first) != 1 or len(rest) != 1:
            raise ProfileError(f"malformed RDF list at {head}")
        items.append(first[0])
        head = rest[0]
    return items


def read_path(graph: Graph, node: Term) -> Path:
    if type(node) is str:
        return node
    if type(node) is not BNode:
        raise ProfileError(f"a literal is not a path: {node}")
    if graph.objects(node, RDF_FIRST):
        return ("sequence", tuple(read_path(graph, item) for item in read_list(graph, node)))
    alternatives = list(graph.objects(node, SH + "alternativePath"))
    if len(alternatives) == 1 and len(graph.out.get(node, {})) == 1:
        return ("alternative", tuple(read_path(graph, item) for item in read_list(graph, alternatives[0])))
    raise ProfileError(f"unsupported path {node}: {sorted(graph.out.get(node, {}))}")


# --- shapes -----------------------------------------------------------------------------------------------------

@dataclass(eq=False)
class Shape:
    node: Term
    path: Path | None = None
    deactivated: bool = False
    severity: str = SH_VIOLATION
    messages: tuple[Lit, ...] = ()
    target_classes: tuple[Term, ...] = ()
    target_nodes: tuple[Term, ...] = ()
    target_subjects_of: tuple[str, ...] = ()
    target_objects_of: tuple[str, ...] = ()
    min_count: int | None = None
    max_count: int | None = None
    classes: tuple[Term, ...] = ()
    datatype: str | None = None
    node_kind: str | None = None
    has_values: tuple[Term, ...] = ()
    patterns: tuple[tuple[re.Pattern, str], ...] = ()
    nots: tuple[Shape, ...] = ()
    properties: tuple[Shape, ...] = ()
    _defaults: dict = field(default_factory=dict, repr=False)

    @property
    def has_targets(self) -> bool:
        return bool(self.target_classes or self.target_nodes or self.target_subjects_of or self.target_objects_of)

    @cached_property
    def path_text(self) -> str:
        return render_path(self.path)

    @cached_property
    def own_message(self) -> Text | None:
        """The shape's sh:message: German preferred (then untagged, then any), English (then untagged, then German)."""
        if not self.messages:
            return None

        def pick(*languages: str) -> str | None:
            for language in languages:
                for message in sorted(self.messages):
                    if message.language.lower().split("-")[0] == language:
                        return message.lexical
            return None

        german = pick("de", "") or sorted(self.messages)[0].lexical
        english = pick("en", "") or german
        return Text(english, german)

    def message(self, component: str, parameter: object = None) -> Text:
        if self.own_message is not None:
            return self.own_message
        key = (component, str(parameter))
        text = self._defaults.get(key)
        if text is None:
            name = component.removeprefix(SH).removesuffix("ConstraintComponent")
            text = messages.default_message(component, self.path_text or None,
                                            {name[0].lower() + name[1:]: parameter})
            self._defaults[key] = text
        return text


@dataclass
class CompiledShapes:
    shapes: dict[Term, Shape]
    targeted: list[Shape]  # shapes with targets that are not deactivated, in a stable order
    subject_predicates: frozenset[str]  # predicates of sh:targetSubjectsOf, to be indexed in the data


def _one(graph: Graph, node: Term, predicate: str) -> Term | None:
    values = list(graph.objects(node, predicate))
    if len(values) > 1:
        raise ProfileError(f"{node} has {len(values)} values for {predicate}")
    return values[0] if values else None


def _integer(value: Term | None, node: Term, name: str) -> int | None:
    if value is None:
        return None
    if type(value) is not Lit:
        raise ProfileError(f"{node}: sh:{name} must be a literal")
    try:
        return int(value.lexical)
    except ValueError as exc:
        raise ProfileError(f"{node}: sh:{name} {value.lexical!r} is not an integer") from exc


def _find_shape_nodes(graph: Graph) -> dict[Term, Term | None]:
    """Shape node → its sh:path node (None for a node shape), found the way pySHACL's ShapesGraph finds them."""
    def subjects(predicate: str) -> set[Term]:
        return {s for s, predicates in graph.out.items() if predicate in predicates}

    def objects(predicate: str) -> set[Term]:
        return {o for predicates in graph.out.values() for o in predicates.get(predicate, ())}

    candidates = set(graph.instances.get(SH + "NodeShape", ())) | set(graph.instances.get(SH + "PropertyShape", ()))
    for predicate in ("targetClass", "targetNode", "targetObjectsOf", "targetSubjectsOf", "property", "node"):
        candidates |= subjects(SH + predicate)
    for predicate in ("property", "node", "not", "qualifiedValueShape"):
        candidates |= objects(SH + predicate)
    for predicate in ("and", "or", "xone"):
        for head in objects(SH + predicate):
            candidates |= set(read_list(graph, head))
    found: dict[Term, Term | None] = {}
    for node in candidates:
        paths = list(graph.objects(node, SH + "path"))
        if len(paths) > 1:
            raise ProfileError(f"shape {node} has more than one sh:path")
        if paths and node in graph.instances.get(SH + "NodeShape", ()):
            raise ProfileError(f"node shape {node} has a sh:path")
        found[node] = paths[0] if paths else None
    return found


def compile_shapes(graph: Graph) -> CompiledShapes:
    shape_nodes = _find_shape_nodes(graph)
    shapes = {node: Shape(node) for node in shape_nodes}
    class_types = {RDFS_CLASS, OWL_CLASS} | {s for s, o in graph.subclass_edges if o == RDFS_CLASS}
    for node, path_node in shape_nodes.items():
        shape = shapes[node]
        predicates = graph.out.get(node, {})
        unsupported = sorted(_UNSUPPORTED_PARAMETERS & predicates.keys())
        if unsupported:
            raise ProfileError(f"shape {node} uses unsupported parameters {unsupported}")
        if path_node is not None:
            shape.path = read_path(graph, path_node)
        deactivated = _one(graph, node, SH + "deactivated")
        shape.deactivated = type(deactivated) is Lit and deactivated.lexical.strip().lower() in ("true", "1")
        severity = _one(graph, node, SH + "severity")
        shape.severity = severity if severity is not None else SH_VIOLATION
        shape.messages = tuple(m for m in graph.objects(node, SH + "message") if type(m) is Lit)
        implicit = [node] if class_types & set(graph.objects(node, RDF_TYPE)) else []
        shape.target_classes = (*graph.objects(node, SH + "targetClass"), *implicit)
        shape.target_nodes = tuple(graph.objects(node, SH + "targetNode"))
        shape.target_subjects_of = tuple(graph.objects(node, SH + "targetSubjectsOf"))
        shape.target_objects_of = tuple(graph.objects(node, SH + "targetObjectsOf"))
        shape.min_count = _integer(_one(graph, node, SH + "minCount"), node, "minCount")
        shape.max_count = _integer(_one(graph, node, SH + "maxCount"), node, "maxCount")
        shape.classes = tuple(graph.objects(node, SH + "class"))
        shape.datatype = _one(graph, node, SH + "datatype")
        if shape.datatype is not None and shape.datatype not in datatypes.SUPPORTED \
                and shape.datatype not in (RDF + "langString", datatypes.RDFS_LITERAL):
            raise ProfileError(f"shape {node}: sh:datatype {shape.datatype} is not supported")
        shape.node_kind = _one(graph, node, SH + "nodeKind")
        if shape.node_kind is not None and shape.node_kind not in _NODE_KINDS:
            raise ProfileError(f"shape {node}: unknown sh:nodeKind {shape.node_kind}")
        shape.has_values = tuple(graph.objects(node, SH + "hasValue"))
        shape.patterns = _patterns(graph, node)
        closed = _one(graph, node, SH + "closed")
        if closed is not None and not (type(closed) is Lit and closed.lexical.strip().lower() in ("false", "0")):
            raise ProfileError(f"shape {node}: sh:closed true is not supported")
    for node, shape in shapes.items():
        shape.nots = tuple(shapes[n] for n in graph.objects(node, SH + "not"))
        shape.properties = tuple(shapes[n] for n in graph.objects(node, SH + "property"))
        if shape.path is None and shape.properties and any(p.path is None for p in shape.properties):
            raise ProfileError(f"shape {node}: sh:property must point to property shapes")
    targeted = sorted((s for s in shapes.values() if s.has_targets and not s.deactivated), key=lambda s: str(s.node))
    subject_predicates = frozenset(p for s in targeted for p in s.target_subjects_of)
    return CompiledShapes(shapes, targeted, subject_predicates)


def _patterns(graph: Graph, node: Term) -> tuple[tuple[re.Pattern, str], ...]:
    found = list(graph.objects(node, SH + "pattern"))
    if not found:
        return ()
    flags = 0
    flag_values = list(graph.objects(node, SH + "flags"))
    if flag_values:  # pySHACL reads the first sh:flags and knows "i" and "m"
        text = str(flag_values[0].lexical if type(flag_values[0]) is Lit else flag_values[0]).lower()
        flags = (re.IGNORECASE if "i" in text else 0) | (re.MULTILINE if "m" in text else 0)
    compiled = []
    for pattern in found:
        source = pattern.lexical if type(pattern) is Lit else str(pattern)
        try:
            compiled.append((re.compile(source, flags), source))
        except re.error as exc:
            raise ProfileError(f"shape {node}: invalid sh:pattern {source!r}: {exc}") from exc
    return tuple(compiled)


def load_shapes_graph(files) -> Graph:
    import pyoxigraph as ox

    graph = Graph()
    for path in files:
        with open(path, "rb") as handle:
            graph.add_all(ox.parse(handle.read(), format=ox.RdfFormat.TURTLE, base_iri=f"file:///{path.name}"),
                          blank_prefix="s")
    return graph

