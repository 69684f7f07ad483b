"""The provider's declarations file (format lichtermeer-declarations/1, schema declarations.schema.json,
documented in docs/evidence.md) and the checks that read it:

* declaration.processing-location (LM-DS-01) - every processing country in the EU/EEA or covered by an
  adequacy decision (data/reference/transfer-countries.json); the US only for DPF-certified recipients,
  which a reviewer verifies; Art. 46 safeguards go to a reviewer; Art. 49 derogations and a missing
  legal basis fail.
* declaration.dpa (LM-DS-02) - a data processing agreement and the named sub-processors.
* declaration.export-formats (LM-PA-01) - at least one open, machine-readable export format
  (data/reference/export-formats.json), self-service, documented.
* declaration.attestation (LM-IS-06) - a current BSI C5 report or ISO/IEC 27001 certificate.

YAML is read as YAML 1.2 (so `country: NO` stays Norway, not false) through the shared hostile-input
guard; schema violations become status `error` naming the JSON pointer (and line/column in YAML).
Each check only errors on violations in its own sections (and at the top level).
"""

from __future__ import annotations

import datetime as dt
import gettext
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
from jsonschema import Draft202012Validator, ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from lichtermeer.engines.publiccode.decoder import scalar_value
from lichtermeer.engines.publiccode.messages import Text
from lichtermeer.engines.publiccode.yamlnodes import MAX_DEPTH, YamlProblem, compose, position

from .evidence import Bundle, EvidenceError, EvidenceFile, decode_text
from .model import Check, Result, Status
from .reference import Reference
from .registry import check

SCHEMA_FILE = Path(__file__).with_name("declarations.schema.json")
REFERENCE_DIR = Path(__file__).parent / "data" / "reference"
FORMAT = "lichtermeer-declarations/1"
MAX_BYTES = 1024 * 1024  # a real declarations file is a few KB
MAX_PROBLEMS = 20
SECTIONS = ("data_processing", "data_export", "attestations", "accessibility", "standards")
ART_46 = ("standard-contractual-clauses", "binding-corporate-rules", "code-of-conduct", "certification",
          "ad-hoc-clauses")
ART_45 = ("adequacy-decision", "eu-us-dpf")
GDPR = "https://eur-lex.europa.eu/eli/reg/2016/679/oj"


@cache
def reference_data(name: str) -> dict[str, Any]:
    """A pinned reference list from data/reference/ (read once per process)."""
    return json.loads((REFERENCE_DIR / f"{name}.json").read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def reference_versions() -> dict[str, str]:
    """Versions of the reference lists these checks consult (for the report)."""
    return {name: reference_data(name)["version"] for name in ("transfer-countries", "export-formats",
                                                               "open-standards")}


# --- reading ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    pointer: str
    text: Text
    line: int = 0
    column: int = 0


@dataclass
class Declarations:
    name: str
    document: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)

    def place(self, pointer: str, line: int = 0, column: int = 0) -> str:
        """`file:line:column (pointer)` in YAML (or where a reader stopped), `file#pointer` in JSON."""
        if not line:
            line, column = self.positions.get(pointer, (0, 0))
        return f"{self.name}:{line}:{column} ({pointer or '/'})" if line else f"{self.name}#{pointer}"


def load_declarations(bundle: Bundle) -> Declarations | None:
    file = bundle.first("declarations")
    if file is None:
        return None
    return bundle.parsed("declarations", lambda: read(file))


