"""The MQA indicator table and rating bands, read from `data/mqa/` (copies of the project's MQA corpus).

`mqa_indicators.csv` has one row per indicator (id, dimension, dimension_max_points, indicator, dcat_property,
computed_on, points, …); `mqa_rating.csv` the four bands. Both are checked when loaded — 23 indicators, the points
of each dimension add up to its maximum, 405 in total, bands without gaps — because a wrong copy would silently
shift every score. German labels live here (the CSV is the English original); every id needs one.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lichtermeer.engines.publiccode.messages import Text

ENV_VARIABLE = "LICHTERMEER_MQA_DATA"
# src/lichtermeer/engines/mqa/indicators.py -> the repository root is four levels up.
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[4] / "data" / "mqa"
MAXIMUM = 405

DIMENSIONS: dict[str, Text] = {  # key: lower-case English name, in the order of the methodology
    "findability": Text("Findability", "Auffindbarkeit"),
    "accessibility": Text("Accessibility", "Zugänglichkeit"),
    "interoperability": Text("Interoperability", "Interoperabilität"),
    "reusability": Text("Reusability", "Wiederverwendbarkeit"),
    "contextuality": Text("Contextuality", "Kontextualität"),
}

GERMAN_LABELS = {
    "F1": "Verwendung von Schlagwörtern",
    "F2": "Kategorien",
    "F3": "Räumliche Suche",
    "F4": "Zeitbasierte Suche",
    "A1": "Erreichbarkeit der Zugangs-URL",
    "A2": "Download-URL",
    "A3": "Erreichbarkeit der Download-URL",
    "I1": "Format",
    "I2": "Medientyp",
    "I3": "Format/Medientyp aus kontrolliertem Vokabular",
    "I4": "Nicht-proprietäres Format",
    "I5": "Maschinenlesbares Format",
    "I6": "DCAT-AP-Konformität",
    "R1": "Lizenzangabe",
    "R2": "Lizenz aus Vokabular",
    "R3": "Zugriffsbeschränkungen",
    "R4": "Zugriffsbeschränkungen aus Vokabular",
    "R5": "Kontaktstelle",
    "R6": "Veröffentlichende Stelle",
    "C1": "Rechte",
    "C2": "Dateigröße",
    "C3": "Veröffentlichungsdatum",
    "C4": "Änderungsdatum",
}

BAND_LABELS = {
    "excellent": Text("Excellent", "Ausgezeichnet"),
    "good": Text("Good", "Gut"),
    "sufficient": Text("Sufficient", "Ausreichend"),
    "bad": Text("Bad", "Schlecht"),
}


class DefinitionError(Exception):
    """The indicator or rating table is missing or inconsistent (a broken installation, not bad input)."""


@dataclass(frozen=True)
class Indicator:
    id: str  # F1 … C4
    dimension: str  # key of DIMENSIONS
    points: int
    level: str  # "dataset" or "distribution": which resource the indicator is computed on
    properties: str  # e.g. "dcat:keyword", "dct:format, dcat:mediaType"
    label: Text
    how_measured: str
    notes: str


@dataclass(frozen=True)
class Band:
    name: str  # excellent, good, sufficient, bad
    min_points: int
    max_points: int
    label: Text


@dataclass(frozen=True)
class Definition:
    indicators: tuple[Indicator, ...]
    dimension_maxima: dict[str, int]
    bands: tuple[Band, ...]  # best first

    def by_id(self) -> dict[str, Indicator]:
        return {indicator.id: indicator for indicator in self.indicators}


def data_dir(explicit: str | Path | None = None) -> Path:
    return Path(explicit or os.environ.get(ENV_VARIABLE) or DEFAULT_DATA_DIR)


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DefinitionError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return list(csv.DictReader(io.StringIO(text)))


def _indicator(row: dict[str, str]) -> Indicator:
    level = {"dcat:Dataset": "dataset", "dcat:Distribution": "distribution"}.get(row["computed_on"])
    identifier = row["id"]
    if level is None:
        raise DefinitionError(f"indicator {identifier}: unknown computed_on {row['computed_on']!r}")
    if identifier not in GERMAN_LABELS:
        raise DefinitionError(f"indicator {identifier}: no German label")
    return Indicator(identifier, row["dimension"].lower(), int(row["points"]), level, row["dcat_property"],
                     Text(row["indicator"], GERMAN_LABELS[identifier]), row["how_measured"], row["notes"])


def _check(indicators: list[Indicator], maxima: dict[str, int], bands: list[Band]) -> None:
    if sorted(i.id for i in indicators) != sorted(GERMAN_LABELS):
        raise DefinitionError(f"expected the 23 indicators {sorted(GERMAN_LABELS)}")
    if set(maxima) != set(DIMENSIONS):
        raise DefinitionError(f"expected the dimensions {list(DIMENSIONS)}, found {sorted(maxima)}")
    for dimension, maximum in maxima.items():
        total = sum(i.points for i in indicators if i.dimension == dimension)
        if total != maximum:
            raise DefinitionError(f"{dimension}: indicator points add up to {total}, not {maximum}")
    if sum(maxima.values()) != MAXIMUM:
        raise DefinitionError(f"dimension maxima add up to {sum(maxima.values())}, not {MAXIMUM}")
    if [b.name for b in bands] != list(BAND_LABELS):
        raise DefinitionError(f"expected the bands {list(BAND_LABELS)} from best to worst")
    if bands[0].max_points != MAXIMUM or bands[-1].min_points != 0:
        raise DefinitionError(f"the bands must cover 0–{MAXIMUM}")
    for better, worse in zip(bands, bands[1:], strict=False):
        if worse.max_points + 1 != better.min_points:
            raise DefinitionError(f"gap or overlap between the bands {worse.name} and {better.name}")


@lru_cache(maxsize=4)
def _load(directory: Path) -> Definition:
    try:
        rows = _rows(directory / "mqa_indicators.csv")
        indicators = [_indicator(row) for row in rows]
        maxima = {row["dimension"].lower(): int(row["dimension_max_points"]) for row in rows}
        bands = sorted(
            (Band(row["rating"].lower(), int(row["min_points"]), int(row["max_points"]),
                  BAND_LABELS.get(row["rating"].lower(), Text(row["rating"], row["rating"])))
             for row in _rows(directory / "mqa_rating.csv")),
            key=lambda band: -band.min_points,
        )
    except (KeyError, ValueError) as exc:
        raise DefinitionError(f"malformed MQA table in {directory}: {exc}") from exc
    _check(indicators, maxima, bands)
    order = {name: n for n, name in enumerate(DIMENSIONS)}
    indicators.sort(key=lambda i: (order[i.dimension], i.id[1:].zfill(2)))
    return Definition(tuple(indicators), {d: maxima[d] for d in DIMENSIONS}, tuple(bands))


def load_definition(directory: str | Path | None = None) -> Definition:
    """The indicator table and the bands (cached per directory); raises DefinitionError when they are broken."""
    return _load(data_dir(directory).resolve())


def band_for(total: float, definition: Definition | None = None) -> Band:
    """The band whose range starts at or below `total`.

    The corpus bands are integer ranges (Good 221–350, Excellent 351–405). A fractional total between two ranges
    (350.5) belongs to the lower band, as in mjanez/ckan-mqa's `get_rating` (`total >= threshold`). piveau's
    scoring vocabulary describes "Enough" as "between 120 and 220" and "Bad" as "less than 120", so exactly 120
    may be "sufficient" there; the corpus (and this engine) say "bad".
    """
    definition = definition or load_definition()
    for band in definition.bands:
        if total >= band.min_points:
            return band
    return definition.bands[-1]
