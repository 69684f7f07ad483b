"""The tender specification (`TenderSpec` and its parts), limits, text cleaning and `spec_from_dict`.

Every text in a spec is user input and treated as hostile:
- `clean_line` / `clean_text` drop characters XML 1.0 cannot carry (C0 controls except tab/newline, lone
  surrogates, U+FFFE/U+FFFF) and C1 controls, normalise line ends, and cut the text to its limit with "…".
  The renderers call them on every value, so dataclasses built in code (the app) cannot crash a document.
- `spec_from_dict` (JSON files, the CLI) rejects what it cannot represent faithfully instead: over-long texts,
  too many items, wrong types, unknown levels, bad dates and URLs, duplicate ids, dangling or cyclic group
  parents, weights that do not sum to 100. Each problem names its path (`requirements[3].text`) in English and
  German; control characters are removed silently (they are invisible anyway).
Text reaches the documents only through python-docx / odfpy text APIs, which escape it: no markup injection.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = ("leistungsbeschreibung", "bewertungsmatrix")
FORMATS = ("docx", "odt")
LEVELS = ("MUSS", "SOLL", "KANN", "")
CRITERION_KINDS = ("A", "B", "group")
METHODS = ("simplified", "simple", "extended", "weighted", "")
DECISIONS = ("performance", "price", "")
ROLES = ("server", "client", "publisher", "subscriber", "provider", "consumer", "")

# Limits (characters per field, items per list). Documented in docs/tender-documents.md.
MAX_ID = 64
MAX_LINE = 500  # titles, names, labels, sources, versions, roles
MAX_URL = 2_000
MAX_TEXT = 10_000  # requirement text, method rule, price formula
MAX_SUBJECT = 20_000
MAX_REQUIREMENTS = 2_000
MAX_CRITERIA = 2_000
MAX_STANDARDS = 500
MAX_OPERATING_MODELS = 50
MAX_SOLUTIONS = 500
MAX_DEPTH = 6  # nesting of criteria groups
MAX_LINES = 100  # line breaks kept in one multi-line text
MAX_TOTAL_TEXT = 2_000_000  # characters of text in a whole spec
MAX_SPEC_BYTES = 10_000_000  # a spec file (CLI)
WEIGHT_TOTAL = 100.0
WEIGHT_TOLERANCE = 0.01

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"\s+")
_HORIZONTAL = re.compile(r"[ \t]+")  # no-break and thin spaces are kept
_BLANK_LINES = re.compile(r"\n{3,}")
_URL = re.compile(r"https?://[^\s<>\"'`{}|\\^]+\Z", re.IGNORECASE)
_AGS = re.compile(r"\d{2,12}\Z")


def clean_text(value: object, limit: int = MAX_TEXT) -> str:
    """Multi-line text: XML-safe, at most `limit` characters and `MAX_LINES` lines (later line breaks become
    spaces), tabs and runs of spaces collapsed to one space, at most one blank line in a row."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _XML_INVALID.sub("", text[: limit * 4])  # the slice bounds the work on giant input
    text = _BLANK_LINES.sub("\n\n", _HORIZONTAL.sub(" ", text).replace(" \n", "\n").replace("\n ", "\n")).strip()
    lines = text.split("\n")
    if len(lines) > MAX_LINES + 1:
        text = "\n".join(lines[:MAX_LINES]) + " " + " ".join(line for line in lines[MAX_LINES:] if line)
    return _cut(text, limit)


def clean_line(value: object, limit: int = MAX_LINE) -> str:
    """One-line text: as `clean_text`, every run of whitespace becomes one space."""
    text = "" if value is None else str(value)
    text = _SPACES.sub(" ", _XML_INVALID.sub("", text[: limit * 4])).strip()
    return _cut(text, limit)


def clean_url(value: object) -> str:
    """An http(s) URL without spaces or markup characters, else "" (rendered without a link)."""
    text = clean_line(value, MAX_URL + 1)
    return text if len(text) <= MAX_URL and _URL.match(text) else ""


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- the spec -----------------------------------------------------------------------------------------------------

