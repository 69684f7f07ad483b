"""Exports of the urban data platform overview: CSV and GeoJSON, pure functions over selectors.platforms().

CSV choices (documented on the overview page too):
- RFC 4180 with a comma as separator, every cell quoted, CRLF line ends.
- UTF-8 with a byte order mark: Excel then reads umlauts correctly; other tools skip the BOM
  (Python: encoding="utf-8-sig").
- Lists (standards, components) are joined with "; " inside one cell.
- Formula injection is neutralised: a cell that starts with =, +, -, @, a tab or a carriage return gets a
  leading apostrophe, so spreadsheets show it as text instead of running it (OWASP "CSV injection").
  Keys (AGS) are digits and never start with one of these characters, so they stay unchanged.

GeoJSON (RFC 7946): a FeatureCollection of Points at the municipality's representative point (lon, lat);
rows without coordinates are left out and counted in the foreign member `skipped_without_coordinates`
(the web page also sends it as the header X-Skipped-Without-Coordinates).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from .models import UrbanDataPlatform

COLUMNS = ("ags", "municipality", "land", "platform", "url", "standards", "hosting", "operator", "co_use",
           "components")
LIST_SEPARATOR = "; "
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """A spreadsheet cell that cannot be taken for a formula."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def platform_record(platform: UrbanDataPlatform) -> dict:
    """One platform as plain values (lists stay lists); the municipality and Land must be select_related."""
    town = platform.municipality
    return {
        "ags": town.ags,
        "municipality": town.name,
        "land": town.land.name,
        "platform": platform.name,
        "url": platform.url,
        "standards": list(platform.standards or []),
        "hosting": platform.hosting,
        "operator": platform.operator_name,
        "co_use": platform.co_use,
        "components": list(platform.components or []),
    }


def platforms_csv(platforms: Iterable[UrbanDataPlatform]) -> str:
    """The CSV text, beginning with a byte order mark (encode it as UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for platform in platforms:
        record = platform_record(platform)
        writer.writerow([
            neutralise(LIST_SEPARATOR.join(value) if isinstance(value, list) else str(value or ""))
            for value in (record[column] for column in COLUMNS)
        ])
    return BOM + buffer.getvalue()


def platforms_geojson(platforms: Iterable[UrbanDataPlatform]) -> dict:
    features, skipped = [], 0
    for platform in platforms:
        town = platform.municipality
        if town.lat is None or town.lon is None:
            skipped += 1
            continue
        features.append({
            "type": "Feature",
            "id": platform.pk,
            "geometry": {"type": "Point", "coordinates": [round(town.lon, 6), round(town.lat, 6)]},
            "properties": platform_record(platform),
        })
    return {"type": "FeatureCollection", "features": features, "skipped_without_coordinates": skipped}