def read(file: EvidenceFile) -> Declarations:
    if len(file.data) > MAX_BYTES:
        return Declarations(file.name, {}, [Problem("", Text(
            f"{file.name} is {len(file.data)} bytes; a declarations file may be at most {MAX_BYTES} bytes.",
            f"{file.name} ist {len(file.data)} Bytes groß; eine Erklärungsdatei darf höchstens {MAX_BYTES} Bytes "
            f"groß sein."))])
    text = decode_text(file)
    if isinstance(text, EvidenceError):
        return Declarations(file.name, {}, [Problem("", text.text)])
    positions: dict[str, tuple[int, int]] = {}
    try:
        if text.lstrip().startswith(("{", "[")):
            document = json.loads(text)
        else:
            root = compose(text)
            document = _value(root, "", positions, 0) if root is not None else None
    except json.JSONDecodeError as exc:
        return Declarations(file.name, {}, [Problem("", Text(
            f"{file.name} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.",
            f"{file.name} ist kein gültiges JSON: {exc.msg} in Zeile {exc.lineno}, Spalte {exc.colno}."),
            exc.lineno, exc.colno)])
    except RecursionError:
        return Declarations(file.name, {}, [Problem("", Text(f"{file.name} is nested too deeply.",
                                                              f"{file.name} ist zu tief verschachtelt."))])
    except YamlProblem as exc:
        return Declarations(file.name, {}, [Problem("", Text(
            f"{file.name} is not valid YAML: {exc.text.en}", f"{file.name} ist kein gültiges YAML: {exc.text.de}"),
            exc.line, exc.column)])
    if not isinstance(document, dict):
        return Declarations(file.name, {}, [Problem("", Text(
            f"{file.name} must be a mapping with format: {FORMAT}.",
            f"{file.name} muss eine Zuordnung (Mapping) mit format: {FORMAT} sein."))], positions)
    problems = []
    errors = sorted(_validator().iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
    for error in errors[:MAX_PROBLEMS]:
        pointer = _pointer(error.absolute_path)
        problems.append(Problem(pointer, _schema_text(error, pointer), *positions.get(pointer, (0, 0))))
    return Declarations(file.name, document, problems, positions)


def _pointer(parts) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


def _value(node: Node, pointer: str, positions: dict[str, tuple[int, int]], depth: int) -> Any:
    """YAML nodes -> plain values under the YAML 1.2 core schema, remembering each value's position."""
    if depth > MAX_DEPTH:
        raise RecursionError
    positions.setdefault(pointer, position(node))
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key, item in node.value:
            name = str(scalar_value(key)[1]) if isinstance(key, ScalarNode) else f"<{type(key).__name__}>"
            result[name] = _value(item, _pointer([*_split(pointer), name]), positions, depth + 1)
        return result
    if isinstance(node, SequenceNode):
        return [_value(item, f"{pointer}/{index}", positions, depth + 1) for index, item in enumerate(node.value)]
    return scalar_value(node)[1]


def _split(pointer: str) -> list[str]:
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer.split("/")[1:]]


_PATTERN_TEXTS = {
    "^[A-Z]{2}$": ("an ISO 3166-1 alpha-2 country code in upper case (e.g. DE)",
                   "ein Ländercode nach ISO 3166-1 alpha-2 in Großbuchstaben (z. B. DE)"),
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": ("a date YYYY-MM-DD", "ein Datum JJJJ-MM-TT"),
    "^[0-9a-f]{64}$": ("a SHA-256 hash: 64 lower-case hexadecimal digits",
                       "ein SHA-256-Hashwert: 64 hexadezimale Kleinbuchstaben oder Ziffern"),
}


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    text = re.sub(r"[\x00-\x1f\x7f-\x9f]", "?", text)
    return text if len(text) <= 80 else text[:77] + "..."


def _schema_text(error: ValidationError, pointer: str) -> Text:
    where = pointer or "/"
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "required":
        missing = [name for name in expected if isinstance(value, dict) and name not in value]
        names = ", ".join(missing)
        return Text(f"{where}: required field missing: {names}.", f"{where}: Pflichtfeld fehlt: {names}.")
    if kind == "additionalProperties":
        allowed = set(error.schema.get("properties") or {})
        extra = ", ".join(_shown(name) for name in value if name not in allowed) if isinstance(value, dict) else ""
        known = ", ".join(sorted(allowed))
        return Text(f"{where}: unknown field(s) {extra}; allowed: {known}.",
                    f"{where}: unbekannte(s) Feld(er) {extra}; erlaubt: {known}.")
    if kind == "type":
        return Text(f"{where}: {_shown(value)} must be of type {expected}.",
                    f"{where}: {_shown(value)} muss vom Typ {expected} sein.")
    if kind in ("enum", "const"):
        options = ", ".join(_shown(option) for option in (expected if kind == "enum" else [expected]))
        return Text(f"{where}: {_shown(value)} is not allowed; allowed: {options}.",
                    f"{where}: {_shown(value)} ist nicht erlaubt; erlaubt: {options}.")
    if kind == "pattern":
        if expected.startswith("^https://"):
            en, de = "an https:// URL without spaces", "eine https://-URL ohne Leerzeichen"
        else:
            en, de = _PATTERN_TEXTS.get(expected, (f"matching {expected}", f"passend zu {expected}"))
        return Text(f"{where}: {_shown(value)} must be {en}.", f"{where}: {_shown(value)} muss {de} sein.")
    if kind == "format":
        return Text(f"{where}: {_shown(value)} is not a real calendar date.",
                    f"{where}: {_shown(value)} ist kein gültiges Kalenderdatum.")
    if kind in ("minItems", "maxItems", "minLength", "maxLength"):
        unit_en, unit_de = ("entries", "Einträge") if "Items" in kind else ("characters", "Zeichen")
        bound_en, bound_de = ("at least", "mindestens") if kind.startswith("min") else ("at most", "höchstens")
        return Text(f"{where}: must have {bound_en} {expected} {unit_en}.",
                    f"{where}: muss {bound_de} {expected} {unit_de} haben.")
    return Text(f"{where}: {error.message[:300]}", f"{where}: Schemaverletzung: {error.message[:300]}")


