"""publiccode.valid (LM-LQ-04): the publiccode.yml engine, offline, turned into one check result.

The parse is cached under the key "publiccode" (`parsed_publiccode`); the licence checks and the
CLI's software-type default read the same ParseResult, so the file is parsed once per bundle.
"""

from __future__ import annotations

from lichtermeer.engines import publiccode
from lichtermeer.engines.publiccode.findings import Finding, ParseResult
from lichtermeer.engines.publiccode.messages import Text

from .evidence import MAX_BYTES, Bundle, too_large
from .model import Check, Result, Status
from .reference import Reference
from .registry import check

# A report lists this many findings in its text; `details` keeps all of them (up to the cap below).
SHOWN_FINDINGS = 5
KEPT_FINDINGS = 200


def parsed_publiccode(bundle: Bundle) -> ParseResult | None:
    """The bundle's publiccode.yml parsed offline (cached), or None when none was supplied."""
    file = bundle.first("publiccode")
    if file is None:
        return None
    # The self-check runs in the provider's checkout, where a relative logo path names a real file; on the
    # platform (facts "local_files": False) the name must never make the engine look at the server's files.
    path = file.name if bundle.facts.get("local_files", True) else None
    return bundle.parsed("publiccode", lambda: publiccode.parse(file.data, path=path))


def software_type(bundle: Bundle) -> str | None:
    """`softwareType` of the publiccode.yml when it could be read (the CLI's default software type)."""
    result = parsed_publiccode(bundle)
    if result is None or not isinstance(result.document, dict):
        return None
    value = result.document.get("softwareType")
    return value if isinstance(value, str) and value else None


def _place(name: str, finding: Finding) -> str:
    return f"{name}:{finding.line}:{finding.column}" if finding.line else name


def _listed(name: str, findings: list[Finding]) -> Text:
    def line(finding: Finding, description: str) -> str:
        key = f"{finding.key}: " if finding.key else ""
        return f"{_place(name, finding)}: {key}{description}"

    return Text("; ".join(line(f, f.description) for f in findings[:SHOWN_FINDINGS]),
                "; ".join(line(f, f.description_de) for f in findings[:SHOWN_FINDINGS]))


@check("publiccode.valid", version="1", requirements=("LM-LQ-04",), evidence=("publiccode",),
       title=Text("publiccode.yml is valid", "publiccode.yml ist gültig"),
       references=("https://yml.publiccode.tools",))
def publiccode_valid(chk: Check, bundle: Bundle, reference: Reference) -> Result:
    file = bundle.first("publiccode")
    if file is None:
        return chk.missing("publiccode")
    if len(file.data) > MAX_BYTES:
        problem = too_large(file.kind, file.name, len(file.data))
        return chk.result(Status.ERROR, problem.text, evidence=file.name, location=file.name)
    result = parsed_publiccode(bundle)
    details = {
        "version": result.version,
        "errors": len(result.errors),
        "warnings": len(result.warnings),
        "findings": [{**f.to_dict(), "description_de": f.description_de} for f in result.findings[:KEPT_FINDINGS]],
    }
    if result.errors:
        errors = result.errors
        more = len(errors) - SHOWN_FINDINGS
        rest = Text(f" (and {more} more)", f" (und {more} weitere)") if more > 0 else Text("", "")
        listed = _listed(file.name, errors)
        return chk.result(Status.FAIL, Text(
            f"{file.name} is not a valid publiccode.yml: {len(errors)} error(s): {listed.en}{rest.en}.",
            f"{file.name} ist keine gültige publiccode.yml: {len(errors)} Fehler: {listed.de}{rest.de}."),
            evidence=file.name, location=_place(file.name, errors[0]), details=details)
    if result.warnings:
        listed = _listed(file.name, result.warnings)
        return chk.result(Status.WARNING, Text(
            f"{file.name} is a valid publiccode.yml (standard {result.version}) with {len(result.warnings)} "
            f"warning(s): {listed.en}.",
            f"{file.name} ist eine gültige publiccode.yml (Standard {result.version}) mit "
            f"{len(result.warnings)} Warnung(en): {listed.de}."),
            evidence=file.name, location=_place(file.name, result.warnings[0]), details=details)
    return chk.result(Status.PASS, Text(
        f"{file.name} is a valid publiccode.yml (standard {result.version}); checked offline, without "
        f"fetching the URLs it names.",
        f"{file.name} ist eine gültige publiccode.yml (Standard {result.version}); offline geprüft, ohne die "
        f"genannten URLs abzurufen."),
        evidence=file.name, location=file.name, details=details)
