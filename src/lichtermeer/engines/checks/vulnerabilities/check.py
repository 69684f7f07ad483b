"""Check `vulnerabilities.osv` (LM-IS-04): no known vulnerability with CVSS ≥ 7.0 for which a fix exists.

Per advisory that affects a component:
* CVSS ≥ 7.0 (or rated high/critical) and a fixed version → fail;
* the provider states in the SBOM (CycloneDX VEX) why it cannot be exploited → needs_review (a reviewer judges
  the reason);
* no severity in the advisory data, but a fix exists → needs_review (someone has to rate it);
* could not be compared (version not parseable, no ordering) → needs_review;
* below 7.0, or no fixed version yet → warning (does not block, but is shown).
Every result names the advisory data date, because "no known vulnerability" is only true as of that date.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from lichtermeer.engines.publiccode.messages import Text

from ..evidence import Bundle, EvidenceError
from ..model import Check, Result, Status
from ..reference import Reference
from ..registry import check
from ..sbom import sbom_of
from . import vex as vex_module
from .index import Match, OsvIndex
from .scan import ComponentMatches, Scan, scan
from .severity import Severity

CHECK_ID = "vulnerabilities.osv"
VERSION = "1"
REQUIREMENTS = ("LM-IS-04",)
TITLE = Text("Known vulnerabilities in SBOM components (OSV)", "Bekannte Schwachstellen in SBOM-Komponenten (OSV)")
REFERENCES = ("https://ossf.github.io/osv-schema/", "https://osv.dev/")
_LISTED = 10  # components named in a summary text before "… and N more"
_WORST_FIRST = (Status.FAIL, Status.NEEDS_REVIEW, Status.WARNING)
_RATING_DE = {"critical": "kritisch", "high": "hoch", "medium": "mittel", "low": "niedrig", "none": "keine"}


def _as_of(snapshot: str) -> Text:
    date = snapshot or "unknown"
    return Text(f"advisories as of {date}", f"Schwachstellendaten mit Stand {date}" if snapshot
                else "Stand der Schwachstellendaten unbekannt")


def _check() -> Check:
    return Check(CHECK_ID, VERSION, REQUIREMENTS, ("sbom",), TITLE, osv_check, REFERENCES)


def _component_label(component: Any, ecosystem: str) -> str:
    ref = str(getattr(component, "ref", "") or "")
    purl = getattr(component, "purl", None) or ""
    name = getattr(component, "name", "") or ""
    version = getattr(component, "version", "") or ""
    what = " ".join(part for part in (name, version) if part) or purl or "?"
    where = ref or purl
    return f"{what} ({ecosystem}, bom-ref {where})" if where else f"{what} ({ecosystem})"


def _location(evidence: str, component: Any) -> str:
    """File plus the component's place: `bom.json#/components/3`, `bom.xml:105`, else its bom-ref or purl."""
    where = str(getattr(component, "location", "") or "")
    if where.startswith("/"):
        return f"{evidence}#{where}"
    if where.startswith("line "):
        return f"{evidence}:{where.removeprefix('line ')}"
    return f"{evidence}: {getattr(component, 'ref', '') or getattr(component, 'purl', '') or '?'}"


def _id_list(matches: list[Match], limit: int = 20) -> str:
    shown = ", ".join(match.id for match in matches[:limit])
    return shown + (f" … (+{len(matches) - limit})" if len(matches) > limit else "")


def _advisory_label(match: Match) -> str:
    cve = next((alias for alias in match.advisory.aliases if alias.startswith("CVE-")), "")
    return f"{match.id} ({cve})" if cve else match.id


def _severity_text(severity: Severity) -> Text:
    if severity.score is not None:
        return Text(f"CVSS {severity.score:.1f}", f"CVSS {severity.score:.1f}".replace(".", ","))
    if severity.rating != "unknown":
        return Text(f"rated {severity.rating}", f"eingestuft als {_RATING_DE.get(severity.rating, severity.rating)}")
    return Text("severity not stated", "Schweregrad nicht angegeben")


