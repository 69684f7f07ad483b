"""The SBOM checks of LM-IS-03: schema validity and the BSI TR-03183-2 fields."""

from __future__ import annotations

from collections import Counter

from lichtermeer.engines.publiccode.messages import Text

from ..evidence import Bundle, EvidenceError
from ..model import Check, Result, Status
from ..reference import Reference
from ..registry import check
from . import tr03183
from .access import sbom_of
from .model import CYCLONEDX_JSON, SPDX_JSON, Sbom
from .validate import Problem, validate

SHOWN = 5  # problems quoted in an explanation; `details` lists up to LISTED
LISTED = 50
TR_URL = ("https://www.bsi.bund.de/SharedDocs/Downloads/EN/BSI/Publications/TechGuidelines/TR03183/"
          "BSI-TR-03183-2.pdf")


def unreadable(chk: Check, bundle: Bundle) -> Result | None:
    """The shared answer when the SBOM is missing or cannot be read (None when it can)."""
    file = bundle.first("sbom")
    if file is None:
        return chk.missing("sbom")
    sbom = sbom_of(bundle)
    if isinstance(sbom, EvidenceError):
        return chk.result(Status.ERROR, Text(
            f"{sbom.text.en} A reviewer has to look at the SBOM.",
            f"{sbom.text.de} Eine Prüferin oder ein Prüfer muss die SBOM ansehen."),
            evidence=file.name, location=sbom.location)
    return None


def _duplicate_refs(sbom: Sbom) -> list[Problem]:
    """bom-refs must be unique (the XSD enforces it, the JSON schema cannot)."""
    if sbom.format != CYCLONEDX_JSON:
        return []
    counts = Counter(c.ref for c in sbom.components if c.ref)
    if sbom.subject is not None and sbom.subject.ref:
        counts[sbom.subject.ref] += 1
    places = {}
    for component in sbom.components:
        if counts.get(component.ref, 0) > 1:
            places.setdefault(component.ref, []).append(component.location)
    return [Problem(where[1] if len(where) > 1 else where[0],
                    f"bom-ref {ref!r:.120} is used {counts[ref]} times ({', '.join(where[:3])})")
            for ref, where in places.items()]


@check("sbom.valid", version="1", requirements=("LM-IS-03",), evidence=("sbom",),
       title=Text("SBOM is valid CycloneDX or SPDX", "SBOM ist gültiges CycloneDX oder SPDX"),
       references=("https://cyclonedx.org/specification/overview/", "https://spdx.github.io/spdx-spec/v2.3/"))
def sbom_valid(chk: Check, bundle: Bundle, reference: Reference) -> Result:
    problem = unreadable(chk, bundle)
    if problem is not None:
        return problem
    sbom = sbom_of(bundle)
    try:
        outcome = validate(sbom)
    except RecursionError:
        return chk.result(Status.ERROR, Text(
            f"{sbom.name} is nested too deeply to be validated; a reviewer has to look at it.",
            f"{sbom.name} ist zu tief verschachtelt, um geprüft zu werden; eine Prüferin oder ein Prüfer muss sie "
            "ansehen."), evidence=sbom.name, location=sbom.name)
    family = "SPDX" if sbom.format == SPDX_JSON else "CycloneDX"
    if not outcome.schema:
        known = "2.2 and 2.3" if sbom.format == SPDX_JSON else "1.2 to 1.6"
        stated = sbom.spec_version or "no version"
        return chk.result(Status.FAIL, Text(
            f"{sbom.name} states {family} {stated}, for which there is no schema; supported are {family} {known}.",
            f"{sbom.name} gibt {family} {stated} an, dafür gibt es kein Schema; unterstützt werden {family} {known}."),
            evidence=sbom.name, location=sbom.name, details={"format": sbom.format, "spec_version": sbom.spec_version})
    problems = [*outcome.problems, *_duplicate_refs(sbom)]
    details = {"format": sbom.format, "spec_version": sbom.spec_version, "schema": outcome.schema,
               "components": len(sbom.components)}
    if not problems:
        note = Text(" (SPDX 2.2 was checked against the SPDX 2.3 structure.)",
                    " (SPDX 2.2 wurde gegen die Struktur von SPDX 2.3 geprüft.)") if sbom.spec_version == "2.2" \
            else Text("", "")
        return chk.result(Status.PASS, Text(
            f"{sbom.name} is valid against the {outcome.schema}; {len(sbom.components)} components.{note.en}",
            f"{sbom.name} ist gültig nach dem {outcome.schema_de}; {len(sbom.components)} Komponenten.{note.de}"),
            evidence=sbom.name, location=sbom.name, details=details)
    count = f"more than {len(outcome.problems)}" if outcome.truncated else str(len(problems))
    count_de = f"mehr als {len(outcome.problems)}" if outcome.truncated else str(len(problems))
    quoted = "; ".join(f"{p.location}: {p.message}" for p in problems[:SHOWN])
    rest = len(problems) - SHOWN
    more, more_de = ("", "") if rest <= 0 else (" … and more", " … und weitere") if outcome.truncated \
        else (f" … and {rest} more", f" … und {rest} weitere")
    return chk.result(Status.FAIL, Text(
        f"{sbom.name} does not conform to the {outcome.schema}: {count} problem(s). {quoted}{more}.",
        f"{sbom.name} entspricht nicht dem {outcome.schema_de}: {count_de} Fehler. {quoted}{more_de}."),
        evidence=sbom.name, location=f"{sbom.name} {problems[0].location}",
        details={**details, "problem_count": len(problems), "truncated": outcome.truncated,
                 "problems": [{"location": p.location, "message": p.message} for p in problems[:LISTED]]})


@check("sbom.tr-03183-2", version="1", requirements=("LM-IS-03",), evidence=("sbom",),
       title=Text("SBOM has the fields BSI TR-03183-2 requires",
                  "SBOM enthält die von der BSI TR-03183-2 geforderten Angaben"),
       references=(TR_URL,))
def sbom_tr_03183_2(chk: Check, bundle: Bundle, reference: Reference) -> list[Result]:
    problem = unreadable(chk, bundle)
    if problem is not None:
        return [problem]
    sbom = sbom_of(bundle)
    found = tr03183.findings(sbom)
    if not found:
        return [chk.result(Status.PASS, Text(
            f"{sbom.name} ({sbom.format} {sbom.spec_version}) has every field BSI TR-03183-2 requires: creator and "
            f"timestamp, and for all {len(sbom.components)} components creator, name, version, licence and SHA-512 "
            "hash, a dependency graph and parseable purls.",
            f"{sbom.name} ({sbom.format} {sbom.spec_version}) enthält alle von der BSI TR-03183-2 geforderten "
            f"Angaben: Ersteller und Zeitpunkt sowie für alle {len(sbom.components)} Komponenten Hersteller, Name, "
            "Version, Lizenz und SHA-512-Hashwert, einen Abhängigkeitsgraphen und lesbare purls."),
            evidence=sbom.name, location=sbom.name, details={"components": len(sbom.components)})]
    statuses = {"fail": Status.FAIL, "warning": Status.WARNING}
    return [chk.result(statuses[finding.status], finding.text, evidence=sbom.name,
                       location=f"{sbom.name} {finding.location}" if finding.location != sbom.name else sbom.name,
                       details={"field": finding.field, **finding.details})
            for finding in found]