def section_errors(chk: Check, declared: Declarations, sections: tuple[str, ...]) -> list[Result]:
    """Schema problems that concern these sections, or the file as a whole, as `error` results."""
    def concerns(problem: Problem) -> bool:
        first = _split(problem.pointer)[:1]
        return not first or first[0] in sections or first[0] not in SECTIONS

    found = [problem for problem in declared.problems if concerns(problem)]
    return [chk.result(Status.ERROR, Text(f"{declared.name}: {problem.text.en}",
                                          f"{declared.name}: {problem.text.de}"),
                       evidence=declared.name, location=declared.place(problem.pointer, problem.line, problem.column))
            for problem in found[:MAX_PROBLEMS]]


def _start(chk: Check, bundle: Bundle, section: str) -> tuple[Declarations | None, list[Result] | Result | None]:
    """The declarations and the section's value, or the result that ends the check early."""
    declared = load_declarations(bundle)
    if declared is None:
        return None, chk.missing("declarations")
    problems = section_errors(chk, declared, (section,))
    return declared, (problems or None)


# --- declaration.processing-location (LM-DS-01) -----------------------------------------------------

def _adequacy(country: str) -> dict[str, Any] | None:
    return next((entry for entry in reference_data("transfer-countries")["adequacy"] if entry["country"] == country),
                None)


@cache
def _german_names() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"], fallback=True)


def _country_name(code: str) -> Text:
    entry = pycountry.countries.get(alpha_2=code)
    if entry is None:
        return Text(code, code)
    return Text(f"{entry.name} ({code})", f"{_german_names().gettext(entry.name)} ({code})")


_HINTS = {"UK": "GB", "EL": "GR"}


