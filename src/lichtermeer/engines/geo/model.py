"""The records of the Gemeindeverzeichnis (GV100AD) as frozen dataclasses.

Keys are kept as the strings the file carries (leading zeros matter: "01" is Schleswig-Holstein), so they can
be used unchanged as database keys and in URLs. `Directory` maps each key to its record in file order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from .findings import Finding

# Textkennzeichen (record positions 123-124), from Destatis' Datensatzbeschreibung GV100AD:
# Satzart 40 uses 41-45, Satzart 50 uses 50-58, Satzart 60 uses 60-67.
TYPE_LABELS: dict[str, tuple[str, str]] = {
    "41": ("Kreisfreie Stadt", "District-free city"),
    "42": ("Stadtkreis", "Urban district (Stadtkreis)"),
    "43": ("Kreis", "District"),
    "44": ("Landkreis", "Rural district"),
    "45": ("Regionalverband", "Regional association (Regionalverband)"),
    "50": ("Verbandsfreie Gemeinde", "Municipality outside any municipal association"),
    "51": ("Amt", "Amt (municipal association)"),
    "52": ("Samtgemeinde", "Samtgemeinde (joint municipality)"),
    "53": ("Verbandsgemeinde", "Verbandsgemeinde (collective municipality)"),
    "54": ("Verwaltungsgemeinschaft", "Administrative community"),
    "55": ("Kirchspielslandgemeinde", "Parish rural municipality (Kirchspielslandgemeinde)"),
    "56": ("Verwaltungsverband", "Administrative association"),
    "57": ("VG Trägermodell", "Administrative community, host-municipality model"),
    "58": ("Erfüllende Gemeinde", "Fulfilling municipality (erfüllende Gemeinde)"),
    "60": ("Markt", "Market town"),
    "61": ("Kreisfreie Stadt", "District-free city"),
    "62": ("Stadtkreis", "Urban district (Stadtkreis)"),
    "63": ("Stadt", "Town"),
    "64": ("Kreisangehörige Gemeinde", "Municipality within a district"),
    "65": ("Gemeindefreies Gebiet, bewohnt", "Unincorporated area, inhabited"),
    "66": ("Gemeindefreies Gebiet, unbewohnt", "Unincorporated area, uninhabited"),
    "67": ("Große Kreisstadt", "Major district town (Große Kreisstadt)"),
}
KREIS_TYPES = frozenset({"41", "42", "43", "44", "45"})
VERBAND_TYPES = frozenset({"50", "51", "52", "53", "54", "55", "56", "57", "58"})
GEMEINDE_TYPES = frozenset({"60", "61", "62", "63", "64", "65", "66", "67"})
# Areas that belong to no municipality (forests, lakes, coastal waters): listed with the Gemeinden, but not ones.
GEMEINDEFREI_TYPES = frozenset({"65", "66"})


class _Typed:
    """German and English label of `type_code` (TYPE_LABELS), for records that carry one."""

    type_code: str

    @property
    def type_label_de(self) -> str:
        return TYPE_LABELS.get(self.type_code, ("", ""))[0]

    @property
    def type_label_en(self) -> str:
        return TYPE_LABELS.get(self.type_code, ("", ""))[1]


@dataclass(frozen=True)
class Land:
    code: str  # 2 digits
    name: str
    sitz: str  # seat of the Land government


@dataclass(frozen=True)
class Regierungsbezirk:
    code: str  # 3 digits: Land + RB
    name: str
    sitz: str


@dataclass(frozen=True)
class Region:
    """Satzart 30: planning regions, only in Baden-Württemberg; kept for completeness."""

    code: str  # 4 digits: Land + RB + region digit
    name: str
    sitz: str


@dataclass(frozen=True)
class Kreis(_Typed):
    ags: str  # 5 digits: Land + RB + Kreis
    name: str
    sitz: str
    type_code: str  # 41-45

    @property
    def land_code(self) -> str:
        return self.ags[:2]


@dataclass(frozen=True)
class Verband(_Typed):
    ars: str  # 9 digits: Land + RB + Kreis + Verband
    name: str
    type_code: str  # 50-58
    sitz: str = ""


@dataclass(frozen=True)
class Gemeinde(_Typed):
    ags: str  # 8 digits (Amtlicher Gemeindeschlüssel)
    ars: str  # 12 digits (Amtlicher Regionalschlüssel: Kreis + Verband + Gemeinde)
    name: str
    type_code: str  # 60-67
    land_code: str
    # None for the few areas directly under a Land without a Kreis record (e.g. 13000999 coastal waters);
    # Berlin and Hamburg have Kreis records of their own ("11000", "02000").
    kreis_ags: str | None
    verband_ars: str
    area_km2: float
    population: int
    population_male: int
    postcode: str  # "" when the file has none (uninhabited areas); the seat's code when there are several
    postcode_unique: bool = True  # False when the file marks several postcodes ("*****")

    @property
    def is_gemeindefrei(self) -> bool:
        return self.type_code in GEMEINDEFREI_TYPES


@dataclass(frozen=True)
class Directory:
    """A parsed GV100AD file. Mappings are in file order; treat them as read-only.

    Records from lines with findings are left out, so an invalid directory is incomplete: import only
    when `valid`.
    """

    gebietsstand: dt.date | None
    laender: Mapping[str, Land] = field(default_factory=dict)
    regierungsbezirke: Mapping[str, Regierungsbezirk] = field(default_factory=dict)
    kreise: Mapping[str, Kreis] = field(default_factory=dict)
    verbaende: Mapping[str, Verband] = field(default_factory=dict)
    gemeinden: Mapping[str, Gemeinde] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    regionen: Mapping[str, Region] = field(default_factory=dict)
    path: str | None = None  # where the data came from, as the caller named it

    @property
    def valid(self) -> bool:
        return not self.findings

    def summary(self) -> dict[str, object]:
        """The counts the CLI prints; `gemeinden` counts all Satzart-60 records, the gemeindefreie Gebiete included."""
        gemeindefrei = sum(1 for g in self.gemeinden.values() if g.is_gemeindefrei)
        return {
            "gebietsstand": self.gebietsstand.isoformat() if self.gebietsstand else None,
            "laender": len(self.laender),
            "regierungsbezirke": len(self.regierungsbezirke),
            "kreise": len(self.kreise),
            "verbaende": len(self.verbaende),
            "gemeinden": len(self.gemeinden),
            "gemeindefreie_gebiete": gemeindefrei,
            "population": sum(g.population for g in self.gemeinden.values()),
        }
