"""pySHACL, run the way GovData's validator is configured — the reference our engine is measured against.

Needs the dev extra (pyshacl, rdflib); imported only by tests, bench/validate.py and
tests/engines_dcat/make_expected.py, never by the engine itself. Shapes graph: the six shapes-3.0 files; data
graph: the file, parsed by rdflib with the same base IRI our parser uses, plus every vocabulary file;
`inference="none"`, everything else pySHACL's default.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from .compare import Key, result_key
from .parse import default_base
from .shapes import render_path
from .terms import SH, BNode, Lit, Term
from .validate import SHAPES_FILES, data_dir, vocabulary_files

RDFLIB_FORMATS = {".ttl": "turtle", ".rdf": "xml", ".xml": "xml", ".owl": "xml", ".jsonld": "json-ld",
                  ".json": "json-ld", ".nt": "nt", ".nq": "nquads", ".trig": "trig"}


@dataclass
class ReferenceResult:
    focus: Term
    path: str
    component: str
    severity: str
    shape: Term
    value: Term | None
    messages: tuple[Lit, ...]

    def key(self) -> Key:
        return result_key(self.focus, self.path, self.component, self.severity, self.shape, self.value)


class Reference:
    """Holds the rdflib shapes and vocabulary graphs, so several files can be validated in a row."""

    def __init__(self, directory: str | Path | None = None) -> None:
        import rdflib

        directory = data_dir(directory)
        self.shapes = rdflib.Graph()
        for name in SHAPES_FILES:
            self.shapes.parse(directory / "shapes-3.0" / name, format="turtle")
        self.vocabulary = rdflib.Graph()
        for path in vocabulary_files(directory):
            self.vocabulary.parse(path, format=RDFLIB_FORMATS[path.suffix.lower()], publicID=path.as_uri())

    def data_graph(self, name: str, data: bytes):
        import rdflib

        graph = rdflib.Graph()
        graph.parse(data=data, format=RDFLIB_FORMATS[Path(name).suffix.lower()], publicID=default_base(name))
        for triple in self.vocabulary:
            graph.add(triple)
        return graph

    def validate_graph(self, graph) -> list[ReferenceResult]:
        import pyshacl

        _conforms, report, _text = pyshacl.validate(graph, shacl_graph=self.shapes, inference="none", inplace=True)
        return results_from_report(report)

    def validate(self, name: str, data: bytes) -> tuple[list[ReferenceResult], float]:
        """pySHACL's results for one file and the seconds it took (rdflib parse + merge + validation)."""
        results, parse_seconds, validate_seconds = self.validate_timed(name, data)
        return results, parse_seconds + validate_seconds

    def validate_timed(self, name: str, data: bytes) -> tuple[list[ReferenceResult], float, float]:
        """Results, seconds for parsing + merging the vocabularies, seconds for pyshacl.validate alone."""
        started = time.perf_counter()
        graph = self.data_graph(name, data)
        parsed = time.perf_counter()
        results = self.validate_graph(graph)
        return results, parsed - started, time.perf_counter() - parsed


def _term(node) -> Term | None:
    import rdflib

    if node is None:
        return None
    if isinstance(node, rdflib.BNode):
        return BNode("_:")
    if isinstance(node, rdflib.Literal):
        if node.language:
            return Lit(str(node), SH.replace("ns/shacl#", "1999/02/22-rdf-syntax-ns#langString"), node.language)
        return Lit(str(node), str(node.datatype or "http://www.w3.org/2001/XMLSchema#string"))
    return str(node)


def _path(graph, node) -> str:
    """The report's sh:resultPath (copied into the report graph by pySHACL) in our path syntax."""
    import rdflib
    from rdflib.collection import Collection

    def read(n):
        if isinstance(n, rdflib.URIRef):
            return str(n)
        alternatives = graph.value(n, rdflib.URIRef(SH + "alternativePath"))
        if alternatives is not None:
            return ("alternative", tuple(read(x) for x in Collection(graph, alternatives)))
        if graph.value(n, rdflib.RDF.first) is not None:
            return ("sequence", tuple(read(x) for x in Collection(graph, n)))
        raise ValueError(f"unsupported path in pySHACL report: {n}")

    return render_path(read(node)) if node is not None else ""


def results_from_report(report) -> list[ReferenceResult]:
    import rdflib

    sh = rdflib.Namespace(SH)
    found = []
    for node in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        found.append(ReferenceResult(
            focus=_term(report.value(node, sh.focusNode)),
            path=_path(report, report.value(node, sh.resultPath)),
            component=str(report.value(node, sh.sourceConstraintComponent)),
            severity=str(report.value(node, sh.resultSeverity)),
            shape=_term(report.value(node, sh.sourceShape)),
            value=_term(report.value(node, sh.value)),
            messages=tuple(sorted(_term(m) for m in report.objects(node, sh.resultMessage))),
        ))
    return found