def _place_status(country: str, basis: str | None, who: Text, today: dt.date) -> tuple[Status, Text] | None:
    """None when the transfer needs nothing further; else the status and the reason."""
    data = reference_data("transfer-countries")
    if country in data["eu"] or country in data["eea"]:
        return None
    if pycountry.countries.get(alpha_2=country) is None:
        hint = f" (use {_HINTS[country]})" if country in _HINTS else ""
        hint_de = f" (bitte {_HINTS[country]} verwenden)" if country in _HINTS else ""
        return Status.FAIL, Text(f"{country} is not an ISO 3166-1 alpha-2 country code{hint}.",
                                 f"{country} ist kein Ländercode nach ISO 3166-1 alpha-2{hint_de}.")
    name = _country_name(country)
    decision = _adequacy(country)
    if decision and decision.get("valid_until") and dt.date.fromisoformat(decision["valid_until"]) < today:
        decision = None
    if decision and not decision.get("needs_certification"):
        return None
    if basis == "art-49-derogation":
        return Status.FAIL, Text(
            f"{who.en} in {name.en}: derogations under Art. 49 GDPR are for occasional transfers and are not "
            f"admitted by LM-DS-01 (only Art. 45 or Art. 46 GDPR).",
            f"{who.de} in {name.de}: Ausnahmen nach Art. 49 DSGVO gelten für gelegentliche Übermittlungen und "
            f"werden von LM-DS-01 nicht zugelassen (nur Art. 45 oder Art. 46 DSGVO).")
    if decision:  # the United States: adequate only for organisations certified under the DPF
        if basis in ART_45 or basis in ART_46:
            how = "the EU-US Data Privacy Framework" if basis in ART_45 else f"{basis} (Art. 46 GDPR)"
            how_de = "das EU-US Data Privacy Framework" if basis in ART_45 else f"{basis} (Art. 46 DSGVO)"
            return Status.NEEDS_REVIEW, Text(
                f"{who.en} in {name.en} relies on {how}: the adequacy decision ({decision['decision']}) covers only "
                f"organisations certified under the Data Privacy Framework, so a reviewer verifies the recipient's "
                f"certification on the DPF list (or the safeguards).",
                f"{who.de} in {name.de} stützt sich auf {how_de}: Der Angemessenheitsbeschluss "
                f"({decision['decision']}) gilt nur für nach dem Data Privacy Framework zertifizierte Organisationen; "
                f"eine Prüferin oder ein Prüfer prüft die Zertifizierung in der DPF-Liste (bzw. die Garantien).")
        return Status.FAIL, Text(
            f"{who.en} in {name.en}: no legal basis for the transfer is declared (transfer_basis); the US adequacy "
            f"decision covers only DPF-certified organisations.",
            f"{who.de} in {name.de}: Keine Rechtsgrundlage der Übermittlung angegeben (transfer_basis); der "
            f"Angemessenheitsbeschluss für die USA gilt nur für DPF-zertifizierte Organisationen.")
    if basis in ART_46:
        return Status.NEEDS_REVIEW, Text(
            f"{who.en} in {name.en} (no adequacy decision) relies on {basis} under Art. 46 GDPR: a reviewer checks "
            f"the safeguards and the transfer impact assessment.",
            f"{who.de} in {name.de} (kein Angemessenheitsbeschluss) stützt sich auf {basis} nach Art. 46 DSGVO: "
            f"eine Prüferin oder ein Prüfer prüft die Garantien und die Folgenabschätzung der Übermittlung.")
    if basis in ART_45:
        return Status.FAIL, Text(
            f"{who.en} in {name.en}: the European Commission has no adequacy decision for this country.",
            f"{who.de} in {name.de}: Für dieses Land besteht kein Angemessenheitsbeschluss der Europäischen "
            f"Kommission.")
    return Status.FAIL, Text(
        f"{who.en} in {name.en}: processing outside the EU/EEA without an adequacy decision and without a declared "
        f"legal basis under Art. 46 GDPR (transfer_basis).",
        f"{who.de} in {name.de}: Verarbeitung außerhalb von EU/EWR ohne Angemessenheitsbeschluss und ohne "
        f"angegebene Rechtsgrundlage nach Art. 46 DSGVO (transfer_basis).")


def _processing_places(section: dict[str, Any]) -> list[tuple[str, str, str | None, Text]]:
    """(pointer, country, transfer basis, who) for every declared place of processing."""
    places = []
    for index, location in enumerate(section.get("locations") or []):
        places.append((f"/data_processing/locations/{index}/country", location["country"],
                       location.get("transfer_basis"), Text(f"Processing ({location['purpose'][:80]})",
                                                            f"Verarbeitung ({location['purpose'][:80]})")))
    for index, sub in enumerate(section.get("sub_processors") or []):
        base = f"/data_processing/sub_processors/{index}"
        countries = sub.get("processing_countries")
        pointers = [(f"{base}/processing_countries/{n}", c) for n, c in enumerate(countries)] if countries else \
            [(f"{base}/country", sub["country"])]
        name = sub["name"][:100]
        places.extend((pointer, country, sub.get("transfer_basis"), Text(name, name)) for pointer, country in pointers)
    return places


def _personal_data_section(chk: Check, bundle: Bundle):
    """(declarations, their data_processing section, None) — or an early result when the declarations are
    missing or unreadable, have no such section, or say no personal data is processed."""
    declared, early = _start(chk, bundle, "data_processing")
    if early:
        return None, None, early
    section = declared.document.get("data_processing")
    if section is None:
        return declared, None, _no_processing_section(chk, declared)
    if not section["personal_data"]:
        return declared, section, _no_personal_data(chk, declared)
    return declared, section, None


@check("declaration.processing-location", version="1", requirements=("LM-DS-01",), evidence=("declarations",),
       title=Text("Personal data is processed in the EU/EEA or with an adequate level of protection",
                  "Personenbezogene Daten werden in EU/EWR oder mit angemessenem Schutzniveau verarbeitet"),
       references=(GDPR, reference_data("transfer-countries")["source"]))