def _fixed_text(fixed: tuple[str, ...]) -> Text:
    if not fixed:
        return Text("no fixed version known", "keine behebende Version bekannt")
    return Text(f"fixed in {', '.join(fixed)}", f"behoben in {', '.join(fixed)}")


def assessment_of(match: Match, statement: vex_module.VexStatement | None) -> tuple[Status, str]:
    """Status and category of one advisory for one component (see the module docstring)."""
    if match.affected is None:
        return Status.NEEDS_REVIEW, "undetermined"
    if statement is not None:
        return Status.NEEDS_REVIEW, "vex"
    high = match.severity.high
    if match.fixed and high:
        return Status.FAIL, "blocking"
    if match.fixed and high is None:
        return Status.NEEDS_REVIEW, "unrated"
    return Status.WARNING, "tolerated"


def _sentence(category: str, ids: str, matches: list[Match], statement: vex_module.VexStatement | None) -> Text:
    if category == "blocking":
        return Text(
            f"{ids}: CVSS base score 7.0 or higher and a fixed version is available — update the component, or give "
            f"a reason per vulnerability why it cannot be exploited (e.g. a VEX statement in the SBOM).",
            f"{ids}: CVSS-Basiswert 7,0 oder höher und eine behebende Version ist verfügbar — die Komponente "
            f"aktualisieren oder je Schwachstelle begründen, warum sie nicht ausnutzbar ist (z. B. VEX-Angabe in der "
            f"SBOM).")
    if category == "unrated":
        return Text(f"{ids}: the advisory data gives no severity although a fixed version exists; a reviewer has "
                    f"to rate them.",
                    f"{ids}: Die Schwachstellendaten nennen keinen Schweregrad, obwohl eine behebende Version "
                    f"existiert; eine Prüferin oder ein Prüfer muss sie bewerten.")
    if category == "vex":
        reason = statement.justification or statement.detail if statement else ""
        state = statement.state if statement else ""
        return Text(f"{ids}: the provider states in the SBOM that the component is not exposed ({state}: {reason}); "
                    f"a reviewer has to confirm the reason.",
                    f"{ids}: Der Anbieter gibt in der SBOM an, dass die Komponente nicht betroffen ist ({state}: "
                    f"{reason}); eine Prüferin oder ein Prüfer muss die Begründung bestätigen.")
    if category == "undetermined":
        reason = matches[0].reason
        return Text(f"{ids}: whether this version is affected could not be determined ({reason}); a reviewer has "
                    f"to decide.",
                    f"{ids}: Ob diese Version betroffen ist, ließ sich nicht feststellen ({reason}); eine Prüferin "
                    f"oder ein Prüfer muss entscheiden.")
    return Text(f"{ids}: below CVSS 7.0 or no fixed version yet — does not block admission, updating is still "
                f"advised.",
                f"{ids}: unter CVSS 7,0 oder noch keine behebende Version — kein Ausschlussgrund, eine "
                f"Aktualisierung wird dennoch empfohlen.")


@dataclass(frozen=True)
class _MatchWords:
    """What a result says about one advisory match whatever the component: the same Match object (the index
    memoises them) recurs in every SBOM with that package version, so this is built once per match."""

    listed_en: str  # "PYSEC-…: CVSS 7.5, fixed in 2.0"; "" when the version is not known to be affected
    listed_de: str
    status: Status  # without a VEX statement
    category: str
    aliases: tuple[str, ...]
    affected: str


_MAX_MATCH_WORDS = 100_000  # matches remembered; cleared when full (a new index brings new Match objects)
_match_words: dict[int, tuple[Match, _MatchWords]] = {}


def _words(match: Match) -> _MatchWords:
    known = _match_words.get(id(match))
    if known is not None and known[0] is match:  # the id of a collected Match may be reused: compare objects
        return known[1]
    severity, fixed = _severity_text(match.severity), _fixed_text(match.fixed)
    label = _advisory_label(match) if match.affected else ""
    status, category = assessment_of(match, None)
    words = _MatchWords(f"{label}: {severity.en}, {fixed.en}" if match.affected else "",
                        f"{label}: {severity.de}, {fixed.de}" if match.affected else "", status, category,
                        match.advisory.aliases, "yes" if match.affected else "undetermined")
    if len(_match_words) >= _MAX_MATCH_WORDS:
        _match_words.clear()
    _match_words[id(match)] = (match, words)
    return words


