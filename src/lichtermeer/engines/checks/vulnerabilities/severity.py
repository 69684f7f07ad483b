"""How severe an advisory is: CVSS v3.x and v2 base scores computed from the vector, qualitative ratings otherwise.

LM-IS-04 draws its line at a CVSS base score of 7.0 ("high" or "critical"). CVSS v4 vectors need the FIRST
macro-vector tables to score; they are kept as text and count as "unknown" unless a rating comes with them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

HIGH = 7.0

_V3 = {
    "AV": {"N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2},
    "AC": {"L": 0.77, "H": 0.44},
    "UI": {"N": 0.85, "R": 0.62},
    "C": {"H": 0.56, "L": 0.22, "N": 0.0},
    "I": {"H": 0.56, "L": 0.22, "N": 0.0},
    "A": {"H": 0.56, "L": 0.22, "N": 0.0},
}
_V3_PR = {"U": {"N": 0.85, "L": 0.62, "H": 0.27}, "C": {"N": 0.85, "L": 0.68, "H": 0.5}}
_V2 = {
    "AV": {"L": 0.395, "A": 0.646, "N": 1.0},
    "AC": {"H": 0.35, "M": 0.61, "L": 0.71},
    "Au": {"M": 0.45, "S": 0.56, "N": 0.704},
    "C": {"N": 0.0, "P": 0.275, "C": 0.660},
    "I": {"N": 0.0, "P": 0.275, "C": 0.660},
    "A": {"N": 0.0, "P": 0.275, "C": 0.660},
}
# Qualitative ratings: GHSA `database_specific.severity`, Ubuntu priorities, CVSS rating names.
_RATING_HIGH = {"HIGH", "CRITICAL"}
_RATING_LOW = {"LOW", "MODERATE", "MEDIUM", "NEGLIGIBLE", "NONE", "UNIMPORTANT"}


def _metrics(vector: str) -> dict[str, str]:
    parts = [part.split(":", 1) for part in vector.strip().split("/") if ":" in part]
    return dict(parts)


def _roundup(value: float) -> float:
    """CVSS v3.1 Roundup: the smallest number with one decimal that is ≥ value (robust to float noise)."""
    scaled = round(value * 100_000)
    return scaled / 100_000.0 if scaled % 10_000 == 0 else (math.floor(scaled / 10_000) + 1) / 10.0


def cvss3_score(vector: str) -> float | None:
    metrics = _metrics(vector)
    if not vector.startswith("CVSS:3."):
        return None
    try:
        scope = metrics["S"]
        weights = {key: _V3[key][metrics[key]] for key in _V3}
        privileges = _V3_PR[scope][metrics["PR"]]
    except KeyError:
        return None
    iss = 1 - (1 - weights["C"]) * (1 - weights["I"]) * (1 - weights["A"])
    impact = 6.42 * iss if scope == "U" else 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15
    exploitability = 8.22 * weights["AV"] * weights["AC"] * privileges * weights["UI"]
    if impact <= 0:
        return 0.0
    total = impact + exploitability if scope == "U" else 1.08 * (impact + exploitability)
    return _roundup(min(total, 10.0))


def cvss2_score(vector: str) -> float | None:
    metrics = _metrics(vector.removeprefix("(").removesuffix(")"))
    try:
        weights = {key: _V2[key][metrics[key]] for key in _V2}
    except KeyError:
        return None
    impact = 10.41 * (1 - (1 - weights["C"]) * (1 - weights["I"]) * (1 - weights["A"]))
    exploitability = 20 * weights["AV"] * weights["AC"] * weights["Au"]
    factor = 0.0 if impact == 0 else 1.176
    return round(((0.6 * impact) + (0.4 * exploitability) - 1.5) * factor + 1e-9, 1)


def rating_of(score: float) -> str:
    if score >= 9.0:
        return "critical"
    if score >= HIGH:
        return "high"
    if score >= 4.0:
        return "medium"
    return "low" if score > 0 else "none"


@dataclass(frozen=True)
class Severity:
    """`score` is the highest CVSS base score we could compute; `rating` is critical/high/medium/low/none/unknown."""

    score: float | None
    rating: str
    vectors: tuple[str, ...] = ()

    @property
    def high(self) -> bool | None:
        """True: ≥ 7.0 (or rated high/critical); False: below; None: nobody can tell from the record."""
        if self.rating == "unknown":
            return None
        return self.rating in ("high", "critical")

    def as_dict(self) -> dict[str, Any]:
        return {"score": self.score, "rating": self.rating, "vectors": list(self.vectors)}


UNKNOWN = Severity(None, "unknown")


def _entries(value: Any) -> list[tuple[str, str]]:
    if not isinstance(value, list):
        return []
    return [(str(item.get("type", "")), item["score"]) for item in value
            if isinstance(item, dict) and isinstance(item.get("score"), str)]


def severity_of(record: dict[str, Any], affected: dict[str, Any] | None = None) -> Severity:
    """The record's severity (package-level `affected[].severity` wins over the top level, as the schema says)."""
    entries = _entries((affected or {}).get("severity")) or _entries(record.get("severity"))
    scores: list[float] = []
    ratings: list[str] = []
    for kind, value in entries:
        score = cvss3_score(value) if kind == "CVSS_V3" else cvss2_score(value) if kind == "CVSS_V2" else None
        if score is not None:
            scores.append(score)
        elif kind == "Ubuntu" or value.upper() in _RATING_HIGH | _RATING_LOW:
            ratings.append(value.upper())
    vectors = tuple(value for _, value in entries)
    if scores:
        best = max(scores)
        return Severity(best, rating_of(best), vectors)
    specific = record.get("database_specific")
    if isinstance(specific, dict) and isinstance(specific.get("severity"), str):
        ratings.append(specific["severity"].upper())
    if any(rating in _RATING_HIGH for rating in ratings):
        return Severity(None, "critical" if "CRITICAL" in ratings else "high", vectors)
    if any(rating in _RATING_LOW for rating in ratings):
        return Severity(None, "medium" if {"MODERATE", "MEDIUM"} & set(ratings) else "low", vectors)
    return Severity(None, "unknown", vectors)