def processing_location(chk: Check, bundle: Bundle, reference: Reference) -> Result | list[Result]:
    declared, section, early = _personal_data_section(chk, bundle)
    if early:
        return early
    places = _processing_places(section)
    if not places:
        return chk.result(Status.FAIL, Text(
            f"{declared.name} declares that personal data is processed, but names no place of processing "
            f"(data_processing.locations, data_processing.sub_processors).",
            f"{declared.name} erklärt eine Verarbeitung personenbezogener Daten, nennt aber keinen Ort der "
            f"Verarbeitung (data_processing.locations, data_processing.sub_processors)."),
            evidence=declared.name, location=declared.place("/data_processing"))
    version = reference_data("transfer-countries")["version"]
    results = []
    for pointer, country, basis, who in places:
        found = _place_status(country, basis, who, reference.today)
        if found:
            results.append(chk.result(found[0], found[1], evidence=declared.name, location=declared.place(pointer),
                                      details={"country": country, "transfer_basis": basis,
                                               "transfer_countries": version}))
    if results:
        return results
    countries = sorted({country for _, country, _, _ in places})
    return chk.result(Status.PASS, Text(
        f"All {len(places)} declared places of processing are in the EU/EEA or in countries with an adequacy "
        f"decision: {', '.join(countries)} (list of {version}).",
        f"Alle {len(places)} angegebenen Verarbeitungsorte liegen in EU/EWR oder in Ländern mit "
        f"Angemessenheitsbeschluss: {', '.join(countries)} (Liste vom {version})."),
        evidence=declared.name, location=declared.place("/data_processing"),
        details={"countries": countries, "transfer_countries": version})


def _no_processing_section(chk: Check, declared: Declarations) -> Result:
    return chk.result(Status.NEEDS_REVIEW, Text(
        f"{declared.name} does not say whether personal data is processed on the municipality's behalf "
        f"(data_processing.personal_data).",
        f"{declared.name} gibt nicht an, ob personenbezogene Daten im Auftrag der Kommune verarbeitet werden "
        f"(data_processing.personal_data)."), evidence=declared.name, location=declared.place(""))


def _no_personal_data(chk: Check, declared: Declarations) -> Result:
    return chk.result(Status.NOT_APPLICABLE, Text(
        "The provider declares that neither it nor any sub-processor processes personal data of the solution on "
        "the municipality's behalf.",
        "Der Anbieter erklärt, dass weder er noch ein Unterauftragsverarbeiter personenbezogene Daten der Lösung im "
        "Auftrag der Kommune verarbeitet."),
        evidence=declared.name, location=declared.place("/data_processing/personal_data"))


# --- declaration.dpa (LM-DS-02) ----------------------------------------------------------------------

@check("declaration.dpa", version="1", requirements=("LM-DS-02",), evidence=("declarations",),
       title=Text("A data processing agreement is offered and sub-processors are named",
                  "Ein Vertrag zur Auftragsverarbeitung wird angeboten, Unterauftragsverarbeiter sind benannt"),
       references=(GDPR,))
def dpa(chk: Check, bundle: Bundle, reference: Reference) -> Result | list[Result]:
    declared, section, early = _personal_data_section(chk, bundle)
    if early:
        return early
    agreement = section.get("dpa")
    if not agreement:
        return chk.result(Status.FAIL, Text(
            f"{declared.name} declares processing of personal data but names no data processing agreement "
            f"(data_processing.dpa.url, Art. 28(3) GDPR).",
            f"{declared.name} erklärt eine Verarbeitung personenbezogener Daten, nennt aber keinen Vertrag zur "
            f"Auftragsverarbeitung (data_processing.dpa.url, Art. 28 Abs. 3 DSGVO)."),
            evidence=declared.name, location=declared.place("/data_processing"))
    if "sub_processors" not in section:
        return chk.result(Status.FAIL, Text(
            f"{declared.name} names no sub-processors (data_processing.sub_processors with name, country and "
            f"purpose; an empty list when there are none, Art. 28(2) and (4) GDPR).",
            f"{declared.name} nennt keine Unterauftragsverarbeiter (data_processing.sub_processors mit Name, Sitz "
            f"und Leistung; eine leere Liste, wenn es keine gibt, Art. 28 Abs. 2 und 4 DSGVO)."),
            evidence=declared.name, location=declared.place("/data_processing"))
    subs = section["sub_processors"]
    pinned = Text(f", pinned by SHA-256 {agreement['sha256'][:12]}…", f", festgelegt durch SHA-256 "
                  f"{agreement['sha256'][:12]}…") if agreement.get("sha256") else Text("", "")
    return chk.result(Status.PASS, Text(
        f"A data processing agreement is offered ({agreement['url']}{pinned.en}) and {len(subs)} sub-processor(s) "
        f"are named; a reviewer checks its content against Art. 28(3) GDPR.",
        f"Ein Vertrag zur Auftragsverarbeitung wird angeboten ({agreement['url']}{pinned.de}), {len(subs)} "
        f"Unterauftragsverarbeiter sind benannt; den Inhalt nach Art. 28 Abs. 3 DSGVO prüfen Prüferinnen und "
        f"Prüfer."), evidence=declared.name, location=declared.place("/data_processing/dpa"),
        details={"dpa": agreement, "sub_processors": [sub["name"][:200] for sub in subs]})


