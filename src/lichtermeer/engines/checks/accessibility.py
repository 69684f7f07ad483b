"""accessibility.axe-report (LM-BF-01) and accessibility.statement-link (LM-BF-02).

An axe-core result (dequelabs/axe-core doc/API.md "Results Object") is read as hostile JSON: one
result object, or a list of them (one per page, as `@axe-core/cli` writes). A violation counts
against LM-BF-01 when it carries a WCAG 2.x level A/AA tag or an EN 301 549 tag; each is mapped to
its EN 301 549 V3.2.1 clause 9.x.y.z. What axe could not decide (`incomplete`) goes to a reviewer.
An automated run covers only part of WCAG, so a pass here says "no automatically detectable
violation", never "conformant" (the requirement also asks for a test report by a person).
"""

from __future__ import annotations

import re
from typing import Any

from lichtermeer.engines.publiccode.messages import Text

from .declarations import load_declarations, section_errors
from .evidence import Bundle, EvidenceError, load_json
from .model import Check, Result, Status
from .reference import Reference
from .registry import check

# WCAG 2.x level A and AA: what EN 301 549 V3.2.1 clause 9 requires (2.2 tags counted too: stricter, not laxer).
LEVEL_TAGS = frozenset({"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"})
EN_TAG = "EN-301-549"
# The tags a run must include to cover clause 9 (the project's own browser tests use the same set).
WANTED_RUN_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
EN_TAGS_SINCE = (4, 8)  # axe-core 4.8 added EN-301-549 and EN-9.x tags
_CRITERION_TAG = re.compile(r"wcag(\d)(\d)(\d{1,2})")
_EN_CLAUSE_TAG = re.compile(r"EN-(9\.\d\.\d{1,2}\.\d{1,2})")
# Success criteria new in WCAG 2.2: EN 301 549 V3.2.1 (WCAG 2.1) has no clause for them.
WCAG22_ONLY = frozenset({"2.4.11", "2.4.12", "2.4.13", "2.5.7", "2.5.8", "3.2.6", "3.3.7", "3.3.8", "3.3.9"})
SHOWN = 6  # violations named in the explanation; details keep every one (nodes capped)
KEPT_NODES = 10


class NotAnAxeReport(Exception):
    def __init__(self, pointer: str, text: Text):
        super().__init__(pointer)
        self.pointer, self.text = pointer, text


def en_clauses(tags: list[str]) -> list[str]:
    """EN 301 549 clauses of one rule: from its EN-9.x tags when axe gives them, else from wcagNNN tags."""
    clauses = [match.group(1) for tag in tags if (match := _EN_CLAUSE_TAG.fullmatch(tag))]
    if clauses:
        return sorted(set(clauses), key=_clause_key)
    found = []
    for tag in tags:
        match = _CRITERION_TAG.fullmatch(tag)
        if match and ".".join(match.groups()) not in WCAG22_ONLY:
            found.append("9." + ".".join(match.groups()))
    return sorted(set(found), key=_clause_key)


def wcag_criteria(tags: list[str]) -> list[str]:
    return sorted({".".join(m.groups()) for tag in tags if (m := _CRITERION_TAG.fullmatch(tag))}, key=_clause_key)


def _clause_key(clause: str) -> tuple[int, ...]:
    return tuple(int(part) for part in clause.split("."))


def blocking(tags: list[str]) -> bool:
    return bool(LEVEL_TAGS & set(tags)) or EN_TAG in tags or any(_EN_CLAUSE_TAG.fullmatch(tag) for tag in tags)


def _version(value: Any) -> tuple[int, ...] | None:
    match = re.match(r"(\d+)\.(\d+)(?:\.(\d+))?", value) if isinstance(value, str) else None
    return tuple(int(part or 0) for part in match.groups()) if match else None