@dataclass(frozen=True)
class _Verdict:
    """The component-independent part of one component's result: status, counts and the sentences after the
    component is named. Without VEX statements it depends only on the matches, so it is built once per matches
    tuple (the index memoises one tuple per package version)."""

    worst: Status
    affected: int
    undetermined: int
    listed_en: str
    listed_de: str
    sentences_en: tuple[str, ...]
    sentences_de: tuple[str, ...]


_verdicts: dict[int, tuple[tuple[Match, ...], _Verdict]] = {}
# One advisory for one component: the match, its words, the VEX statement that applies (if any), status, category.
_Row = tuple[Match, _MatchWords, vex_module.VexStatement | None, Status, str]


def _verdict(rows: list[_Row]) -> _Verdict:
    by_category: dict[str, list[Match]] = {}
    vex_of: dict[str, vex_module.VexStatement] = {}
    for match, _, statement, _, category in rows:
        by_category.setdefault(category, []).append(match)
        if statement is not None:
            vex_of[match.id] = statement
    statuses = [status for _, _, _, status, _ in rows]
    affected = sum(1 for match, *_ in rows if match.affected)
    sentences = [_sentence(category, _id_list(by_category[category]), by_category[category],
                           vex_of.get(by_category[category][0].id))
                 for category in ("blocking", "vex", "unrated", "undetermined", "tolerated")
                 if by_category.get(category)]
    return _Verdict(next(status for status in _WORST_FIRST if status in statuses), affected, len(rows) - affected,
                    "; ".join(words.listed_en for _, words, *_ in rows if words.listed_en),
                    "; ".join(words.listed_de for _, words, *_ in rows if words.listed_de),
                    tuple(sentence.en for sentence in sentences), tuple(sentence.de for sentence in sentences))


def _component_result(chk: Check, found: ComponentMatches, snapshot: str, evidence: str,
                      statements: dict[str, list[vex_module.VexStatement]]) -> Result:
    component, key, matches = found.component, found.key, found.matches
    ref = str(getattr(component, "ref", "") or "")
    purl = getattr(component, "purl", None)
    label = _component_label(component, key.ecosystem)
    as_of = _as_of(snapshot)
    rows: list[_Row] = []
    for match in matches:
        words = _words(match)
        statement = vex_module.statement_for(statements, (match.id, *words.aliases), ref) if statements else None
        status, category = (words.status, words.category) if statement is None else assessment_of(match, statement)
        rows.append((match, words, statement, status, category))
    if any(row[2] is not None for row in rows):
        verdict = _verdict(rows)
    else:
        known = _verdicts.get(id(matches))
        if known is not None and known[0] is matches:
            verdict = known[1]
        else:
            verdict = _verdict(rows)
            if len(_verdicts) >= _MAX_MATCH_WORDS:
                _verdicts.clear()
            _verdicts[id(matches)] = (matches, verdict)
    advisories: list[dict[str, Any]] = []
    for match, words, statement, status, _ in rows:
        advisory = {
            "id": match.id, "aliases": list(words.aliases), "summary": match.advisory.summary,
            "severity": match.severity.as_dict(), "component": ref, "purl": purl, "version": key.version,
            "fixed": list(match.fixed), "affected": words.affected, "status": status.value, "reason": match.reason,
        }
        if statement is not None:
            advisory["vex"] = {"state": statement.state, "justification": statement.justification,
                               "detail": statement.detail, "pointer": statement.pointer}
        advisories.append(advisory)
    affected, undetermined = verdict.affected, verdict.undetermined
    if affected:
        first_en = (f"Component {label} is affected by {affected} known vulnerabilit{'y' if affected == 1 else 'ies'} "
                    f"({as_of.en}): {verdict.listed_en}.")
        first_de = (f"Die Komponente {label} ist von {affected} bekannten Schwachstelle{'' if affected == 1 else 'n'} "
                    f"betroffen ({as_of.de}): {verdict.listed_de}.")
    else:
        first_en = (f"For component {label}, {undetermined} advisor{'y' if undetermined == 1 else 'ies'} could not be "
                    f"evaluated ({as_of.en}).")
        first_de = (f"Für die Komponente {label} ließ{'' if undetermined == 1 else 'en'} sich {undetermined} "
                    f"Schwachstellenmeldung{'' if undetermined == 1 else 'en'} nicht auswerten ({as_of.de}).")
    return chk.result(verdict.worst, Text(" ".join((first_en, *verdict.sentences_en)),
                                          " ".join((first_de, *verdict.sentences_de))),
                      evidence=evidence, location=_location(evidence, component),
                      details={"snapshot": snapshot, "component": ref, "purl": purl, "ecosystem": key.ecosystem,
                               "advisories": advisories})


