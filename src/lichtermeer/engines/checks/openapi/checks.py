"""The OpenAPI checks of LM-OS-01.

* `openapi.valid` decides LM-OS-01: every supplied OpenAPI document is a valid OpenAPI 3.0/3.1
  description (one result per document).
* `openapi.api-design-rules` is informational (the catalogue does not list it among the checks
  that decide LM-OS-01): the findings of the NL GOV API Design Rules linter, as a warning when
  there are error-level findings.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from lichtermeer.engines.publiccode.messages import Text

from ..evidence import MAX_BYTES, Bundle, EvidenceError, EvidenceFile, load_yaml_or_json, too_large
from ..model import Check, Result, Status
from ..reference import Reference
from ..registry import check
from . import validity
from .lint import Finding, LintError, decode, lint_text

OAS_30 = "https://spec.openapis.org/oas/v3.0.3"
OAS_31 = "https://spec.openapis.org/oas/v3.1.0"
ADR = "https://gitdocumentatie.logius.nl/publicatie/api/adr/"
# Findings kept in a result's details (a hostile document can produce one per value).
MAX_DETAILS = 500


def _error(chk: Check, file: EvidenceFile, problem: EvidenceError | LintError | Text) -> Result:
    """Status `error`: the evidence cannot be read or checked (never a silent pass)."""
    line, column = getattr(problem, "line", 0), getattr(problem, "column", 0)
    where = f"{file.name}:{line}:{column}" if line else file.name
    if isinstance(problem, EvidenceError):  # its text names the file already
        text = Text(f"{_sentence(problem.text.en)} It cannot be checked.",
                    f"{_sentence(problem.text.de)} Sie kann nicht geprüft werden.")
    else:
        reason = problem if isinstance(problem, Text) else problem.text
        text = Text(f"{file.name} cannot be checked: {reason.en}.", f"{file.name} kann nicht geprüft werden: "
                    f"{reason.de}.")
    return chk.result(Status.ERROR, text, evidence=file.name, location=where)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def _source(bundle: Bundle, file: EvidenceFile):
    return bundle.parsed(f"openapi-source:{file.sha256}", lambda: validity.source_of(file.data.decode(
        "utf-8", errors="replace")))


@check("openapi.valid", version="1", requirements=("LM-OS-01",), evidence=("openapi",),
       title=Text("Valid OpenAPI 3.0/3.1 description", "Gültige Beschreibung nach OpenAPI 3.0/3.1"),
       references=(OAS_31, OAS_30))
def openapi_valid(chk: Check, bundle: Bundle, reference: Reference) -> Result | list[Result]:
    files = bundle.of("openapi")
    if not files:
        return chk.missing("openapi")
    return [_valid_one(chk, bundle, file) for file in files]


def _valid_one(chk: Check, bundle: Bundle, file: EvidenceFile) -> Result:
    data = load_yaml_or_json(file)
    if isinstance(data, EvidenceError):
        return _error(chk, file, data)
    verdict = validity.judge(data, lambda: _source(bundle, file))
    details: dict[str, Any] = {"version": verdict.version, "errors": verdict.total,
                               "external_refs": verdict.external_refs[:50],
                               "problems": [{"path": p.pointer, "line": p.line, "column": p.column,
                                             "message": p.message} for p in verdict.problems[:MAX_DETAILS]]}
    if verdict.status == "unsupported":
        return chk.result(Status.FAIL, Text(f"{file.name} is not an OpenAPI 3.0/3.1 description: {verdict.reason.en}.",
                                            f"{file.name} ist keine Beschreibung nach OpenAPI 3.0/3.1: "
                                            f"{verdict.reason.de}."),
                          evidence=file.name, location=file.name, details=details)
    if verdict.status == "unchecked":
        return _error(chk, file, verdict.reason)
    if verdict.status == "invalid" and verdict.reason is not None:
        return chk.result(Status.FAIL, Text(f"{file.name} is not a valid OpenAPI {verdict.version} description: "
                                            f"{verdict.reason.en}.",
                                            f"{file.name} ist keine gültige Beschreibung nach OpenAPI "
                                            f"{verdict.version}: {verdict.reason.de}."),
                          evidence=file.name, location=file.name, details=details)
    if verdict.status == "invalid":
        return chk.result(Status.FAIL, _invalid_text(file.name, verdict), evidence=file.name,
                          location=_location(file.name, verdict.problems), details=details)
    if verdict.external_refs:
        refs = ", ".join(verdict.external_refs[:3]) + (" …" if len(verdict.external_refs) > 3 else "")
        return chk.result(Status.NEEDS_REVIEW, Text(
            f"{file.name} (OpenAPI {verdict.version}) is structurally valid, but it references other files or URLs "
            f"({refs}); they are not fetched, so a reviewer has to check the complete description.",
            f"{file.name} (OpenAPI {verdict.version}) ist strukturell gültig, verweist aber auf andere Dateien oder "
            f"URLs ({refs}); diese werden nicht abgerufen, eine Prüferin oder ein Prüfer muss die vollständige "
            f"Beschreibung prüfen."), evidence=file.name, location=file.name, details=details)
    return chk.result(Status.PASS, Text(f"{file.name} is a valid OpenAPI {verdict.version} description.",
                                        f"{file.name} ist eine gültige Beschreibung nach OpenAPI {verdict.version}."),
                      evidence=file.name, location=file.name, details=details)


def _location(name: str, problems: list[validity.Problem]) -> str:
    if problems and problems[0].line:
        return f"{name}:{problems[0].line}:{problems[0].column}"
    return f"{name}{problems[0].pointer}" if problems else name


def _invalid_text(name: str, verdict: validity.Verdict) -> Text:
    shown = verdict.problems[:validity.SHOWN_ERRORS]
    more = verdict.total - len(shown)
    count = f"{verdict.total}+" if verdict.total >= validity.MAX_ERRORS else str(verdict.total)
    en = "; ".join(f"at {p.where()}: {p.message}" for p in shown)
    de = "; ".join(f"bei {p.where().replace('line', 'Zeile').replace('column', 'Spalte')}: {p.message}"
                   for p in shown)
    tail_en = f" (and {more} more)" if more > 0 else ""
    tail_de = f" (und {more} weitere)" if more > 0 else ""
    return Text(f"{name} is not a valid OpenAPI {verdict.version} description ({count} problems): {en}{tail_en}.",
                f"{name} ist keine gültige Beschreibung nach OpenAPI {verdict.version} ({count} Fehler): "
                f"{de}{tail_de}.")


@check("openapi.api-design-rules", version="1", requirements=("LM-OS-01",), evidence=("openapi",),
       title=Text("NL GOV API Design Rules (linter)", "NL GOV API Design Rules (Linter)"),
       references=(ADR, "https://github.com/Logius-standaarden/API-Design-Rules"))
def api_design_rules(chk: Check, bundle: Bundle, reference: Reference) -> Result | list[Result]:
    files = bundle.of("openapi")
    if not files:
        return chk.missing("openapi")
    return [_lint_one(chk, file) for file in files]


def _lint_one(chk: Check, file: EvidenceFile) -> Result:
    if len(file.data) > MAX_BYTES:
        return _error(chk, file, too_large(file.kind, file.name, len(file.data)))
    try:
        findings = lint_text(decode(file.data))
    except LintError as exc:
        return _error(chk, file, exc)
    errors = [finding for finding in findings if finding.severity == "error"]
    details = {"findings": [finding.as_dict() for finding in findings[:MAX_DETAILS]], "total": len(findings),
               "errors": len(errors), "rules": dict(Counter(finding.rule for finding in findings))}
    if not errors:
        others = len(findings)
        return chk.result(Status.PASS, Text(
            f"{file.name} follows the automatically testable API Design Rules"
            + (f" ({_count(others, 'warning', 'warnings')})." if others else "."),
            f"{file.name} hält die automatisch prüfbaren API Design Rules ein"
            + (f" ({_count(others, 'Warnung', 'Warnungen')})." if others else ".")),
            evidence=file.name, location=file.name, details=details)
    first = errors[0]
    return chk.result(Status.WARNING, Text(
        f"{file.name} breaks the API Design Rules in {_count(len(errors), 'place', 'places')} ({_by_rule(errors)}); "
        f"first: "
        f"{_place(file.name, first)} {first.rule}: {first.message}",
        f"{file.name} verletzt die API Design Rules an {_count(len(errors), 'Stelle', 'Stellen')} "
        f"({_by_rule(errors)}); erste: "
        f"{_place(file.name, first)} {first.rule}: {first.message}"),
        evidence=file.name, location=f"{file.name}:{first.line}:{first.column}", details=details)


def _by_rule(findings: list[Finding]) -> str:
    counts = Counter(finding.rule for finding in findings)
    return ", ".join(f"{rule} ×{count}" for rule, count in counts.most_common(5)) + (
        ", …" if len(counts) > 5 else "")


def _place(name: str, finding: Finding) -> str:
    path = finding.dotted_path
    return f"{name}:{finding.line}:{finding.column}" + (f" ({path})" if path else "")


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"