def _pages(document: Any) -> list[tuple[str, dict]]:
    """(JSON pointer, result object) for every page; raises NotAnAxeReport naming the bad place."""
    items = [("", document)] if isinstance(document, dict) else (
        [(f"/{index}", item) for index, item in enumerate(document)] if isinstance(document, list) else None)
    if not items:
        raise NotAnAxeReport("", Text("The file is not an axe-core result (expected an object with "
                                      "\"violations\", or a list of such objects).",
                                      "Die Datei ist kein axe-core-Ergebnis (erwartet: ein Objekt mit "
                                      "\"violations\" oder eine Liste solcher Objekte)."))
    for pointer, item in items:
        if not isinstance(item, dict) or not isinstance(item.get("violations"), list):
            raise NotAnAxeReport(pointer or "/", Text(
                f"{pointer or '/'} is not an axe-core result: \"violations\" must be a list.",
                f"{pointer or '/'} ist kein axe-core-Ergebnis: \"violations\" muss eine Liste sein."))
        for group in ("violations", "incomplete"):
            entries = item.get(group) or []
            if not isinstance(entries, list):
                raise NotAnAxeReport(f"{pointer}/{group}", Text(f"{pointer}/{group} must be a list.",
                                                               f"{pointer}/{group} muss eine Liste sein."))
            for index, rule in enumerate(entries):
                _check_rule(f"{pointer}/{group}/{index}", rule)
    return items


def _check_rule(pointer: str, rule: Any) -> None:
    problem = None
    if not isinstance(rule, dict) or not isinstance(rule.get("id"), str):
        problem = "an object with a string \"id\"", "ein Objekt mit einer Zeichenkette \"id\""
    elif not isinstance(rule.get("tags", []), list) or not all(isinstance(t, str) for t in rule.get("tags", [])):
        problem = "\"tags\" as a list of strings", "\"tags\" als Liste von Zeichenketten"
    elif not isinstance(rule.get("nodes", []), list):
        problem = "\"nodes\" as a list", "\"nodes\" als Liste"
    if problem:
        raise NotAnAxeReport(pointer, Text(f"{pointer} is not an axe-core rule result: expected {problem[0]}.",
                                           f"{pointer} ist kein axe-core-Regelergebnis: erwartet {problem[1]}."))


def _text(value: Any, limit: int = 300) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _node(node: Any) -> dict[str, Any]:
    if not isinstance(node, dict):
        return {}
    target = node.get("target")
    selectors = [str(part)[:200] for part in target] if isinstance(target, list) else []
    return {"target": selectors, "html": _text(node.get("html")), "summary": _text(node.get("failureSummary"))}


def _rule(rule: dict) -> dict[str, Any]:
    tags = rule.get("tags") or []
    nodes = rule.get("nodes") or []
    return {
        "id": rule["id"][:100], "impact": _text(rule.get("impact"), 20), "help": _text(rule.get("help")),
        "help_url": _text(rule.get("helpUrl")), "tags": tags[:40], "wcag": wcag_criteria(tags),
        "en_301_549": en_clauses(tags), "nodes": len(nodes), "examples": [_node(n) for n in nodes[:KEPT_NODES]],
    }


def _warnings(page: dict) -> list[Text]:
    found = []
    engine = page.get("testEngine") if isinstance(page.get("testEngine"), dict) else {}
    version = _version(engine.get("version"))
    if engine.get("name") not in (None, "axe-core"):
        found.append(Text(f"the test engine is {_text(engine.get('name'), 50)!r}, not axe-core",
                          f"die Prüf-Engine ist {_text(engine.get('name'), 50)!r}, nicht axe-core"))
    if version is None:
        found.append(Text("the axe-core version is not stated", "die axe-core-Version ist nicht angegeben"))
    elif version < EN_TAGS_SINCE:
        shown = ".".join(map(str, version))
        found.append(Text(f"axe-core {shown} is older than 4.8 and has no EN 301 549 tags",
                          f"axe-core {shown} ist älter als 4.8 und kennt keine EN-301-549-Tags"))
    run_only = (page.get("toolOptions") or {}).get("runOnly") if isinstance(page.get("toolOptions"), dict) else None
    if isinstance(run_only, str | list):  # axe's shorthand: a tag or a list of tags
        run_only = {"type": "tag", "values": run_only}
    if isinstance(run_only, dict) and run_only.get("type") in ("tag", "tags"):
        values = run_only.get("values")
        values = [values] if isinstance(values, str) else values if isinstance(values, list) else []
        wanted = list(WANTED_RUN_TAGS) + ([EN_TAG] if version and version >= EN_TAGS_SINCE else [])
        absent = [tag for tag in wanted if tag not in values]
        if absent:
            found.append(Text(f"the run was limited to tags that leave out {', '.join(absent)}",
                              f"der Lauf war auf Tags beschränkt, die {', '.join(absent)} auslassen"))
    elif isinstance(run_only, dict):
        found.append(Text("the run was limited to selected rules (runOnly), not the WCAG tags",
                          "der Lauf war auf ausgewählte Regeln beschränkt (runOnly), nicht auf die WCAG-Tags"))
    if not _text(page.get("url")):
        found.append(Text("the result names no page URL", "das Ergebnis nennt keine Seiten-URL"))
    return found


