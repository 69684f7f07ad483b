"""Builders for GV100AD records, so hostile-input tests can change one field of an otherwise valid file."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA_DIR = REPO / "data" / "municipal"
GV100AD_FILE = DATA_DIR / "GV100AD_30112025.txt"


def record(satzart: str, key: str, name: str, *, date: str = "20251130", verband: str = "", sitz: str = "",
           typ: str = "", area: str = "", population: str = "", male: str = "", plz: str = "",
           several: str = "") -> str:
    """One 220-character record. `key` is Land+RB+Kreis+Gemeinde (positions 11-18), left-aligned."""
    line = (satzart + date + key.ljust(8) + verband.ljust(4) + name.ljust(50)[:50] + sitz.ljust(50)[:50]
            + typ.ljust(2) + " " * 4 + area.rjust(11) + population.rjust(11) + male.rjust(11) + " " * 4
            + plz.ljust(5) + several.ljust(5))
    return line.ljust(220)


def gemeinde(key: str = "01001000", name: str = "Flensburg, Stadt", *, verband: str = "0000", typ: str = "61",
             area: str = "00000005673", population: str = "00000096326", male: str = "00000047651",
             plz: str = "24937", **kwargs) -> str:
    return record("60", key, name, verband=verband, typ=typ, area=area, population=population, male=male,
                  plz=plz, **kwargs)


LAND = record("10", "01", "Schleswig-Holstein", sitz="Kiel")
KREIS = record("40", "01001", "Flensburg, Stadt", sitz="Flensburg", typ="41")
VERBAND = record("50", "01001", "Flensburg, Stadt", verband="0000", typ="50")
GEMEINDE = gemeinde()


def valid_lines() -> list[str]:
    return [LAND, KREIS, VERBAND, GEMEINDE]


def text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"