@dataclass
class Authority:
    name: str
    ags: str = ""  # Amtlicher Gemeindeschlüssel (digits)


@dataclass
class EvbIt:
    code: str  # e.g. "cloud", "dienstleistung", "ueberlassung-a"
    label: str  # e.g. "EVB-IT Cloud"
    url: str  # where the contract texts are published (referenced, never reproduced)


@dataclass
class RequirementItem:
    id: str
    title: str
    text: str = ""
    level: str = ""  # "MUSS" | "SOLL" | "KANN" | ""
    source: str = ""  # e.g. "Verordnung (EU) 2016/679 (DSGVO), Art. 28 Abs. 3"
    source_url: str = ""
    catalogue_version: str = ""  # e.g. "Basisanforderungen 1.0.0" (a bare "1.0.0" is prefixed)
    own: bool = False  # the authority's own requirement (not from the catalogue)


@dataclass
class StandardItem:
    id: str
    name: str
    version: str = ""
    uri: str = ""
    role: str = ""  # server|client|publisher|subscriber|provider|consumer or free text


@dataclass
class MethodDescription:
    code: str = ""  # simplified | simple | extended | weighted
    name: str = ""  # empty: the German name of the code
    rule: str = ""  # formula text; empty: the standard wording of the code
    band: float | None = None  # extended method: fluctuation band as a fraction (0.05 = 5 %)
    decision: str = ""  # extended method: "performance" | "price" (or own German text)
    price_weight: float | None = None  # weighted method: share of the price as a fraction (0.3 = 30 %)
    price_formula: str = ""  # weighted method: how price points are computed


@dataclass
class CriterionRow:
    id: str
    title: str
    kind: str = "B"  # "A" | "B" | "group"
    weight: float | None = None  # B and group; top level sums to 100, a group's criteria to its weight (or 100)
    parent: str = ""  # id of the group it belongs to
    requirement_id: str = ""
    source: str = ""
    effective_weight: float | None = None  # optional: share of the total given by the caller; else computed


@dataclass
class SolutionRef:
    name: str
    provider: str = ""
    url: str = ""


@dataclass
class TenderSpec:
    title: str
    subject: str
    authority: Authority
    reference: str = ""  # Vergabenummer
    issued_on: dt.date | None = None
    evb_it: EvbIt | None = None
    requirements: list[RequirementItem] = field(default_factory=list)
    standards: list[StandardItem] = field(default_factory=list)
    operating_models: list[str] = field(default_factory=list)
    method: MethodDescription = field(default_factory=MethodDescription)
    criteria: list[CriterionRow] = field(default_factory=list)
    market_survey: list[SolutionRef] = field(default_factory=list)


def criteria_from_nested(items: list[dict]) -> list[CriterionRow]:
    """Flatten the UfAB engine's nested criteria (`{"id", "kind", "weight", "title", "requirement_id", "source",
    "criteria": [...]}`, docs/ufab.md) into rows with parent ids, depth first. Values are taken as they are (the
    UfAB engine validates them); at most MAX_CRITERIA rows."""
    rows: list[CriterionRow] = []
    stack: list[tuple[list, str, int]] = [(list(items), "", 0)]
    while stack and len(rows) < MAX_CRITERIA:
        entries, parent, position = stack.pop()
        for offset, entry in enumerate(entries[position:], start=position):
            if len(rows) >= MAX_CRITERIA:
                break
            if not isinstance(entry, dict):
                continue
            weight = entry.get("weight")
            rows.append(CriterionRow(
                id=str(entry.get("id", "")), title=str(entry.get("title") or entry.get("id", "")),
                kind=str(entry.get("kind", "B")),
                weight=float(weight) if isinstance(weight, int | float) and not isinstance(weight, bool) else None,
                parent=parent, requirement_id=str(entry.get("requirement_id") or ""),
                source=str(entry.get("source") or "")))
            children = entry.get("criteria")
            if entry.get("kind") == "group" and isinstance(children, list) and children:
                stack.append((entries, parent, offset + 1))
                stack.append((children, str(entry.get("id", "")), 0))
                break
    return rows


