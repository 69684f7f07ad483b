"""Where the shipped municipal reference data lives (data/municipal/ in the repository) and how to load it.

The directory can be moved with the environment variable LICHTERMEER_MUNICIPAL_DATA or by passing `data_dir`
(the Django app passes its own setting), so the engine itself needs no settings module. See
data/municipal/README.md for what each file is and data/SOURCES.md for the attributions.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from typing import Any

from . import gv100ad
from .model import Directory

ENV_VARIABLE = "LICHTERMEER_MUNICIPAL_DATA"
# src/lichtermeer/engines/geo/reference.py -> the repository root is four levels up.
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[4] / "data" / "municipal"
LAENDER_GEOJSON = "laender_vg250_2025-01-01_simpl0.003.geojson"
KREISE_GEOJSON = "kreise_vg250_2025-01-01_simpl0.003.geojson"
COORDINATES_CSV = "gemeinden-koordinaten.csv"
# Six municipalities formed after 2021 have no VG5000-2021 polygon: the centroid of their seat's predecessor.
PREDECESSOR_COORDINATES_CSV = "gemeinden-koordinaten-vorgaenger.csv"
MAX_REFERENCE_BYTES = 20 * 1024 * 1024  # shipped files are trusted, but a replaced one must not eat the memory
_GV100AD_NAME = re.compile(r"GV100AD_(\d{2})(\d{2})(\d{4})\.txt")

# Attribution lines to show wherever the data is displayed (licence terms: see data/SOURCES.md).
ATTRIBUTION_GV100AD = ("Gemeindeverzeichnis (GV100AD, Gebietsstand 30.11.2025): "
                       "© Statistisches Bundesamt (Destatis), 2025")
ATTRIBUTION_BOUNDARIES = "© GeoBasis-DE / BKG 2025 (Daten verändert)"
ATTRIBUTION_COORDINATES = "© GeoBasis-DE / BKG 2021 (Daten verändert)"
BKG_URL = "http://www.bkg.bund.de"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override is not None:
        return Path(override)
    return Path(os.environ.get(ENV_VARIABLE) or DEFAULT_DATA_DIR)


def gv100ad_path(directory: str | os.PathLike[str] | None = None) -> Path:
    """The newest GV100AD_DDMMYYYY.txt in the data directory: dropping in next year's file is enough."""
    folder = data_dir(directory)
    editions = []
    for candidate in folder.glob("GV100AD_*.txt"):
        match = _GV100AD_NAME.fullmatch(candidate.name)
        if match:
            day, month, year = match.groups()
            editions.append((year + month + day, candidate))
    if not editions:
        raise FileNotFoundError(f"no GV100AD_DDMMYYYY.txt in {folder}")
    return max(editions)[1]


def load_directory(directory: str | os.PathLike[str] | None = None) -> Directory:
    return gv100ad.parse_file(gv100ad_path(directory))


def _read_text(path: Path) -> str:
    with open(path, "rb") as handle:
        data = handle.read(MAX_REFERENCE_BYTES + 1)
    if len(data) > MAX_REFERENCE_BYTES:
        raise ValueError(f"{path} is larger than {MAX_REFERENCE_BYTES} bytes")
    return data.decode("utf-8-sig")


def load_coordinates(directory: str | os.PathLike[str] | None = None, *,
                     predecessors: bool = True) -> dict[str, tuple[float, float]]:
    """AGS -> (lat, lon): representative points of the VG5000 2021 polygons.

    With `predecessors` (default) the six municipalities formed since 2021 get the centroid of their seat's
    predecessor; only four special areas (coastal waters, German-Luxembourg condominium) stay without.
    """
    coordinates = {}
    names = [PREDECESSOR_COORDINATES_CSV, COORDINATES_CSV] if predecessors else [COORDINATES_CSV]
    for name in names:
        for row in csv.DictReader(io.StringIO(_read_text(data_dir(directory) / name))):
            coordinates[row["ags"]] = (float(row["lat"]), float(row["lon"]))
    return coordinates


def load_geojson(name: str, directory: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    return json.loads(_read_text(data_dir(directory) / name))