# --- declaration.export-formats (LM-PA-01) -------------------------------------------------------------

def _key(name: str) -> str:
    return re.sub(r"[\s./\-–_]+", "", name.casefold())


def classify(entry: dict[str, Any]) -> dict[str, Any] | None:
    """The reference entry for a declared format: by media type first, then by name."""
    formats = reference_data("export-formats")["formats"]
    media = str(entry.get("media_type") or "").casefold()
    if media:
        found = next((item for item in formats if media in item["media_types"]), None)
        if found:
            return found
    name = _key(str(entry.get("name") or ""))
    return next((item for item in formats if name in {_key(n) for n in item["names"]}), None)


@check("declaration.export-formats", version="1", requirements=("LM-PA-01",), evidence=("declarations",),
       title=Text("Data can be exported in an open, machine-readable format",
                  "Daten lassen sich in einem offenen, maschinenlesbaren Format exportieren"),
       references=("https://eur-lex.europa.eu/eli/reg/2023/2854/oj", GDPR))
def export_formats(chk: Check, bundle: Bundle, reference: Reference) -> Result | list[Result]:
    declared, early = _start(chk, bundle, "data_export")
    if early:
        return early
    section = declared.document.get("data_export")
    if section is None:
        return chk.result(Status.FAIL, Text(
            f"{declared.name} states no export formats (data_export.formats); LM-PA-01 requires them.",
            f"{declared.name} nennt keine Exportformate (data_export.formats); LM-PA-01 verlangt sie."),
            evidence=declared.name, location=declared.place(""))
    rows = []
    for index, entry in enumerate(section["formats"]):
        found = classify(entry)
        rows.append({"pointer": f"/data_export/formats/{index}", "name": entry["name"][:200],
                     "media_type": entry.get("media_type"), "class": found["class"] if found else "unknown",
                     "format": found["id"] if found else None, "reason": (found or {}).get("reason", ""),
                     "reason_de": (found or {}).get("reason_de", ""), "declared_open": entry.get("open")})
    details = {"formats": rows, "export_formats": reference_data("export-formats")["version"],
               "self_service": section.get("self_service"), "documentation_url": section.get("documentation_url")}
    open_ = [row for row in rows if row["class"] == "open"]
    names = ", ".join(row["name"] for row in open_)
    where = declared.place("/data_export/formats")
    if not open_:
        unknown = [row for row in rows if row["class"] == "unknown"]
        known = [row for row in rows if row["class"] != "unknown"]
        listed = Text("; ".join(f"{row['name']}: {row['reason']}" for row in known),
                      "; ".join(f"{row['name']}: {row['reason_de']}" for row in known))
        if unknown:
            names = ", ".join(row["name"] for row in unknown)
            return chk.result(Status.NEEDS_REVIEW, Text(
                f"No declared export format is known to be open and machine-readable; a reviewer classifies "
                f"{names}. {listed.en}".strip(),
                f"Kein angegebenes Exportformat ist als offen und maschinenlesbar bekannt; Prüferinnen und Prüfer "
                f"ordnen {names} ein. {listed.de}".strip()),
                evidence=declared.name, location=where, details=details)
        return chk.result(Status.FAIL, Text(
            f"No declared export format is open and machine-readable (e.g. CSV, JSON, GeoJSON, XML, ODF): "
            f"{listed.en}.",
            f"Kein angegebenes Exportformat ist offen und maschinenlesbar (z. B. CSV, JSON, GeoJSON, XML, ODF): "
            f"{listed.de}."), evidence=declared.name, location=where, details=details)
    if section.get("self_service") is False:
        return chk.result(Status.FAIL, Text(
            f"Exports ({names}) need the provider's involvement (data_export.self_service: false); LM-PA-01 requires "
            f"the municipality to export without it.",
            f"Exporte ({names}) erfordern die Mitwirkung des Anbieters (data_export.self_service: false); LM-PA-01 "
            f"verlangt, dass die Kommune ohne sie exportieren kann."),
            evidence=declared.name, location=declared.place("/data_export/self_service"), details=details)
    missing = [key for key in ("self_service", "documentation_url") if key not in section]
    if missing:
        return chk.result(Status.NEEDS_REVIEW, Text(
            f"Open export formats are declared ({names}), but {', '.join('data_export.' + m for m in missing)} "
            f"is missing: a reviewer checks that the municipality can export without the provider and that the "
            f"structure and meaning of the data are documented.",
            f"Offene Exportformate sind angegeben ({names}), aber {', '.join('data_export.' + m for m in missing)} "
            f"fehlt: Prüferinnen und Prüfer prüfen, ob die Kommune ohne den Anbieter exportieren kann und ob "
            f"Struktur und Bedeutung der Daten dokumentiert sind."),
            evidence=declared.name, location=declared.place("/data_export"), details=details)
    return chk.result(Status.PASS, Text(
        f"Data can be exported by the municipality itself in open, machine-readable formats ({names}); the "
        f"structure is documented at {section['documentation_url']}.",
        f"Die Kommune kann die Daten selbst in offenen, maschinenlesbaren Formaten exportieren ({names}); die "
        f"Struktur ist unter {section['documentation_url']} dokumentiert."),
        evidence=declared.name, location=where, details=details)