def _names(rules: list[dict], lang: str = "en") -> str:
    def one(rule: dict) -> str:
        clauses = ", ".join(rule["en_301_549"]) or "-"
        elements = "element(s)" if lang == "en" else "Element(e)"
        return f"{rule['id']} (EN 301 549 {clauses}; {rule['nodes']} {elements})"

    shown = ", ".join(one(rule) for rule in rules[:SHOWN])
    return shown + (f" … (+{len(rules) - SHOWN})" if len(rules) > SHOWN else "")


def _page_result(chk: Check, name: str, pointer: str, page: dict) -> Result:
    url = _text(page.get("url"), 500)
    engine = page.get("testEngine") if isinstance(page.get("testEngine"), dict) else {}
    violations = [_rule(rule) for rule in page["violations"]]
    failing = [rule for rule in violations if blocking(rule["tags"])]
    other = [rule for rule in violations if not blocking(rule["tags"])]
    review = [_rule(rule) for rule in page.get("incomplete") or [] if blocking(rule.get("tags") or [])]
    warnings = _warnings(page)
    details = {
        "url": url, "engine": {"name": _text(engine.get("name"), 50), "version": _text(engine.get("version"), 30)},
        "timestamp": _text(page.get("timestamp"), 40), "violations": failing, "other_violations": other,
        "needs_review": review, "warnings": [{"en": w.en, "de": w.de} for w in warnings],
    }
    where = f"{name}#{pointer}" + (f" ({url})" if url else "")
    page_en, page_de = (url or "the page", url or "die Seite")
    notes = Text("".join(f" Note: {w.en}." for w in warnings), "".join(f" Hinweis: {w.de}." for w in warnings))
    if failing:
        return chk.result(Status.FAIL, Text(
            f"axe-core found {len(failing)} WCAG A/AA violation(s) on {page_en}: {_names(failing)}.{notes.en}",
            f"axe-core fand {len(failing)} Verstoß/Verstöße gegen WCAG A/AA auf {page_de}: "
            f"{_names(failing, 'de')}.{notes.de}"), evidence=name, location=where, details=details)
    if review:
        return chk.result(Status.NEEDS_REVIEW, Text(
            f"axe-core found no WCAG A/AA violation on {page_en}, but could not decide {len(review)} rule(s), "
            f"which a person has to check: {_names(review)}.{notes.en}",
            f"axe-core fand keinen Verstoß gegen WCAG A/AA auf {page_de}, konnte aber {len(review)} Regel(n) "
            f"nicht entscheiden, die eine Person prüfen muss: {_names(review, 'de')}.{notes.de}"),
            evidence=name, location=where, details=details)
    if other or warnings:
        extra = Text(f" Best-practice findings (not WCAG A/AA): {_names(other)}." if other else "",
                     f" Best-Practice-Hinweise (nicht WCAG A/AA): {_names(other, 'de')}." if other else "")
        return chk.result(Status.WARNING, Text(
            f"axe-core found no WCAG A/AA violation on {page_en}.{extra.en}{notes.en}",
            f"axe-core fand keinen Verstoß gegen WCAG A/AA auf {page_de}.{extra.de}{notes.de}"),
            evidence=name, location=where, details=details)
    version = details["engine"]["version"]
    return chk.result(Status.PASS, Text(
        f"axe-core {version} found no WCAG A/AA violation on {page_en} (automated testing covers only part of "
        f"WCAG; the test report by a person remains necessary).",
        f"axe-core {version} fand keinen Verstoß gegen WCAG A/AA auf {page_de} (automatische Tests decken nur "
        f"einen Teil der WCAG ab; der Prüfbericht einer Person bleibt nötig)."),
        evidence=name, location=where, details=details)


