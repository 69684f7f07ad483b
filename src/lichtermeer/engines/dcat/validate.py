"""Validate DCAT-AP.de data against the official 3.0 SHACL profile — the public entry points.

    report = validate(["catalog.rdf", "dataset.ttl"])          # paths, or (name, bytes) pairs
    for file in report.files:
        file.error          # Text when the file could not be parsed (then there are no results)
        file.results        # [Result(focus, path, component, severity, message, shape, value)]
        file.by_resource()  # {dataset/distribution node: [Result]}

The profile is what GovData's validator loads for "DCAT-AP.de 3.0 – Deutsche Spezifikation" (`v30_de_spec`):
the six shapes-3.0 files as the shapes graph, every file under vocabularies/ merged into the data graph, no
inference. Both come from `data/dcat/` (or `data_dir`, or the environment variable LICHTERMEER_DCAT_DATA) and
are loaded once per process.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from .evaluate import Evaluation
from .graph import Graph
from .model import FileReport, Report, Result
from .parse import Parsed, parse_bytes, parse_file
from .shapes import CompiledShapes, compile_shapes, load_shapes_graph
from .terms import Lit, render

ENV_VARIABLE = "LICHTERMEER_DCAT_DATA"
# src/lichtermeer/engines/dcat/validate.py -> the repository root is four levels up.
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[4] / "data" / "dcat"
SHAPES_FILES = (  # the order of itb-config.properties, v30_de_spec
    "dcat-ap-SHACL.ttl",
    "dcat-ap-de-imports.ttl",
    "dcat-ap-SHACL-DE.ttl",
    "dcat-ap-de-deprecated.ttl",
    "dcat-ap-spec-german-additions.ttl",
    "dcat-ap-de-controlledvocabularies.ttl",
)
VOCABULARY_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".rdf": ox.RdfFormat.RDF_XML, ".xml": ox.RdfFormat.RDF_XML,
                      ".owl": ox.RdfFormat.RDF_XML}

Source = str | Path | tuple[str, bytes]


@dataclass
class Profile:
    shapes: CompiledShapes
    vocabulary: Graph
    shapes_files: tuple[Path, ...]
    vocabulary_files: tuple[Path, ...]


def data_dir(explicit: str | Path | None = None) -> Path:
    return Path(explicit or os.environ.get(ENV_VARIABLE) or DEFAULT_DATA_DIR)


def vocabulary_files(directory: Path) -> tuple[Path, ...]:
    return tuple(sorted(p for p in (directory / "vocabularies").rglob("*")
                        if p.is_file() and p.suffix.lower() in VOCABULARY_FORMATS))


@lru_cache(maxsize=4)
def _load_profile(directory: Path) -> Profile:
    shapes_files = tuple(directory / "shapes-3.0" / name for name in SHAPES_FILES)
    shapes = compile_shapes(load_shapes_graph(shapes_files))
    vocabulary = Graph(shapes.subject_predicates)
    files = vocabulary_files(directory)
    for path in files:  # shipped, trusted files: parsed without the guards user input gets
        vocabulary.add_all(ox.parse(path.read_bytes(), format=VOCABULARY_FORMATS[path.suffix.lower()],
                                    base_iri=path.as_uri(), lenient=True), blank_prefix="v")
    return Profile(shapes, vocabulary, shapes_files, files)


def load_profile(directory: str | Path | None = None) -> Profile:
    return _load_profile(data_dir(directory).resolve())


def _results(raw: list[tuple]) -> list[Result]:
    results = [
        Result(focus=focus, path=shape.path_text, component=component, severity=shape.severity,
               message=shape.message(component, render(parameter) if type(parameter) is Lit else parameter),
               shape=shape.node, value=value, origin=origin)
        for shape, focus, component, value, parameter, origin in raw
    ]
    results.sort(key=lambda r: (str(r.focus), r.path, r.severity, r.component, str(r.shape), render(r.value) or "",
                                str(r.origin)))
    return results


def validate_parsed(parsed: Parsed, profile: Profile | None = None) -> FileReport:
    report = FileReport(parsed.name, error=parsed.error, warnings=list(parsed.warnings), syntax=parsed.syntax)
    if parsed.graph is None:
        return report
    profile = profile or load_profile()
    report.graph = parsed.graph
    report.triples = parsed.graph.triples
    report.results = _results(Evaluation(profile.shapes, parsed.graph, profile.vocabulary).run())
    return report


def validate_bytes(name: str, data: bytes, *, profile: Profile | None = None, base_iri: str | None = None,
                   rdf_format: ox.RdfFormat | None = None) -> FileReport:
    profile = profile or load_profile()
    parsed = parse_bytes(name, data, base_iri=base_iri, rdf_format=rdf_format,
                         indexed_predicates=profile.shapes.subject_predicates)
    return validate_parsed(parsed, profile)


def validate_file(path: str | Path, *, profile: Profile | None = None, base_iri: str | None = None) -> FileReport:
    profile = profile or load_profile()
    parsed = parse_file(path, base_iri=base_iri, indexed_predicates=profile.shapes.subject_predicates)
    return validate_parsed(parsed, profile)


def _is_pair(source: object) -> bool:
    return isinstance(source, tuple) and len(source) == 2 and isinstance(source[1], bytes | bytearray)


def validate(sources: Source | Iterable[Source], *, profile: Profile | None = None) -> Report:
    """Validate one or several files (paths, or (name, bytes) pairs); one FileReport per file, in order."""
    if isinstance(sources, str | Path) or _is_pair(sources):
        sources = [sources]  # type: ignore[list-item]
    profile = profile or load_profile()
    files = []
    for source in sources:  # type: ignore[union-attr]
        if _is_pair(source):
            name, data = source  # type: ignore[misc]
            files.append(validate_bytes(name, bytes(data), profile=profile))
        else:
            files.append(validate_file(source, profile=profile))  # type: ignore[arg-type]
    return Report(files)