def spec_to_dict(spec: TenderSpec) -> dict[str, Any]:
    """The JSON form `spec_from_dict` reads (dates as ISO strings)."""
    data = asdict(spec)
    data["issued_on"] = spec.issued_on.isoformat() if spec.issued_on else None
    return data


def text_size(spec: TenderSpec) -> int:
    """Characters of text in the spec (the renderers' work grows with it)."""
    def size(value: object) -> int:
        return len(value) if isinstance(value, str) else 0

    total = size(spec.title) + size(spec.subject) + size(spec.reference) + sum(map(size, spec.operating_models))
    total += size(spec.authority.name) + size(spec.authority.ags)
    if spec.evb_it:
        total += size(spec.evb_it.code) + size(spec.evb_it.label) + size(spec.evb_it.url)
    m = spec.method
    total += size(m.code) + size(m.name) + size(m.rule) + size(m.decision) + size(m.price_formula)
    for r in spec.requirements:
        total += sum(map(size, (r.id, r.title, r.text, r.level, r.source, r.source_url, r.catalogue_version)))
    for s in spec.standards:
        total += sum(map(size, (s.id, s.name, s.version, s.uri, s.role)))
    for c in spec.criteria:
        total += sum(map(size, (c.id, c.title, c.kind, c.parent, c.requirement_id, c.source)))
    for ref in spec.market_survey:
        total += sum(map(size, (ref.name, ref.provider, ref.url)))
    return total


def check_size(spec: TenderSpec) -> None:
    """Raise `SpecInvalid` when a spec exceeds the list or total text limits (render() calls this)."""
    problems = []
    for path, items, limit in (("requirements", spec.requirements, MAX_REQUIREMENTS),
                               ("criteria", spec.criteria, MAX_CRITERIA), ("standards", spec.standards, MAX_STANDARDS),
                               ("operating_models", spec.operating_models, MAX_OPERATING_MODELS),
                               ("market_survey", spec.market_survey, MAX_SOLUTIONS)):
        if len(items) > limit:
            problems.append(Problem(path, f"too many entries: {len(items)} (maximum {limit})",
                                    f"zu viele Einträge: {len(items)} (höchstens {limit})"))
    if (total := text_size(spec)) > MAX_TOTAL_TEXT:
        problems.append(Problem("", f"too much text: {total} characters (maximum {MAX_TOTAL_TEXT})",
                                f"zu viel Text: {total} Zeichen (höchstens {MAX_TOTAL_TEXT})"))
    if problems:
        raise SpecInvalid(problems)


# --- validation ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    path: str  # e.g. "requirements[3].text"
    en: str
    de: str

    def text(self, lang: str = "de") -> str:
        return f"{self.path or '(spec)'}: {self.de if lang == 'de' else self.en}"