def _names(items: list[tuple[Any, Any]]) -> str:
    names = [str(getattr(component, "ref", "") or getattr(component, "name", "") or "?") for component, _ in items]
    shown = ", ".join(names[:_LISTED])
    return shown + (f" … (+{len(names) - _LISTED})" if len(names) > _LISTED else "")


def _not_scannable_result(chk: Check, result: Scan, evidence: str) -> Result:
    items = result.not_scannable
    # Nothing could be looked up at all: a pass would be silent, so a reviewer has to look.
    status = Status.NEEDS_REVIEW if not result.scanned and not result.not_covered else Status.WARNING
    as_of = _as_of(result.snapshot)
    first_reason = items[0][1]
    return chk.result(status, Text(
        f"{len(items)} component(s) cannot be matched against advisories ({as_of.en}), e.g. because they have no "
        f"valid package URL: {_names(items)}. First reason: {first_reason.reason_en}",
        f"{len(items)} Komponente(n) können nicht mit Schwachstellenmeldungen abgeglichen werden ({as_of.de}), "
        f"etwa weil eine gültige Paket-URL fehlt: {_names(items)}. Erster Grund: {first_reason.reason_de}"),
        evidence=evidence, location=evidence,
        details={"snapshot": result.snapshot, "not_scannable": [
            {"component": str(getattr(component, "ref", "") or ""), "name": getattr(component, "name", ""),
             "purl": getattr(component, "purl", None), "reason": why.reason_en} for component, why in items]})


def _not_covered_result(chk: Check, result: Scan, evidence: str, index: OsvIndex) -> Result:
    counts = Counter(key.ecosystem for _, key in result.not_covered)
    ecosystems = ", ".join(f"{name} ({count})" for name, count in sorted(counts.items()))
    in_database = ", ".join(sorted(index.ecosystems)) or "–"
    as_of = _as_of(result.snapshot)
    return chk.result(Status.NEEDS_REVIEW, Text(
        f"The advisory database ({as_of.en}; ecosystems: {in_database}) has no advisories for {ecosystems}; "
        f"{len(result.not_covered)} component(s) were therefore not checked: {_names(result.not_covered)}. "
        f"A reviewer has to check them against another source.",
        f"Die Schwachstellendatenbank ({as_of.de}; Ökosysteme: {in_database}) enthält keine Meldungen für "
        f"{ecosystems}; {len(result.not_covered)} Komponente(n) wurden daher nicht geprüft: "
        f"{_names(result.not_covered)}. Eine Prüferin oder ein Prüfer muss sie anhand einer anderen Quelle prüfen."),
        evidence=evidence, location=evidence,
        details={"snapshot": result.snapshot, "ecosystems_in_database": sorted(index.ecosystems), "not_covered": [
            {"component": str(getattr(component, "ref", "") or ""), "purl": getattr(component, "purl", None),
             "ecosystem": key.ecosystem} for component, key in result.not_covered]})