@check("accessibility.axe-report", version="1", requirements=("LM-BF-01",), evidence=("a11y",),
       title=Text("axe-core report without WCAG A/AA violations",
                  "axe-core-Bericht ohne Verstöße gegen WCAG A/AA"),
       references=("https://github.com/dequelabs/axe-core/blob/develop/doc/API.md",
                   "https://www.etsi.org/deliver/etsi_en/301500_301599/301549/03.02.01_60/en_301549v030201p.pdf"))
def axe_report(chk: Check, bundle: Bundle, reference: Reference) -> list[Result] | Result:
    files = bundle.of("a11y")
    if not files:
        return chk.missing("a11y")
    results = []
    for file in files:
        document = load_json(file)
        if isinstance(document, EvidenceError):
            results.append(chk.result(Status.ERROR, document.text, evidence=file.name, location=document.location))
            continue
        try:
            pages = _pages(document)
        except NotAnAxeReport as problem:
            results.append(chk.result(Status.ERROR, Text(f"{file.name}: {problem.text.en}",
                                                         f"{file.name}: {problem.text.de}"),
                                      evidence=file.name, location=f"{file.name}#{problem.pointer}"))
            continue
        results.extend(_page_result(chk, file.name, pointer or "/", page) for pointer, page in pages)
    return results


@check("accessibility.statement-link", version="1", requirements=("LM-BF-02",), evidence=("declarations",),
       title=Text("An accessibility statement is named", "Eine Erklärung zur Barrierefreiheit ist benannt"),
       references=("https://www.gesetze-im-internet.de/bitv_2_0/__7.html",))
def statement_link(chk: Check, bundle: Bundle, reference: Reference) -> Result | list[Result]:
    """The declarations' accessibility.statement_url, else the one the platform knows from the listing."""
    url = reference.extra.get("accessibility_statement_url")
    declared = load_declarations(bundle)
    section: dict[str, Any] = {}
    if declared is not None:
        problems = section_errors(chk, declared, ("accessibility",))
        if problems:
            return problems
        section = declared.document.get("accessibility") or {}
        url = section.get("statement_url") or url
    feedback = section.get("feedback")
    if not url:
        if declared is None:
            return chk.missing("declarations")
        return chk.result(Status.FAIL, Text(
            f"{declared.name} names no accessibility statement (accessibility.statement_url); § 7 BITV 2.0 "
            f"requires one, linked from every page. (publiccode.yml has no key for it.)",
            f"{declared.name} nennt keine Erklärung zur Barrierefreiheit (accessibility.statement_url); § 7 "
            f"BITV 2.0 verlangt sie, verlinkt von jeder Seite. (publiccode.yml hat dafür keinen Schlüssel.)"),
            evidence=declared.name, location=declared.place("/accessibility" if section else ""))
    if not isinstance(url, str) or not url.startswith("https://"):
        return chk.result(Status.FAIL, Text(
            f"The accessibility statement address {str(url)[:200]!r} is not an https:// URL.",
            f"Die Adresse der Erklärung zur Barrierefreiheit {str(url)[:200]!r} ist keine https://-URL."))
    declared_here = declared is not None and section.get("statement_url")
    where = declared.place("/accessibility/statement_url") if declared_here else ""
    source = declared.name if declared_here else "platform"
    if not feedback:
        return chk.result(Status.WARNING, Text(
            f"The accessibility statement is at {url}; no feedback mechanism is declared "
            f"(accessibility.feedback) — the statement must offer one. Whether every page links to it is checked "
            f"on the running solution.",
            f"Die Erklärung zur Barrierefreiheit steht unter {url}; kein Feedback-Mechanismus ist angegeben "
            f"(accessibility.feedback) — die Erklärung muss einen bieten. Ob jede Seite darauf verlinkt, wird an "
            f"der laufenden Lösung geprüft."), evidence=source, location=where, details={"url": url})
    return chk.result(Status.PASS, Text(
        f"The accessibility statement is at {url}, with feedback via {feedback}. Whether every page links to it "
        f"is checked on the running solution.",
        f"Die Erklärung zur Barrierefreiheit steht unter {url}, Feedback über {feedback}. Ob jede Seite darauf "
        f"verlinkt, wird an der laufenden Lösung geprüft."), evidence=source, location=where,
        details={"url": url, "feedback": feedback})
