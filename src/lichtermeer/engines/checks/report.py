"""An Assessment as text (German or English), JSON or JUnit XML.

* text - for people: the overall result, then per requirement its obligation and verdict with the
  check results (status, place in the evidence, explanation); requirements no check decides are
  listed at the end in one line.
* json - `Assessment.as_dict()` plus `advisories` (every advisory the vulnerabilities.osv check
  matched: id and aliases), `reference_data` (versions of the pinned lists) and `generator`.
* junit - one testsuite, one testcase per requirement: fail -> <failure>, error -> <error>,
  needs_review and not_applicable -> <skipped>, which GitLab's unit test report shows as such.

Everything that came from evidence is stripped of control characters before it reaches a terminal
or an XML file (a hostile security.txt must not move the cursor or break the XML).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET  # noqa: S405 - only writes XML, never parses it
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from . import Assessment
from .model import Result
from .verdicts import RequirementVerdict, Verdict

FORMATS = ("text", "json", "junit")
LANGUAGES = ("de", "en")
# Controls (except tab) and what XML 1.0 cannot carry; newlines inside an explanation become spaces.
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NO_CHECK = "No automated check decides this requirement"

_WORDS = {
    "de": {
        "title": "Lichtermeer-Selbstprüfung", "catalogue": "Katalog", "date": "Stichtag",
        "blocking": "Nicht erfüllte MUSS-Anforderungen (blockierend)", "none_blocking":
            "Keine MUSS-Anforderung ist nicht erfüllt oder fehlerhaft.",
        "summary": "Übersicht", "manual": "Ohne automatische Prüfung (Bewertung durch das Fachgremium)",
        "verdict": {Verdict.PASS: "erfüllt", Verdict.FAIL: "nicht erfüllt", Verdict.ERROR: "Fehler",
                    Verdict.NEEDS_REVIEW: "Prüfung durch Personen", Verdict.NOT_APPLICABLE: "nicht anwendbar"},
        "status": {"pass": "bestanden", "fail": "nicht bestanden", "warning": "bestanden mit Hinweis",
                   "needs_review": "Prüfung durch Personen", "error": "Fehler", "not_applicable": "nicht anwendbar"},
    },
    "en": {
        "title": "Lichtermeer self-check", "catalogue": "Catalogue", "date": "Reference date",
        "blocking": "MUST requirements not met (blocking)", "none_blocking":
            "No MUST requirement fails or errors.",
        "summary": "Summary", "manual": "No automated check (assessed by the expert committee)",
        "verdict": {Verdict.PASS: "met", Verdict.FAIL: "not met", Verdict.ERROR: "error",
                    Verdict.NEEDS_REVIEW: "needs review", Verdict.NOT_APPLICABLE: "not applicable"},
        "status": {"pass": "pass", "fail": "fail", "warning": "pass with warning", "needs_review": "needs review",
                   "error": "error", "not_applicable": "not applicable"},
    },
}


def printable(text: Any) -> str:
    return _UNPRINTABLE.sub(" ", str(text))


def _requirements(catalogue: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    return {item.get("id"): item for item in (catalogue or {}).get("requirements") or () if isinstance(item, dict)}


def _title(requirement: dict[str, Any] | None, lang: str) -> str:
    title = (requirement or {}).get("title") or {}
    return printable(title.get(lang) or title.get("de") or title.get("en") or "") if isinstance(title, dict) else ""


def _explanation(item: Result | RequirementVerdict, lang: str) -> str:
    return printable(item.explanation.de if lang == "de" else item.explanation.en)


def _undecided(item: RequirementVerdict) -> bool:
    return item.verdict == Verdict.NEEDS_REVIEW and not item.checks


def render(assessment: Assessment, fmt: str = "text", *, lang: str = "de",
           catalogue: dict[str, Any] | None = None) -> str:
    if fmt == "json":
        return render_json(assessment)
    if fmt == "junit":
        return render_junit(assessment, lang=lang, catalogue=catalogue)
    return render_text(assessment, lang=lang, catalogue=catalogue)


# --- text -----------------------------------------------------------------------------------------------

def render_text(assessment: Assessment, *, lang: str = "de", catalogue: dict[str, Any] | None = None) -> str:
    words = _WORDS[lang if lang in _WORDS else "de"]
    requirements = _requirements(catalogue)
    lines = [f"{words['title']} – {words['catalogue']} {printable(assessment.catalogue_version)}",
             f"{words['date']}: {printable(assessment.versions.get('today', ''))}", ""]
    blocking = assessment.blocking
    if blocking:
        lines.append(f"{words['blocking']}: {', '.join(item.requirement for item in blocking)}")
    else:
        lines.append(words["none_blocking"])
    counts = {}
    for item in assessment.verdicts:
        counts[item.verdict] = counts.get(item.verdict, 0) + 1
    order = (Verdict.FAIL, Verdict.ERROR, Verdict.NEEDS_REVIEW, Verdict.PASS, Verdict.NOT_APPLICABLE)
    lines.append(f"{words['summary']}: " + ", ".join(f"{counts[verdict]} {words['verdict'][verdict]}"
                                                     for verdict in order if verdict in counts))
    undecided = []
    for item in assessment.verdicts:
        if _undecided(item):
            undecided.append(item.requirement)
            continue
        title = _title(requirements.get(item.requirement), lang)
        verdict = words["verdict"].get(item.verdict, item.verdict).upper()
        lines += ["", f"{item.requirement} [{item.obligation}] {title} — {verdict}".replace("  ", " ")]
        if not item.results:
            lines.append(f"  {_explanation(item, lang)}")
        for result in item.results:
            status = words["status"].get(result.status.value, result.status.value)
            place = f" — {printable(result.location)}" if result.location else ""
            lines.append(f"  {result.check}: {status}{place}")
            lines.append(f"    {_explanation(result, lang)}")
    if undecided:
        lines += ["", f"{words['manual']}: {', '.join(undecided)}"]
    return "\n".join(lines) + "\n"


# --- json -----------------------------------------------------------------------------------------------

def advisories(assessment: Assessment) -> list[dict[str, Any]]:
    """Every advisory vulnerabilities.osv matched (its `details["advisories"]`): id, aliases and the components
    (purl, else bom-ref) it was matched for, once per advisory id, sorted by id."""
    found: dict[str, dict[str, Any]] = {}
    for result in assessment.results.get("vulnerabilities.osv", []):
        listed = result.details.get("advisories") if isinstance(result.details, dict) else None
        for item in listed if isinstance(listed, list) else ():
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            entry = found.setdefault(item["id"], {"id": item["id"], "aliases": [], "components": []})
            aliases = item.get("aliases") if isinstance(item.get("aliases"), list) else []
            entry["aliases"] = sorted(set(entry["aliases"]) | {alias for alias in aliases if isinstance(alias, str)})
            component = item.get("purl") or item.get("component")
            if isinstance(component, str) and component and component not in entry["components"]:
                entry["components"].append(component)
    return [found[key] for key in sorted(found)]


def _package_version() -> str:
    try:
        return version("lichtermeer")
    except PackageNotFoundError:
        return "unknown"


def render_json(assessment: Assessment) -> str:
    from .declarations import reference_versions

    document = assessment.as_dict()
    document["advisories"] = advisories(assessment)
    document["reference_data"] = reference_versions()
    document["generator"] = {"name": "lichtermeer", "version": _package_version()}
    return json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n"


# --- junit ----------------------------------------------------------------------------------------------

def render_junit(assessment: Assessment, *, lang: str = "de", catalogue: dict[str, Any] | None = None) -> str:
    words = _WORDS[lang if lang in _WORDS else "de"]
    requirements = _requirements(catalogue)
    version = printable(assessment.catalogue_version)
    counts = {"tests": len(assessment.verdicts), "failures": 0, "errors": 0, "skipped": 0}
    suite = ET.Element("testsuite", name=f"lichtermeer-{version}", time="0")
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="catalogue_version", value=version)
    for key, value in sorted(assessment.versions.items()):
        ET.SubElement(properties, "property", name=printable(key), value=printable(value))
    for item in assessment.verdicts:
        requirement = requirements.get(item.requirement) or {}
        category = printable(requirement.get("category") or item.requirement.rsplit("-", 1)[0])
        name = f"{item.requirement} [{item.obligation}] {_title(requirement, lang)}".strip()
        case = ET.SubElement(suite, "testcase", classname=f"lichtermeer.{category}", name=name, time="0")
        message = f"{item.obligation} {words['verdict'].get(item.verdict, item.verdict)}: {_explanation(item, lang)}"
        body = "\n".join(
            f"{result.check}: {words['status'].get(result.status.value, result.status.value)}"
            + (f" ({printable(result.location)})" if result.location else "") + f" - {_explanation(result, lang)}"
            for result in item.results)
        if item.verdict == Verdict.FAIL:
            counts["failures"] += 1
            ET.SubElement(case, "failure", message=message[:1000], type=item.obligation).text = body or message
        elif item.verdict == Verdict.ERROR:
            counts["errors"] += 1
            ET.SubElement(case, "error", message=message[:1000], type="evidence").text = body or message
        elif item.verdict in (Verdict.NEEDS_REVIEW, Verdict.NOT_APPLICABLE):
            counts["skipped"] += 1
            ET.SubElement(case, "skipped", message=message[:1000])
        if body:
            ET.SubElement(case, "system-out").text = body
    for key, value in counts.items():
        suite.set(key, str(value))
    root = ET.Element("testsuites", name="lichtermeer", **{key: str(value) for key, value in counts.items()})
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
