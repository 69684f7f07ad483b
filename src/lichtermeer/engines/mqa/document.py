"""The RDF a score is computed on: parsed once with the DCAT engine's safe reader, validated at most once.

`load()` accepts RDF bytes (with a file name that tells the syntax, else it is sniffed), a path, a
`(name, bytes)` pair, a `pyoxigraph.Store`, or a `Graph` the DCAT engine already parsed. Broken input raises
`InputError` whose `.text` names the file, line and column (the DCAT engine's message); nothing is scored from it.

The DCAT-AP.de 3.0 profile for indicator I6 is loaded before parsing, because the validator needs some predicates
indexed while the graph is built. If it cannot be loaded, I6 is reported "not checked" instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from lichtermeer.engines.dcat.graph import Graph
from lichtermeer.engines.dcat.model import FileReport, Result
from lichtermeer.engines.dcat.parse import Parsed, parse_bytes, parse_file
from lichtermeer.engines.dcat.shapes import SH_VIOLATION
from lichtermeer.engines.dcat.terms import DCAT, BNode, Lit, Term
from lichtermeer.engines.dcat.validate import Profile, load_profile, validate_parsed

from . import messages
from .messages import Text

DATASET = DCAT + "Dataset"
DISTRIBUTION_LINK = DCAT + "distribution"


class InputError(Exception):
    """The input cannot be scored; `.text` says why in English and German."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


@dataclass
class Compliance:
    """Indicator I6's evidence: SHACL violations per dataset node, or why validation did not run."""

    checked: bool
    by_dataset: dict[Term, list[Result]] = field(default_factory=dict)
    reason: Text | None = None


@dataclass
class Document:
    name: str
    graph: Graph
    warnings: list[Text] = field(default_factory=list)
    profile: Profile | None = None
    profile_problem: Text | None = None  # why there is no profile (switched off, or failed to load)
    blank_labels: dict[str, str] = field(default_factory=dict)  # pyoxigraph blank node id -> our label
    _compliance: Compliance | None = field(default=None, repr=False)

    def datasets(self) -> list[Term]:
        """Every node typed dcat:Dataset, in a stable order."""
        return sorted(self.graph.instances.get(DATASET, {}), key=str)

    def resolve(self, dataset: str | ox.NamedNode | ox.BlankNode) -> Term:
        """Our graph's term for a dataset given as an IRI, a `_:b<n>` label or a pyoxigraph node."""
        if isinstance(dataset, ox.NamedNode):
            node: Term = dataset.value
        elif isinstance(dataset, ox.BlankNode):
            label = self.blank_labels.get(dataset.value)
            node = BNode(label) if label else BNode("_:" + dataset.value)
        elif isinstance(dataset, str) and dataset.startswith("_:"):
            node = BNode(dataset)
        else:
            node = str(dataset)
        if node not in self.graph.out:
            raise InputError(messages.dataset_not_found(self.name, str(node)))
        return node

    def values(self, node: Term, predicate: str) -> list[Term]:
        return list(self.graph.objects(node, predicate))

    def distributions(self, dataset: Term) -> list[Term]:
        return sorted((d for d in self.graph.objects(dataset, DISTRIBUTION_LINK) if type(d) is not Lit), key=str)

    def datasets_of_distribution(self, distribution: Term) -> list[Term]:
        return [s for s in self.graph.subjects_pointing_to(distribution)
                if distribution in self.graph.objects(s, DISTRIBUTION_LINK)]

    def compliance(self) -> Compliance:
        """Validate the whole file once; violations are attributed to the datasets they belong to."""
        if self._compliance is None:
            self._compliance = self._validate()
        return self._compliance

    def _validate(self) -> Compliance:
        if self.profile is None:
            return Compliance(False, reason=self.profile_problem)
        return self._compliance_from(validate_parsed(Parsed(self.name, graph=self.graph), self.profile))

    def _compliance_from(self, report: FileReport) -> Compliance:
        by_dataset: dict[Term, list[Result]] = {}
        owners_of: dict[Term, tuple] = {}
        for result in report.results:
            if result.severity != SH_VIOLATION:  # MQA: "validates … without violations"; warnings do not count
                continue
            start = result.origin if result.origin is not None else result.focus
            if start not in owners_of:
                owners_of[start] = report.locate(start)
            datasets: set[Term] = set()
            for owner in owners_of[start]:  # a node shared by several resources counts for each of them
                if owner.kind == "Dataset":
                    datasets.add(owner.node)
                elif owner.kind == "Distribution":
                    datasets.update(self.datasets_of_distribution(owner.node))
            for dataset in datasets:
                by_dataset.setdefault(dataset, []).append(result)
        return Compliance(True, by_dataset)