class SpecInvalid(ValueError):
    """`spec_from_dict` found problems; `.problems` lists each with its path, in English and German."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.text("en") for p in problems[:5]) + (" …" if len(problems) > 5 else ""))
        self.problems = problems


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, en: str, de: str) -> None:
        if len(self.problems) < 200:
            self.problems.append(Problem(path, en, de))

    def obj(self, data: Any, path: str) -> dict | None:
        if isinstance(data, dict):
            return data
        if data is None:
            self.add(path, "required field is missing or empty", "Pflichtfeld fehlt oder ist leer")
        else:
            self.add(path, "must be an object", "muss ein Objekt sein")
        return None

    def items(self, data: dict, key: str, path: str, limit: int) -> list:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(path, "must be a list", "muss eine Liste sein")
            return []
        if len(value) > limit:
            self.add(path, f"too many entries: {len(value)} (maximum {limit})",
                     f"zu viele Einträge: {len(value)} (höchstens {limit})")
            return []
        return value

    def string(self, data: dict, key: str, path: str, *, limit: int = MAX_LINE, required: bool = False,
               multiline: bool = False) -> str:
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.add(path, "required field is missing or empty", "Pflichtfeld fehlt oder ist leer")
            return ""
        if not isinstance(value, str):
            self.add(path, "must be a string", "muss eine Zeichenkette sein")
            return ""
        if len(value) > limit:
            self.add(path, f"too long: {len(value)} characters (maximum {limit})",
                     f"zu lang: {len(value)} Zeichen (höchstens {limit})")
            return ""
        text = clean_text(value, limit) if multiline else clean_line(value, limit)
        if required and not text:
            self.add(path, "required field is missing or empty", "Pflichtfeld fehlt oder ist leer")
        return text

    def url(self, data: dict, key: str, path: str, *, required: bool = False) -> str:
        text = self.string(data, key, path, limit=MAX_URL, required=required)
        if text and not clean_url(text):
            self.add(path, "must be an http(s) URL without spaces", "muss eine http(s)-URL ohne Leerzeichen sein")
            return ""
        return text

    def choice(self, data: dict, key: str, path: str, choices: tuple[str, ...], default: str = "") -> str:
        value = data.get(key, default)
        if value is None:
            value = default
        if value not in choices:
            shown = ", ".join(repr(c) for c in choices)
            self.add(path, f"must be one of {shown}", f"muss einer der Werte {shown} sein")
            return default
        return value

    def number(self, data: dict, key: str, path: str, *, low: float, high: float) -> float | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            self.add(path, "must be a number", "muss eine Zahl sein")
            return None
        if not low <= value <= high:
            de_low, de_high = f"{low:g}".replace(".", ","), f"{high:g}".replace(".", ",")
            self.add(path, f"must be between {low:g} and {high:g}", f"muss zwischen {de_low} und {de_high} liegen")
            return None
        return float(value)

    def boolean(self, data: dict, key: str, path: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.add(path, "must be true or false", "muss true oder false sein")
            return False
        return value

    def ident(self, data: dict, path: str, seen: set[str], what_en: str, what_de: str) -> str:
        ident = self.string(data, "id", f"{path}.id", limit=MAX_ID, required=True)
        if ident and ident in seen:
            self.add(f"{path}.id", f"duplicate {what_en} id {ident!r}", f"{what_de}-Kennung {ident!r} doppelt")
        seen.add(ident)
        return ident


def spec_from_dict(data: Any) -> TenderSpec:
    """Build a `TenderSpec` from its JSON form (see `spec_to_dict`); raises `SpecInvalid` with every problem."""
    r = _Reader()
    root = r.obj(data, "")
    if root is None:
        raise SpecInvalid(r.problems)
    known = {"title", "subject", "authority", "reference", "issued_on", "evb_it", "requirements", "standards",
             "operating_models", "method", "criteria", "market_survey"}
    for key in sorted(set(root) - known, key=str)[:10]:
        r.add(str(key)[:MAX_ID], "unknown field", "unbekanntes Feld")

    title = r.string(root, "title", "title", required=True)
    subject = r.string(root, "subject", "subject", limit=MAX_SUBJECT, required=True, multiline=True)
    authority = Authority(name="")
    if (a := r.obj(root.get("authority"), "authority")) is not None:
        authority = Authority(name=r.string(a, "name", "authority.name", required=True),
                              ags=r.string(a, "ags", "authority.ags", limit=12))
        if authority.ags and not _AGS.match(authority.ags):
            r.add("authority.ags", "must be 2 to 12 digits (Amtlicher Gemeindeschlüssel)",
                  "muss aus 2 bis 12 Ziffern bestehen (Amtlicher Gemeindeschlüssel)")
    reference = r.string(root, "reference", "reference", limit=MAX_ID)
    issued_on = None
    raw_date = root.get("issued_on")
    if raw_date not in (None, ""):
        try:
            if not isinstance(raw_date, str) or len(raw_date) != 10:
                raise ValueError
            issued_on = dt.date.fromisoformat(raw_date)
        except ValueError:
            r.add("issued_on", "must be a date YYYY-MM-DD", "muss ein Datum JJJJ-MM-TT sein")

    evb_it = None
    if (e := r.obj(root.get("evb_it"), "evb_it")) is not None:
        evb_it = EvbIt(code=r.string(e, "code", "evb_it.code", limit=MAX_ID, required=True),
                       label=r.string(e, "label", "evb_it.label", required=True),
                       url=r.url(e, "url", "evb_it.url", required=True))

    requirements: list[RequirementItem] = []
    seen: set[str] = set()
    for i, item in enumerate(r.items(root, "requirements", "requirements", MAX_REQUIREMENTS)):
        path = f"requirements[{i}]"
        if (d := r.obj(item, path)) is None:
            continue
        requirements.append(RequirementItem(
            id=r.ident(d, path, seen, "requirement", "Anforderungs"),
            title=r.string(d, "title", f"{path}.title", required=True),
            text=r.string(d, "text", f"{path}.text", limit=MAX_TEXT, multiline=True),
            level=r.choice(d, "level", f"{path}.level", LEVELS),
            source=r.string(d, "source", f"{path}.source"),
            source_url=r.url(d, "source_url", f"{path}.source_url"),
            catalogue_version=r.string(d, "catalogue_version", f"{path}.catalogue_version"),
            own=r.boolean(d, "own", f"{path}.own"),
        ))

    standards: list[StandardItem] = []
    seen = set()
    for i, item in enumerate(r.items(root, "standards", "standards", MAX_STANDARDS)):
        path = f"standards[{i}]"
        if (d := r.obj(item, path)) is None:
            continue
        standards.append(StandardItem(
            id=r.ident(d, path, seen, "standard", "Standard"),
            name=r.string(d, "name", f"{path}.name", required=True),
            version=r.string(d, "version", f"{path}.version", limit=MAX_ID),
            uri=r.url(d, "uri", f"{path}.uri"),
            role=r.string(d, "role", f"{path}.role", limit=MAX_ID),
        ))

    operating_models = []
    for i, item in enumerate(r.items(root, "operating_models", "operating_models", MAX_OPERATING_MODELS)):
        path = f"operating_models[{i}]"
        if not isinstance(item, str):
            r.add(path, "must be a string", "muss eine Zeichenkette sein")
        elif text := r.string({"v": item}, "v", path, required=True):
            operating_models.append(text)

    method = MethodDescription()
    if (m := r.obj(root.get("method") or {}, "method")) is not None:
        method = MethodDescription(
            code=r.choice(m, "code", "method.code", METHODS),
            name=r.string(m, "name", "method.name"),
            rule=r.string(m, "rule", "method.rule", limit=MAX_TEXT, multiline=True),
            band=r.number(m, "band", "method.band", low=0, high=0.1),
            decision=r.string(m, "decision", "method.decision"),
            price_weight=r.number(m, "price_weight", "method.price_weight", low=0, high=1),
            price_formula=r.string(m, "price_formula", "method.price_formula", limit=MAX_TEXT, multiline=True),
        )

    criteria: list[CriterionRow] = []
    seen = set()
    for i, item in enumerate(r.items(root, "criteria", "criteria", MAX_CRITERIA)):
        path = f"criteria[{i}]"
        if (d := r.obj(item, path)) is None:
            continue
        row = CriterionRow(
            id=r.ident(d, path, seen, "criterion", "Kriteriums"),
            title=r.string(d, "title", f"{path}.title", required=True),
            kind=r.choice(d, "kind", f"{path}.kind", CRITERION_KINDS, default="B"),
            weight=r.number(d, "weight", f"{path}.weight", low=0, high=1_000_000),
            parent=r.string(d, "parent", f"{path}.parent", limit=MAX_ID),
            requirement_id=r.string(d, "requirement_id", f"{path}.requirement_id", limit=MAX_ID),
            source=r.string(d, "source", f"{path}.source"),
            effective_weight=r.number(d, "effective_weight", f"{path}.effective_weight", low=0, high=100),
        )
        if d.get("kind", "B") in ("B", "group") and d.get("weight") is None:
            r.add(f"{path}.weight", "B-criteria and groups need a weight",
                  "B-Kriterien und Gruppen brauchen eine Gewichtung")
        criteria.append(row)
    _check_tree(r, criteria)

    market_survey = []
    for i, item in enumerate(r.items(root, "market_survey", "market_survey", MAX_SOLUTIONS)):
        path = f"market_survey[{i}]"
        if (d := r.obj(item, path)) is None:
            continue
        market_survey.append(SolutionRef(name=r.string(d, "name", f"{path}.name", required=True),
                                         provider=r.string(d, "provider", f"{path}.provider"),
                                         url=r.url(d, "url", f"{path}.url")))
    if r.problems:
        raise SpecInvalid(r.problems)
    spec = TenderSpec(title=title, subject=subject, authority=authority, reference=reference, issued_on=issued_on,
                      evb_it=evb_it, requirements=requirements, standards=standards,
                      operating_models=operating_models, method=method, criteria=criteria,
                      market_survey=market_survey)
    check_size(spec)
    return spec


def _check_tree(r: _Reader, criteria: list[CriterionRow]) -> None:
    """Parents exist and are groups, no cycles, depth limited; the top-level weights sum to 100, a group's weights
    to the group's weight (absolute shares, as the UfAB engine wants them) or to 100 (percent of the group)."""
    index = {c.id: i for i, c in enumerate(criteria) if c.id}
    for i, row in enumerate(criteria):
        if not row.parent:
            continue
        path = f"criteria[{i}].parent"
        if row.parent not in index:
            r.add(path, f"unknown group {row.parent!r}", f"unbekannte Gruppe {row.parent!r}")
        elif criteria[index[row.parent]].kind != "group":
            r.add(path, f"{row.parent!r} is not a group", f"{row.parent!r} ist keine Gruppe")
        else:
            depth, current, visited = 1, row, {row.id}
            while current.parent and current.parent in index:
                current = criteria[index[current.parent]]
                if current.id in visited:
                    r.add(path, "groups form a cycle", "Gruppen bilden einen Zyklus")
                    break
                visited.add(current.id)
                depth += 1
            if depth > MAX_DEPTH:
                r.add(path, f"nested too deeply (maximum {MAX_DEPTH} levels)",
                      f"zu tief verschachtelt (höchstens {MAX_DEPTH} Ebenen)")
    top = [c for c in criteria if not c.parent and c.kind in ("B", "group") and c.weight is not None]
    if top and abs(sum(c.weight for c in top) - WEIGHT_TOTAL) > WEIGHT_TOLERANCE:
        total = sum(c.weight for c in top)
        r.add("criteria", f"the weights of the top-level B-criteria and groups sum to {total:g}, not 100",
              f"die Gewichtungen der B-Kriterien und Gruppen der obersten Ebene ergeben {total:g}, nicht 100")
    for group in (c for c in criteria if c.kind == "group"):
        children = [c for c in criteria if c.parent == group.id and c.kind in ("B", "group")]
        total = sum(c.weight or 0 for c in children)
        if not children or group.weight is None:
            continue
        if not (abs(total - group.weight) <= WEIGHT_TOLERANCE or abs(total - WEIGHT_TOTAL) <= WEIGHT_TOLERANCE):
            r.add(f"criteria[{index.get(group.id, 0)}]",
                  f"group {group.id!r}: the weights of its criteria sum to {total:g}; they must sum to the group's "
                  f"weight {group.weight:g} (shares of the whole) or to 100 (percent of the group)",
                  f"Gruppe {group.id!r}: die Gewichtungen ihrer Kriterien ergeben {total:g}; sie müssen die "
                  f"Gewichtung der Gruppe ({group.weight:g}, Anteile am Ganzen) oder 100 (Prozent der Gruppe) "
                  "ergeben")
