"""Writing triples (terms of `dcat.terms`: IRI = str, `BNode`, `Lit`) as N-Triples and Turtle.

Own writers instead of pyoxigraph's serializer because harvested data keeps invalid IRIs (real catalogues carry
`tel:+49 40 …` or `…?LAYER[zoom]=1`), which `pyoxigraph.NamedNode` refuses. Characters that may not appear
literally in an IRI reference are written as `\\uXXXX` escapes, which both grammars allow and which a lenient
parser (dcat.parse) reads back to the very same IRI — so the record's RDF is byte-stable and lossless.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lichtermeer.engines.dcat.terms import PREFIXES, RDF_TYPE, XSD_STRING, BNode, Lit, Term

Triple = tuple[Term, str, Term]

_IRI_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STRING_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')
_SHORT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
_BLANK_LABEL = re.compile(r"_:[A-Za-z0-9_]+")


def iri_ref(iri: str) -> str:
    return "<" + _IRI_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04X}", iri) + ">"


def _string(text: str) -> str:
    return '"' + _STRING_ESCAPE.sub(lambda m: _SHORT_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text) + '"'


def literal(term: Lit, iri=iri_ref) -> str:
    if term.language and _LANGUAGE.fullmatch(term.language):
        return f"{_string(term.lexical)}@{term.language}"
    if term.datatype in (XSD_STRING, "") or term.language:
        return _string(term.lexical)
    return f"{_string(term.lexical)}^^{iri(term.datatype)}"


def term_text(term: Term, iri=iri_ref) -> str:
    kind = type(term)
    if kind is Lit:
        return literal(term, iri)
    if kind is BNode:
        return term if _BLANK_LABEL.fullmatch(term) else "_:x" + term.encode("utf-8").hex()
    return iri(term)


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "replace")  # a lone surrogate from JSON input becomes "?" instead of an exception


def ntriples(triples: Iterable[Triple]) -> bytes:
    """One line per triple, sorted: equal graphs with equal blank node labels give equal bytes."""
    lines = sorted({f"{term_text(s)} {iri_ref(p)} {term_text(o)} .\n" for s, p, o in triples})
    return _encode("".join(lines))


def turtle(triples: Iterable[Triple], first: Term | None = None) -> bytes:
    """Readable Turtle: well-known prefixes, one block per subject (`first` leads), sorted otherwise."""
    used: dict[str, str] = {}

    def name(iri: str) -> str:
        for namespace, prefix in PREFIXES.items():
            if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(iri[len(namespace):]):
                used[prefix] = namespace
                return f"{prefix}:{iri[len(namespace):]}"
        return iri_ref(iri)

    by_subject: dict[Term, dict[str, list[Term]]] = {}
    for s, p, o in triples:
        objects = by_subject.setdefault(s, {}).setdefault(p, [])
        if o not in objects:
            objects.append(o)
    order = sorted(by_subject, key=lambda s: (s != first, type(s) is BNode, str(s)))
    blocks = []
    for subject in order:
        predicates = by_subject[subject]
        lines = []
        for predicate in sorted(predicates, key=lambda p: (p != RDF_TYPE, p)):
            shown = "a" if predicate == RDF_TYPE else name(predicate)
            objects = sorted(term_text(o, name) for o in predicates[predicate])
            lines.append(f"    {shown} " + ",\n        ".join(objects))
        blocks.append(term_text(subject, name) + "\n" + " ;\n".join(lines) + " .\n")
    header = "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in sorted(used.items()))
    return _encode(header + ("\n" if header else "") + "\n".join(blocks))