def results_for(result: Scan, index: OsvIndex, evidence: str,
                statements: dict[str, list[vex_module.VexStatement]] | None = None) -> list[Result]:
    """All results of this check for one scanned SBOM (public so the platform can re-run a stored scan)."""
    chk = _check()
    found = [_component_result(chk, item, result.snapshot, evidence, statements or {}) for item in result.findings]
    if result.not_covered:
        found.append(_not_covered_result(chk, result, evidence, index))
    if result.not_scannable:
        found.append(_not_scannable_result(chk, result, evidence))
    if not result.findings and not result.not_covered and (result.scanned or not result.not_scannable):
        as_of = _as_of(result.snapshot)
        if result.scanned:
            found.insert(0, chk.result(Status.PASS, Text(
                f"{result.scanned} component(s) were checked against the OSV advisories ({as_of.en}); none is "
                f"affected by a known vulnerability.",
                f"{result.scanned} Komponente(n) wurden mit den OSV-Schwachstellenmeldungen abgeglichen "
                f"({as_of.de}); keine ist von einer bekannten Schwachstelle betroffen."),
                evidence=evidence, location=evidence, details={"snapshot": result.snapshot,
                                                               "scanned": result.scanned}))
        else:
            found.insert(0, chk.result(Status.NEEDS_REVIEW, Text(
                f"The SBOM lists no component that could be checked against advisories ({as_of.en}).",
                f"Die SBOM nennt keine Komponente, die mit Schwachstellenmeldungen abgeglichen werden könnte "
                f"({as_of.de})."), evidence=evidence, location=evidence, details={"snapshot": result.snapshot}))
    return found


def check_components(components: Any, index: OsvIndex, evidence: str = "sbom",
                     statements: dict[str, list[vex_module.VexStatement]] | None = None) -> list[Result]:
    """The check on a list of components (anything with ref, name, version, purl) without an evidence bundle."""
    return results_for(scan(components, index), index, evidence, statements)


def _statements(sbom: Any) -> dict[str, list[vex_module.VexStatement]]:
    # CycloneDX JSON only: `raw` is the parsed document there (XML keeps bytes, SPDX has no VEX).
    raw = getattr(sbom, "raw", None)
    return vex_module.statements(raw) if getattr(sbom, "is_cyclonedx", False) and isinstance(raw, dict) else {}


@check(CHECK_ID, version=VERSION, requirements=REQUIREMENTS, evidence=("sbom",), title=TITLE, references=REFERENCES)
def osv_check(chk: Check, bundle: Bundle, reference: Reference) -> Result | list[Result]:
    index = reference.osv
    if index is None:
        return chk.result(Status.NEEDS_REVIEW, Text(
            "No advisory database is available, so the SBOM components were not checked for known "
            "vulnerabilities; a reviewer has to check them.",
            "Es steht keine Schwachstellendatenbank zur Verfügung, daher wurden die SBOM-Komponenten nicht auf "
            "bekannte Schwachstellen geprüft; eine Prüferin oder ein Prüfer muss sie prüfen."),
            evidence="sbom", details={"snapshot": None})
    as_of = _as_of(index.snapshot)
    file = bundle.first("sbom")
    sbom = sbom_of(bundle)
    if file is None or sbom is None:
        return chk.result(Status.NEEDS_REVIEW, Text(
            f"No SBOM was supplied, so no component could be checked for known vulnerabilities ({as_of.en}).",
            f"Es wurde keine SBOM eingereicht, daher konnte keine Komponente auf bekannte Schwachstellen geprüft "
            f"werden ({as_of.de})."), evidence="sbom", details={"snapshot": index.snapshot})
    if isinstance(sbom, EvidenceError):
        return chk.result(Status.ERROR, Text(
            f"{sbom.text.en} The components could not be checked for known vulnerabilities ({as_of.en}).",
            f"{sbom.text.de} Die Komponenten konnten nicht auf bekannte Schwachstellen geprüft werden "
            f"({as_of.de})."), evidence=file.name, location=sbom.location, details={"snapshot": index.snapshot})
    return results_for(scan(sbom.components, index), index, file.name, _statements(sbom))