# --- declaration.attestation (LM-IS-06) -----------------------------------------------------------------

C5_TYPES = ("bsi-c5-type1", "bsi-c5-type2")
ISO_TYPES = ("iso27001", "iso27001-it-grundschutz")
ISO_2013_WITHDRAWN = dt.date(2025, 10, 31)  # end of the transition to ISO/IEC 27001:2022 (IAF MD 26)
_ORDER = (Status.FAIL, Status.NEEDS_REVIEW, Status.WARNING, Status.PASS)


def _years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` earlier (later when negative); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _attestation_findings(entry: dict[str, Any], today: dt.date) -> list[tuple[Status, Text]]:
    kind = entry["type"]
    issued = dt.date.fromisoformat(entry["issued"])
    until = dt.date.fromisoformat(entry["valid_until"]) if entry.get("valid_until") else None
    audit = dt.date.fromisoformat(entry["last_audit"]) if entry.get("last_audit") else None
    year_ago = _years_before(today, 1)
    found: list[tuple[Status, Text]] = []
    if kind == "other":
        found.append((Status.FAIL, Text(
            f"{entry.get('name', 'other')!s:.100} is neither a BSI C5 attestation nor an ISO/IEC 27001 certificate.",
            f"{entry.get('name', 'other')!s:.100} ist weder ein BSI-C5-Testat noch ein ISO/IEC-27001-Zertifikat.")))
    if issued > today:
        found.append((Status.FAIL, Text(f"the issue date {issued} lies in the future",
                                        f"das Ausstellungsdatum {issued} liegt in der Zukunft")))
    if until and until < today:
        found.append((Status.FAIL, Text(f"it expired on {until}", f"es ist am {until} abgelaufen")))
    if until and until < issued:
        found.append((Status.FAIL, Text(f"valid_until {until} lies before the issue date {issued}",
                                        f"valid_until {until} liegt vor dem Ausstellungsdatum {issued}")))
    if kind in C5_TYPES:
        if issued < year_ago:
            found.append((Status.FAIL, Text(
                f"the C5 report of {issued} is older than 12 months (C5 attestations are renewed yearly)",
                f"der C5-Bericht vom {issued} ist älter als 12 Monate (C5-Testate werden jährlich erneuert)")))
        if kind == "bsi-c5-type1":
            found.append((Status.WARNING, Text("a C5 type 1 report tests design only; type 2 is preferred",
                                               "ein C5-Typ-1-Bericht prüft nur die Angemessenheit; Typ 2 wird "
                                               "bevorzugt")))
    if kind in ISO_TYPES:
        if until is None:
            found.append((Status.FAIL, Text("the certificate states no validity (valid_until)",
                                            "das Zertifikat nennt keine Gültigkeit (valid_until)")))
        elif until > _years_before(issued, -3) + dt.timedelta(days=31):
            found.append((Status.NEEDS_REVIEW, Text(
                "its validity exceeds the three-year certification cycle", "seine Gültigkeit übersteigt den "
                "dreijährigen Zertifizierungszyklus")))
        if "2013" in str(entry.get("standard_version", "")) and today > ISO_2013_WITHDRAWN:
            found.append((Status.FAIL, Text(
                "ISO/IEC 27001:2013 certificates lost their validity on 2025-10-31",
                "Zertifikate nach ISO/IEC 27001:2013 haben am 31.10.2025 ihre Gültigkeit verloren")))
        if issued < year_ago and (audit is None or audit < year_ago):
            found.append((Status.WARNING, Text(
                "no surveillance audit within the last 12 months is declared (last_audit)",
                "kein Überwachungsaudit in den letzten 12 Monaten angegeben (last_audit)")))
    if entry.get("covers_solution") is False:
        found.append((Status.FAIL, Text("its scope does not cover the operation of this solution",
                                        "sein Geltungsbereich umfasst den Betrieb dieser Lösung nicht")))
    elif "covers_solution" not in entry and kind != "other":
        found.append((Status.NEEDS_REVIEW, Text(
            "whether its scope covers the operation of this solution is not declared (covers_solution)",
            "ob sein Geltungsbereich den Betrieb dieser Lösung umfasst, ist nicht angegeben (covers_solution)")))
    return found


def _label(entry: dict[str, Any]) -> Text:
    kinds = {"bsi-c5-type1": "BSI C5 type 1", "bsi-c5-type2": "BSI C5 type 2", "iso27001": "ISO/IEC 27001",
             "iso27001-it-grundschutz": "ISO 27001 on the basis of IT-Grundschutz"}
    kinds_de = {**kinds, "bsi-c5-type1": "BSI C5 Typ 1", "bsi-c5-type2": "BSI C5 Typ 2",
                "iso27001-it-grundschutz": "ISO 27001 auf der Basis von IT-Grundschutz"}
    issuer = entry["issuer"][:100]
    return Text(f"{kinds.get(entry['type'], 'attestation')} by {issuer} of {entry['issued']}",
                f"{kinds_de.get(entry['type'], 'Nachweis')} von {issuer} vom {entry['issued']}")


@check("declaration.attestation", version="1", requirements=("LM-IS-06",), evidence=("declarations",),
       title=Text("A current BSI C5 attestation or ISO/IEC 27001 certificate covers the operation",
                  "Ein aktuelles BSI-C5-Testat oder ISO/IEC-27001-Zertifikat umfasst den Betrieb"),
       references=("https://www.bsi.bund.de/dok/c5",))
def attestation(chk: Check, bundle: Bundle, reference: Reference) -> Result | list[Result]:
    declared, early = _start(chk, bundle, "attestations")
    if early:
        return early
    entries = declared.document.get("attestations") or []
    if not entries:
        return chk.result(Status.FAIL, Text(
            f"{declared.name} declares no attestation (attestations): LM-IS-06 asks for a BSI C5 attestation or an "
            f"ISO/IEC 27001 certificate for the operation.",
            f"{declared.name} nennt keinen Nachweis (attestations): LM-IS-06 verlangt ein BSI-C5-Testat oder ein "
            f"ISO/IEC-27001-Zertifikat für den Betrieb."), evidence=declared.name, location=declared.place(""))
    assessed = []
    for index, entry in enumerate(entries):
        findings = _attestation_findings(entry, reference.today)
        worst = next((status for status in _ORDER if status in {s for s, _ in findings}), Status.PASS)
        assessed.append((index, entry, worst, findings))
    good = [item for item in assessed if item[2] in (Status.PASS, Status.WARNING)]
    if good:
        index, entry, worst, findings = max(good, key=lambda item: _ORDER.index(item[2]))
        label = _label(entry)
        notes = Text("".join(f" Note: {text.en}." for _, text in findings),
                     "".join(f" Hinweis: {text.de}." for _, text in findings))
        return chk.result(worst, Text(
            f"{label.en} is current and covers the operation of this solution (scope: {entry['scope'][:200]})."
            f"{notes.en}",
            f"{label.de} ist aktuell und umfasst den Betrieb dieser Lösung (Geltungsbereich: "
            f"{entry['scope'][:200]}).{notes.de}"),
            evidence=declared.name, location=declared.place(f"/attestations/{index}"),
            details={"attestation": entry})
    results = []
    for index, entry, worst, findings in assessed:
        label = _label(entry)
        reasons = [text for status, text in findings if status == worst]
        results.append(chk.result(worst, Text(
            f"{label.en}: " + "; ".join(text.en for text in reasons) + ".",
            f"{label.de}: " + "; ".join(text.de for text in reasons) + "."),
            evidence=declared.name, location=declared.place(f"/attestations/{index}"),
            details={"attestation": entry}))
    return results