def from_report(report: FileReport) -> Document:
    """A Document for a file the caller has already validated with the DCAT-AP.de profile: its graph and results
    are used as they are, so the file is neither parsed nor validated a second time."""
    if report.graph is None:
        raise InputError(report.error or messages.no_datasets(report.name))
    document = Document(report.name, report.graph, list(report.warnings), load_profile())
    document._compliance = document._compliance_from(report)
    return document


def _profile(compliance: bool) -> tuple[Profile | None, Text | None]:
    if not compliance:
        return None, messages.compliance_not_requested()
    try:
        return load_profile(), None
    except Exception as exc:  # noqa: BLE001 - a missing or broken profile must not stop scoring: I6 is "not checked"
        return None, messages.compliance_unavailable(str(exc) or type(exc).__name__)


def _index(graph: Graph, predicates: frozenset[str]) -> None:
    """Add the subject indexes the validator needs to a graph built without them (adds, never changes triples)."""
    for predicate in predicates - graph.by_predicate.keys():
        graph.by_predicate[predicate] = {s: None for s, objects in graph.out.items() if predicate in objects}


def _from_parsed(parsed: Parsed, profile: Profile | None, problem: Text | None) -> Document:
    if parsed.graph is None:
        raise InputError(parsed.error or messages.no_datasets(parsed.name))
    return Document(parsed.name, parsed.graph, list(parsed.warnings), profile, problem)


def load(source: object, *, name: str | None = None, compliance: bool = True) -> Document:
    """Parse `source` (see the module docstring) into a Document; raises InputError for input that cannot be read."""
    if isinstance(source, Document):
        return source
    profile, problem = _profile(compliance)
    indexed = profile.shapes.subject_predicates if profile else frozenset()
    if isinstance(source, bytes | bytearray):
        return _from_parsed(parse_bytes(name or "input", bytes(source), indexed_predicates=indexed), profile, problem)
    if isinstance(source, tuple) and len(source) == 2 and isinstance(source[1], bytes | bytearray):
        label, data = source
        return _from_parsed(parse_bytes(str(label), bytes(data), indexed_predicates=indexed), profile, problem)
    if isinstance(source, str | Path):
        parsed = parse_file(source, indexed_predicates=indexed)
        if name:
            parsed.name = name
        return _from_parsed(parsed, profile, problem)
    if isinstance(source, Graph):
        _index(source, indexed)
        return Document(name or "graph", source, profile=profile, profile_problem=problem)
    if isinstance(source, ox.Store):
        graph = Graph(indexed)
        graph.add_all(source.quads_for_pattern(None, None, None, None))
        # Graph numbers blank nodes as it meets them and keeps the mapping in `_blank` (pyoxigraph id -> label);
        # callers name a blank dataset with the pyoxigraph node they hold, so that mapping is needed here.
        labels = {key: str(label) for key, label in getattr(graph, "_blank", {}).items()}
        return Document(name or "store", graph, profile=profile, profile_problem=problem, blank_labels=labels)
    raise InputError(messages.unsupported_source(type(source).__name__))
