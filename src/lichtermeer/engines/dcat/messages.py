"""Every text of the DCAT engine in English and German (`Text(en, de)`), naming the exact place in the input."""

from __future__ import annotations

from lichtermeer.engines.publiccode.messages import Text

from .terms import short

__all__ = ["Text"]


def _where(name: str, line: int | None, column: int | None) -> str:
    if line is None:
        return name
    return f"{name}:{line}:{column}" if column is not None else f"{name}:{line}"


def too_large(name: str, size: int, limit: int) -> Text:
    return Text(f"{name}: file too large: {size} bytes (maximum {limit})",
                f"{name}: Datei zu groß: {size} Bytes (höchstens {limit})")


def cannot_read(name: str, reason: str) -> Text:
    return Text(f"{name}: cannot read the file: {reason}", f"{name}: Datei kann nicht gelesen werden: {reason}")


def unknown_format(name: str) -> Text:
    return Text(f"{name}: unknown RDF format (use .ttl, .rdf/.xml, .jsonld, .nt or .nq)",
                f"{name}: unbekanntes RDF-Format (erlaubt: .ttl, .rdf/.xml, .jsonld, .nt, .nq)")


def syntax_error(name: str, syntax: str, line: int | None, column: int | None, detail: str) -> Text:
    where = _where(name, line, column)
    return Text(f"{where}: {syntax} syntax error: {detail}", f"{where}: {syntax}-Syntaxfehler: {detail}")


def xml_entities_refused(name: str, line: int | None, column: int | None) -> Text:
    where = _where(name, line, column)
    return Text(f"{where}: XML entity declarations (<!ENTITY …>) are refused (protection against entity expansion)",
                f"{where}: XML-Entity-Deklarationen (<!ENTITY …>) werden abgelehnt (Schutz vor Entity-Expansion)")


def xml_external_refused(name: str, line: int | None, column: int | None) -> Text:
    where = _where(name, line, column)
    return Text(f"{where}: external XML entities or DTDs are refused; nothing is fetched",
                f"{where}: externe XML-Entities oder DTDs werden abgelehnt; es wird nichts nachgeladen")


def xml_too_deep(name: str, line: int | None, column: int | None, limit: int) -> Text:
    where = _where(name, line, column)
    return Text(f"{where}: XML nested deeper than {limit} elements",
                f"{where}: XML tiefer als {limit} Elemente verschachtelt")


def remote_context(name: str, detail: str) -> Text:
    return Text(f"{name}: JSON-LD refers to a remote @context, which is never fetched: {detail}",
                f"{name}: JSON-LD verweist auf einen entfernten @context, der nie abgerufen wird: {detail}")


def too_many_triples(name: str, limit: int) -> Text:
    return Text(f"{name}: more than {limit} triples", f"{name}: mehr als {limit} Tripel")


def parse_too_slow(name: str, seconds: float) -> Text:
    return Text(f"{name}: parsing took longer than {seconds:g} s and was stopped",
                f"{name}: Einlesen dauerte länger als {seconds:g} s und wurde abgebrochen")


def iri_like_blank_node(name: str, iri: str) -> Text:
    return Text(f"{name}: the IRI <{iri}> is written like a blank node label and is refused",
                f"{name}: Die IRI <{iri}> ist wie eine Blank-Node-Bezeichnung geschrieben und wird abgelehnt")


def invalid_iris(name: str, count: int, examples: list[str]) -> Text:
    listed = ", ".join(f"<{iri}>" for iri in examples)
    return Text(f"{name}: {count} invalid IRI(s) accepted leniently, e.g. {listed}",
                f"{name}: {count} ungültige IRI(s) tolerant übernommen, z. B. {listed}")


# --- default messages for shapes without sh:message (the English wording follows pySHACL) ------------------

def default_message(component: str, path: str | None, parameters: dict) -> Text:
    where = f" ({path})" if path else ""
    kind = component.rsplit("#", 1)[-1]
    if kind == "MinCountConstraintComponent":
        n = parameters["minCount"]
        return Text(f"Less than {n} values{where}", f"Weniger als {n} Werte{where}")
    if kind == "MaxCountConstraintComponent":
        n = parameters["maxCount"]
        return Text(f"More than {n} values{where}", f"Mehr als {n} Werte{where}")
    if kind == "ClassConstraintComponent":
        cls = short(parameters["class"])
        return Text(f"Value does not have class {cls}{where}", f"Wert ist keine Instanz von {cls}{where}")
    if kind == "DatatypeConstraintComponent":
        datatype = short(parameters["datatype"])
        return Text(f"Value is not Literal with datatype {datatype}{where}",
                    f"Wert ist kein Literal mit Datentyp {datatype}{where}")
    if kind == "NodeKindConstraintComponent":
        node_kind = short(parameters["nodeKind"])
        return Text(f"Value is not of Node Kind {node_kind}{where}", f"Wert ist nicht von der Art {node_kind}{where}")
    if kind == "HasValueConstraintComponent":
        value = parameters["hasValue"]
        return Text(f"Value {value} is missing{where}", f"Wert {value} fehlt{where}")
    if kind == "PatternConstraintComponent":
        pattern = parameters["pattern"]
        return Text(f"Value does not match pattern '{pattern}'{where}",
                    f"Wert entspricht nicht dem Muster '{pattern}'{where}")
    if kind == "NotConstraintComponent":
        return Text(f"Value conforms to a shape it must not conform to{where}",
                    f"Wert erfüllt eine Form, die er nicht erfüllen darf{where}")
    return Text(f"Constraint {kind} not met{where}", f"Bedingung {kind} nicht erfüllt{where}")
