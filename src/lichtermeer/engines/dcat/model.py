"""What validation returns: one `FileReport` per input file inside a `Report`."""

from __future__ import annotations

from dataclasses import dataclass, field

from .compare import Key, result_key
from .graph import Graph
from .locate import Owner, owners
from .messages import Text
from .shapes import SH_VIOLATION
from .terms import SH, Term, render

SH_WARNING = SH + "Warning"
SH_INFO = SH + "Info"


@dataclass(slots=True)  # not frozen: a frozen dataclass is three times slower to create, and rostock has 6,125
class Result:
    focus: Term
    path: str  # "" for a node shape; a predicate IRI, or a SPARQL property path such as "<a>|<b>"
    component: str  # full IRI, e.g. http://www.w3.org/ns/shacl#MinCountConstraintComponent
    severity: str  # full IRI: sh:Violation, sh:Warning or sh:Info
    message: Text  # German from the shape's sh:message (preferred @de), else a generated default
    shape: Term  # the source shape (IRI or blank node)
    value: Term | None = None  # sh:value: the offending value node, None for counts and sh:hasValue
    origin: Term | None = None  # focus node of the targeted shape this result was found under (see evaluate.run)

    def key(self) -> Key:
        return result_key(self.focus, self.path, self.component, self.severity, self.shape, self.value)

    def to_dict(self, language: str = "de") -> dict:
        return {
            "focus": render(self.focus),
            "path": self.path or None,
            "component": self.component,
            "severity": self.severity,
            "message": self.message.de if language == "de" else self.message.en,
            "value": render(self.value),
            "shape": render(self.shape),
        }


@dataclass
class FileReport:
    name: str
    results: list[Result] = field(default_factory=list)
    error: Text | None = None  # the file could not be read or parsed: no results, never a silent pass
    warnings: list[Text] = field(default_factory=list)  # e.g. invalid IRIs accepted leniently
    triples: int = 0
    syntax: str = ""
    graph: Graph | None = field(default=None, repr=False, compare=False)

    @property
    def violations(self) -> int:
        return sum(1 for r in self.results if r.severity == SH_VIOLATION)

    @property
    def conforms(self) -> bool:
        """pySHACL's "Conforms": no result of any severity, and the file parsed."""
        return self.error is None and not self.results

    def counts(self) -> dict[str, int]:
        counted: dict[str, int] = {}
        for result in self.results:
            name = result.severity.removeprefix(SH)
            counted[name] = counted.get(name, 0) + 1
        return counted

    def locate(self, focus: Term) -> tuple[Owner, ...]:
        """The nearest dcat:Distribution/Dataset/DataService/DatasetSeries/CatalogRecord/Catalog of a focus node."""
        if self.graph is None:
            return ()
        return owners(self.graph, focus)

    def resource_of(self, result: Result) -> Owner | None:
        """The dataset, distribution, … a result belongs to: the nearest one of the node its evaluation began at."""
        found = self.locate(result.origin if result.origin is not None else result.focus)
        return found[0] if found else None

    def by_resource(self) -> dict[Term | None, list[Result]]:
        """Results grouped by `resource_of` (key None: not inside any DCAT resource), in order of appearance."""
        groups: dict[Term | None, list[Result]] = {}
        cache: dict[Term | None, Owner | None] = {}
        for result in self.results:
            start = result.origin if result.origin is not None else result.focus
            if start not in cache:
                cache[start] = self.resource_of(result)
            owner = cache[start]
            groups.setdefault(owner.node if owner else None, []).append(result)
        return groups

    def to_list(self, language: str = "de") -> list[dict]:
        return [r.to_dict(language) for r in self.results]


@dataclass
class Report:
    files: list[FileReport]

    @property
    def has_errors(self) -> bool:
        return any(f.error is not None for f in self.files)

    @property
    def has_violations(self) -> bool:
        return any(f.violations for f in self.files)

    def to_dict(self, language: str = "de") -> dict[str, list[dict]]:
        """{file name: [result, ...]}; a file that could not be parsed maps to {"error": message} instead."""
        out: dict = {}
        for report in self.files:
            if report.error is not None:
                out[report.name] = {"error": report.error.de if language == "de" else report.error.en}
            else:
                out[report.name] = report.to_list(language)
        return out
